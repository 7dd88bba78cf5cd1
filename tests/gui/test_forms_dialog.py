"""What every form does alike: refuse bad input under its field, keep entries on any refusal,
resolve a conflicting edit, and ask before throwing typing away."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit
from sqlalchemy.exc import OperationalError

from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    Outcome,
    PlanItemKind,
    SendMethod,
    StepDownPlan,
)
from plo_tracker.gui.forms.actions import ACTION_KEYS
from plo_tracker.gui.forms.form_dialog import (
    DISCARD_QUESTION,
    REFUSED_SEE_FIELDS,
)

from .forms_conftest_helpers import (
    answer_discard,
    build_forms_world,
    choose,
    click,
    never_block,
    open_form,
    pick,
    problem,
    save,
    saved,
    type_date,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("forms"))
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


@pytest.fixture
def family(world) -> int:
    """A family in pre-proceedings since Tue 1 Sep 2026, with no letters sent."""
    return world.family()


def letter_form(qtbot, world, family_id):
    dialog = open_form(qtbot, world, "letter", family_id)
    choose(dialog.recipient, "Jade Testcase (mother)")
    pick(qtbot, dialog.method, SendMethod.POST)
    return dialog


# -- bad input, caught as the user types ---------------------------------------------------

@pytest.mark.parametrize(("typed", "message"), [
    ("31/02/2026", "'31/02/2026' is not a date. Type it as day/month/year, for example "
                   "03/03/2026."),
    ("27/11/2026", "The date sent cannot be in the future: Fri 27 Nov 2026 is after today."),
    ("31/08/2026", "A letter before proceedings cannot be sent before the gateway decision on "
                   "Tue 1 Sep 2026. Check the date sent."),
])
def test_a_bad_date_is_explained_under_it_and_save_waits(qtbot, world, family, typed, message):
    dialog = letter_form(qtbot, world, family)
    type_date(qtbot, dialog.sent_on, typed)
    assert problem(dialog, "sent_date") == message
    assert dialog.fields.widget("sent_date").edit.accessibleDescription() == message
    assert not dialog.save_button.isEnabled()
    type_date(qtbot, dialog.sent_on, "03/09/2026")
    assert problem(dialog, "sent_date") == ""
    assert dialog.sent_on.read_back.text() == "Thu 3 Sep 2026"
    assert dialog.save_button.isEnabled()


def test_required_fields_are_listed_until_filled_then_refused_once_left(qtbot, world, family):
    dialog = open_form(qtbot, world, "extension", family, world.manager)
    # A fresh form is not a wall of red: what is missing is listed by the buttons.
    assert dialog.fields.shown_problems() == {}
    assert dialog.still_needed.text() == (
        "Still needed before you can save: date of the decision to extend, new end date, "
        "reason, approved by.")
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.reason.viewport(), Qt.MouseButton.LeftButton)
    # Leaving the first date empty for the reason: now it is marked, and no longer listed.
    assert problem(dialog, "decided_on") == "Enter the date the extension was decided."
    qtbot.keyClicks(dialog.reason, "x")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Backspace)
    assert problem(dialog, "reason") == ""  # no telling off while still in the field
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.approved_by
    assert problem(dialog, "reason") == "Give the reason for the extension."
    assert dialog.still_needed.text() == (
        "Still needed before you can save: new end date, approved by.")


def test_dates_out_of_order_across_fields(qtbot, world, family):
    dialog = open_form(qtbot, world, "extension", family, world.manager)
    type_date(qtbot, dialog.decided_on, "20/11/2026")
    type_date(qtbot, dialog.new_end, "20/11/2026")
    assert problem(dialog, "new_end_date") == (
        "The new end date must be after the date of the decision to extend.")
    type_date(qtbot, dialog.decided_on, "31/08/2026")
    assert problem(dialog, "decided_on") == (
        "An extension cannot be decided before pre-proceedings started on Tue 1 Sep 2026.")
    # The 16 weeks beginning with Tue 1 Sep end on Mon 21 Dec 2026: an earlier end would
    # shorten pre-proceedings.
    assert problem(dialog, "new_end_date") == (
        "Pre-proceedings already runs to Mon 21 Dec 2026: the new end date must be after it, "
        "or it would shorten pre-proceedings, not extend it.")
    type_date(qtbot, dialog.new_end, "22/12/2026")
    assert problem(dialog, "new_end_date") == ""


def test_a_conditional_field_is_required_only_when_shown(qtbot, world, family):
    dialog = open_form(qtbot, world, "court_application", family, world.admin)
    type_date(qtbot, dialog.applied_on, "24/11/2026")
    assert dialog.save_button.isEnabled()  # court reference and letter of issue are optional
    click(qtbot, dialog.short_notice)
    assert not dialog.save_button.isEnabled()
    assert "why on short notice" in dialog.still_needed.text()
    type_date(qtbot, dialog.letter_on, "23/11/2026")
    assert problem(dialog, "letter_of_issue_date") == (
        "The letter of issue cannot be sent before the court application on Tue 24 Nov 2026.")


def test_a_meeting_time_must_be_a_time(qtbot, world, family):
    dialog = open_form(qtbot, world, "schedule_meeting", family)
    type_date(qtbot, dialog.planned_on, "01/12/2026")
    qtbot.keyClicks(dialog.start_time, "25:00")
    assert problem(dialog, "start_time") == (
        "Type the time as hours:minutes on the 24-hour clock, for example 10:30 or 14:00.")
    assert not dialog.save_button.isEnabled()
    dialog.start_time.clear()
    qtbot.keyClicks(dialog.start_time, "14.00")
    assert problem(dialog, "start_time") == "" and dialog.save_button.isEnabled()


# -- refusals from the service: the form stays open with its entries ------------------------

def test_a_refusal_goes_under_its_field_and_keeps_the_entries(qtbot, world, family):
    dialog = open_form(qtbot, world, "fgdm", family)
    pick(qtbot, dialog.offered, True)  # offered, but no letter has been sent yet
    save(qtbot, dialog)
    assert dialog.isVisible() and not saved(dialog)
    assert problem(dialog, "fgdm_offered") == (
        "The offer is made in the letter before proceedings: record a letter as sent first.")
    assert dialog.banner.text() == REFUSED_SEE_FIELDS
    assert dialog.offered.value() is True
    assert not dialog.save_button.isEnabled()  # saving again would be refused again
    pick(qtbot, dialog.offered, False)
    assert problem(dialog, "fgdm_offered") == ""
    assert dialog.save_button.isEnabled()


def test_a_rule_only_the_service_checks_is_shown_under_its_field(qtbot, world, family):
    dialog = open_form(qtbot, world, "fgdm", family)
    pick(qtbot, dialog.offered, True)
    save(qtbot, dialog)
    assert problem(dialog, "fgdm_offered") == (
        "The offer is made in the letter before proceedings: record a letter as sent first.")
    assert dialog.offered.value() is True and not saved(dialog)


def test_the_order_of_meetings_is_checked_as_the_user_types(qtbot, world, family):
    dialog = open_form(qtbot, world, "meeting_held", family)
    choose(dialog.kind, "Review pre-proceedings meeting")
    type_date(qtbot, dialog.held_on, "01/10/2026")
    assert problem(dialog, "kind") == (
        "Record the initial pre-proceedings meeting before a review.")
    choose(dialog.kind, "Initial pre-proceedings meeting")
    assert problem(dialog, "held_date") == (
        "The initial pre-proceedings meeting comes after the letter before proceedings: "
        "record a letter as sent first.")
    assert not dialog.save_button.isEnabled()


def test_a_conflicting_edit_keeps_the_entries_and_reloads_the_family(qtbot, world, family):
    dialog = letter_form(qtbot, world, family)
    type_date(qtbot, dialog.sent_on, "03/09/2026")
    opened_at = dialog.version
    # Meanwhile, someone else records the father's letter and adds a note.
    services = world.services
    liam = next(a.adult_id for a in world.detail(family).adults if a.first_name == "Liam")
    services.milestones.record_letter_sent(world.manager, family, liam, date(2026, 9, 2),
                                           SendMethod.EMAIL)
    services.milestones.add_note(world.manager, family, "Called the father.")

    save(qtbot, dialog)

    assert dialog.isVisible() and not saved(dialog)
    assert dialog.banner.text().startswith("Someone else changed family PLO-2026-")
    assert dialog.banner.reload_button.isVisible()
    assert (dialog.recipient.currentText(), dialog.sent_on.text(), dialog.method.value()) == (
        "Jade Testcase (mother)", "03/09/2026", SendMethod.POST)
    assert len(world.detail(family).episode.letters) == 1  # nothing overwritten

    click(qtbot, dialog.banner.reload_button)

    assert dialog.version == opened_at + 2
    news = dialog.banner.text()
    assert "Letter before proceedings to Liam Testcase recorded as sent on Wed 2 Sep 2026." in news
    assert "Morgan Patel added a note." in news
    assert not dialog.banner.reload_button.isVisible()
    # Liam has had his letter, so only Jade is offered now; she is still the one chosen.
    assert [dialog.recipient.itemText(i) for i in range(dialog.recipient.count())] == [
        "Jade Testcase (mother)"]
    assert dialog.recipient.currentText() == "Jade Testcase (mother)"
    save(qtbot, dialog)
    assert saved(dialog)
    assert len(world.detail(family).episode.letters) == 2


def test_a_stage_change_meanwhile_is_explained_after_reloading(qtbot, world):
    family = world.family()
    dialog = open_form(qtbot, world, "schedule_meeting", family)
    type_date(qtbot, dialog.planned_on, "01/12/2026")
    world.services.milestones.record_outcome(world.manager, family, Outcome.STEP_DOWN,
                                             date(2026, 11, 20), StepDownPlan.CHILD_IN_NEED)
    save(qtbot, dialog)
    click(qtbot, dialog.banner.reload_button)
    assert "The family's stage is now: stepped down." in dialog.banner.text()
    save(qtbot, dialog)
    assert dialog.banner.text() == (
        "You can only plan a meeting when the family's stage is awaiting gateway decision or "
        "pre-proceedings. It is now: stepped down.")
    assert dialog.planned_on.text() == "01/12/2026" and not saved(dialog)
    assert world.detail(family).episode.stage is Stage.STEPPED_DOWN


def test_a_role_without_permission_is_told_at_the_top(qtbot, world, family):
    dialog = open_form(qtbot, world, "note", family, world.reader)
    qtbot.keyClicks(dialog.text, "Looked at the file.")
    save(qtbot, dialog)
    assert dialog.banner.text() == (
        "Your role (read only) does not allow you to change family records. Ask a team "
        "manager or administrator.")
    assert dialog.text.toPlainText() == "Looked at the file." and dialog.isVisible()


def test_a_database_failure_keeps_the_form_open_with_a_plain_message(qtbot, world, family,
                                                                     monkeypatch, caplog):
    def locked(*_args, **_kwargs):
        raise OperationalError("INSERT INTO notes ...", {}, Exception("database is locked"))

    monkeypatch.setattr(world.services.milestones, "add_note", locked)
    dialog = open_form(qtbot, world, "note", family)
    qtbot.keyClicks(dialog.text, "Home visit: Ruby well.")
    save(qtbot, dialog)
    assert dialog.banner.text() == (
        "The database is busy with another change. Nothing was changed: try again in a moment. "
        "Your entries are still here.")
    assert dialog.isVisible() and dialog.text.toPlainText() == "Home visit: Ruby well."
    assert dialog.save_button.isEnabled()  # trying again is the advice
    # The log says where it failed, never what was being saved.
    assert "OperationalError" in caplog.text and "Ruby" not in caplog.text


# -- keyboard, closing, and names for screen readers ----------------------------------------

def test_ctrl_s_saves_and_save_is_the_default_button(qtbot, world, family):
    dialog = open_form(qtbot, world, "note", family)
    assert dialog.save_button.isDefault()
    qtbot.keyClicks(dialog.text, "Spoke to school.")
    qtbot.keyClick(dialog.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved(dialog)
    assert world.detail(family).notes[0].text == "Spoke to school."


def test_closing_a_changed_form_asks_first(qtbot, world, family, monkeypatch):
    asked = answer_discard(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog = open_form(qtbot, world, "note", family)
    qtbot.keyClicks(dialog.text, "Half a thought")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [DISCARD_QUESTION]
    assert dialog.isVisible() and dialog.text.toPlainText() == "Half a thought"
    asked = answer_discard(monkeypatch, QMessageBox.StandardButton.Discard)
    click(qtbot, dialog.cancel_button)
    assert asked == [DISCARD_QUESTION]
    assert not dialog.isVisible() and not saved(dialog)
    assert world.detail(family).notes == ()


def test_closing_an_untouched_form_does_not_ask(qtbot, world, family, monkeypatch):
    asked = answer_discard(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog = open_form(qtbot, world, "court_application", family)
    dialog.close()
    assert asked == [] and not dialog.isVisible()


def test_tab_follows_the_layout(qtbot, world, family):
    dialog = open_form(qtbot, world, "commission_assessment", family)
    choose(dialog.kind, "Parenting assessment")
    qtbot.keyClicks(dialog.subject, "the father")
    type_date(qtbot, dialog.commissioned_on, "02/11/2026")
    type_date(qtbot, dialog.due_on, "02/12/2026")
    order = [dialog.focusWidget()]
    for _ in range(8):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
    assert order == [dialog.kind, dialog.subject, dialog.commissioned_on.edit,
                     dialog.commissioned_on.pick_button, dialog.due_on.edit,
                     dialog.due_on.pick_button, dialog.author, dialog.reason, dialog.save_button]


@pytest.mark.parametrize("key", ACTION_KEYS)
def test_every_control_has_an_accessible_name(qtbot, world, key):
    family = world.family()
    world.services.milestones.commission_assessment(
        world.manager, family, AssessmentKind.PARENTING, "the mother", date(2026, 9, 20),
        date(2026, 12, 1))
    world.services.plan.add_item(world.manager, family, PlanItemKind.CONCERN,
                                 "Ruby is often late for school")
    dialog = open_form(qtbot, world, key, family, world.admin)
    controls = [w for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton)
                for w in dialog.findChildren(kind)
                if w.isVisibleTo(dialog) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
                and not isinstance(w.parent(), QComboBox)]
    unnamed = [type(w).__name__ for w in controls if not (w.accessibleName() or w.text()
                                                          if isinstance(w, QAbstractButton)
                                                          else w.accessibleName())]
    assert controls and unnamed == []

