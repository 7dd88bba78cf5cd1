"""The gateway panel in the app's demo database: a meeting held two weeks ago with its
decisions and actions (some still open, owned by demo accounts, so My work shows them), and
a meeting planned for next week with the agenda the app proposes.

Made through the real services as the demo's panel member, so every step is audited. Done
once per demo database (a database fact records it); only `open_services` calls it, for the
app's own demo, so the demo databases tests make are unchanged.
"""

from __future__ import annotations

import logging
from datetime import time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.panel import AgendaReason, PanelDecision, PanelRole
from plo_tracker.domain.stages import Stage
from plo_tracker.storage.models import DatabaseFact, Family, FamilyListRow, User

from .panel_views import (
    PanelActionForm,
    PanelDecisionForm,
    PanelMeetingForm,
    PanelMemberForm,
)

if TYPE_CHECKING:
    from .registry import Services

log = logging.getLogger(__name__)

DONE_FACT = "demo_panel"
PLACE = "Committee Room 2, County Hall"
HELD_FAMILIES = 3


def add_demo_panel(services: Services) -> tuple[int, int] | None:
    """Add the demo's two panel meetings once; their ids, or None when added before (or the
    database is not a writable demo database)."""
    if services.context.database.read_only or not _claim(services):
        return None
    try:
        return _make(services)
    except DomainError as error:  # a bug in the demo, never the user's doing
        log.warning("The demo panel meetings were not all added: %s", type(error).__name__)
        return None


def _claim(services: Services) -> bool:
    with services.context.database.unit_of_work() as session:
        if session.get(DatabaseFact, "demo") is None or session.get(DatabaseFact, DONE_FACT):
            return False
        session.add(DatabaseFact(key=DONE_FACT, value="true"))
        return True


def _make(services: Services) -> tuple[int, int]:
    panel = services.users.trusted_actor("panel")
    manager = services.users.trusted_actor("manager")
    today = services.context.clock.today()
    members = (PanelMemberForm(manager.user_id, "", PanelRole.CHAIR),
               PanelMemberForm(None, "Dana Reeve", PanelRole.LEGAL),
               PanelMemberForm(panel.user_id, "", PanelRole.MANAGER))
    held_on, next_on = today - timedelta(days=14), today + timedelta(days=7)
    held = services.panel.create_meeting(panel, PanelMeetingForm(
        held_on, time(10, 0), PLACE, members))
    services.panel.record_attendance(panel, held.meeting_id,
                                     {m.member_id: True for m in held.members})
    done = None
    for family_id, worker_id in _families(services):
        item = services.panel.add_to_agenda(panel, held.meeting_id, family_id,
                                            AgendaReason.REVIEW)
        services.panel.set_recommendation(
            panel, item.item_id, "Stay in pre-proceedings: the parents are engaging.")
        owner = worker_id or manager.user_id
        item = services.panel.record_decision(panel, item.item_id, PanelDecisionForm(
            PanelDecision.STAY,
            "Some progress against the plan; the parenting assessment is not finished.",
            next_review_date=next_on,
            actions=(PanelActionForm("Book the review pre-proceedings meeting", owner,
                                     held_on + timedelta(days=7)),
                     PanelActionForm("Send the panel the parenting assessment", owner,
                                     today + timedelta(days=3)),
                     PanelActionForm("Confirm the family group conference date",
                                     manager.user_id, today + timedelta(days=5)))))
        if not done:  # one done already, the rest open
            done = services.panel.complete_action(panel, item.actions[0].action_id,
                                                  held_on + timedelta(days=5))
    services.panel.close_meeting(panel, held.meeting_id)
    planned = services.panel.create_meeting(panel, PanelMeetingForm(
        next_on, time(10, 0), PLACE, members))
    services.panel.add_proposed(panel, planned.meeting_id)
    return held.meeting_id, planned.meeting_id


def _families(services: Services) -> list[tuple[int, int | None]]:
    """A few families in pre-proceedings (none restricted), the demo social worker's own
    first."""
    with services.context.database.reading() as conn:
        worker = conn.execute(select(User.id).where(User.username == "socialworker")).scalar()
        rows = conn.execute(
            select(FamilyListRow.family_id, FamilyListRow.social_worker_id)
            .join(Family, Family.id == FamilyListRow.family_id)
            .where(FamilyListRow.stage == Stage.PRE_PROCEEDINGS.value,
                   Family.restricted.is_(False))
            .order_by(FamilyListRow.family_id)).all()
    rows.sort(key=lambda row: row.social_worker_id != worker)
    return [(row.family_id, row.social_worker_id) for row in rows[:HELD_FAMILIES]]
