"""The chronology dialog, the minutes dialog and the form fields that feed them, driven as a
user would: typing, clicking, and the keyboard.

1 September 2026 is a Tuesday; 3 September a Thursday; 17 September a Thursday.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from plo_tracker.domain.vocabulary import MeetingKind, SendMethod
from plo_tracker.gui.case_tabs.case_data import CaseData
from plo_tracker.gui.case_tabs.meetings_tab import MeetingsTab
from plo_tracker.gui.chronology_dialog import COL_DATE, COL_EVENT, COL_SOURCE
from plo_tracker.gui.minutes_dialog import MISSING_INTRO, MinutesDialog

from .forms_conftest_helpers import (
    build_forms_world,
    click,
    never_block,
    open_form,
    save,
    saved,
)

# Return in a cell's editor commits it, and Qt then warns once more as the closed editor loses
# the focus (offscreen only; the value is kept all the same, as the tests check). The mark
# repeats the one tests/gui/conftest.py gives every test, which it replaces.
EDITS_CELLS = pytest.mark.qt_log_ignore("propagateSizeHints",
                                        "commitData called with an editor that does not belong")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("chronology"))
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


def _letters_sent(world) -> int:
    family_id = world.family()
    for adult in world.detail(family_id).adults:
        world.services.milestones.record_letter_sent(world.manager, family_id, adult.adult_id,
                                                     date(2026, 9, 3), SendMethod.POST)
    return family_id


def _rows(dialog) -> list[tuple[str, str, str, str]]:
    table = dialog.table
    return [tuple(table.item(row, column).text() for column in range(4))
            for row in range(table.rowCount())]


def _edit(qtbot, dialog, row: int, column: int, text: str) -> None:
    """Type over a cell as a user does: select it, F2, type, Enter."""
    table = dialog.table
    table.setCurrentCell(row, column)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


@EDITS_CELLS
def test_the_chronology_is_drawn_edited_moved_and_saved(qtbot, world):
    family_id = _letters_sent(world)
    dialog = open_form(qtbot, world, "chronology", family_id)
    assert _rows(dialog) == [
        ("1", "Tue 1 Sep 2026", "Legal gateway decision: Enter pre-proceedings.",
         "Gateway decision record"),
        ("2", "Thu 3 Sep 2026", "Letter before proceedings sent to Jade Testcase (post).",
         "Letter"),
        ("3", "Thu 3 Sep 2026", "Letter before proceedings sent to Liam Testcase (post).",
         "Letter"),
    ]
    assert dialog.status.text() == "3 new entries drawn from the record, not saved yet."

    _edit(qtbot, dialog, 0, COL_EVENT, "Panel agreed to start pre-proceedings.")
    click(qtbot, dialog.add_button)
    editor = QApplication.focusWidget()  # the new entry's event, open for typing
    qtbot.keyClicks(editor, "Strategy discussion with the police.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _edit(qtbot, dialog, 3, COL_DATE, "20/08/2026")
    _edit(qtbot, dialog, 3, COL_SOURCE, "Case note 20 Aug 2026")
    # Ctrl+Up three times moves the new entry to the top.
    dialog.table.selectRow(3)
    dialog.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, dialog.save_button)
    assert dialog.problem.text() == ""
    assert dialog.status.text() == "Saved: 4 entries."
    assert [row[:3] for row in _rows(dialog)] == [
        ("1", "Thu 20 Aug 2026", "Strategy discussion with the police."),
        ("2", "Tue 1 Sep 2026", "Panel agreed to start pre-proceedings."),
        ("3", "Thu 3 Sep 2026", "Letter before proceedings sent to Jade Testcase (post)."),
        ("4", "Thu 3 Sep 2026", "Letter before proceedings sent to Liam Testcase (post)."),
    ]
    # 20 August 2026 is a Thursday.
    dialog.close()
    assert dialog.result() == QDialog.DialogCode.Accepted

    again = world.services.chronology.draw(world.worker, family_id)
    assert [line.event for line in again.lines][:2] == [
        "Strategy discussion with the police.", "Panel agreed to start pre-proceedings."]


def test_a_removed_entry_does_not_come_back_when_drawn_again(qtbot, world):
    family_id = _letters_sent(world)
    dialog = open_form(qtbot, world, "chronology", family_id)
    dialog.table.selectRow(1)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    click(qtbot, dialog.draw_button)
    assert dialog.status.text() == "Nothing new in the record. Changes not saved yet."
    click(qtbot, dialog.save_button)
    world.services.milestones.record_meeting_held(
        world.manager, family_id, MeetingKind.INITIAL_PPM, date(2026, 9, 17))
    click(qtbot, dialog.draw_button)
    assert [row[1:3] for row in _rows(dialog)] == [
        ("Tue 1 Sep 2026", "Legal gateway decision: Enter pre-proceedings."),
        ("Thu 3 Sep 2026", "Letter before proceedings sent to Liam Testcase (post)."),
        ("Thu 17 Sep 2026", "Initial pre-proceedings meeting held."),
    ]
    assert dialog.status.text() == "1 new entry drawn from the record, not saved yet."


@EDITS_CELLS
def test_problems_show_under_the_table_in_plain_words(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "chronology", family_id)
    _edit(qtbot, dialog, 0, COL_DATE, "31/02/2026")
    click(qtbot, dialog.save_button)
    assert dialog.problem.text() == ("Entry 1: '31/02/2026' is not a date. Type it as "
                                     "day/month/year, for example 03/03/2026.")
    _edit(qtbot, dialog, 0, COL_DATE, "01/09/2026")
    _edit(qtbot, dialog, 0, COL_SOURCE, "")
    click(qtbot, dialog.save_button)
    assert dialog.problem.text() == ("Entry 1: say where it is recorded, e.g. “Case note 14 "
                                     "Mar 2026”.")
    assert world.services.chronology.draw(world.worker, family_id).unsaved == 1


def test_an_empty_chronology_says_what_to_do(qtbot, world):
    family_id = world.family(gateway=None)
    dialog = open_form(qtbot, world, "chronology", family_id)
    assert dialog.table.rowCount() == 0
    assert dialog.empty.isVisible()
    assert not dialog.remove_button.isEnabled()


def test_a_note_can_be_marked_for_the_chronology(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "note", family_id)
    qtbot.keyClicks(dialog.text, "Home visit: the children were well.")
    click(qtbot, dialog.for_chronology)
    save(qtbot, dialog)
    assert saved(dialog)
    dialog = open_form(qtbot, world, "note", family_id)
    qtbot.keyClicks(dialog.text, "Phoned the school.")
    save(qtbot, dialog)
    events = [line.event for line in
              world.services.chronology.draw(world.worker, family_id).lines]
    assert "Home visit: the children were well." in events
    assert "Phoned the school." not in events


def _held_meeting(qtbot, world, agreed: str) -> tuple[int, int]:
    """Record the initial meeting as held through its form, as the worker does."""
    family_id = _letters_sent(world)
    world.services.milestones.schedule_meeting(world.manager, family_id,
                                               MeetingKind.INITIAL_PPM, date(2026, 9, 17))
    dialog = open_form(qtbot, world, "meeting_held", family_id)
    dialog.held_on.edit.clear()
    qtbot.keyClicks(dialog.held_on.edit, "17/09/2026")
    qtbot.keyClicks(dialog.attendance, "Jade and Liam Testcase, Sam Okafor")
    qtbot.keyClicks(dialog.agreed, agreed)
    save(qtbot, dialog)
    assert saved(dialog)
    meeting = world.detail(family_id).episode.meetings[0]
    return family_id, meeting.meeting_id


def test_what_was_agreed_is_kept_and_the_minutes_are_shown(qtbot, world):
    family_id, meeting_id = _held_meeting(qtbot, world, "Both parents join the course.")
    assert world.detail(family_id).episode.meetings[0].agreed == "Both parents join the course."
    dialog = MinutesDialog(world.services, world.worker, meeting_id,
                           "Initial pre-proceedings meeting")
    qtbot.addWidget(dialog)
    assert dialog.missing == ()
    assert dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.preview.page_count() == 1)
    assert "Both parents join the course." in dialog.preview.page_text()


def test_minutes_of_a_meeting_missing_what_was_agreed_say_so(qtbot, world):
    _family_id, meeting_id = _held_meeting(qtbot, world, "")
    dialog = MinutesDialog(world.services, world.worker, meeting_id,
                           "Initial pre-proceedings meeting")
    qtbot.addWidget(dialog)
    assert dialog.intro.text() == f"{MISSING_INTRO}\n• What was agreed is not recorded."
    assert not dialog.save_button.isEnabled()


def test_a_held_meeting_missing_what_was_agreed_is_completed_then_minuted(qtbot, world):
    family_id, meeting_id = _held_meeting(qtbot, world, "")
    minutes = MinutesDialog(world.services, world.worker, meeting_id,
                            "Initial pre-proceedings meeting")
    qtbot.addWidget(minutes)
    assert minutes.record_button.isVisibleTo(minutes)
    click(qtbot, minutes.record_button)
    assert minutes.wants_record and minutes.result() == QDialog.DialogCode.Accepted
    # The meeting's record opens on that meeting, as it was recorded, to be completed.
    form = open_form(qtbot, world, "meeting_held", family_id)
    form.choose_meeting(meeting_id)
    assert form.held_on.date() == date(2026, 9, 17)
    assert form.attendance.toPlainText() == "Jade and Liam Testcase, Sam Okafor"
    qtbot.keyClicks(form.agreed, "Liam joins the parenting course.")
    save(qtbot, form)
    assert saved(form)
    meetings = world.detail(family_id).episode.meetings
    assert [(m.meeting_id, m.held_date, m.agreed) for m in meetings] == [
        (meeting_id, date(2026, 9, 17), "Liam joins the parenting course.")]
    again = MinutesDialog(world.services, world.worker, meeting_id,
                          "Initial pre-proceedings meeting")
    qtbot.addWidget(again)
    assert again.missing == () and again.save_button.isEnabled()
    assert not again.record_button.isVisibleTo(again)


def test_make_minutes_is_offered_on_a_held_meeting_only(qtbot, world):
    family_id, meeting_id = _held_meeting(qtbot, world, "A course.")
    world.services.milestones.schedule_meeting(world.manager, family_id, MeetingKind.REVIEW_PPM,
                                               date(2026, 12, 3))
    tab = MeetingsTab()
    qtbot.addWidget(tab)
    detail = world.detail(family_id)
    rules = world.services.settings.current().timescales
    tab.show_case(CaseData(detail, (), date(2026, 11, 26), rules.due_soon_days,
                           rules.target_weeks))
    tab.show()
    table = tab.table.table
    assert not tab.minutes_button.isEnabled()
    table.selectRow(1)  # the review, planned for 3 December: not held
    assert not tab.minutes_button.isEnabled()
    table.selectRow(0)
    assert tab.minutes_button.isEnabled()
    with qtbot.waitSignal(tab.make_minutes) as asked:
        click(qtbot, tab.minutes_button)
    assert asked.args == [meeting_id, "Initial pre-proceedings meeting"]


def test_save_as_document_keeps_the_pdf_and_says_so(qtbot, world, monkeypatch):
    family_id = _letters_sent(world)
    dialog = open_form(qtbot, world, "chronology", family_id)
    # The date asked for: typed as a user would in the question that opens.
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *args, **kwargs: ("26/11/2026", True))
    click(qtbot, dialog.document_button)
    assert dialog.problem.text() == ""
    assert dialog.status.text() == ("Saved among the family's documents: “Social work "
                                    "chronology”, dated Thu 26 Nov 2026, 1 page.")
    documents = world.services.documents.list(world.worker, family_id)
    assert [(d.title, d.document_date) for d in documents] == [
        ("Social work chronology", date(2026, 11, 26))]
    # Saving as a document saved the entries first.
    assert world.services.chronology.draw(world.worker, family_id).unsaved == 0
    dialog.close()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_saving_minutes_from_the_dialog(qtbot, world):
    family_id, meeting_id = _held_meeting(qtbot, world, "A course.")
    dialog = MinutesDialog(world.services, world.worker, meeting_id,
                           "Initial pre-proceedings meeting")
    qtbot.addWidget(dialog)
    click(qtbot, dialog.save_button)
    assert dialog.status.text() == ("Saved among the family's documents: “Minutes of the "
                                    "initial pre-proceedings meeting, 17 Sep 2026”.")
    assert not dialog.save_button.isEnabled()
    assert [d.meeting_id for d in world.services.documents.list(world.worker, family_id)] == [
        meeting_id]
