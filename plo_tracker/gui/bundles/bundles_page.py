"""The Bundles page: hearings coming up, bundles in progress, and the versions last built."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from ..background_page import BackgroundPage
from ..problem_text import problem_text
from ..record_list import RecordList
from .hearing_form import hearing_text, moment_text

START_HINT = ("To start one, open the family and choose Court bundle… from its Record… menu.")
EMPTY_UPCOMING = "No hearings with a bundle in the next four weeks. " + START_HINT
EMPTY_IN_PROGRESS = "No bundles in progress. " + START_HINT
EMPTY_BUILT = ("No bundle has been built yet. Open a bundle, place its documents and press "
               "Build….")
# Each list: its heading, its columns, and the words when it is empty.
LISTS = {
    "upcoming": ("Hearings coming up",
                 ("Hearing", "Family", "Court", "Case number", "Bundle"), EMPTY_UPCOMING),
    "in_progress": ("Bundles in progress",
                    ("Family", "Hearing", "Court", "Case number", "Bundle"), EMPTY_IN_PROGRESS),
    "last_built": ("Last built",
                   ("Family", "Version", "Built", "By", "Pages"), EMPTY_BUILT),
}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def bundle_status(summary) -> str:
    """The bundle in words: "Not built yet", "Version 2 built, not issued", "Issued
    (version 2)", with documents placed since the last build."""
    if not summary.versions:
        status = "Not built yet"
    elif summary.issued_at is not None:
        status = f"Issued (version {summary.versions} is the latest)"
    else:
        status = f"Version {summary.versions} built, not issued"
    waiting = getattr(summary, "waiting", 0)
    if waiting and summary.versions:
        status += f"; {_plural(waiting, 'document')} placed since"
    return status


def family_text(summary) -> str:
    name = getattr(summary, "family_name", "")
    return f"{summary.plo_family_id} {name}".strip()


def _rows(key: str, entries: Sequence) -> list[tuple[int, list[str]]]:
    if key == "last_built":
        return [(e.bundle.bundle_id, [family_text(e.bundle), f"Version {e.number}"
                                      + (" (issued)" if e.issued else ""),
                                      moment_text(e.built_at), e.built_by,
                                      f"{e.page_count:,}"]) for e in entries]
    rows = []
    for e in entries:
        when, family = hearing_text(e.hearing_at), family_text(e)
        first = [when, family] if key == "upcoming" else [family, when]
        rows.append((e.bundle_id, [*first, e.court, e.case_number, bundle_status(e)]))
    return rows


class _BundleList(RecordList):
    """A heading, a list of bundles, and what to do when it is empty."""

    def __init__(self, key: str, page: BundlesPage) -> None:
        heading, columns, empty = LISTS[key]
        super().__init__(heading, columns, empty, "Enter or double-click to open the bundle",
                         page.bundle_activated.emit)


class BundlesPage(BackgroundPage, QWidget):
    """Loaded in the background when first shown and on ``reload()``.

    ``bundle_activated(bundle_id)`` when a row is opened (Enter or double-click).
    """

    bundle_activated = Signal(int)
    loaded = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self._start_background_page()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.lists = {key: _BundleList(key, self) for key in LISTS}
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        for key in LISTS:
            layout.addWidget(self.lists[key], 1)
        self.status.hide()

    loading_text = "Loading bundles…"

    def _read(self):
        services, actor = self.services, self.actor
        return lambda: services.bundles.overview(actor)

    def is_loading(self) -> bool:
        return self._task is not None

    def _arrived(self, overview) -> None:
        self._task = None
        self.status.hide()
        self.lists["upcoming"].set_rows(_rows("upcoming", overview.upcoming))
        self.lists["in_progress"].set_rows(_rows("in_progress", overview.in_progress))
        self.lists["last_built"].set_rows(_rows("last_built", overview.last_built))
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.status.setText(problem_text(error, "The bundles could not be loaded."))
        self.status.show()
        self.loaded.emit()
