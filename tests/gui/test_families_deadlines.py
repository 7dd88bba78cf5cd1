"""The families table on the domain's deadline rules: weeks past the target, the working day
to act by, and names too long for their column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.due import DueStatus
from plo_tracker.gui.family_list_view import FamilyListView
from plo_tracker.gui.family_table_model import (
    COL_CHILDREN,
    COL_DUE_DATE,
    COL_FAMILY,
    COL_NEXT_DUE,
    COL_STATUS,
    COL_WEEK,
    QuickFilter,
)
from plo_tracker.gui.full_text_tips import is_cut_short_at, tooltip_at

from .views_world import (
    LONG_SURNAME,
    ViewsWorld,
    add_deadline_families,
    families_view,
    world_fixture,
)

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _prepare(world: ViewsWorld) -> None:
    add_deadline_families(world)
    world.set_surname(world.ids["Foster"], LONG_SURNAME)


world = world_fixture("families-deadlines", _prepare)


@pytest.fixture
def view(qtbot, world) -> FamilyListView:
    return families_view(qtbot, world)


def cell(view: FamilyListView, surname: str, column: int):
    row = view.model.row_of_family(view_world_ids(view)[surname])
    return view.model.index(row, column)


def view_world_ids(view: FamilyListView) -> dict[str, int]:
    return {f.surname if not f.surname.startswith("Feather") else "Foster": f.family_id
            for f in (view.model.family_at(r) for r in range(view.model.rowCount()))}


def test_week_column_says_the_week_or_how_far_past_the_target(view):
    assert cell(view, "Adams", COL_WEEK).data() == "week 13 of 16"
    assert cell(view, "Davies", COL_WEEK).data() == "week 22 of 29"  # extended to 15 Jan
    assert cell(view, "Hughes", COL_WEEK).data() == "5 weeks past the 16-week target"
    tip = cell(view, "Hughes", COL_WEEK).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == ("Day 149 of pre-proceedings, which started Wed 1 Jul 2026 (day 1); "
                   "37 calendar days past the 16-week target")


def test_week_column_sorts_by_day_with_families_past_the_target_last(view):
    model = view.model
    model.sort(COL_WEEK, ASC)
    weeks = [model.index(r, COL_WEEK).data() for r in range(model.rowCount())]
    in_time = [w for w in weeks if w.startswith("week")]
    # Davies, on day 149 but extended, sorts before Hughes on the same day but past the end.
    assert weeks[:len(in_time) + 1] == [*in_time, "5 weeks past the 16-week target"]
    assert in_time[-1] == "week 22 of 29"
    assert weeks[len(in_time) + 1:] == [""] * (len(weeks) - len(in_time) - 1)


def test_act_by_column_gives_the_working_day_and_the_note(view):
    grant = cell(view, "Grant", COL_DUE_DATE)
    assert view.model.headerData(COL_DUE_DATE, Qt.Orientation.Horizontal) == "Act by"
    assert grant.data() == "Fri 27 Nov 2026 (due Sun 29 Nov)"
    assert grant.data(Qt.ItemDataRole.ToolTipRole).endswith(
        "Sun 29 Nov 2026 is a Sunday: finish it by Fri 27 Nov.")
    assert cell(view, "Adams", COL_DUE_DATE).data() == "Tue 8 Sep 2026"  # a working day
    # Due on Sunday, so to be done by Friday: this week, and due soon.
    assert cell(view, "Grant", COL_STATUS).data() == DueStatus.DUE_SOON.value
    view.chips[QuickFilter.DUE_THIS_WEEK].click()
    assert sorted(view.model.family_at(r).surname for r in range(view.model.rowCount())) == [
        "Brown", "Grant"]


def test_decided_to_issue_shows_the_court_application_due(view):
    assert cell(view, "Irwin", COL_NEXT_DUE).data() == "Make the court application"
    assert cell(view, "Irwin", COL_DUE_DATE).data() == "Mon 30 Nov 2026"
    assert cell(view, "Irwin", COL_WEEK).data() == ""


def test_only_text_cut_short_gets_its_full_text_in_the_tooltip(view, qtbot):
    table = view.table
    foster = cell(view, "Foster", COL_FAMILY)
    adams = cell(view, "Adams", COL_FAMILY)
    # The 492-character surname is cut short; "PLO-2026-0001 Adams" fits.
    assert foster.data().endswith(LONG_SURNAME)
    assert table.columnWidth(COL_FAMILY) < 400
    assert tooltip_at(table, foster).startswith(foster.data())
    assert tooltip_at(table, adams) == adams.data(Qt.ItemDataRole.ToolTipRole)
    assert adams.data() not in tooltip_at(table, adams)
    # A column made narrower by hand cuts the children's names short, and says them in full.
    children = cell(view, "Clarke", COL_CHILDREN)
    table.setColumnWidth(COL_CHILDREN, 400)
    assert tooltip_at(table, children) is None
    table.setColumnWidth(COL_CHILDREN, 60)
    assert tooltip_at(table, children) == "Baby (unborn, due 10 Feb)"


def test_columns_fit_the_window_and_keep_a_width_the_user_chose(view, qtbot):
    table, header = view.table, view.table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert used <= table.viewport().width() + 1
    # "Next due" shows the longest item in full at this width.
    longest = max((cell(view, s, COL_NEXT_DUE).data() for s in ("Adams", "Grant")), key=len)
    assert header.sectionSize(COL_NEXT_DUE) > table.fontMetrics().horizontalAdvance(longest)
    header.resizeSection(COL_CHILDREN, 333)  # as a drag does
    view.resize(1000, 500)
    qtbot.waitUntil(lambda: table.viewport().width() < 1000)
    assert header.sectionSize(COL_CHILDREN) == 333


def test_a_narrow_window_keeps_every_column_and_the_status_whole(view, qtbot):
    # A 1366 x 768 laptop at 150% leaves about 750 pixels for the table.
    view.resize(750, 400)
    qtbot.waitUntil(lambda: view.table.viewport().width() < 750)
    header = view.table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= (
        view.table.viewport().width() + 1)
    assert not view.table.horizontalScrollBar().isVisible()
    assert view.minimumSizeHint().width() < 750  # the chips wrap rather than widen it
    model = view.model
    for row in range(model.rowCount()):
        assert not is_cut_short_at(view.table, model.index(row, COL_STATUS))
    assert is_cut_short_at(view.table, model.index(0, COL_NEXT_DUE))  # the rest give way


def test_widths_are_shared_out_down_to_their_floors():
    from plo_tracker.gui.table_headers import share_widths

    assert share_widths([100, 200], [50, 50], 400) == [100, 200]  # room for all
    # 100 too many: each gives up the same share of what it has above its floor.
    assert share_widths([100, 200, 60], [50, 50, 60], 260) == [75, 125, 60]
    # Not even the floors fit: all shrink alike.
    assert share_widths([100, 200], [100, 100], 100) == [50, 50]
