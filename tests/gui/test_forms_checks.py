"""Forms that ask before saving unusual dates, pick an approver account, correct a child,
and refuse text that would break a layout or a letter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import AssessmentKind, MeetingKind, SendMethod
from plo_tracker.gui.forms.form_dialog import CONFIRM_QUESTION, NOT_SAVED_CHECK

from .forms_conftest_helpers import (
    build_forms_world,
    choose,
    never_block,
    open_form,
    pick,
    problem,
    save,
    saved,
    type_date,
)


@pytest.fixture
def world(tmp_path):
    built = build_forms_world(tmp_path)
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


def answer_confirm(monkeypatch, save_it: bool) -> list[str]:
    """Make "save with these dates?" answer itself; returns what each question said."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(f"{box.text()}|{box.informativeText()}")
        button = QMessageBox.StandardButton.Save if save_it else QMessageBox.StandardButton.Cancel
        return button.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def _plan(qtbot, world, family_id, day: str, time: str = ""):
    dialog = open_form(qtbot, world, "schedule_meeting", family_id)
    choose(dialog.kind, "Initial pre-proceedings meeting")
    type_date(qtbot, dialog.planned_on, day)
    qtbot.keyClicks(dialog.start_time, time)
    qtbot.keyClicks(dialog.place, "Family Centre")
    return dialog


@pytest.mark.parametrize(("day", "time", "warning"), [
    ("20/11/2026", "10:00", "Fri 20 Nov 2026 is in the past"),
    ("29/11/2026", "10:00", "Sun 29 Nov 2026 is a Sunday."),
    ("28/12/2026", "10:00", "Mon 28 Dec 2026 is a bank holiday (Boxing Day, substitute day)."),
    ("01/12/2026", "19:30", "19:30 is outside 08:00 to 18:00."),
])
def test_an_unusual_meeting_date_is_asked_about_and_going_back_keeps_it(
        qtbot, world, monkeypatch, day, time, warning):
    family_id = world.family()
    asked = answer_confirm(monkeypatch, save_it=False)
    dialog = _plan(qtbot, world, family_id, day, time)
    save(qtbot, dialog)
    assert len(asked) == 1 and asked[0].startswith(CONFIRM_QUESTION) and warning in asked[0]
    assert not saved(dialog) and dialog.isVisible()
    assert dialog.banner.text() == NOT_SAVED_CHECK
    assert dialog.planned_on.text() == day  # nothing the user typed is lost
    assert not world.detail(family_id).episode.meetings


def test_an_unusual_date_is_saved_once_confirmed(qtbot, world, monkeypatch):
    family_id = world.family()
    answer_confirm(monkeypatch, save_it=True)
    dialog = _plan(qtbot, world, family_id, "29/11/2026", "10:00")
    save(qtbot, dialog)
    assert saved(dialog)
    assert world.detail(family_id).episode.meetings[0].planned_date == date(2026, 11, 29)


def test_a_usual_meeting_is_saved_without_a_question(qtbot, world, monkeypatch):
    family_id = world.family()
    asked = answer_confirm(monkeypatch, save_it=False)
    dialog = _plan(qtbot, world, family_id, "01/12/2026", "10:30")
    save(qtbot, dialog)
    assert saved(dialog) and asked == []


def test_an_assessment_due_more_than_a_year_ahead_is_asked_about(qtbot, world, monkeypatch):
    family_id = world.family()
    asked = answer_confirm(monkeypatch, save_it=False)
    dialog = open_form(qtbot, world, "commission_assessment", family_id)
    choose(dialog.kind, AssessmentKind.PARENTING.label)
    qtbot.keyClicks(dialog.subject, "the mother")
    type_date(qtbot, dialog.commissioned_on, "20/11/2026")
    type_date(qtbot, dialog.due_on, "22/11/2027")
    save(qtbot, dialog)
    assert "Mon 22 Nov 2027 is more than a year after the assessment was commissioned" in asked[0]
    assert not saved(dialog)


