"""The stages of a PLO episode and the only moves allowed between them."""

from __future__ import annotations

from .errors import IllegalTransition
from .vocabulary import GatewayDecision, LabelledEnum, Outcome


class Stage(LabelledEnum):
    AWAITING_GATEWAY = ("awaiting_gateway", "Awaiting gateway decision")
    PRE_PROCEEDINGS = ("pre_proceedings", "Pre-proceedings")
    # Between the decision to issue and the application itself, the council still has
    # the application (and, for an unborn baby, serving papers) to do.
    DECIDED_TO_ISSUE = ("decided_to_issue", "Decided to issue")
    PROCEEDINGS_ISSUED = ("proceedings_issued", "Care proceedings issued")
    STEPPED_DOWN = ("stepped_down", "Stepped down")
    NOT_ENTERED = ("not_entered", "Not entered into PLO")
    CLOSED = ("closed", "Closed")

    @property
    def is_open(self) -> bool:
        """True while the episode still has work due."""
        return self in OPEN_STAGES


OPEN_STAGES = frozenset({Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS, Stage.DECIDED_TO_ISSUE,
                         Stage.PROCEEDINGS_ISSUED})

# Each allowed move, keyed by (from, to), with the event that makes it.
TRANSITIONS: dict[tuple[Stage, Stage], str] = {
    (Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS): "gateway decides to enter pre-proceedings",
    (Stage.AWAITING_GATEWAY, Stage.DECIDED_TO_ISSUE): "gateway decides to issue proceedings now",
    (Stage.AWAITING_GATEWAY, Stage.NOT_ENTERED): "gateway decides not to enter PLO",
    (Stage.PRE_PROCEEDINGS, Stage.STEPPED_DOWN): "outcome: step down",
    (Stage.PRE_PROCEEDINGS, Stage.DECIDED_TO_ISSUE): "outcome: issue care proceedings",
    (Stage.PRE_PROCEEDINGS, Stage.CLOSED): "outcome: other",
    (Stage.DECIDED_TO_ISSUE, Stage.PROCEEDINGS_ISSUED): "the court application is made",
    (Stage.PROCEEDINGS_ISSUED, Stage.CLOSED): "care proceedings concluded",
}

_WHY_NOT: dict[Stage, str] = {
    Stage.AWAITING_GATEWAY: "The gateway panel has not yet decided on this family.",
    Stage.PRE_PROCEEDINGS: "This family is in pre-proceedings.",
    Stage.DECIDED_TO_ISSUE: "The decision to issue care proceedings has been made; the court "
    "application is still to be recorded.",
    Stage.PROCEEDINGS_ISSUED: "Care proceedings have already been issued for this family.",
    Stage.STEPPED_DOWN: "This family has already stepped down from pre-proceedings.",
    Stage.NOT_ENTERED: "The gateway panel decided this family would not enter PLO.",
    Stage.CLOSED: "This episode is closed.",
}


def check_transition(current: Stage, target: Stage) -> None:
    """Refuse a move the PLO process does not allow.

    Raises:
        IllegalTransition: naming where the family is and what is possible from there.
    """
    if (current, target) in TRANSITIONS:
        return
    allowed = [_lower_first(to.label) for (frm, to) in TRANSITIONS if frm is current]
    if allowed:
        options = "From here it can only move to: " + ", ".join(allowed) + "."
    else:
        options = "Nothing further can be recorded on it; start a new episode instead."
    raise IllegalTransition(
        f"Cannot move to '{_lower_first(target.label)}'. {_WHY_NOT[current]} {options}"
    )


def _lower_first(label: str) -> str:
    """Lower-case a label's first letter for use mid-sentence, keeping acronyms like PLO."""
    return label[:1].lower() + label[1:]


def stage_after_gateway(decision: GatewayDecision) -> Stage:
    """Return the stage an episode enters when the gateway panel decides."""
    return {
        GatewayDecision.ENTER_PRE_PROCEEDINGS: Stage.PRE_PROCEEDINGS,
        GatewayDecision.ISSUE_PROCEEDINGS: Stage.DECIDED_TO_ISSUE,
        GatewayDecision.CONTINUE_WITHOUT_PLO: Stage.NOT_ENTERED,
        GatewayDecision.OTHER: Stage.NOT_ENTERED,
    }[decision]


def stage_after_outcome(outcome: Outcome) -> Stage:
    """Return the stage an episode enters when its pre-proceedings outcome is decided."""
    return {
        Outcome.STEP_DOWN: Stage.STEPPED_DOWN,
        Outcome.ISSUE_PROCEEDINGS: Stage.DECIDED_TO_ISSUE,
        Outcome.OTHER: Stage.CLOSED,
    }[outcome]
