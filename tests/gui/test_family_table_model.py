"""The families table model: Qt's model contract, columns, sorting and filtering."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from plo_tracker.domain.due import DueStatus
from plo_tracker.domain.stages import Stage
from plo_tracker.gui.family_table_model import (
    COL_CHILDREN,
    COL_DUE_DATE,
    COL_FAMILY,
    COL_NEXT_DUE,
    COL_STAGE,
    COL_STATUS,
    COL_WEEK,
    COL_WORKER,
    COLUMN_COUNT,
    FAMILY_ID_ROLE,
    SORT_ROLE,
    STATUS_ROLE,
    FamilyTableModel,
    QuickFilter,
)
from tests.support import TODAY

from .views_world import world_fixture

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
gui_data = world_fixture("family-model")


@pytest.fixture
def model(qapp, gui_data) -> FamilyTableModel:
    model = FamilyTableModel()
    model.set_families(gui_data.families(), TODAY)
    return model


def texts(model: FamilyTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def surnames(model: FamilyTableModel) -> list[str]:
    return [model.family_at(row).surname for row in range(model.rowCount())]


def test_model_keeps_qts_contract_while_sorted_and_filtered(model, qtmodeltester):
    qtmodeltester.check(model)
    model.sort(COL_DUE_DATE, DESC)
    model.set_search_text("a")
    model.set_quick_filter(QuickFilter.OVERDUE, True)
    model.clear_filters()
    qtmodeltester.check(model)


def test_columns_say_what_a_worker_reads(model, gui_data):
    adams = model.row_of_family(gui_data.ids["Adams"])
    assert model.index(adams, COL_FAMILY).data().endswith(" Adams")
    assert model.index(adams, COL_FAMILY).data().startswith("PLO-2026-")
    assert model.index(adams, COL_CHILDREN).data() == "Ava (6)"
    assert model.index(adams, COL_WORKER).data() == "Sam Okafor"
    assert model.index(adams, COL_STAGE).data() == "Pre-proceedings"
    assert model.index(adams, COL_WEEK).data() == "week 13 of 16"
    assert model.index(adams, COL_NEXT_DUE).data().startswith("Send letter before proceedings")
    assert model.index(adams, COL_DUE_DATE).data() == "Tue 8 Sep 2026"
    assert model.index(adams, COL_STATUS).data() == "Overdue"
    assert model.index(adams, COL_STATUS).data(STATUS_ROLE) is DueStatus.OVERDUE
    assert model.index(adams, COL_WEEK).data(FAMILY_ID_ROLE) == gui_data.ids["Adams"]
    # The status is a word and an icon, never a colour alone; the reason is in the tooltip.
    assert not model.index(adams, COL_STATUS).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "within 5 working days of the gateway decision" in model.index(
        adams, COL_DUE_DATE).data(Qt.ItemDataRole.ToolTipRole)
    clarke = model.row_of_family(gui_data.ids["Clarke"])
    assert model.index(clarke, COL_CHILDREN).data() == "Baby (unborn, due 10 Feb)"
    evans = model.row_of_family(gui_data.ids["Evans"])
    assert model.index(evans, COL_WORKER).data() == "Not allocated"
    assert model.index(evans, COL_WEEK).data() == ""
    assert model.headerData(COL_WEEK, Qt.Orientation.Horizontal) == "Week"


@pytest.mark.parametrize("column", range(COLUMN_COUNT))
@pytest.mark.parametrize("order", [ASC, DESC])
def test_each_column_sorts_with_empty_values_last(model, column, order):
    model.sort(column, order)
    keys = [model.index(row, column).data(SORT_ROLE) for row in range(model.rowCount())]
    present = [k for k in keys if k is not None]
    assert keys == present + [None] * (len(keys) - len(present))
    assert present == sorted(present, reverse=order == DESC)


def test_sorting_means_what_the_column_says(model):
    model.sort(COL_STATUS, ASC)
    statuses = [model.family_at(r).status for r in range(model.rowCount())]
    assert statuses[:2] == [DueStatus.OVERDUE, DueStatus.OVERDUE]
    assert statuses[-1] is DueStatus.CLOSED
    model.sort(COL_STAGE, ASC)
    assert [model.family_at(r).stage for r in range(model.rowCount())][0] is \
        Stage.AWAITING_GATEWAY
    model.sort(COL_DUE_DATE, ASC)
    assert surnames(model)[:2] == ["Davies", "Adams"]  # letters due July, then September
    model.sort(COL_WORKER, DESC)
    assert texts(model, COL_WORKER)[-1] == "Not allocated"
    model.sort(COL_FAMILY, DESC)
    assert texts(model, COL_FAMILY) == sorted(texts(model, COL_FAMILY), reverse=True)


def test_sorting_keeps_the_selected_family(model, gui_data):
    held = QPersistentModelIndex(model.index(model.row_of_family(gui_data.ids["Brown"]), 2))
    model.sort(COL_FAMILY, DESC)
    assert held.isValid()
    assert held.data(FAMILY_ID_ROLE) == gui_data.ids["Brown"]
    assert held.column() == 2


def test_search_matches_ids_children_parents_and_workers(model, gui_data):
    model.set_search_text("ava")
    assert surnames(model) == ["Adams"]
    model.set_search_text("ERIN")  # a parent's name, in any case
    assert surnames(model) == ["Davies"]
    model.set_search_text("jo fielding")  # every word must match
    assert sorted(surnames(model)) == ["Davies", "Foster"]
    plo_id = model.family_at(0).plo_family_id
    model.set_search_text(plo_id)
    assert [model.family_at(0).plo_family_id] == [plo_id]
    model.set_search_text("nobody at all")
    assert model.rowCount() == 0


def test_quick_filters_and_their_counts(model, gui_data):
    model.set_my_user_id(gui_data.sam.user_id)
    assert model.counts() == {
        QuickFilter.OVERDUE: 2,  # Adams and Davies
        QuickFilter.DUE_THIS_WEEK: 1,  # Brown, due Friday
        QuickFilter.UNBORN: 1,
        QuickFilter.EXTENDED: 1,
        QuickFilter.MY_CASES: 3,
    }
    model.set_quick_filter(QuickFilter.OVERDUE, True)
    assert sorted(surnames(model)) == ["Adams", "Davies"]
    model.set_quick_filter(QuickFilter.MY_CASES, True)  # chips narrow together
    assert surnames(model) == ["Adams"]
    model.set_quick_filter(QuickFilter.OVERDUE, False)
    model.set_quick_filter(QuickFilter.MY_CASES, False)
    model.set_quick_filter(QuickFilter.DUE_THIS_WEEK, True)
    assert surnames(model) == ["Brown"]
    model.clear_filters()
    model.set_stage_filter(Stage.AWAITING_GATEWAY)
    assert surnames(model) == ["Evans"]
    model.set_search_text("adams")  # counts follow the search text
    assert model.rowCount() == 0
    assert model.counts()[QuickFilter.OVERDUE] == 0
    model.clear_filters()
    assert model.rowCount() == 6 and not model.has_filters()


def test_new_families_keep_sort_and_filters(model, gui_data):
    model.sort(COL_FAMILY, DESC)
    model.set_quick_filter(QuickFilter.OVERDUE, True)
    model.set_families(gui_data.families(), TODAY)
    assert sorted(surnames(model)) == ["Adams", "Davies"]
    assert surnames(model) == ["Davies", "Adams"]


def test_an_empty_model_answers_safely(qapp):
    model = FamilyTableModel()
    assert model.rowCount() == 0
    assert model.data(QModelIndex()) is None
    assert model.due_this_week_end() is None
    model.sort(COL_STATUS, ASC)
    model.set_search_text("x")
    assert model.row_of_family(1) is None
