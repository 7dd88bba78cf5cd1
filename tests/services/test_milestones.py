"""Every milestone: the happy path audits once and keeps the due list true; bad input changes
nothing and says why in plain words."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    Outcome,
    SendMethod,
    StepDownPlan,
)
from plo_tracker.services.errors import NotFound
from plo_tracker.storage.models import Adult, Assessment, Episode, Meeting
from tests.support import TODAY

TOMORROW = date(2026, 11, 27)
GATEWAY_DAY = date(2026, 9, 1)
LETTERS_DAY = date(2026, 9, 3)
INITIAL_PPM_DAY = date(2026, 9, 17)
OUTCOME_DAY = date(2026, 11, 2)
APPLIED_DAY = date(2026, 11, 9)


# -- helpers (families at each stage are built by the World in conftest.py) -------------------

def _ms(world):
    return world.services.milestones


def _episode(world, family_id: int) -> Episode:
    with world.database.unit_of_work() as session:
        return session.scalars(select(Episode).where(Episode.family_id == family_id)
                               .order_by(Episode.id.desc())).first()


def _only(world, model, family_id: int):
    with world.database.unit_of_work() as session:
        rows = session.scalars(select(model).join(Episode).where(Episode.family_id == family_id)
                               ).all()
    assert len(rows) == 1
    return rows[0]


def _other_familys_adult(world, family_id: int) -> int:
    with world.database.reading() as conn:
        return conn.execute(select(func.min(Adult.id)).where(Adult.family_id != family_id)
                            ).scalar_one()


# -- happy paths -------------------------------------------------------------------------------

def _change(world, family_id: int, action: str, entity: str,
            call: Callable[..., object], actor_name: str = "manager"):
    """Make one change with the current version; check its audit entry and the due list."""
    actor = world.actor(actor_name)
    version = world.version(family_id)
    audits = world.audit_count()

    saved = call(actor, version)

    assert saved.family_version == version + 1 == world.version(family_id)
    assert world.audit_count() == audits + 1
    entry = world.last_audit()
    assert (entry.action, entry.entity, entry.entity_id, entry.family_id) == (
        action, entity, saved.entity_id, family_id)
    assert (entry.username, entry.user_id) == (actor.username, actor.user_id)
    assert entry.occurred_at.tzinfo is not None
    after = json.loads(entry.after)
    assert after["id"] == saved.entity_id
    before = json.loads(entry.before) if entry.before else None
    bad = [f for f in world.health() if not f.ok]
    assert not bad, bad
    return before, after


def test_gateway_decision_moves_an_awaiting_family_into_pre_proceedings(world):
    family_id = world.awaiting()
    before, after = _change(
        world, family_id, "episode.gateway_decision", "episode",
        lambda a, v: _ms(world).record_gateway_decision(
            a, family_id, GatewayDecision.ENTER_PRE_PROCEEDINGS, GATEWAY_DAY, v))
    assert before["stage"] == "awaiting_gateway" and before["gateway_date"] is None
    assert after["stage"] == "pre_proceedings" and after["gateway_date"] == "2026-09-01"
    assert after["gateway_decision"] == "enter_pre_proceedings"


@pytest.mark.parametrize(("decision", "stage"), [
    (GatewayDecision.CONTINUE_WITHOUT_PLO, "not_entered"),
    # Until the application is recorded, the stage reads "decided to issue".
    (GatewayDecision.ISSUE_PROCEEDINGS, "decided_to_issue"),
])
def test_gateway_decision_not_to_enter_or_to_issue_now(world, decision, stage):
    family_id = world.awaiting()
    _before, after = _change(
        world, family_id, "episode.gateway_decision", "episode",
        lambda a, v: _ms(world).record_gateway_decision(a, family_id, decision, TODAY, v),
        actor_name="panel")
    assert after["stage"] == stage
    assert after["closed_date"] == ("2026-11-26" if stage == "not_entered" else None)


def test_gateway_decision_after_a_finished_episode_starts_a_new_one(world):
    family_id = world.stepped_down()
    old_episode = _episode(world, family_id).id
    before, after = _change(
        world, family_id, "episode.gateway_decision", "episode",
        lambda a, v: _ms(world).record_gateway_decision(
            a, family_id, GatewayDecision.ENTER_PRE_PROCEEDINGS, TODAY, v))
    assert after["id"] != old_episode
    assert before["stage"] == "awaiting_gateway"
    assert _episode(world, family_id).stage == Stage.PRE_PROCEEDINGS.value


def test_letter_before_proceedings_sent_to_each_parent(world):
    family_id = world.pre_proceedings()
    for adult_id in world.adults(family_id):
        before, after = _change(
            world, family_id, "letter.sent", "letter",
            lambda a, v, adult_id=adult_id: _ms(world).record_letter_sent(
                a, family_id, adult_id, LETTERS_DAY, SendMethod.HAND, LetterType.LBP, v))
        assert before is None
        assert (after["adult_id"], after["sent_date"], after["kind"], after["method"]) == (
            adult_id, "2026-09-03", "lbp", "hand")


def test_meeting_planned_then_held(world):
    family_id = world.letters_sent()
    _before, planned = _change(
        world, family_id, "meeting.schedule", "meeting",
        lambda a, v: _ms(world).schedule_meeting(a, family_id, MeetingKind.INITIAL_PPM,
                                                 INITIAL_PPM_DAY, v))
    assert (planned["planned_date"], planned["held_date"]) == ("2026-09-17", None)
    before, held = _change(
        world, family_id, "meeting.held", "meeting",
        lambda a, v: _ms(world).record_meeting_held(
            a, family_id, MeetingKind.INITIAL_PPM, INITIAL_PPM_DAY, meeting_id=planned["id"],
            attendance="Both parents and their solicitors.", solicitors_present=True,
            agreement_signed=True, expected_version=v))
    assert held["id"] == planned["id"] and before["held_date"] is None
    assert (held["held_date"], held["agreement_signed"]) == ("2026-09-17", True)


def test_review_meeting_after_the_initial_one(world):
    family_id = world.initial_meeting_held()
    _before, after = _change(
        world, family_id, "meeting.held", "meeting",
        lambda a, v: _ms(world).record_meeting_held(
            a, family_id, MeetingKind.REVIEW_PPM, date(2026, 10, 29), expected_version=v))
    assert (after["kind"], after["held_date"]) == ("review_ppm", "2026-10-29")


def test_assessment_commissioned_then_completed(world):
    family_id = world.pre_proceedings()
    _before, commissioned = _change(
        world, family_id, "assessment.commission", "assessment",
        lambda a, v: _ms(world).commission_assessment(
            a, family_id, AssessmentKind.VIABILITY, " Maternal grandmother ", date(2026, 9, 10),
            date(2026, 10, 30), "Dr Hollis", v))
    assert commissioned["subject"] == "Maternal grandmother"
    assert commissioned["completed_date"] is None
    before, after = _change(
        world, family_id, "assessment.complete", "assessment",
        lambda a, v: _ms(world).complete_assessment(
            a, family_id, commissioned["id"], date(2026, 11, 3), "Positive: proceed to a full "
            "special guardianship assessment.", expected_version=v))
    assert before["completed_date"] is None and before["conclusion"] is None
    assert after["completed_date"] == "2026-11-03"
    assert after["conclusion"].startswith("Positive")


def test_family_group_decision_making_offer_and_meeting(world):
    family_id = world.letters_sent()
    before, after = _change(
        world, family_id, "episode.fgdm", "episode",
        lambda a, v: _ms(world).record_fgdm(a, family_id, True, True, v))
    assert (before["fgdm_offered"], before["fgdm_held"]) == (None, None)
    assert (after["fgdm_offered"], after["fgdm_held"]) == (True, True)


def test_extension_with_reason_and_approver(world):
    family_id = world.initial_meeting_held()
    _before, after = _change(
        world, family_id, "episode.extension", "extension",
        lambda a, v: _ms(world).record_extension(
            a, family_id, date(2026, 11, 20), date(2027, 1, 19),
            " Awaiting the psychological assessment. ", _approver(world), v),
        actor_name="panel")
    assert (after["new_end_date"], after["reason"], after["approved_by"],
            after["approved_by_id"]) == (
        "2027-01-19", "Awaiting the psychological assessment.", "Morgan Patel",
        _approver(world))
    summary = next(s for s in world.services.caseload.families(world.actor("readonly"))
                   if s.family_id == family_id)
    assert summary.extended
    # Started Tue 1 Sep 2026 (day 1); Thu 26 Nov is day 87, in week 13; Tue 19 Jan 2027 is
    # day 141, the first day of week 21.
    assert summary.week.text() == "week 13 of 21"


@pytest.mark.parametrize(("outcome", "plan", "stage", "closed_on"), [
    (Outcome.STEP_DOWN, StepDownPlan.CHILD_IN_NEED, "stepped_down", "2026-11-02"),
    (Outcome.ISSUE_PROCEEDINGS, None, "decided_to_issue", None),
    (Outcome.OTHER, None, "closed", "2026-11-02"),
])
def test_outcome_of_each_kind(world, outcome, plan, stage, closed_on):
    family_id = world.initial_meeting_held()
    before, after = _change(
        world, family_id, "episode.outcome", "episode",
        lambda a, v: _ms(world).record_outcome(a, family_id, outcome, OUTCOME_DAY, plan, v),
        actor_name="panel")
    assert before["stage"] == "pre_proceedings" and before["outcome"] is None
    assert (after["stage"], after["outcome"], after["outcome_date"]) == (
        stage, outcome.value, "2026-11-02")
    assert after["step_down_plan"] == (plan.value if plan else None)
    assert after["closed_date"] == closed_on


def test_court_application_with_letter_of_issue(world):
    family_id = world.issued()
    before, after = _change(
        world, family_id, "episode.court_application", "episode",
        lambda a, v: _ms(world).record_court_application(
            a, family_id, APPLIED_DAY, True, " Risk escalated. ", " ZW26C01234 ",
            date(2026, 11, 10), v))
    assert (after["court_application_date"], after["letter_of_issue_date"]) == (
        "2026-11-09", "2026-11-10")
    assert (after["short_notice"], after["short_notice_reason"], after["court_reference"]) == (
        True, "Risk escalated.", "ZW26C01234")
    assert (before["stage"], after["stage"]) == ("decided_to_issue", "proceedings_issued")
    due = [e for e in world.services.caseload.due(world.actor("readonly"), date(2027, 5, 7))
           if e.item.family_id == family_id]
    # Issued Mon 9 Nov 2026 is day 1 of the 26 weeks; day 182 is Sun 9 May 2027 (9 Nov + 21
    # = 30 Nov, + 31, + 31, + 28, + 31, + 30 = 30 Apr, + 9 = 9 May: 181 days), so the last
    # working day to conclude by is Fri 7 May 2027.
    assert [(e.item.rule.name, e.item.due, e.item.act_by) for e in due] == [
        ("PROCEEDINGS", date(2027, 5, 9), date(2027, 5, 7))]


def test_care_proceedings_closed(world):
    family_id = world.applied()
    before, after = _change(
        world, family_id, "episode.close", "episode",
        lambda a, v: _ms(world).close_proceedings(a, family_id, date(2026, 11, 24), v))
    assert before["stage"] == "proceedings_issued"
    assert (after["stage"], after["closed_date"]) == ("closed", "2026-11-24")


def test_case_note(world):
    family_id = world.pre_proceedings()
    before, after = _change(
        world, family_id, "note.add", "note",
        lambda a, v: _ms(world).add_note(a, family_id, "  Home visit; children seen alone. ", v),
        actor_name="socialworker")
    assert before is None
    assert after["text"] == "Home visit; children seen alone."
    assert after["author_id"] == world.actor("socialworker").user_id


# -- bad input: refused in plain words, nothing written ----------------------------------------

def _assessment_id(world, family_id: int) -> int:
    return _only(world, Assessment, family_id).id


BAD = [
    # future dates
    ("gateway-future", "awaiting", lambda w, f, a: _ms(w).record_gateway_decision(
        a, f, GatewayDecision.ENTER_PRE_PROCEEDINGS, TOMORROW),
     ValidationFailed, "gateway_date", "cannot be in the future"),
    ("letter-future", "pre_proceedings", lambda w, f, a: _ms(w).record_letter_sent(
        a, f, w.adults(f)[0], TOMORROW, SendMethod.POST),
     ValidationFailed, "sent_date", "cannot be in the future"),
    ("meeting-held-future", "letters_sent", lambda w, f, a: _ms(w).record_meeting_held(
        a, f, MeetingKind.INITIAL_PPM, TOMORROW),
     ValidationFailed, "held_date", "cannot be in the future"),
    ("commissioned-future", "pre_proceedings", lambda w, f, a: _ms(w).commission_assessment(
        a, f, AssessmentKind.PARENTING, "Mother", TOMORROW, date(2027, 1, 8)),
     ValidationFailed, "commissioned_date", "cannot be in the future"),
    ("completed-future", "with_assessment", lambda w, f, a: _ms(w).complete_assessment(
        a, f, _assessment_id(w, f), TOMORROW, "Positive."),
     ValidationFailed, "completed_date", "cannot be in the future"),
    ("extension-future", "initial_meeting_held", lambda w, f, a: _ms(w).record_extension(
        a, f, TOMORROW, date(2027, 2, 1), "More time.", _approver(w)),
     ValidationFailed, "decided_on", "cannot be in the future"),
    ("outcome-future", "letters_sent", lambda w, f, a: _ms(w).record_outcome(
        a, f, Outcome.ISSUE_PROCEEDINGS, TOMORROW),
     ValidationFailed, "outcome_date", "cannot be in the future"),
    ("court-application-future", "issued", lambda w, f, a: _ms(w).record_court_application(
        a, f, TOMORROW, False, None, None),
     ValidationFailed, "court_application_date", "cannot be in the future"),
    ("letter-of-issue-future", "issued", lambda w, f, a: _ms(w).record_court_application(
        a, f, APPLIED_DAY, False, None, None, TOMORROW),
     ValidationFailed, "letter_of_issue_date", "cannot be in the future"),
    ("closed-future", "applied", lambda w, f, a: _ms(w).close_proceedings(a, f, TOMORROW),
     ValidationFailed, "closed_date", "cannot be in the future"),
    # dates out of order (census rules and the journey's own order)
    ("letter-before-start", "pre_proceedings", lambda w, f, a: _ms(w).record_letter_sent(
        a, f, w.adults(f)[0], date(2026, 8, 28), SendMethod.POST),
     ValidationFailed, "sent_date", "cannot be sent before the gateway decision on Tue 1 Sep"),
    ("outcome-before-start", "letters_sent", lambda w, f, a: _ms(w).record_outcome(
        a, f, Outcome.STEP_DOWN, date(2026, 8, 20), StepDownPlan.CHILD_IN_NEED),
     ValidationFailed, "outcome_date", "cannot come before pre-proceedings started"),
    ("court-before-decision", "issued", lambda w, f, a: _ms(w).record_court_application(
        a, f, date(2026, 10, 30), False, None, None),
     ValidationFailed, "court_application_date", "before the decision to issue on Mon 2 Nov"),
    ("letter-of-issue-before-application", "issued",
     lambda w, f, a: _ms(w).record_court_application(
         a, f, APPLIED_DAY, False, None, None, date(2026, 11, 6)),
     ValidationFailed, "letter_of_issue_date", "before the court application on Mon 9 Nov"),
    ("new-episode-before-last-ended", "stepped_down",
     lambda w, f, a: _ms(w).record_gateway_decision(
         a, f, GatewayDecision.ENTER_PRE_PROCEEDINGS, date(2026, 10, 1)),
     ValidationFailed, "gateway_date", "cannot start before the previous one ended"),
    ("meeting-planned-before-start", "pre_proceedings", lambda w, f, a: _ms(w).schedule_meeting(
        a, f, MeetingKind.INITIAL_PPM, date(2026, 8, 20)),
     ValidationFailed, "planned_date", "before the gateway decision"),
    ("meeting-held-before-start", "letters_sent", lambda w, f, a: _ms(w).record_meeting_held(
        a, f, MeetingKind.INITIAL_PPM, date(2026, 8, 31)),
     ValidationFailed, "held_date", "cannot have been held before the gateway decision"),
    ("review-before-initial", "letters_sent", lambda w, f, a: _ms(w).record_meeting_held(
        a, f, MeetingKind.REVIEW_PPM, date(2026, 10, 20)),
     ValidationFailed, "kind", "Record the initial pre-proceedings meeting before a review"),
    ("assessment-due-before-commissioned", "pre_proceedings",
     lambda w, f, a: _ms(w).commission_assessment(
         a, f, AssessmentKind.PARENTING, "Mother", date(2026, 10, 1), date(2026, 9, 30)),
     ValidationFailed, "due_date", "on or after the date commissioned"),
    ("completed-before-commissioned", "with_assessment", lambda w, f, a: _ms(w).complete_assessment(
        a, f, _assessment_id(w, f), date(2026, 9, 19), "Positive."),
     ValidationFailed, "completed_date", "cannot be completed before it was commissioned"),
    ("extension-end-not-after-decision", "initial_meeting_held",
     lambda w, f, a: _ms(w).record_extension(
         a, f, date(2026, 11, 20), date(2026, 11, 20), "More time.", _approver(w)),
     ValidationFailed, "new_end_date", "must be after the date of the decision"),
    ("extension-before-start", "initial_meeting_held", lambda w, f, a: _ms(w).record_extension(
        a, f, date(2026, 8, 25), date(2027, 1, 5), "More time.", _approver(w)),
     ValidationFailed, "decided_on", "cannot be decided before pre-proceedings started"),
    ("closed-before-application", "applied", lambda w, f, a: _ms(w).close_proceedings(
        a, f, date(2026, 11, 5)),
     ValidationFailed, "closed_date", "cannot conclude before the application was made"),
    ("fgdm-offered-without-letter", "pre_proceedings", lambda w, f, a: _ms(w).record_fgdm(
        a, f, True, None),
     ValidationFailed, "fgdm_offered", "record a letter as sent first"),
    ("fgdm-held-not-offered", "letters_sent", lambda w, f, a: _ms(w).record_fgdm(
        a, f, False, True),
     ValidationFailed, "fgdm_held", "can only be held once it is offered"),
    # wrong stage or a move the PLO process does not allow
    ("gateway-twice", "pre_proceedings", lambda w, f, a: _ms(w).record_gateway_decision(
        a, f, GatewayDecision.ENTER_PRE_PROCEEDINGS, TODAY),
     ValidationFailed, "stage", "The gateway decision for this episode is already recorded"),
    ("letter-before-gateway-decided", "awaiting", lambda w, f, a: _ms(w).record_letter_sent(
        a, f, w.adults(f)[0], TODAY, SendMethod.POST),
     ValidationFailed, "stage", "It is now: awaiting gateway decision."),
    ("meeting-planned-while-awaiting", "awaiting", lambda w, f, a: _ms(w).schedule_meeting(
        a, f, MeetingKind.INITIAL_PPM, TODAY),
     ValidationFailed, "kind", "Pre-proceedings meetings are planned once the family is in "
                               "pre-proceedings"),
    ("meeting-held-after-step-down", "stepped_down", lambda w, f, a: _ms(w).record_meeting_held(
        a, f, MeetingKind.REVIEW_PPM, TODAY),
     ValidationFailed, "stage", "It is now: stepped down."),
    ("assessment-after-issue", "issued", lambda w, f, a: _ms(w).commission_assessment(
        a, f, AssessmentKind.PARENTING, "Mother", TODAY, date(2027, 1, 8)),
     ValidationFailed, "stage", "It is now: decided to issue."),
    ("extension-after-issue", "issued", lambda w, f, a: _ms(w).record_extension(
        a, f, TODAY, date(2027, 1, 8), "More time.", _approver(w)),
     ValidationFailed, "stage", "You can only extend pre-proceedings when"),
    ("gateway-while-proceedings-issued", "issued", lambda w, f, a: _ms(w).record_gateway_decision(
        a, f, GatewayDecision.ISSUE_PROCEEDINGS, TODAY),
     ValidationFailed, "stage", "The gateway decision for this episode is already recorded"),
    ("outcome-while-awaiting", "awaiting", lambda w, f, a: _ms(w).record_outcome(
        a, f, Outcome.ISSUE_PROCEEDINGS, TODAY),
     ValidationFailed, "stage", "You can only record the outcome when the family's stage is "
                                "pre-proceedings. It is now: awaiting gateway decision."),
    ("outcome-twice", "stepped_down", lambda w, f, a: _ms(w).record_outcome(
        a, f, Outcome.ISSUE_PROCEEDINGS, TODAY),
     ValidationFailed, "stage", "It is now: stepped down."),
    ("court-application-in-pre-proceedings", "letters_sent",
     lambda w, f, a: _ms(w).record_court_application(a, f, TODAY, False, None, None),
     ValidationFailed, "stage", "You can only record the court application when"),
    ("close-pre-proceedings", "letters_sent", lambda w, f, a: _ms(w).close_proceedings(
        a, f, TODAY),
     ValidationFailed, "stage", "It is now: pre-proceedings."),
    ("close-twice", "closed", lambda w, f, a: _ms(w).close_proceedings(a, f, TODAY),
     ValidationFailed, "stage", "It is now: closed."),
    # missing reasons and other required words
    ("extension-without-reason", "initial_meeting_held", lambda w, f, a: _ms(w).record_extension(
        a, f, TODAY, date(2027, 2, 1), "   ", _approver(w)),
     ValidationFailed, "reason", "Give the reason for the extension"),
    ("extension-without-approver", "initial_meeting_held", lambda w, f, a: _ms(w).record_extension(
        a, f, TODAY, date(2027, 2, 1), "More time.", None),
     ValidationFailed, "approved_by", "Choose who approved the extension"),
    ("extension-approved-by-a-social-worker", "initial_meeting_held",
     lambda w, f, a: _ms(w).record_extension(a, f, TODAY, date(2027, 2, 1), "More time.",
                                             w.actor("socialworker").user_id),
     ValidationFailed, "approved_by", "An extension is approved by a team manager, a gateway "
                                      "panel member or an administrator"),
    ("extension-that-would-shorten", "initial_meeting_held",
     # Gateway Tue 1 Sep 2026: the 16 weeks end on day 112, Mon 21 Dec 2026.
     lambda w, f, a: _ms(w).record_extension(a, f, TODAY, date(2026, 12, 21), "More time.",
                                             _approver(w)),
     ValidationFailed, "new_end_date", "Pre-proceedings already runs to Mon 21 Dec 2026"),
    ("review-before-the-initial-meeting", "initial_meeting_held",
     lambda w, f, a: _ms(w).record_meeting_held(a, f, MeetingKind.REVIEW_PPM,
                                                date(2026, 9, 16)),
     ValidationFailed, "held_date", "A review meeting cannot be held before the initial "
                                    "pre-proceedings meeting, held on Thu 17 Sep 2026"),
    ("initial-meeting-before-any-letter", "pre_proceedings",
     lambda w, f, a: _ms(w).record_meeting_held(a, f, MeetingKind.INITIAL_PPM, TODAY),
     ValidationFailed, "held_date", "record a letter as sent first"),
    ("initial-meeting-before-the-letter", "letters_sent",
     lambda w, f, a: _ms(w).record_meeting_held(a, f, MeetingKind.INITIAL_PPM,
                                                date(2026, 9, 2)),
     ValidationFailed, "held_date", "cannot be held before the first letter before "
                                    "proceedings was sent, on Thu 3 Sep 2026"),
    ("second-letter-to-the-same-person", "letters_sent",
     lambda w, f, a: _ms(w).record_letter_sent(a, f, w.adults(f)[0], TODAY, SendMethod.POST),
     ValidationFailed, "recipient", "Jade Testcase was already sent the letter before "
                                    "proceedings, on Thu 3 Sep 2026"),
    ("a-date-before-the-calendar", "awaiting", lambda w, f, a: _ms(w).record_gateway_decision(
        a, f, GatewayDecision.ENTER_PRE_PROCEEDINGS, date(1999, 12, 31)),
     ValidationFailed, "gateway_date", "The date 31 December 1999 is outside the years"),
    ("a-meeting-planned-after-the-calendar", "letters_sent",
     lambda w, f, a: _ms(w).schedule_meeting(a, f, MeetingKind.REVIEW_PPM, date(2061, 1, 3)),
     ValidationFailed, "planned_date", "The date 3 January 2061 is outside the years 2000 to 2060"),
    ("a-place-far-too-long", "letters_sent",
     lambda w, f, a: _ms(w).schedule_meeting(a, f, MeetingKind.REVIEW_PPM, TODAY,
                                             place="Room " * 100),
     ValidationFailed, "place", "This is 500 characters long; the most it can be is 300"),
    ("a-control-character-in-a-reference", "issued",
     lambda w, f, a: _ms(w).record_court_application(a, f, APPLIED_DAY, False, None,
                                                     "ZW26\x1bC0001"),
     ValidationFailed, "court_reference", "hidden control character (U+001B)"),
    ("short-notice-without-reason", "issued", lambda w, f, a: _ms(w).record_court_application(
        a, f, APPLIED_DAY, True, "  ", None),
     ValidationFailed, "short_notice_reason", "Say why the application was made on short "
                                              "notice"),
    ("step-down-without-plan", "letters_sent", lambda w, f, a: _ms(w).record_outcome(
        a, f, Outcome.STEP_DOWN, TODAY),
     ValidationFailed, "step_down_plan", "Choose the plan the family steps down to"),
    ("assessment-without-subject", "pre_proceedings", lambda w, f, a: _ms(w).commission_assessment(
        a, f, AssessmentKind.PARENTING, " ", TODAY, date(2027, 1, 8)),
     ValidationFailed, "subject", "Say who the assessment is of"),
    ("completed-without-conclusion", "with_assessment", lambda w, f, a: _ms(w).complete_assessment(
        a, f, _assessment_id(w, f), TODAY, "  "),
     ValidationFailed, "conclusion", "Summarise the assessment's conclusion"),
    ("empty-note", "pre_proceedings", lambda w, f, a: _ms(w).add_note(a, f, " \n "),
     ValidationFailed, "text", "Write the note first"),
    # records that are not this family's
    ("letter-to-another-familys-parent", "pre_proceedings",
     lambda w, f, a: _ms(w).record_letter_sent(a, f, _other_familys_adult(w, f), TODAY,
                                               SendMethod.POST),
     ValidationFailed, "recipient", "Choose a recipient from this family"),
    ("unknown-meeting", "letters_sent", lambda w, f, a: _ms(w).record_meeting_held(
        a, f, MeetingKind.INITIAL_PPM, TODAY, meeting_id=987654),
     ValidationFailed, "meeting", "That meeting is not on this family's record"),
    ("unknown-assessment", "with_assessment", lambda w, f, a: _ms(w).complete_assessment(
        a, f, 987654, TODAY, "Positive."),
     ValidationFailed, "assessment", "That assessment is not on this episode"),
    ("unknown-family", "pre_proceedings", lambda w, f, a: _ms(w).add_note(a, 987654, "Visit."),
     NotFound, None, "That family no longer exists"),
]


def _approver(world) -> int:
    return world.actor("manager").user_id


def _assert_plain(message: str) -> None:
    assert message and message[0].isupper(), message
    for tell in ("_", "None", "Error", "Traceback", "<", "sqlite", "SELECT"):
        assert tell not in message, message


@pytest.mark.parametrize(("build", "call", "error", "field", "says"),
                         [pytest.param(*case[1:], id=case[0]) for case in BAD])
def test_bad_input_is_refused_and_changes_nothing(world, build, call, error, field, says):
    family_id = getattr(world, build)()
    actor = world.actor("manager")
    before = world.tables()

    with pytest.raises(error) as refused:
        call(world, family_id, actor)

    assert type(refused.value) is error
    message = refused.value.message
    assert says in message
    _assert_plain(message)
    if error is ValidationFailed:
        assert set(refused.value.problems) == {field}
    assert world.tables() == before


def test_every_problem_in_a_form_is_reported_at_once(world):
    family_id = world.initial_meeting_held()
    before = world.tables()
    with pytest.raises(ValidationFailed) as refused:
        _ms(world).record_extension(world.actor("manager"), family_id, TOMORROW,
                                    date(2027, 2, 1), "", None)
    assert set(refused.value.problems) == {"decided_on", "reason", "approved_by"}
    assert world.tables() == before


def test_planned_meeting_of_the_family_is_found_by_id(world):
    family_id = world.letters_sent()
    saved = _ms(world).schedule_meeting(world.actor("manager"), family_id,
                                        MeetingKind.INITIAL_PPM, INITIAL_PPM_DAY)
    _ms(world).record_meeting_held(world.actor("manager"), family_id, MeetingKind.INITIAL_PPM,
                                   INITIAL_PPM_DAY, meeting_id=saved.entity_id)
    meeting = _only(world, Meeting, family_id)  # held the planned one, did not add another
    assert (meeting.id, meeting.held_date) == (saved.entity_id, INITIAL_PPM_DAY)
