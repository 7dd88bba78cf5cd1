"""The actions offered on a family: which are possible at each stage and for each role, and why
not; and running one modally."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from plo_tracker.domain.vocabulary import GatewayDecision, Outcome, SendMethod
from plo_tracker.gui.forms.actions import ACTION_KEYS, CaseAction, case_actions, open_action
from plo_tracker.gui.forms.form_dialog import FormDialog

from .forms_conftest_helpers import build_forms_world, click, never_block

EVERY_ACTION = [
    ("gateway", "Record the gateway decision"),
    ("letter", "Record a letter before proceedings as sent"),
    ("schedule_meeting", "Plan a meeting"),
    ("meeting_held", "Record a meeting as held"),
    ("commission_assessment", "Commission an assessment"),
    ("complete_assessment", "Record an assessment as completed"),
    ("fgdm", "Record the family group decision-making (FGDM) offer"),
    ("extension", "Record an extension"),
    ("outcome", "Record the outcome of pre-proceedings"),
    ("court_application", "Record the court application"),
    ("close_proceedings", "Record care proceedings as concluded"),
    ("follow_up", "Record a follow-up check after stepping down"),
    ("note", "Add a note"),
    ("plan_item", "Add to the plan"),
    ("plan_progress", "Record progress against the plan"),
    ("history", "Write the short history for the letters"),
    ("adult", "Add or change a parent or other adult"),
    ("child", "Correct a child's details or add a child"),
    ("write_letters", "Write letters…"),
    ("chronology", "Chronology…"),
    ("court_bundle", "Court bundle…"),
    ("restrict_access", "Restrict access…"),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("actions"))
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


def actions(world, family_id, actor=None) -> dict[str, CaseAction]:
    return {a.key: a for a in case_actions(world.detail(family_id), actor or world.worker)}


def enabled(world, family_id, actor=None) -> set[str]:
    return {key for key, a in actions(world, family_id, actor).items() if a.enabled}


def test_every_action_is_listed_in_journey_order_with_its_label(world):
    listed = case_actions(world.detail(world.family()), world.worker)
    assert [(a.key, a.label) for a in listed] == EVERY_ACTION
    assert tuple(a.key for a in listed) == ACTION_KEYS
    assert all((a.why_disabled is None) == a.enabled for a in listed)


def test_awaiting_the_gateway_decision(world):
    family_id = world.family(gateway=None)
    # The social worker prepares the case; the gateway decision is the panel's to record.
    assert enabled(world, family_id) == {"schedule_meeting", "commission_assessment",
                                         "note", "plan_item", "history", "adult", "child",
                                         "chronology", "court_bundle"}
    assert enabled(world, family_id, world.manager) >= {"gateway"}
    assert actions(world, family_id)["gateway"].why_disabled == (
        "Your role (social worker) does not allow you to record gateway decisions, extensions "
        "and outcomes. Ask a team manager or administrator.")
    assert actions(world, family_id)["letter"].why_disabled == (
        "You can only send a letter before proceedings when the family's stage is "
        "pre-proceedings. It is now: awaiting gateway decision.")


def test_in_pre_proceedings(world):
    family_id = world.family()
    assert enabled(world, family_id) == {
        "letter", "schedule_meeting", "meeting_held", "commission_assessment", "fgdm",
        "note", "plan_item", "history", "write_letters", "adult", "child", "chronology",
        "court_bundle"}
    assert enabled(world, family_id, world.manager) >= {"extension", "outcome"}
    why = {key: a.why_disabled for key, a in actions(world, family_id, world.manager).items()}
    assert why["gateway"] == ("The gateway decision for this episode is already recorded. A "
                              "new decision starts a new episode once this one has ended.")
    assert why["complete_assessment"] == (
        "No assessment is waiting to be completed: commission one first.")
    assert why["plan_progress"] == "The plan has no items yet: add one first."
    assert why["court_application"] == (
        "You can only record the court application when the family's stage is care "
        "proceedings issued or decided to issue. It is now: pre-proceedings.")


def test_once_every_parent_has_had_a_letter(world):
    family_id = world.family()
    for adult in world.detail(family_id).adults:
        world.services.milestones.record_letter_sent(world.manager, family_id, adult.adult_id,
                                                     date(2026, 9, 3), SendMethod.POST)
    assert actions(world, family_id)["letter"].why_disabled == (
        "Everyone who receives letters has been sent a letter before proceedings.")


def test_after_deciding_to_issue_and_then_applying(world):
    family_id = world.family(gateway=GatewayDecision.ISSUE_PROCEEDINGS)
    # Decided to issue: the application is the thing to record; no letter of issue yet.
    assert enabled(world, family_id) == {"court_application", "note", "adult", "child",
                                         "chronology", "court_bundle"}
    world.services.milestones.record_court_application(world.manager, family_id,
                                                       date(2026, 9, 3), False, None, None)
    assert enabled(world, family_id) == {"court_application", "close_proceedings", "note",
                                         "write_letters", "adult", "child", "chronology",
                                         "court_bundle"}


def test_a_stepped_down_family_can_start_a_new_episode(world):
    family_id = world.family()
    world.services.milestones.record_outcome(world.manager, family_id, Outcome.OTHER,
                                             date(2026, 11, 2))
    assert enabled(world, family_id, world.manager) == {"gateway", "note", "write_letters",
                                                        "adult", "child", "restrict_access",
                                                        "chronology", "court_bundle"}


def test_roles_decide_what_is_possible(world):
    family_id = world.family()
    reader = actions(world, family_id, world.reader)
    assert not any(a.enabled for a in reader.values())
    assert reader["note"].why_disabled == (
        "Your role (read only) does not allow you to change family records. Ask a team "
        "manager or administrator.")
    # The gateway panel decides: extensions and outcomes, but no case work.
    assert enabled(world, family_id, world.panel) == {"extension", "outcome"}


def test_another_teams_family_is_read_only_to_a_social_worker(world):
    family_id = world.family(team="South")
    offered = actions(world, family_id)
    assert not any(a.enabled for a in offered.values())
    assert offered["note"].why_disabled == (
        "This family is held by the South team, so you can read it but not change it. Ask "
        "its social worker or a team manager to record changes.")
    assert "note" in enabled(world, family_id, world.manager)


def _answer_modal(qtbot, answer) -> None:
    """When the modal dialog appears, let ``answer`` fill it in as the user would."""
    def act():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FormDialog)
        answer(dialog)
    QTimer.singleShot(0, act)


def test_open_action_runs_the_dialog_and_says_whether_it_saved(qtbot, world):
    family_id = world.family()
    parent = QWidget()
    qtbot.addWidget(parent)

    def write_and_save(dialog):
        qtbot.keyClicks(dialog.text, "Visited at home.")
        click(qtbot, dialog.save_button)

    _answer_modal(qtbot, write_and_save)
    assert open_action("note", parent, world.services, world.worker, world.detail(family_id))
    assert [n.text for n in world.detail(family_id).notes] == ["Visited at home."]

    _answer_modal(qtbot, lambda dialog: click(qtbot, dialog.cancel_button))
    assert not open_action("note", parent, world.services, world.worker,
                           world.detail(family_id))
