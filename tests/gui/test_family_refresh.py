"""After a save, only the changed family's row is read again: the rest of the list stays."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPersistentModelIndex

from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.gui.family_table_model import (
    COL_FAMILY,
    COL_NEXT_DUE,
    FamilyTableModel,
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
