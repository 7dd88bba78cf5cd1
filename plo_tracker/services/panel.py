"""The legal gateway panel: meetings, agendas, decisions, actions and the panel's papers.

One service made of small parts, each in its own module:
- panel_meetings: meetings, members, attendance and quorum, closing as held;
- panel_agenda (with panel_proposals): the families proposed and the chair's agenda;
- panel_decisions: each family's decision, through the milestones' rules;
- panel_actions: the actions set, and marking them done;
- panel_prints: summary sheets, the agenda pack, minutes and decision letters (PDFs).
"""

from __future__ import annotations

from .panel_actions import ActionsMixin
from .panel_agenda import AgendaMixin
from .panel_decisions import DecisionsMixin
from .panel_meetings import MeetingsMixin
from .panel_prints import PrintsMixin


class PanelService(MeetingsMixin, AgendaMixin, DecisionsMixin, ActionsMixin, PrintsMixin):
    """Everything the Panel page and `plo-tracker panel` do; each method checks permission
    (RUN_PANEL; DECIDE as well for a decision) and audits in the same transaction."""
