"""The settings dialog: checked as typed, saved in the background, read only for most roles."""

from __future__ import annotations

import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.timescales import Timescales
from plo_tracker.gui.my_work_view import COL_DUE, COL_FAMILY, COL_LATE, MyWorkView, Scope
from plo_tracker.gui.settings_dialog import (
    NOT_SAVED,
    SAVED,
    SAVED_RECALCULATED,
    SettingsDialog,
)

from .test_my_work_view import DueWorld, build_due_world, rows

COUNCIL = "Northshire County Council"
LETTER = "letter_working_days"


def _world(folder: Path) -> DueWorld:
    world = build_due_world(folder)
    current = world.services.settings.current()
    world.services.settings.save(world.admin, replace(
        current, council=replace(current.council, name=COUNCIL)))
    return world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> DueWorld:
    """Shared by the tests that save nothing."""
    built = _world(tmp_path_factory.mktemp("settings"))
    yield built
    built.database.dispose()


@pytest.fixture
def own_world(tmp_path: Path) -> DueWorld:
    """A database of this test's own, for tests that save."""
    built = _world(tmp_path)
    yield built
    built.database.dispose()


def open_dialog(qtbot, world: DueWorld, actor=None) -> SettingsDialog:
    dialog = SettingsDialog(world.services, actor or world.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # keyboard shortcuts need the active window
    return dialog


def type_into(qtbot, dialog: SettingsDialog, field: str, text: str) -> None:
    spin = dialog.timescales[field].spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Delete)
    qtbot.keyClicks(spin, text)


def shown_error(dialog: SettingsDialog, field: str) -> str | None:
    label = dialog.timescales[field].error
    return label.text() if label.isVisibleTo(dialog) else None


def test_each_timescale_shows_its_value_unit_and_default(qtbot, world):
    dialog = open_dialog(qtbot, world)
    assert list(dialog.timescales) == [f.name for f in fields(Timescales)]
    letter = dialog.timescales[LETTER]
    assert letter.label.text() == "Letter before proceedings"
    assert letter.spin.value() == 5
    assert letter.unit_label.text() == "within 5 working days of the gateway decision"
    assert "counting starts on the working day after" in letter.spin.toolTip()
    assert "local practice" in letter.spin.toolTip()
    assert letter.default_label.text() == "Default: 5 working days"
    assert dialog.timescales["target_weeks"].default_label.text() == "Default: 16 weeks"
    assert dialog.timescales["due_soon_days"].default_label.text() == "Default: 7 calendar days"
    type_into(qtbot, dialog, "review_interval_weeks", "1")
    assert dialog.timescales["review_interval_weeks"].unit_label.text() == (
        "1 week after the last meeting")
    assert dialog.timescales["proceedings_weeks"].unit_label.text() == (
        "within the 26 weeks beginning with the day the application was issued")
    assert "s.32(1)(a)(ii) Children Act 1989" in \
        dialog.timescales["proceedings_weeks"].spin.toolTip()
    assert dialog.council_name.text() == COUNCIL
    assert dialog.has_changes()
    assert dialog.save_button.isEnabled()


def test_out_of_range_value_is_explained_and_save_waits(qtbot, world):
    dialog = open_dialog(qtbot, world)
    type_into(qtbot, dialog, LETTER, "45")
    assert shown_error(dialog, LETTER) == "Enter a whole number of working days from 1 to 30."
    assert not dialog.save_button.isEnabled()
    type_into(qtbot, dialog, LETTER, "")
    assert shown_error(dialog, LETTER) == "Enter a whole number of working days from 1 to 30."
    type_into(qtbot, dialog, "target_weeks", "3")
    assert shown_error(dialog, "target_weeks") == "Enter a whole number of weeks from 4 to 52."
    type_into(qtbot, dialog, LETTER, "7")
    type_into(qtbot, dialog, "target_weeks", "20")
    assert shown_error(dialog, LETTER) is None
    assert shown_error(dialog, "target_weeks") is None
    assert dialog.save_button.isEnabled()
    dialog.council_name.clear()
    qtbot.keyClicks(dialog.council_name, "   ")
    assert dialog.name_error.isVisibleTo(dialog)
    assert dialog.name_error.text() == "Enter the council's name; it appears on every letter."
    assert not dialog.save_button.isEnabled()
    dialog.save()  # Ctrl+S while refused does nothing
    assert not dialog.is_saving()
    dialog.council_name.setText(COUNCIL)
    assert dialog.save_button.isEnabled()


def test_restore_defaults_puts_every_timescale_back(qtbot, world):
    dialog = open_dialog(qtbot, world)
    type_into(qtbot, dialog, LETTER, "9")
    type_into(qtbot, dialog, "proceedings_weeks", "30")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.form_settings().timescales == Timescales()
    assert not dialog.has_changes()


