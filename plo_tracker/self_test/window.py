"""The window, offscreen: the main window on the synthetic families as their administrator,
its icons, the letters' PDF preview (QtPdf) and the Reports page's charts (Qt Charts)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .runner import CheckFailed
from .workspace import Workspace


@contextmanager
def _in_words() -> Iterator[None]:
    """The window side's own sentence becomes the check's."""
    from plo_tracker.gui.self_test_window import WindowProblem

    try:
        yield
    except WindowProblem as problem:
        raise CheckFailed(problem.sentence) from None


def main_window(workspace: Workspace) -> str:
    with _in_words():
        from plo_tracker.gui.self_test_window import close_window, open_main_window

        window, seen = open_main_window(workspace.demo, workspace.admin)
        workspace.extra["window"] = window
        workspace.on_close(lambda: close_window(window))
        return seen


def icons(workspace: Workspace) -> str:
    with _in_words():
        from plo_tracker.gui.self_test_window import icons as draw_icons

        return draw_icons(workspace.extra["window"])


def pdf_preview(workspace: Workspace) -> str:
    with _in_words():
        from plo_tracker.gui.self_test_window import pdf_preview as show_pdf

        return show_pdf(workspace.letter[1])


def charts(_workspace: Workspace) -> str:
    with _in_words():
        from plo_tracker.gui.self_test_window import chart

        return chart()



def user_guide(_workspace: Workspace) -> str:
    with _in_words():
        from plo_tracker.gui.self_test_window import user_guide as show_guide

        return show_guide()
