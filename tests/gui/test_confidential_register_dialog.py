"""The confidential details register as a user drives it from the Documents tab."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.gui.case_tabs.record_table import RecordTableModel
from plo_tracker.gui.case_workspace import CaseWorkspace
from plo_tracker.gui.documents.confidential_register_dialog import (
    COLUMNS,
    EMPTY,
    FROM_ADULT_TIP,
    ConfidentialRegisterDialog,
)
from plo_tracker.services.case_forms import AdultForm, ChildForm, NewFamilyForm
from tests.gui.documents_world import build_documents_world

WAIT = 10_000


@pytest.fixture
def world(tmp_path: Path):
    built = build_documents_world(tmp_path)
    yield built
    built.services.context.database.dispose()


_OPEN: list[CaseWorkspace] = []  # the dialog's parent must outlive the function opening it


def open_register(qtbot, world, actor=None) -> ConfidentialRegisterDialog:
    workspace = CaseWorkspace(world.services, actor or world.sam, world.family_id)
    qtbot.addWidget(workspace)
    _OPEN[:] = [workspace]
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=WAIT)
    tab = workspace.documents_tab
    assert tab.register_button.isVisibleTo(tab)
    qtbot.mouseClick(tab.register_button, Qt.MouseButton.LeftButton)
    dialog = workspace.findChild(ConfidentialRegisterDialog)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT)
    return dialog


def rows(dialog: ConfidentialRegisterDialog) -> list[tuple[str, str, str]]:
    model = dialog.model
    return [tuple(model.text(row, column) for column in range(3))
            for row in range(model.rowCount())]


def test_adults_confidential_addresses_are_listed_read_only(qtbot, world):
    dialog = open_register(qtbot, world)
    assert rows(dialog) == [("Address", "1 Refuge Road, Leeds LS6 2AB", "from Jade Smith")]
    dialog.view.selectRow(0)
    assert not dialog.remove_button.isEnabled()
    assert dialog.remove_button.toolTip() == FROM_ADULT_TIP


def test_adding_a_phrase_and_refusing_a_short_one_under_the_field(qtbot, world):
    dialog = open_register(qtbot, world)
    dialog.kind.setCurrentIndex(dialog.kind.findData(ConfidentialKind.SCHOOL.value))
    qtbot.keyClicks(dialog.phrase, "Greenfield Primary School")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert ("School or nursery", "Greenfield Primary School", "Added to the register") \
        in rows(dialog)
    assert dialog.phrase.text() == ""
    assert dialog.status.text() == "Added “Greenfield Primary School” to the register."

    qtbot.keyClicks(dialog.phrase, "ab")
    qtbot.keyClick(dialog.phrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.phrase_problem.text()), timeout=WAIT)
    assert dialog.phrase_problem.text().startswith("“ab” is too short to search for safely")
    assert dialog.phrase.text() == "ab"  # what was typed stays
    assert len(rows(dialog)) == 2
    qtbot.keyClick(dialog.phrase, Qt.Key.Key_C)
    assert dialog.phrase_problem.text() == ""  # typing again clears the refusal


def test_removing_a_phrase(qtbot, world):
    world.services.confidential_register.add(world.sam, world.family_id, ConfidentialKind.PHONE,
                                             "07700 900123")
    dialog = open_register(qtbot, world)
    phones = [number for number, row in enumerate(rows(dialog)) if row[1] == "07700 900123"]
    dialog.view.selectRow(phones[0])
    assert dialog.remove_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [row[1] for row in rows(dialog)] == ["1 Refuge Road, Leeds LS6 2AB"]


def test_roles_that_may_not_see_confidential_addresses_have_no_register(qtbot, world):
    workspace = CaseWorkspace(world.services, world.reader, world.family_id)
    qtbot.addWidget(workspace)
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=WAIT)
    assert not workspace.documents_tab.register_button.isVisibleTo(workspace.documents_tab)


def test_register_model_keeps_qts_contract(qtbot, world, qtmodeltester):
    model: RecordTableModel = RecordTableModel(COLUMNS)
    qtmodeltester.check(model)
    model.set_records(world.services.confidential_register.list(world.sam, world.family_id))
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_an_empty_register_says_so(qtbot, world):
    family_id = world.services.families.create(world.admin, NewFamilyForm(
        children=(ChildForm("Evie", "Evans", date_of_birth=date(2025, 3, 1)),),
        adults=(AdultForm("Faye", "Evans", "mother"),),
        team="North", gateway=None, social_worker_id=world.sam.user_id))
    dialog = ConfidentialRegisterDialog(world.services, world.sam, family_id, "Evans")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT)
    assert dialog.table.is_empty()
    assert dialog.table.empty_label.text() == EMPTY