def test_a_meeting_held_before_its_planned_day_is_asked_about(qtbot, world, monkeypatch):
    family_id = world.family()
    services = world.services
    for adult in world.detail(family_id).adults:
        services.milestones.record_letter_sent(world.manager, family_id, adult.adult_id,
                                               date(2026, 9, 3), SendMethod.POST)
    services.milestones.schedule_meeting(world.manager, family_id, MeetingKind.INITIAL_PPM,
                                         date(2026, 9, 24))
    asked = answer_confirm(monkeypatch, save_it=True)
    dialog = open_form(qtbot, world, "meeting_held", family_id)
    type_date(qtbot, dialog.held_on, "17/09/2026")
    save(qtbot, dialog)
    assert asked and ("planned for Thu 24 Sep 2026, but is recorded as held earlier, on "
                      "Thu 17 Sep 2026") in asked[0]
    assert saved(dialog)


def test_the_extension_is_approved_by_an_account_with_the_right_to_approve(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "extension", family_id, world.manager)
    offered = [dialog.approved_by.itemText(i) for i in range(dialog.approved_by.count())]
    assert offered == ["Alex Byrne (administrator)", "Morgan Patel (team manager)",
                       "Pat Quinn (gateway panel member)"]  # no social worker, no reader
    assert not dialog.approved_by.isEditable()  # an account, not free text
    type_date(qtbot, dialog.decided_on, "20/11/2026")
    type_date(qtbot, dialog.new_end, "15/01/2027")
    qtbot.keyClicks(dialog.reason, "Awaiting the kinship assessment")
    choose(dialog.approved_by, "Pat Quinn (gateway panel member)")
    save(qtbot, dialog)
    assert saved(dialog)
    (extension,) = world.detail(family_id).episode.extensions
    assert (extension.approved_by, extension.approved_by_id) == ("Pat Quinn",
                                                                world.panel.user_id)


def test_a_childs_details_are_corrected_after_the_family_is_opened(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "child", family_id)
    assert dialog.child.currentText() == "Ruby Testcase"  # the only child, chosen already
    assert dialog.first_name.text() == "Ruby"
    dialog.first_name.clear()
    qtbot.keyClicks(dialog.first_name, "Rubie")
    type_date(qtbot, dialog.date_of_birth, "03/04/2019")
    save(qtbot, dialog)
    assert saved(dialog)
    (child,) = world.detail(family_id).children
    assert (child.first_name, child.date_of_birth) == ("Rubie", date(2019, 4, 3))
    history = world.services.case_detail.history(world.admin, family_id)
    changes = [e for e in history if e.action != "family.view"]
    assert changes[0].action_words == "Corrected a child's details"


def test_an_unborn_baby_now_born_is_recorded_with_its_name(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "child", family_id)
    choose(dialog.child, "A child not yet recorded")
    assert dialog.last_name.text() == "Testcase"
    pick(qtbot, dialog.born, False)
    type_date(qtbot, dialog.expected, "10/02/2027")
    save(qtbot, dialog)
    assert saved(dialog)
    baby = world.detail(family_id).children[-1]
    dialog = open_form(qtbot, world, "child", family_id)
    choose(dialog.child, f"{baby.first_name} {baby.last_name}")
    pick(qtbot, dialog.born, True)
    dialog.first_name.clear()
    qtbot.keyClicks(dialog.first_name, "Ivy")
    type_date(qtbot, dialog.date_of_birth, "20/11/2026")
    save(qtbot, dialog)
    assert saved(dialog), (dialog.banner.text(), dialog.fields.shown_problems())
    born = world.detail(family_id).children[-1]
    assert (born.first_name, born.date_of_birth, born.expected_date_of_birth) == (
        "Ivy", date(2026, 11, 20), None)


def test_long_and_hidden_text_is_refused_under_its_field(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "adult", family_id)
    choose(dialog.person, "Someone new")
    assert dialog.last_name.maxLength() == TextKind.NAME.limit
    qtbot.keyClicks(dialog.last_name, "x" * 500)
    assert len(dialog.last_name.text()) == 80  # typing stops at the limit
    dialog.first_name.setText("Jo\u202enna")  # pasted with a direction override
    assert "hidden control character (U+202E)" in problem(dialog, "first_name")
    assert not dialog.save_button.isEnabled()
