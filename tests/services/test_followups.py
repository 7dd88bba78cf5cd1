"""Check-ins after a step-down through the services: set with the step-down, in the due list
and My work until recorded, refused with a message per field, audited."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from plo_tracker.domain.due import DueStatus, Rule
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.followups import Finding
from plo_tracker.domain.vocabulary import GatewayDecision, Outcome, StepDownPlan
from plo_tracker.services.case_index import compute_due, stored_due
from plo_tracker.services.errors import NotFound
from plo_tracker.services.followups import FollowUpForm
from plo_tracker.storage.models import StepDownFollowUp
from tests.support import TODAY

# Stepped down on Mon 2 Nov 2026 (OUTCOME_DAY): 3 months on is Tue 2 Feb 2027, 6 months on
# Sun 2 May 2027 (acted on by Fri 30 Apr 2027).
THREE_MONTHS, SIX_MONTHS = date(2027, 2, 2), date(2027, 5, 2)
FOUND = FollowUpForm(date(2026, 11, 20), Finding.PROGRESSING, "Seen at home; plan on track.")


def _followups(world, family_id: int):
    return world.services.followups.list(world.actor("manager"), family_id)


def _due(world, family_id: int, on: date):
    return [e for e in world.services.caseload.due(world.actor("manager"), on=on)
            if e.item.family_id == family_id]


def test_stepping_down_sets_a_check_in_for_each_month_of_the_settings(world):
    family_id = world.stepped_down()
    views = _followups(world, family_id)
    assert [(v.months, v.due_date, v.checked_on, v.status_text) for v in views] == [
        (3, THREE_MONTHS, None, "Due Tue 2 Feb 2027"),
        (6, SIX_MONTHS, None, "Due Sun 2 May 2027"),
    ]
    detail = world.services.case_detail.family(world.actor("manager"), family_id)
    assert detail.followups == views
    assert [(i.rule, i.title, i.due) for i in detail.due] == [
        (Rule.FOLLOW_UP, "3-month follow-up check due", THREE_MONTHS),
        (Rule.FOLLOW_UP, "6-month follow-up check due", SIX_MONTHS),
    ]


def test_other_outcomes_set_no_check_ins(world):
    family_id = world.issued()
    assert _followups(world, family_id) == ()


def test_a_check_in_is_due_soon_then_overdue_in_the_due_list(world):
    family_id = world.stepped_down()
    assert _due(world, family_id, TODAY) == []  # months away
    # A week before (the due soon days), then the day after it.
    soon = _due(world, family_id, date(2027, 1, 26))
    assert [(e.item.title, e.status) for e in soon] == [
        ("3-month follow-up check due", DueStatus.DUE_SOON)]
    late = _due(world, family_id, date(2027, 2, 3))
    assert [(e.item.title, e.status) for e in late] == [
        ("3-month follow-up check due", DueStatus.OVERDUE)]
    # The worker's own list (My work) has it too.
    mine = world.services.caseload.due(world.actor("manager"), on=date(2027, 2, 3),
                                       worker_id=None, team=None)
    assert any(e.item.family_id == family_id for e in mine)


def test_recording_the_finding_takes_it_off_the_due_list_and_is_audited(world):
    family_id = world.stepped_down()
    three, six = _followups(world, family_id)
    version, audits = world.version(family_id), world.audit_count()
    saved = world.services.followups.record(world.actor("socialworker"), three.followup_id,
                                            FOUND, expected_version=version)
    assert saved.family_version == version + 1 == world.version(family_id)
    assert world.audit_count() == audits + 1
    entry = world.last_audit()
    assert (entry.action, entry.entity, entry.entity_id, entry.family_id, entry.username) == (
        "followup.record", "followup", three.followup_id, family_id, "socialworker")
    after = json.loads(entry.after)
    assert (after["checked_on"], after["finding"], after["notes"]) == (
        "2026-11-20", "progressing", "Seen at home; plan on track.")
    history = world.services.case_detail.history(world.actor("manager"), family_id)
    assert history[0].action_words == (
        "Recorded what a follow-up check after the step-down found")

    three, six = _followups(world, family_id)
    assert (three.checked_on, three.finding, three.recorded_by, three.status_text) == (
        date(2026, 11, 20), Finding.PROGRESSING, "Sam Okafor", "Checked on Fri 20 Nov 2026")
    late = _due(world, family_id, date(2027, 2, 3))
    assert late == []
    assert [e.item.title for e in _due(world, family_id, date(2027, 5, 1))] == [
        "6-month follow-up check due"]
    with world.database.reading() as conn:
        assert stored_due(conn, [family_id]) == compute_due(
            conn, world.services.settings.current().timescales, [family_id])


def test_a_finding_can_be_corrected_and_the_entry_keeps_what_it_was(world):
    family_id = world.stepped_down()
    three = _followups(world, family_id)[0]
    manager = world.actor("manager")
    world.services.followups.record(manager, three.followup_id, FOUND)
    world.services.followups.record(manager, three.followup_id,
                                    replace(FOUND, finding=Finding.SOME_CONCERNS))
    entry = world.last_audit()
    assert json.loads(entry.before)["finding"] == "progressing"
    assert json.loads(entry.after)["finding"] == "some_concerns"


def test_a_case_closed_finding_ends_the_follow_up(world):
    family_id = world.stepped_down()
    three, six = _followups(world, family_id)
    world.services.followups.record(world.actor("manager"), three.followup_id,
                                    replace(FOUND, finding=Finding.CASE_CLOSED))
    three, six = _followups(world, family_id)
    assert (six.not_needed, six.status_text) == (True, "Not needed")
    assert _due(world, family_id, date(2027, 5, 3)) == []


@pytest.mark.parametrize(("form", "field", "words"), [
    (replace(FOUND, checked_on=date(2026, 11, 27)), "checked_on",
     "The check cannot be in the future: Fri 27 Nov 2026 is after today."),
    (replace(FOUND, checked_on=None), "checked_on", "Enter the date of the check."),
    (replace(FOUND, checked_on=date(2026, 10, 30)), "checked_on",
     "The check cannot be before the step-down decision on Mon 2 Nov 2026."),
    (replace(FOUND, finding=None), "finding", "Choose what the check found."),
    (replace(FOUND, notes="x" * 20_001), "notes", "characters"),
])
def test_bad_entries_are_refused_by_field(world, form, field, words):
    family_id = world.stepped_down()
    three = _followups(world, family_id)[0]
    before = world.tables()
    with pytest.raises(ValidationFailed) as refused:
        world.services.followups.record(world.actor("manager"), three.followup_id, form)
    assert words in refused.value.problems[field]
    assert world.tables() == before


def test_a_missing_check_in_is_not_found(world):
    with pytest.raises(NotFound, match="no longer on the record"):
        world.services.followups.record(world.actor("manager"), 999_999, FOUND)


def test_referred_back_then_a_new_episode_leaves_the_old_checks_off_the_due_list(world):
    family_id = world.stepped_down()
    three, six = _followups(world, family_id)
    manager = world.actor("manager")
    world.services.followups.record(manager, three.followup_id,
                                    replace(FOUND, finding=Finding.REFERRED_BACK))
    world.services.milestones.record_gateway_decision(
        manager, family_id, GatewayDecision.ENTER_PRE_PROCEEDINGS, TODAY)
    assert not [e for e in _due(world, family_id, date(2027, 5, 3))
                if e.item.rule is Rule.FOLLOW_UP]
    three, six = _followups(world, family_id)
    assert six.not_needed and three.finding is Finding.REFERRED_BACK
    with pytest.raises(ValidationFailed) as refused:
        world.services.followups.record(manager, six.followup_id, FOUND)
    assert "stepped down" in refused.value.problems["stage"]


def test_a_change_of_the_setting_applies_to_later_step_downs_only(world):
    earlier = world.stepped_down()
    admin = world.actor("admin")
    settings = world.services.settings.current()
    world.services.settings.save(admin, replace(
        settings, followups=replace(settings.followups, months=(1, 12))))
    try:
        later = world.letters_sent()
        world.services.milestones.record_outcome(
            world.actor("manager"), later, Outcome.STEP_DOWN, date(2026, 10, 31),
            StepDownPlan.CHILD_IN_NEED)
    finally:
        world.services.settings.save(admin, settings)
    assert [(v.months, v.due_date) for v in _followups(world, earlier)] == [
        (3, THREE_MONTHS), (6, SIX_MONTHS)]
    # Sat 31 Oct 2026 + 1 month: 30 November has no 31st, so Mon 30 Nov 2026.
    assert [(v.months, v.due_date) for v in _followups(world, later)] == [
        (1, date(2026, 11, 30)), (12, date(2027, 10, 31))]


def test_the_rows_follow_the_family(world):
    family_id = world.stepped_down()
    with world.database.reading() as conn:
        rows = conn.execute(select(StepDownFollowUp.family_id, StepDownFollowUp.months)
                            .where(StepDownFollowUp.family_id == family_id)).all()
    assert sorted(rows) == [(family_id, 3), (family_id, 6)]
