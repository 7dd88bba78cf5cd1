"""What the gateway panel's service takes (forms) and hands back (views): plain frozen
dataclasses, for the Panel page, the command line and the panel's PDFs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from plo_tracker.domain.panel import AgendaReason, PanelDecision, PanelRole
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import StepDownPlan


# -- forms ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PanelMemberForm:
    """Someone invited to sit: an account (``user_id``; its name is used when ``name`` is
    empty), or a name alone, such as a visiting lawyer."""

    user_id: int | None
    name: str
    panel_role: PanelRole


@dataclass(frozen=True)
class PanelMeetingForm:
    meeting_date: date
    start_time: time | None
    place: str
    members: tuple[PanelMemberForm, ...] = ()


@dataclass(frozen=True)
class PanelActionForm:
    """Something the panel asks someone to do: every action has an owner and a date."""

    text: str
    owner_id: int | None
    due_date: date | None


@dataclass(frozen=True)
class PanelDecisionForm:
    """The panel's decision on one family.

    Refusals come back as ValidationFailed keyed by these fields' names; an action's by
    "actions.N.text", "actions.N.owner_id" or "actions.N.due_date" (N from 0).
    """

    decision: PanelDecision
    reasons: str
    next_review_date: date | None = None
    actions: tuple[PanelActionForm, ...] = ()
    step_down_plan: StepDownPlan | None = None  # for a step-down
    extension_end: date | None = None  # for an extension
    expected_version: int | None = None  # the family's version when the form was opened


# -- views ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PanelActionView:
    action_id: int
    family_id: int
    plo_family_id: str
    family_text: str
    text: str
    owner_id: int
    owner_name: str
    due_date: date
    done_on: date | None
    item_id: int | None = None
    meeting_date: date | None = None  # of the meeting that set it

    @property
    def is_open(self) -> bool:
        return self.done_on is None


@dataclass(frozen=True)
class PanelMemberView:
    member_id: int
    user_id: int | None
    name: str
    panel_role: PanelRole
    attended: bool | None  # None until attendance is recorded


@dataclass(frozen=True)
class AgendaItemView:
    item_id: int
    meeting_id: int
    family_id: int
    plo_family_id: str
    family_text: str  # "PLO-2026-0042 Smith"
    worker_name: str
    stage: Stage | None  # the family's stage now
    week: int | None  # week N of pre-proceedings on the meeting's date
    reason: AgendaReason
    recommendation: str | None
    decision: PanelDecision | None
    reasons: str | None
    next_review_date: date | None
    quorate: bool | None  # of the meeting when the decision was taken
    actions: tuple[PanelActionView, ...]
    options: tuple[PanelDecision, ...]  # the decisions open now; empty once decided
    position: int = 0  # its number on the agenda, from 1
    children_text: str = ""  # "Amy (4), Ben (8 months)"
    week_text: str = ""  # "week 9 of 16", "3 days past the 16-week target"
    family_version: int = 0  # for PanelDecisionForm.expected_version
    decided_by: str | None = None
    decision_text: str = ""  # the decision with its details (new end date, plan)

    @property
    def decided(self) -> bool:
        return self.decision is not None


@dataclass(frozen=True)
class PanelMeetingView:
    meeting_id: int
    meeting_date: date
    start_time: time | None
    place: str
    status: str  # "planned" or "held"
    quorate: bool | None  # None until attendance is recorded
    quorum_text: str
    members: tuple[PanelMemberView, ...]
    items: tuple[AgendaItemView, ...]

    @property
    def is_held(self) -> bool:
        return self.status == "held"


@dataclass(frozen=True)
class PanelMeetingSummary:
    meeting_id: int
    meeting_date: date
    start_time: time | None
    place: str
    status: str
    quorate: bool | None
    families: int  # on the agenda (those the reader may see)
    decided: int


@dataclass(frozen=True)
class ProposedFamily:
    """A family the agenda proposes, with why in words ("Week 15 of 16: ends 3 Mar 2026")."""

    family_id: int
    plo_family_id: str
    family_text: str
    reason: AgendaReason
    why: str
