"""The legal gateway panel's vocabulary and rules: who sits, why a family is on the agenda,
the decisions open at each stage, and when a meeting is quorate."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from .stages import OPEN_STAGES, Stage
from .vocabulary import GatewayDecision, LabelledEnum, Outcome


class PanelRole(LabelledEnum):
    CHAIR = ("chair", "Chair")
    LEGAL = ("legal", "Local authority lawyer")
    MANAGER = ("manager", "Manager")
    OTHER = ("other", "Other member")


class AgendaReason(LabelledEnum):
    """Why a family is on a meeting's agenda, in the order the agenda proposes them."""

    GATEWAY = ("gateway", "New referral: gateway decision")
    OUTCOME = ("outcome", "Outcome decision pending")
    SIXTEEN_WEEKS = ("sixteen_weeks", "Past or near 16 weeks")
    REVIEW = ("review", "Review due")
    ADDED = ("added", "Added by the chair")


class PanelDecision(LabelledEnum):
    """What the panel decides for one family (PLO.md steps 1 and 6), or to defer."""

    # At the legal gateway (the family awaits a decision, or its last episode ended).
    CONTINUE_WITHOUT_PLO = ("continue_without_plo", "Continue the current plan without PLO")
    ENTER_PRE_PROCEEDINGS = ("enter_pre_proceedings", "Enter pre-proceedings")
    ISSUE_NOW = ("issue_now", "Issue care proceedings now")
    GATEWAY_OTHER = ("gateway_other", "Other (not entering PLO)")
    # In pre-proceedings.
    STAY = ("stay", "Stay in pre-proceedings (review)")
    EXTEND = ("extend", "Extend pre-proceedings")
    STEP_DOWN = ("step_down", "Step down")
    ISSUE_PROCEEDINGS = ("issue_proceedings", "Issue care proceedings")
    END_OTHER = ("end_other", "End pre-proceedings otherwise")
    # At any stage: no decision today, the family comes back to the next meeting.
    DEFERRED = ("deferred", "Deferred to the next meeting")

    @property
    def gateway_decision(self) -> GatewayDecision | None:
        """The gateway decision this records on the episode, if it is one."""
        return _GATEWAY.get(self)

    @property
    def outcome(self) -> Outcome | None:
        """The pre-proceedings outcome this records on the episode, if it is one."""
        return _OUTCOME.get(self)


_GATEWAY = {
    PanelDecision.CONTINUE_WITHOUT_PLO: GatewayDecision.CONTINUE_WITHOUT_PLO,
    PanelDecision.ENTER_PRE_PROCEEDINGS: GatewayDecision.ENTER_PRE_PROCEEDINGS,
    PanelDecision.ISSUE_NOW: GatewayDecision.ISSUE_PROCEEDINGS,
    PanelDecision.GATEWAY_OTHER: GatewayDecision.OTHER,
}
_OUTCOME = {
    PanelDecision.STEP_DOWN: Outcome.STEP_DOWN,
    PanelDecision.ISSUE_PROCEEDINGS: Outcome.ISSUE_PROCEEDINGS,
    PanelDecision.END_OTHER: Outcome.OTHER,
}
_AT_GATEWAY = (*_GATEWAY, PanelDecision.DEFERRED)
_IN_PRE_PROCEEDINGS = (PanelDecision.STAY, PanelDecision.EXTEND, *_OUTCOME,
                       PanelDecision.DEFERRED)


def decisions_for(stage: Stage | None) -> tuple[PanelDecision, ...]:
    """The decisions open for a family at ``stage`` (None: no episode yet).

    A family with no episode, awaiting the gateway, or whose last episode has ended gets the
    gateway's options (a decision to enter then starts a new episode); one in pre-proceedings
    the outcome's; one on its way to or in court can only be deferred, since nothing the
    panel decides there is recorded on the episode.
    """
    if stage is None or stage is Stage.AWAITING_GATEWAY or stage not in OPEN_STAGES:
        return _AT_GATEWAY
    if stage is Stage.PRE_PROCEEDINGS:
        return _IN_PRE_PROCEEDINGS
    return (PanelDecision.DEFERRED,)


def decision_problem(decision: PanelDecision, stage: Stage | None) -> str | None:
    """Why this decision cannot be taken for a family at ``stage``; None when it can."""
    if decision in decisions_for(stage):
        return None
    where = stage.label.lower() if stage else "without an episode yet"
    # Only the first letter lowered: "PLO" stays as it is.
    options = ", ".join(d.label[:1].lower() + d.label[1:] for d in decisions_for(stage))
    return (f"'{decision.label}' is not open for a family whose stage is {where}. "
            f"The panel can decide: {options}.")


class QuorumRules(Protocol):
    """The quorum settings (settings.PanelSettings has these fields)."""

    quorum_members: int
    quorum_needs_chair: bool
    quorum_needs_lawyer: bool


def _members(count: int) -> str:
    return f"{count} member{'' if count == 1 else 's'}"


def quorum(attended: Iterable[PanelRole], rules: QuorumRules) -> tuple[bool, str]:
    """Whether the members who attended make the meeting quorate, and a sentence saying so:
    "Quorate: chair and lawyer present, 3 members" or "Not quorate: no lawyer attended"."""
    roles = list(attended)
    missing = []
    if rules.quorum_needs_chair and PanelRole.CHAIR not in roles:
        missing.append("chair")
    if rules.quorum_needs_lawyer and PanelRole.LEGAL not in roles:
        missing.append("lawyer")
    failures = []
    if missing:
        failures.append(f"no {' or '.join(missing)} attended")
    if len(roles) < rules.quorum_members:
        failures.append(f"{_members(len(roles))} attended, {rules.quorum_members} needed")
    if failures:
        return False, "Not quorate: " + "; ".join(failures)
    present = [name for name, needed in (("chair", rules.quorum_needs_chair),
                                         ("lawyer", rules.quorum_needs_lawyer)) if needed]
    said = f"{' and '.join(present)} present, " if present else ""
    return True, f"Quorate: {said}{_members(len(roles))}"


NOT_QUORATE_MARK = "Decided at a meeting that was not quorate"
