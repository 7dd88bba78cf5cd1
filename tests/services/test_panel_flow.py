"""The gateway panel from planning a meeting to its decisions: every date and count below
is worked out by hand (TODAY is Thursday 26 November 2026)."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.panel import AgendaReason, PanelDecision, PanelRole
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import StepDownPlan
from plo_tracker.services.errors import PermissionDenied
from plo_tracker.services.panel_views import (
    PanelActionForm,
    PanelDecisionForm,
    PanelMeetingForm,
    PanelMemberForm,
)
from plo_tracker.storage.models import Episode, Extension, PanelAction, PanelItem
from tests.support import TODAY


def _meeting(world, day=TODAY, lawyer=True):
    panel, manager = world.actor("panel"), world.actor("manager")
    members = [PanelMemberForm(manager.user_id, "", PanelRole.CHAIR)]
    if lawyer:
        members.append(PanelMemberForm(None, "Dana Reeve", PanelRole.LEGAL))
    members.append(PanelMemberForm(panel.user_id, "", PanelRole.MANAGER))
    return world.services.panel.create_meeting(
        panel, PanelMeetingForm(day, time(10, 0), "Room 4, County Hall", tuple(members)))


def _attend_all(world, meeting):
    return world.services.panel.record_attendance(
        world.actor("panel"), meeting.meeting_id, {m.member_id: True for m in meeting.members})


def _item(world, meeting, family_id):
    return world.services.panel.add_to_agenda(world.actor("panel"), meeting.meeting_id,
                                              family_id)


def _stage(world, family_id):
    with world.database.reading() as conn:
        return conn.execute(select(Episode.stage).where(Episode.family_id == family_id)
                            .order_by(Episode.id.desc()).limit(1)).scalar()


def _counts(world):
    with world.database.reading() as conn:
        return (conn.execute(select(func.count(PanelAction.id))).scalar(),
                conn.execute(select(func.count(Extension.id))).scalar(),
                world.audit_count())


def test_meeting_members_take_account_names_and_quorum_is_worked_out(world):
    meeting = _meeting(world)
    assert [m.name for m in meeting.members] == ["Morgan Patel", "Dana Reeve", "Priya Lambert"]
    assert meeting.quorate is None and meeting.quorum_text == "Attendance not recorded yet"
    after = _attend_all(world, meeting)
    assert after.quorate is True
    assert after.quorum_text == "Quorate: chair and lawyer present, 3 members"


def test_meeting_without_the_lawyer_is_not_quorate(world):
    meeting = _meeting(world)
    chair, lawyer, manager = meeting.members
    after = world.services.panel.record_attendance(
        world.actor("panel"), meeting.meeting_id,
        {chair.member_id: True, lawyer.member_id: False, manager.member_id: True})
    assert after.quorate is False
    assert after.quorum_text == "Not quorate: no lawyer attended"


def test_gateway_decision_enters_pre_proceedings_with_actions_and_review(world):
    family_id = world.awaiting()
    meeting = _attend_all(world, _meeting(world))
    item = _item(world, meeting, family_id)
    assert item.reason is AgendaReason.ADDED
    assert PanelDecision.ENTER_PRE_PROCEEDINGS in item.options
    worker = world.actor("socialworker")
    decided = world.services.panel.record_decision(world.actor("manager"), item.item_id,
                                                   PanelDecisionForm(
        PanelDecision.ENTER_PRE_PROCEEDINGS, "Neglect continues despite the CP plan.",
        next_review_date=date(2027, 1, 7),
        actions=(PanelActionForm("Send the letter before proceedings", worker.user_id,
                                 date(2026, 12, 3)),)))
    assert decided.decision is PanelDecision.ENTER_PRE_PROCEEDINGS
    assert decided.quorate is True
    assert [a.text for a in decided.actions] == ["Send the letter before proceedings"]
    assert _stage(world, family_id) == Stage.PRE_PROCEEDINGS.value
    with world.database.reading() as conn:
        gateway, review = conn.execute(select(Episode.gateway_date, Episode.panel_review_date)
                                       .where(Episode.family_id == family_id)).one()
    assert (gateway, review) == (TODAY, date(2027, 1, 7))
    mine = world.services.panel.actions(worker)
    assert [(a.family_id, a.due_date, a.owner_name) for a in mine
            if a.family_id == family_id] == [(family_id, date(2026, 12, 3), "Sam Okafor")]


def test_an_illegal_decision_is_refused_and_nothing_is_written(world):
    family_id = world.pre_proceedings()  # started 1 Sep 2026, 16 weeks end 21 Dec 2026
    meeting = _attend_all(world, _meeting(world))
    item = _item(world, meeting, family_id)
    before = _counts(world)
    version = world.version(family_id)
    # An extension that shortens pre-proceedings: the milestone's own rule refuses it.
    with pytest.raises(ValidationFailed) as refused:
        world.services.panel.record_decision(world.actor("manager"), item.item_id,
                                             PanelDecisionForm(
            PanelDecision.EXTEND, "More time for the assessment.",
            extension_end=date(2026, 12, 10),
            actions=(PanelActionForm("Chase the assessor", world.actor("manager").user_id,
                                     date(2026, 12, 1)),)))
    assert set(refused.value.problems) == {"extension_end"}
    # A gateway decision on a family already in pre-proceedings.
    with pytest.raises(ValidationFailed) as refused:
        world.services.panel.record_decision(world.actor("manager"), item.item_id,
                                             PanelDecisionForm(PanelDecision.ISSUE_NOW, "x"))
    assert set(refused.value.problems) == {"decision"}
    assert _counts(world) == before
    assert world.version(family_id) == version
    with world.database.reading() as conn:
        assert conn.execute(select(PanelItem.decision).where(
            PanelItem.id == item.item_id)).scalar() is None


def test_extension_and_step_down_record_milestones(world):
    first, second = world.pre_proceedings(), world.letters_sent()
    meeting = _attend_all(world, _meeting(world))
    extended = world.services.panel.record_decision(
        world.actor("panel"), _item(world, meeting, first).item_id,
        PanelDecisionForm(PanelDecision.EXTEND, "The parenting assessment ends in January.",
                          extension_end=date(2027, 1, 29), next_review_date=date(2027, 1, 14)))
    assert extended.decision_text == "Extend pre-proceedings to 29 Jan 2027"
    stepped = world.services.panel.record_decision(
        world.actor("panel"), _item(world, meeting, second).item_id,
        PanelDecisionForm(PanelDecision.STEP_DOWN, "Sustained change.",
                          step_down_plan=StepDownPlan.CHILD_IN_NEED))
    assert stepped.decision_text == "Step down to a child in need plan"
    assert _stage(world, second) == Stage.STEPPED_DOWN.value
    with world.database.reading() as conn:
        approved = conn.execute(select(Extension.approved_by).join(
            Episode, Episode.id == Extension.episode_id).where(Episode.family_id == first)
        ).scalar()
    assert approved == "Priya Lambert"


def test_decision_at_a_meeting_not_quorate_is_marked(world):
    family_id = world.pre_proceedings()
    meeting = _meeting(world, lawyer=False)
    meeting = _attend_all(world, meeting)
    assert meeting.quorum_text == "Not quorate: no lawyer attended"
    item = _item(world, meeting, family_id)
    decided = world.services.panel.record_decision(
        world.actor("manager"), item.item_id,
        PanelDecisionForm(PanelDecision.STAY, "Progress is being made.",
                          next_review_date=date(2026, 12, 17)))
    assert decided.quorate is False
    history = world.services.case_detail.history(world.actor("manager"), family_id)
    assert history[0].action_words == ("Recorded the gateway panel's decision: decided at a "
                                       "meeting that was not quorate")


def test_every_action_needs_an_owner_and_a_date(world):
    family_id = world.pre_proceedings()
    meeting = _attend_all(world, _meeting(world))
    item = _item(world, meeting, family_id)
    with pytest.raises(ValidationFailed) as refused:
        world.services.panel.record_decision(world.actor("manager"), item.item_id,
                                             PanelDecisionForm(
            PanelDecision.DEFERRED, "Waiting for the police report.",
            actions=(PanelActionForm("Get the police report", None, None),
                     PanelActionForm("", world.actor("manager").user_id, date(2026, 12, 1)))))
    assert refused.value.problems == {
        "actions.0.owner_id": "Action 1: choose who will do it.",
        "actions.0.due_date": "Action 1: give the date it is to be done by.",
        "actions.1.text": "Action 2: say what is to be done.",
    }


def test_decisions_wait_for_attendance(world):
    family_id = world.pre_proceedings()
    meeting = _meeting(world)
    item = _item(world, meeting, family_id)
    with pytest.raises(ValidationFailed) as refused:
        world.services.panel.record_decision(
            world.actor("manager"), item.item_id,
            PanelDecisionForm(PanelDecision.DEFERRED, "Not enough time."))
    assert set(refused.value.problems) == {"attendance"}


def test_a_social_worker_may_not_record_a_decision(world):
    family_id = world.pre_proceedings()
    meeting = _attend_all(world, _meeting(world))
    item = _item(world, meeting, family_id)
    with pytest.raises(PermissionDenied):
        world.services.panel.record_decision(
            world.actor("socialworker"), item.item_id,
            PanelDecisionForm(PanelDecision.DEFERRED, "Not enough time."))


def test_closing_needs_every_family_decided_then_freezes_the_meeting(world):
    family_id = world.pre_proceedings()
    meeting = _attend_all(world, _meeting(world))
    item = _item(world, meeting, family_id)
    panel = world.actor("panel")
    with pytest.raises(ValidationFailed) as refused:
        world.services.panel.close_meeting(panel, meeting.meeting_id)
    assert refused.value.problems == {"items": (
        "1 family has no decision yet. Record one for each family (or defer it to the next "
        "meeting), or take it off the agenda.")}
    world.services.panel.record_decision(world.actor("manager"), item.item_id,
                                         PanelDecisionForm(PanelDecision.DEFERRED, "No time."))
    held = world.services.panel.close_meeting(panel, meeting.meeting_id)
    assert held.status == "held"
    with pytest.raises(ValidationFailed):
        world.services.panel.add_to_agenda(panel, meeting.meeting_id, world.awaiting())


def test_agenda_order_and_removal(world):
    meeting = _meeting(world)
    panel = world.actor("panel")
    ids = [world.awaiting() for _ in range(3)]
    items = [_item(world, meeting, f) for f in ids]
    world.services.panel.move_item(panel, items[2].item_id, 1)
    order = [i.family_id for i in world.services.panel.meeting(panel, meeting.meeting_id).items]
    assert order == [ids[2], ids[0], ids[1]]
    world.services.panel.remove_from_agenda(panel, items[0].item_id)
    view = world.services.panel.meeting(panel, meeting.meeting_id)
    assert [(i.family_id, i.position) for i in view.items] == [(ids[2], 1), (ids[1], 2)]


def test_complete_action_by_its_owner(world):
    family_id = world.pre_proceedings()
    meeting = _attend_all(world, _meeting(world))
    worker = world.actor("socialworker")
    item = world.services.panel.record_decision(
        world.actor("manager"), _item(world, meeting, family_id).item_id,
        PanelDecisionForm(PanelDecision.DEFERRED, "Report awaited.",
                          actions=(PanelActionForm("Get the report", worker.user_id,
                                                   date(2026, 12, 4)),)))
    action_id = item.actions[0].action_id
    done = world.services.panel.complete_action(worker, action_id, TODAY)
    assert done.done_on == TODAY
    assert action_id not in {a.action_id for a in world.services.panel.actions(worker)}
    with pytest.raises(PermissionDenied):
        world.services.panel.actions(worker, owner_id=world.actor("manager").user_id)


def test_gateway_decision_for_a_planned_meeting_next_week_is_refused(world):
    family_id = world.awaiting()
    meeting = _meeting(world, day=date(2026, 12, 3))
    item = _item(world, meeting, family_id)
    with pytest.raises(ValidationFailed) as refused:
        world.services.panel.record_decision(
            world.actor("manager"), item.item_id,
            PanelDecisionForm(PanelDecision.ENTER_PRE_PROCEEDINGS, "Risk."))
    assert refused.value.problems == {"decision": (
        "Decisions are recorded on or after the day of the meeting, 3 Dec 2026.")}
    assert _stage(world, family_id) == Stage.AWAITING_GATEWAY.value
