"""Window fixtures: a small database made through the services, one for each test module."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from tests.gui.views_world import ViewsWorld, build_views_world

_GUI_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns whenever a top-level window with a layout is shown; that
    # says nothing about our code, and warnings otherwise fail the test.
    ignore = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
    for item in items:
        if _GUI_TESTS in item.path.parents:
            item.add_marker(ignore)


@pytest.fixture(scope="module")
def gui_data(tmp_path_factory: pytest.TempPathFactory) -> ViewsWorld:
    """Six families, one of each kind the chips pick out, in a database of the module's own
    (so no other module's changes reach it)."""
    world = build_views_world(tmp_path_factory.mktemp("gui-db"))
    yield world
    world.close()


@pytest.fixture(autouse=True)
def _no_running_workers():
    """A test must not end with a background load still running into the next one."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