def test_saving_a_new_letter_deadline_moves_the_due_dates(qtbot, own_world):
    world = own_world
    view = MyWorkView(world.services, world.jo)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.set_scope(Scope.TEAM)
    brown, clarke = world.plo_ids["Brown"], world.plo_ids["Clarke"]
    before = dict(zip(rows(view, COL_FAMILY), rows(view, COL_DUE), strict=False))
    assert before[brown] == "Fri 27 Nov 2026"
    assert before[clarke] == "Wed 2 Dec 2026"

    dialog = open_dialog(qtbot, world)
    type_into(qtbot, dialog, LETTER, "3")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert dialog.is_saving()
        assert dialog.busy.isVisible()
        assert not dialog.save_button.isEnabled()
        dialog.reject()  # closing waits for the save to finish
        assert dialog.isVisible()
    assert saved.args[0].timescales.letter_working_days == 3
    assert world.services.settings.current().timescales.letter_working_days == 3
    assert dialog.isVisible()  # it stays open to say what happened
    assert dialog.status_label.text() == SAVED_RECALCULATED
    assert not dialog.busy.isVisible()
    assert not dialog.save_button.isEnabled()  # nothing new to save

    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    after = dict(zip(rows(view, COL_FAMILY), zip(rows(view, COL_DUE), rows(view, COL_LATE),
                                                 strict=True), strict=False))
    assert after[brown] == ("Wed 25 Nov 2026", "1 calendar day")  # now overdue
    assert after[clarke] == ("Mon 30 Nov 2026", "")
    dialog.reject()
    assert not dialog.isVisible()  # saved, so nothing to ask about


def test_saving_only_the_councils_details_says_saved(qtbot, own_world):
    dialog = open_dialog(qtbot, own_world)
    dialog.council_phone.setText("01632 960123")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == SAVED
    assert own_world.services.settings.current().council.phone == "01632 960123"


def test_the_sign_in_settings_are_typed_checked_and_saved(qtbot, own_world):
    dialog = open_dialog(qtbot, own_world)
    idle = dialog.numbers["accounts"]["idle_lock_minutes"]
    assert (idle.value(), dialog.numbers["accounts"]["lockout_minutes"].value()) == (15, 15)
    idle.setFocus()
    idle.selectAll()
    qtbot.keyClick(idle, Qt.Key.Key_Delete)
    qtbot.keyClicks(idle, "0")
    problem = dialog.number_errors["accounts"]["idle_lock_minutes"]
    assert problem.isVisibleTo(dialog)
    assert problem.text() == "The idle lock must last from 1 to 1,440 minutes (a day)."
    assert not dialog.save_button.isEnabled()
    idle.selectAll()
    qtbot.keyClicks(idle, "30")
    assert not problem.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert own_world.services.settings.current().accounts.idle_lock_minutes == 30


def test_the_shared_documents_folder_must_be_a_whole_path(qtbot, own_world, tmp_path):
    dialog = open_dialog(qtbot, own_world)
    assert dialog.shared_folder.text() == ""  # beside the database file
    qtbot.keyClicks(dialog.shared_folder, "plo-documents")
    assert dialog.shared_folder_error.isVisibleTo(dialog)
    assert "whole path" in dialog.shared_folder_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.shared_folder.clear()
    folder = str(tmp_path / "team-documents")
    qtbot.keyClicks(dialog.shared_folder, folder)
    assert not dialog.shared_folder_error.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert own_world.services.settings.current().documents.shared_folder == folder


@pytest.mark.parametrize(("error", "message"), [
    (ValidationFailed({f"timescales.{LETTER}": "Refused by the service."}), NOT_SAVED),
    (DomainError("The database is read only."), "Not saved. The database is read only."),
    (RuntimeError("disk I/O error"),
     "Not saved. Something went wrong on our side; nothing was changed. Try again in a minute; "
     "if it keeps happening, tell your IT service desk."),
], ids=["refused-by-the-service", "domain-error", "unexpected-error"])
def test_a_failed_save_keeps_the_dialog_open_with_what_was_typed(
        qtbot, world, monkeypatch, error, message):
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, trace: reported.append(value))

    def refuse(*_args):
        raise error

    monkeypatch.setattr(world.services.settings, "save", refuse)
    dialog = open_dialog(qtbot, world)
    type_into(qtbot, dialog, LETTER, "8")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.is_saving()
        qtbot.waitUntil(lambda: not dialog.is_saving())
    assert dialog.isVisible()
    assert dialog.timescales[LETTER].spin.value() == 8
    assert dialog.problem_label.isVisibleTo(dialog)
    assert dialog.problem_label.text() == message
    assert dialog.save_button.isEnabled()  # free to try again
    if isinstance(error, ValidationFailed):
        assert shown_error(dialog, LETTER) == "Refused by the service."
    assert reported == ([error] if isinstance(error, RuntimeError) else [])


def test_closing_with_unsaved_changes_asks_first(qtbot, world):
    dialog = open_dialog(qtbot, world)
    type_into(qtbot, dialog, LETTER, "9")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None and box.isVisible()
    assert box.text() == "You have changed settings that are not saved. Discard the changes?"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.timescales[LETTER].spin.value() == 9
    dialog.reject()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.discard_box.button(QMessageBox.StandardButton.Discard),
                         Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert world.services.settings.current().timescales.letter_working_days == 5


def test_a_social_worker_reads_the_settings_but_cannot_change_them(qtbot, world):
    dialog = open_dialog(qtbot, world, world.jo)
    assert dialog.windowTitle() == "Settings (read only)"
    assert dialog.intro.text().startswith(
        "Only an administrator can change these settings. You are signed in as a social worker")
    assert dialog.save_button is None
    assert dialog.restore_button.isHidden()
    letter = dialog.timescales[LETTER]
    assert letter.spin.isReadOnly() and letter.spin.value() == 5
    assert letter.default_label.text() == "Default: 5 working days"
    assert dialog.council_name.isReadOnly() and dialog.council_name.text() == COUNCIL
    assert dialog.council_address.isReadOnly()
    qtbot.keyClicks(letter.spin, "9")
    assert letter.spin.value() == 5
    dialog.save()  # Ctrl+S does nothing
    assert not dialog.is_saving()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing to discard, so no question
    assert dialog.discard_box is None



