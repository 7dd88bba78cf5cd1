"""The families page as a user drives it: typing, chips, the empty state and opening a family."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from plo_tracker.domain.stages import Stage
from plo_tracker.gui.family_list_view import SEARCH_PLACEHOLDER, FamilyListView
from plo_tracker.gui.family_table_model import COL_STATUS, COL_WORKER, QuickFilter

from .views_world import families_view, world_fixture

gui_data = world_fixture("family-list")


@pytest.fixture
def view(qtbot, gui_data) -> FamilyListView:
    return families_view(qtbot, gui_data)


def shown_surnames(view: FamilyListView) -> list[str]:
    return sorted(view.model.family_at(r).surname for r in range(view.model.rowCount()))


def test_search_as_you_type(view, qtbot):
    assert view.search_box.placeholderText() == SEARCH_PLACEHOLDER
    qtbot.keyClicks(view.search_box, "fos")
    assert shown_surnames(view) == ["Foster"]
    qtbot.keyClick(view.search_box, Qt.Key.Key_Backspace)
    # "fo" is in Foster and in Sam Okafor, the worker of three families.
    assert shown_surnames(view) == ["Adams", "Brown", "Clarke", "Foster"]
    view.search_box.clear()
    assert view.model.rowCount() == 6


def test_chips_show_counts_and_filter(view, qtbot):
    chips = view.chips
    assert chips[QuickFilter.OVERDUE].text() == "Overdue (2)"
    assert chips[QuickFilter.DUE_THIS_WEEK].text() == "Due this week (1)"
    assert chips[QuickFilter.UNBORN].text() == "Unborn babies (1)"
    assert chips[QuickFilter.EXTENDED].text() == "Extended (1)"
    assert chips[QuickFilter.MY_CASES].text() == "My cases (3)"
    assert "Sun 29 Nov 2026" in chips[QuickFilter.DUE_THIS_WEEK].toolTip()
    qtbot.mouseClick(chips[QuickFilter.UNBORN], Qt.MouseButton.LeftButton)
    assert shown_surnames(view) == ["Clarke"]
    qtbot.mouseClick(chips[QuickFilter.UNBORN], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(chips[QuickFilter.MY_CASES], Qt.MouseButton.LeftButton)
    assert shown_surnames(view) == ["Adams", "Brown", "Clarke"]
    view.stage_box.setCurrentIndex(view.stage_box.findData(Stage.PRE_PROCEEDINGS))
    assert shown_surnames(view) == ["Adams", "Brown", "Clarke"]
    view.stage_box.setCurrentIndex(view.stage_box.findData(Stage.NOT_ENTERED))
    assert shown_surnames(view) == []


def test_without_a_user_there_is_no_my_cases_chip(qtbot):
    view = FamilyListView()
    qtbot.addWidget(view)
    assert QuickFilter.MY_CASES not in view.chips
    assert view.empty_label.text() == "There are no families yet."


def test_empty_state_offers_to_clear_filters(view, qtbot):
    qtbot.mouseClick(view.chips[QuickFilter.EXTENDED], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.search_box, "zzz")
    assert view.model.rowCount() == 0
    assert view.empty_label.isVisible() and not view.table.isVisible()
    assert view.empty_label.text().startswith("No families match these filters.")
    assert "Clear filters." in view.empty_label.text()
    view.empty_label.linkActivated.emit("clear")  # what clicking the link does
    assert view.model.rowCount() == 6
    assert view.search_box.text() == ""
    assert not view.chips[QuickFilter.EXTENDED].isChecked()
    assert view.table.isVisible()
    qtbot.keyClicks(view.search_box, "zzz")
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 6 and not view.clear_button.isEnabled()


def test_table_is_set_up_for_many_rows(view, qtbot):
    table = view.table
    assert table.isSortingEnabled()
    assert table.horizontalHeader().sortIndicatorSection() == COL_STATUS
    assert table.alternatingRowColors()
    assert table.selectionBehavior() == table.SelectionBehavior.SelectRows
    assert table.verticalHeader().sectionResizeMode(0) == table.verticalHeader().ResizeMode.Fixed
    header = table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(COL_WORKER) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert header.sortIndicatorSection() == COL_WORKER
    workers = [view.model.family_at(r).social_worker for r in range(5)]  # the sixth has none
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert workers == sorted(workers, reverse=descending)


def test_double_click_opens_the_family(view, qtbot, gui_data):
    row = view.model.row_of_family(gui_data.ids["Davies"])
    rect = view.table.visualRect(view.model.index(row, COL_WORKER))
    viewport = view.table.viewport()
    heard: list[int] = []
    view.family_activated.connect(heard.append)
    with qtbot.waitSignal(view.family_activated) as opened:
        # QTest's double-click is only the second click: the view needs the press before it.
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [gui_data.ids["Davies"]]
    assert heard == [gui_data.ids["Davies"]]  # once, not once per click


def test_enter_opens_the_family(view, qtbot, gui_data):
    view.select_family(gui_data.ids["Brown"])
    view.table.setFocus()
    with qtbot.waitSignal(view.family_activated) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [gui_data.ids["Brown"]]


def test_enter_in_the_search_box_opens_a_single_match(view, qtbot, gui_data):
    qtbot.keyClicks(view.search_box, "evie")
    with qtbot.waitSignal(view.family_activated) as opened:
        qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    assert opened.args == [gui_data.ids["Evans"]]


def test_current_family_survives_filtering(view, gui_data):
    view.select_family(gui_data.ids["Adams"])
    view.model.set_quick_filter(QuickFilter.OVERDUE, True)
    assert view.current_family_id() == gui_data.ids["Adams"]
