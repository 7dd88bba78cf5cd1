"""After a save, only the changed family's row is read again: the rest of the list stays."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPersistentModelIndex

from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.gui.family_table_model import (
    COL_DUE_DATE,
    COL_FAMILY,
    COL_NEXT_DUE,
    FamilyTableModel,
    QuickFilter,
    one_move,
    prepare_families,
)
from plo_tracker.gui.main_window import PAGE_FAMILIES, MainWindow
from tests.support import TODAY

from .views_world import add_family, build_views_world

WAIT = 10_000


@pytest.fixture
def world(tmp_path):
    built = build_views_world(tmp_path)
    yield built
    built.close()


def _row_texts(model: FamilyTableModel) -> list[tuple]:
    return [tuple(model.index(row, column).data() for column in range(model.columnCount()))
            for row in range(model.rowCount())]


def test_a_changed_row_takes_the_old_ones_place_and_keeps_sort_and_selection(qtbot, world):
    model = FamilyTableModel()
    model.set_families(world.families(), TODAY)
    model.sort(COL_FAMILY)
    held = QPersistentModelIndex(model.index(2, 0))
    family_id = model.family_at(2).family_id
    before = _row_texts(model)
    adams = world.ids["Adams"]
    for adult in world.services.case_detail.family(world.admin, adams).adults:
        world.services.milestones.record_letter_sent(world.admin, adams, adult.adult_id,
                                                     date(2026, 9, 3), SendMethod.POST)
    changed = world.services.caseload.families(world.admin, on=TODAY, family_ids=[adams])
    with qtbot.assertNotEmitted(model.modelReset):
        model.update_prepared(prepare_families(changed, TODAY))
    after = _row_texts(model)
    row = model.row_of_family(adams)
    # Adams's letters are sent: the next thing is the initial meeting.
    assert after[row][COL_NEXT_DUE] == "Hold the initial pre-proceedings meeting"
    assert before[row][COL_NEXT_DUE] != after[row][COL_NEXT_DUE]
    assert [t for n, t in enumerate(after) if n != row] == [
        t for n, t in enumerate(before) if n != row]
    assert model.family_at(held.row()).family_id == family_id  # the selection stayed put


def test_a_family_new_since_the_load_is_added(qtbot, world):
    model = FamilyTableModel()
    model.set_families(world.families(), TODAY)
    new_id = add_family(world.services, world.admin, "Grant", "Gus", "Hana", world.sam, None)
    model.update_prepared(prepare_families(
        world.services.caseload.families(world.admin, on=TODAY, family_ids=[new_id]), TODAY))
    assert model.total_count() == 7
    assert model.row_of_family(new_id) is not None


def test_a_save_in_a_family_tab_refreshes_only_that_row(qtbot, world, monkeypatch):
    window = MainWindow(world.services, world.admin, "This computer")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.families_loaded, timeout=WAIT):
        pass
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=WAIT)
    asked: list[list[int] | None] = []
    families = world.services.caseload.families

    def spy(actor, on=None, family_ids=None):
        asked.append(family_ids)
        return families(actor, on=on, family_ids=family_ids)

    monkeypatch.setattr(world.services.caseload, "families", spy)
    brown = world.ids["Brown"]
    workspace = window.open_family(brown)
    qtbot.waitUntil(workspace.is_showing_family, timeout=WAIT)
    for adult in workspace.detail().adults:
        world.services.milestones.record_letter_sent(world.admin, brown, adult.adult_id,
                                                     TODAY, SendMethod.HAND)
    with qtbot.assertNotEmitted(window.families_loaded), \
            qtbot.waitSignal(window.family_refreshed, timeout=WAIT) as refreshed:
        workspace.changed.emit(brown)  # as a dialog's save does
    assert refreshed.args == [brown]
    assert asked == [[brown]]  # one family read, not the whole list
    window.show_page(PAGE_FAMILIES)
    model = window.families_view.model
    row = model.row_of_family(brown)
    assert model.index(row, COL_NEXT_DUE).data() == "Hold the initial pre-proceedings meeting"


def test_after_a_save_the_due_list_is_read_again_once_the_row_is_in(qtbot, world, monkeypatch):
    """Read side by side, the due list's read held the row's back; now it waits its turn."""
    window = MainWindow(world.services, world.admin, "This computer")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=WAIT)
    brown = world.ids["Brown"]
    workspace = window.open_family(brown)
    qtbot.waitUntil(workspace.is_showing_family, timeout=WAIT)
    reads: list[str] = []
    families, due = world.services.caseload.families, world.services.caseload.due

    def read_families(*args, **kwargs):
        reads.append("row read")
        result = families(*args, **kwargs)
        reads.append("row done")
        return result

    def read_due(*args, **kwargs):
        reads.append("due list read")
        return due(*args, **kwargs)

    monkeypatch.setattr(world.services.caseload, "families", read_families)
    monkeypatch.setattr(world.services.caseload, "due", read_due)
    world.services.milestones.add_note(world.admin, brown, "Phoned the school.")
    with qtbot.waitSignal(window.my_work_view.loaded, timeout=WAIT):
        workspace.changed.emit(brown)  # as a dialog's save does
    assert reads == ["row read", "row done", "due list read"]


def _send_letters(world, family_id: int, on: date) -> None:
    for adult in world.services.case_detail.family(world.admin, family_id).adults:
        world.services.milestones.record_letter_sent(world.admin, family_id, adult.adult_id,
                                                     on, SendMethod.POST)


def _fresh_row(world, family_id: int):
    return prepare_families(
        world.services.caseload.families(world.admin, on=TODAY, family_ids=[family_id]), TODAY)


def _ids(model: FamilyTableModel) -> list[int]:
    return [model.family_at(row).family_id for row in range(model.rowCount())]


def test_a_row_that_keeps_its_place_is_repainted_alone(qtbot, world):
    model = FamilyTableModel()
    model.set_families(world.families(), TODAY)
    model.sort(COL_FAMILY)
    adams = world.ids["Adams"]
    row = model.row_of_family(adams)
    order = _ids(model)
    _send_letters(world, adams, date(2026, 9, 3))
    with qtbot.assertNotEmitted(model.layoutChanged), \
            qtbot.assertNotEmitted(model.modelReset), \
            qtbot.waitSignal(model.dataChanged, timeout=WAIT) as changed:
        model.update_prepared(_fresh_row(world, adams))
    first, last = changed.args[:2]
    assert (first.row(), last.row(), first.column(), last.column()) == (row, row, 0, 7)
    assert _ids(model) == order


def test_a_row_that_moves_in_the_sort_is_moved_alone_and_stays_selected(qtbot, world):
    model = FamilyTableModel()
    model.set_families(world.families(), TODAY)
    model.sort(COL_DUE_DATE)
    ids = world.ids
    assert _ids(model)[:4] == [ids["Davies"], ids["Adams"], ids["Brown"], ids["Clarke"]]
    held = QPersistentModelIndex(model.index(1, COL_FAMILY))  # Adams, selected
    # Letters sent today: the initial meeting is due within 10 working days of Thu 26 Nov
    # (27, 30 Nov, 1-4, 7-10 Dec), Thu 10 Dec 2026, after Clarke's letter (Wed 2 Dec).
    _send_letters(world, ids["Adams"], TODAY)
    with qtbot.assertNotEmitted(model.layoutChanged), \
            qtbot.waitSignal(model.rowsMoved, timeout=WAIT):
        model.update_prepared(_fresh_row(world, ids["Adams"]))
    assert _ids(model)[:4] == [ids["Davies"], ids["Brown"], ids["Clarke"], ids["Adams"]]
    assert model.index(3, COL_DUE_DATE).data() == "Thu 10 Dec 2026"
    assert held.row() == 3 and model.family_at(held.row()).family_id == ids["Adams"]


def test_a_row_that_leaves_a_filter_is_taken_out_of_the_view(qtbot, world):
    model = FamilyTableModel()
    model.set_families(world.families(), TODAY)
    model.set_quick_filter(QuickFilter.OVERDUE, True)
    adams = world.ids["Adams"]
    assert adams in _ids(model)
    _send_letters(world, adams, TODAY)  # nothing of Adams's is overdue any more
    with qtbot.waitSignal(model.layoutChanged, timeout=WAIT):
        model.update_prepared(_fresh_row(world, adams))
    assert adams not in _ids(model)
    assert model.counts()[QuickFilter.OVERDUE] == len(_ids(model))


@pytest.mark.parametrize(("before", "after", "move"), [
    ([1, 2, 3, 4], [1, 2, 3, 4], None),  # nothing moved
    ([1, 2, 3, 4], [1, 3, 4, 2], (1, 3)),  # 2 moved down
    ([1, 2, 3, 4], [4, 1, 2, 3], (3, 0)),  # 4 moved up to the top
    ([1, 2, 3, 4], [2, 1, 3, 4], (0, 1)),  # two neighbours swapped: one move
    ([1, 2, 3, 4], [2, 1, 4, 3], None),  # two moves
    ([1, 2, 3, 4], [1, 2, 3], None),  # one gone
])
def test_one_move_is_told_from_any_other_change(before, after, move):
    assert one_move(before, after) == move
