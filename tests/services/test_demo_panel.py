"""The demo's panel meetings: one held two weeks ago with decisions and open actions for the
demo accounts, one planned next week with the proposed agenda; added once."""

from __future__ import annotations

from datetime import date

from plo_tracker.domain.panel import PanelDecision
from plo_tracker.services.demo_panel import add_demo_panel

# TODAY is Thu 26 Nov 2026: two weeks before is Thu 12 Nov, a week after Thu 3 Dec.
HELD, NEXT = date(2026, 11, 12), date(2026, 12, 3)


def test_a_held_and_a_planned_meeting_once(world):
    held_id, planned_id = add_demo_panel(world.services)
    panel = world.actor("panel")
    held = world.services.panel.meeting(panel, held_id)
    assert (held.meeting_date, held.status, held.quorate) == (HELD, "held", True)
    assert held.quorum_text == "Quorate: chair and lawyer present, 3 members"
    assert held.items and all(i.decision is PanelDecision.STAY for i in held.items)
    assert all(i.next_review_date == NEXT for i in held.items)
    planned = world.services.panel.meeting(panel, planned_id)
    assert (planned.meeting_date, planned.status) == (NEXT, "planned")
    # Reviewed families come back for review next week, with the rest proposed.
    assert {i.family_id for i in held.items} <= {i.family_id for i in planned.items}
    assert len(planned.items) == len(world.services.panel.proposed_agenda(panel, NEXT))
    actions = [a for i in held.items for a in i.actions]
    assert len(actions) == 3 * len(held.items)
    assert sum(1 for a in actions if a.done_on) == 1
    # Each family's worker books the review (due 19 Nov: overdue in their My work).
    booked = [a for a in actions if a.text == "Book the review pre-proceedings meeting"]
    assert all(a.due_date == date(2026, 11, 19) for a in booked)
    mine = world.services.panel.actions(world.actor("manager"))
    assert {a.text for a in mine} >= {"Confirm the family group conference date"}
    assert add_demo_panel(world.services) is None
