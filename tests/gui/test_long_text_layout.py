"""No text breaks the layout: a surname 500 characters long, as old data could hold, opened
in the main window on a 1366 x 768 laptop screen, shortens where it shows instead of
widening the window (it once grew to 10,816 pixels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from plo_tracker.gui.family_table_model import COL_FAMILY
from plo_tracker.gui.full_text_tips import tooltip_at
from plo_tracker.gui.main_window import PAGE_FAMILIES, MainWindow
from plo_tracker.gui.my_work_view import COL_FAMILY as MY_WORK_FAMILY

from .views_world import LONG_SURNAME, world_fixture

WIDTH, HEIGHT = 1366, 768


# Adams is overdue: on My work as well as the families table.
world = world_fixture("long-text", lambda w: w.set_surname(w.ids["Adams"], LONG_SURNAME))


@pytest.fixture
def window(qtbot, world) -> MainWindow:
    window = MainWindow(world.services, world.admin, "This computer")
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    yield window
    QThreadPool.globalInstance().waitForDone(10_000)


def test_opening_the_family_keeps_the_window_its_size(qtbot, window, world):
    workspace = window.open_family(world.ids["Adams"])
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=10_000)
    qtbot.wait(20)  # let the layouts settle
    assert window.width() == WIDTH
    assert window.minimumSizeHint().width() <= WIDTH
    assert workspace.width() < WIDTH
    title = workspace.header.title
    assert title.text().endswith(LONG_SURNAME)
    assert title.is_elided() and title.width() < WIDTH
    assert LONG_SURNAME in title.toolTip()
    tab = window.tabs.indexOf(workspace)
    assert len(window.tabs.tabText(tab)) < 40 and window.tabs.tabText(tab).endswith("…")
    assert window.tabs.tabToolTip(tab).endswith(LONG_SURNAME)
    assert window.tabs.tabBar().tabRect(tab).width() < WIDTH // 3


def test_the_families_table_and_my_work_shorten_the_name(qtbot, window, world):
    my_work = window.my_work_view.tree
    model = window.my_work_view.model
    overdue = model.index(0, 0)
    rows = [model.index(r, MY_WORK_FAMILY, overdue) for r in range(model.rowCount(overdue))]
    adams = next(index for index in rows if index.data().endswith(LONG_SURNAME))
    assert my_work.columnWidth(MY_WORK_FAMILY) < 400
    assert tooltip_at(my_work, adams).startswith(adams.data())
    window.show_page(PAGE_FAMILIES)
    table = window.families_view.table
    row = window.families_view.model.row_of_family(world.ids["Adams"])
    family = window.families_view.model.index(row, COL_FAMILY)
    assert table.columnWidth(COL_FAMILY) < 400
    assert tooltip_at(table, family).startswith(family.data())
    assert window.width() == WIDTH
