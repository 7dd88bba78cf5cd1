"""The agenda's proposals, worked out by hand for a meeting on Thursday 26 November 2026
(TODAY) with the default settings: 16 weeks beginning with the start, proposed from 2 weeks
before the end."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import update

from plo_tracker.domain.panel import AgendaReason, PanelRole
from plo_tracker.domain.vocabulary import MeetingKind
from plo_tracker.services.panel_views import PanelMeetingForm, PanelMemberForm
from plo_tracker.storage.models import Episode
from tests.support import TODAY


def _proposed(world, actor="panel", on=TODAY):
    return {p.family_id: p for p in world.services.panel.proposed_agenda(world.actor(actor), on)}


def test_awaiting_gateway_is_proposed_for_its_decision(world):
    family_id = world.awaiting()
    proposed = _proposed(world)[family_id]
    assert (proposed.reason, proposed.why) == (AgendaReason.GATEWAY,
                                               "Awaiting the gateway decision")


def test_within_two_weeks_of_the_end(world):
    # Started Thu 13 Aug 2026: day 1. The 16 weeks end on day 112, Wed 2 Dec 2026; on
    # 26 Nov it is day 106, in week 16; 2 Dec is on or before 26 Nov + 14 days = 10 Dec.
    family_id = world.new_family(decided_on=date(2026, 8, 13))
    proposed = _proposed(world)[family_id]
    assert proposed.reason is AgendaReason.SIXTEEN_WEEKS
    assert proposed.why == "Week 16 of 16: pre-proceedings end on 2 Dec 2026"


def test_not_yet_near_the_end(world):
    # Started Tue 1 Sep 2026: ends Mon 21 Dec 2026, after 10 Dec: not proposed on 26 Nov;
    # on 8 Dec (ends within 22 Dec) it is: day 99, and days 92 to 98 were week 14, so week 15.
    family_id = world.pre_proceedings()
    assert family_id not in _proposed(world)
    later = _proposed(world, on=date(2026, 12, 8))[family_id]
    assert later.why == "Week 15 of 16: pre-proceedings end on 21 Dec 2026"


def test_past_the_end_without_an_outcome(world):
    # Started Wed 1 Jul 2026: ends Tue 20 Oct 2026 (day 112); 26 Nov is day 149, 37 days
    # past: 5 whole weeks.
    family_id = world.new_family(decided_on=date(2026, 7, 1))
    proposed = _proposed(world)[family_id]
    assert proposed.reason is AgendaReason.OUTCOME
    assert proposed.why == ("5 weeks past the 16-week target (ended 20 Oct 2026); no outcome "
                            "recorded")


def test_final_meeting_held(world):
    family_id = world.initial_meeting_held()
    world.services.milestones.record_meeting_held(world.actor("manager"), family_id,
                                                  MeetingKind.FINAL, date(2026, 11, 19))
    proposed = _proposed(world)[family_id]
    assert (proposed.reason, proposed.why) == (
        AgendaReason.OUTCOME,
        "Final pre-proceedings meeting held on 19 Nov 2026; no outcome recorded")


def test_review_date_on_or_before_the_meeting(world):
    due, later = world.pre_proceedings(), world.pre_proceedings()
    with world.database.unit_of_work() as session:
        session.execute(update(Episode).where(Episode.family_id == due)
                        .values(panel_review_date=TODAY))
        session.execute(update(Episode).where(Episode.family_id == later)
                        .values(panel_review_date=date(2026, 11, 27)))
    proposed = _proposed(world)
    assert proposed[due].reason is AgendaReason.REVIEW
    assert proposed[due].why == "Review date set by the panel: 26 Nov 2026"
    assert later not in proposed


def test_ended_episodes_are_not_proposed(world):
    assert world.stepped_down() not in _proposed(world)
    assert world.issued() not in _proposed(world)


def test_a_restricted_family_is_never_proposed_to_those_who_may_not_see_it(world):
    family_id = world.awaiting()
    manager = world.actor("manager")
    world.services.family_access.restrict(manager, family_id)
    assert family_id in _proposed(world, "manager")
    assert family_id not in _proposed(world, "panel")
    assert family_id not in _proposed(world, "admin")
    meeting = world.services.panel.create_meeting(world.actor("panel"), PanelMeetingForm(
        TODAY, time(9, 30), "Room 1", (PanelMemberForm(None, "A Chair", PanelRole.CHAIR),)))
    world.services.panel.add_proposed(world.actor("panel"), meeting.meeting_id)
    view = world.services.panel.meeting(world.actor("manager"), meeting.meeting_id)
    assert family_id not in {item.family_id for item in view.items}


def test_add_proposed_adds_each_once_in_order_of_reason(world):
    gateway = world.awaiting()
    near = world.new_family(decided_on=date(2026, 8, 13))
    panel = world.actor("panel")
    meeting = world.services.panel.create_meeting(panel, PanelMeetingForm(
        TODAY, None, "", (PanelMemberForm(None, "A Chair", PanelRole.CHAIR),)))
    added = world.services.panel.add_proposed(panel, meeting.meeting_id)
    assert added == len(world.services.panel.proposed_agenda(panel, TODAY))
    assert world.services.panel.add_proposed(panel, meeting.meeting_id) == 0
    items = world.services.panel.meeting(panel, meeting.meeting_id).items
    reasons = [item.reason for item in items]
    assert reasons == sorted(reasons, key=list(AgendaReason).index)
    by_family = {item.family_id: item for item in items}
    assert by_family[gateway].reason is AgendaReason.GATEWAY
    assert (by_family[near].reason, by_family[near].week) == (AgendaReason.SIXTEEN_WEEKS, 16)
