"""The gateway panel's methods for test_every_service_every_role: what each needs, a valid
call, and what it is given (kept here so that file only gains three lines)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from plo_tracker.domain.panel import PanelDecision, PanelRole
from plo_tracker.domain.permissions import Permission
from plo_tracker.services.panel_views import (
    PanelActionForm,
    PanelDecisionForm,
    PanelMeetingForm,
    PanelMemberForm,
)
from plo_tracker.storage.models import PanelAction, PanelItem
from tests.support import TODAY


def _form(world) -> PanelMeetingForm:
    return PanelMeetingForm(TODAY, None, "Room 2", (
        PanelMemberForm(world.actor("manager").user_id, "", PanelRole.CHAIR),))


def _meeting(world) -> int:
    """A planned meeting on TODAY with its attendance recorded and nothing on its agenda."""
    panel = world.services.panel
    meeting = panel.create_meeting(world.actor("admin"), _form(world))
    panel.record_attendance(world.actor("admin"), meeting.meeting_id,
                            {m.member_id: True for m in meeting.members})
    return meeting.meeting_id


_AGENDA_MEETING: dict[int, int] = {}  # one planned meeting per world, to add families to


def _family_for_agenda(world) -> int:
    if id(world) not in _AGENDA_MEETING:
        _AGENDA_MEETING[id(world)] = _meeting(world)
    return world.pre_proceedings()


def _item(world) -> int:
    return world.services.panel.add_to_agenda(world.actor("admin"), _meeting(world),
                                              world.pre_proceedings()).item_id


def _decided(world) -> int:
    item_id = _item(world)
    world.services.panel.record_decision(world.actor("admin"), item_id, PanelDecisionForm(
        PanelDecision.DEFERRED, "The police report is awaited.",
        actions=(PanelActionForm("Get the police report", world.actor("admin").user_id,
                                 date(2026, 12, 3)),)))
    return item_id


def _action(world) -> int:
    """An open action owned by the administrator's account."""
    item_id = _decided(world)
    with world.database.reading() as conn:
        return conn.execute(select(PanelAction.id)
                            .where(PanelAction.panel_item_id == item_id)).scalar_one()


def _family_with_action(world) -> int:
    item_id = _decided(world)
    with world.database.reading() as conn:
        return conn.execute(select(PanelItem.family_id)
                            .where(PanelItem.id == item_id)).scalar_one()


def _out() -> Path:
    return Path(tempfile.mkdtemp()) / "panel.pdf"


def _family_ids(result) -> set[int]:
    return {row.family_id for row in result}


PANEL_BUILDERS = {"panel_meeting": _meeting, "family_for_agenda": _family_for_agenda,
                  "panel_item": _item, "panel_decided": _decided, "panel_action": _action,
                  "family_with_action": _family_with_action}
PANEL_OWNERS = {"panel_item": PanelItem, "panel_decided": PanelItem,
                "panel_action": PanelAction}

RUN = Permission.RUN_PANEL
_P = "panel"
PANEL_ENTRIES: dict[tuple[str, str], dict[str, Any]] = {
    (_P, "meetings"): dict(needs=RUN, call=lambda w, f, a: w.services.panel.meetings(a),
                           build="panel_meeting", target="none"),
    (_P, "meeting"): dict(needs=RUN, call=lambda w, f, a: w.services.panel.meeting(a, f),
                          build="panel_meeting", target="none"),
    (_P, "create_meeting"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.create_meeting(a, _form(w)),
        build=None, target="none"),
    (_P, "update_meeting"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.update_meeting(a, f, _form(w)),
        build="panel_meeting", target="none"),
    (_P, "record_attendance"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.record_attendance(a, f, {}),
        build="panel_meeting", target="none"),
    (_P, "close_meeting"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.close_meeting(a, f),
        build="panel_meeting", target="none"),
    (_P, "proposed_agenda"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.proposed_agenda(a, TODAY),
        build="awaiting", target="list", listed=_family_ids),
    (_P, "add_proposed"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.add_proposed(a, f),
        build="panel_meeting", target="none"),
    (_P, "add_to_agenda"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.add_to_agenda(
            a, _AGENDA_MEETING[id(getattr(w, "_world", w))], f),
        build="family_for_agenda"),
    (_P, "remove_from_agenda"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.remove_from_agenda(a, f),
        build="panel_item", target="panel_item"),
    (_P, "move_item"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.move_item(a, f, 1),
        build="panel_item", target="panel_item"),
    (_P, "set_recommendation"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.set_recommendation(
            a, f, "Stay in pre-proceedings."), build="panel_item", target="panel_item"),
    (_P, "record_decision"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.record_decision(
            a, f, PanelDecisionForm(PanelDecision.DEFERRED, "No time today.")),
        build="panel_item", target="panel_item"),
    (_P, "actions"): dict(
        needs=Permission.VIEW_CASES, call=lambda w, f, a: w.services.panel.actions(a),
        build="family_with_action", target="list", listed=_family_ids),
    (_P, "complete_action"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.complete_action(a, f, TODAY),
        build="panel_action", target="panel_action"),
    (_P, "summary_sheet"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.summary_sheet(a, f, _out()),
        build="panel_item", target="panel_item"),
    (_P, "summary_pack"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.summary_pack(a, f, _out()),
        build="panel_meeting", target="none"),
    (_P, "minutes"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.minutes(a, f, _out()),
        build="panel_meeting", target="none"),
    (_P, "decision_letter"): dict(
        needs=RUN, call=lambda w, f, a: w.services.panel.decision_letter(a, f, _out()),
        build="panel_decided", target="panel_item"),
    # Kept among the family's documents: the right to add documents.
    (_P, "save_decision_letter"): dict(
        needs=Permission.EDIT_CASES,
        call=lambda w, f, a: w.services.panel.save_decision_letter(a, f),
        build="panel_decided", target="panel_item"),
}
