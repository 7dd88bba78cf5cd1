"""Stages of a PLO episode, the moves between them, and the labelled vocabularies."""

from __future__ import annotations

import itertools

import pytest

from plo_tracker.domain.errors import DomainError, IllegalTransition
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import (
    OPEN_STAGES,
    TRANSITIONS,
    Stage,
    check_transition,
    stage_after_gateway,
    stage_after_outcome,
)
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    LabelledEnum,
    MeetingKind,
    Outcome,
    Role,
)

ALLOWED = [
    (Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS),
    (Stage.AWAITING_GATEWAY, Stage.DECIDED_TO_ISSUE),
    (Stage.AWAITING_GATEWAY, Stage.NOT_ENTERED),
    (Stage.PRE_PROCEEDINGS, Stage.STEPPED_DOWN),
    (Stage.PRE_PROCEEDINGS, Stage.DECIDED_TO_ISSUE),
    (Stage.PRE_PROCEEDINGS, Stage.CLOSED),
    # Only recording the court application moves a decided family on to issued.
    (Stage.DECIDED_TO_ISSUE, Stage.PROCEEDINGS_ISSUED),
    (Stage.PROCEEDINGS_ISSUED, Stage.CLOSED),
]
ILLEGAL = [pair for pair in itertools.product(Stage, Stage) if pair not in ALLOWED]


def test_the_allowed_moves_are_exactly_the_plo_journey() -> None:
    assert set(TRANSITIONS) == set(ALLOWED)
    assert all(TRANSITIONS[pair] for pair in ALLOWED)  # each names its event


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_moves_pass(current: Stage, target: Stage) -> None:
    assert check_transition(current, target) is None


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_other_move_is_refused_in_plain_english(current: Stage, target: Stage) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(current, target)
    message = caught.value.message
    assert str(caught.value) == message
    assert message.startswith(f"Cannot move to '{target.label[0].lower()}{target.label[1:]}'.")
    assert "_" not in message, "stored codes must not leak into the message"
    assert isinstance(caught.value, DomainError)


def test_going_back_to_the_gateway_from_pre_proceedings_explains_the_options() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(Stage.PRE_PROCEEDINGS, Stage.AWAITING_GATEWAY)
    assert caught.value.message == (
        "Cannot move to 'awaiting gateway decision'. This family is in pre-proceedings. "
        "From here it can only move to: stepped down, decided to issue, closed."
    )


def test_stepping_down_after_issue_is_refused() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(Stage.PROCEEDINGS_ISSUED, Stage.STEPPED_DOWN)
    assert caught.value.message == (
        "Cannot move to 'stepped down'. "
        "Care proceedings have already been issued for this family. "
        "From here it can only move to: closed."
    )


def test_skipping_the_gateway_is_refused() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(Stage.AWAITING_GATEWAY, Stage.STEPPED_DOWN)
    assert caught.value.message == (
        "Cannot move to 'stepped down'. The gateway panel has not yet decided on this family. "
        "From here it can only move to: pre-proceedings, decided to issue, "
        "not entered into PLO."
    )


def test_acronyms_keep_their_capitals_mid_sentence() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(Stage.PRE_PROCEEDINGS, Stage.NOT_ENTERED)
    assert caught.value.message.startswith("Cannot move to 'not entered into PLO'.")
    assert "plo" not in caught.value.message


@pytest.mark.parametrize(
    ("current", "why"),
    [
        (Stage.CLOSED, "This episode is closed."),
        (Stage.STEPPED_DOWN, "This family has already stepped down from pre-proceedings."),
        (Stage.NOT_ENTERED, "The gateway panel decided this family would not enter PLO."),
    ],
)
def test_finished_episodes_point_to_a_new_episode(current: Stage, why: str) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(current, Stage.PRE_PROCEEDINGS)
    assert caught.value.message == (
        f"Cannot move to 'pre-proceedings'. {why} "
        "Nothing further can be recorded on it; start a new episode instead."
    )


def test_staying_in_the_same_stage_is_not_a_move() -> None:
    with pytest.raises(IllegalTransition, match="This family is in pre-proceedings"):
        check_transition(Stage.PRE_PROCEEDINGS, Stage.PRE_PROCEEDINGS)


def test_open_stages() -> None:
    assert {s for s in Stage if s.is_open} == {
        Stage.AWAITING_GATEWAY,
        Stage.PRE_PROCEEDINGS,
        Stage.DECIDED_TO_ISSUE,
        Stage.PROCEEDINGS_ISSUED,
    }
    assert {s for s in Stage if s.is_open} == OPEN_STAGES


def test_only_open_stages_can_move_on() -> None:
    movers = {frm for frm, _ in TRANSITIONS}
    assert movers == set(OPEN_STAGES)


@pytest.mark.parametrize(
    ("decision", "stage"),
    [
        (GatewayDecision.ENTER_PRE_PROCEEDINGS, Stage.PRE_PROCEEDINGS),
        # Until the application is recorded, the stage reads "decided to issue".
        (GatewayDecision.ISSUE_PROCEEDINGS, Stage.DECIDED_TO_ISSUE),
        (GatewayDecision.CONTINUE_WITHOUT_PLO, Stage.NOT_ENTERED),
        (GatewayDecision.OTHER, Stage.NOT_ENTERED),
    ],
)
def test_stage_after_gateway(decision: GatewayDecision, stage: Stage) -> None:
    assert stage_after_gateway(decision) is stage
    check_transition(Stage.AWAITING_GATEWAY, stage)  # and the move is allowed


@pytest.mark.parametrize(
    ("outcome", "stage"),
    [
        (Outcome.STEP_DOWN, Stage.STEPPED_DOWN),
        (Outcome.ISSUE_PROCEEDINGS, Stage.DECIDED_TO_ISSUE),
        (Outcome.OTHER, Stage.CLOSED),
    ],
)
def test_stage_after_outcome(outcome: Outcome, stage: Stage) -> None:
    assert stage_after_outcome(outcome) is stage
    check_transition(Stage.PRE_PROCEEDINGS, stage)


# --- Labelled vocabularies -----------------------------------------------------------


@pytest.mark.parametrize(
    "enum_cls",
    [Stage, GatewayDecision, Outcome, MeetingKind, AssessmentKind, LetterType, Role],
)
def test_every_member_round_trips_through_its_code_and_has_a_label(
    enum_cls: type[LabelledEnum],
) -> None:
    for member in enum_cls:
        assert enum_cls.from_code(member.value) is member
        assert member.label and member.label[0].isupper()
    assert len({m.label for m in enum_cls}) == len(enum_cls)


def test_codes_and_labels_are_kept_apart() -> None:
    assert Stage.PRE_PROCEEDINGS.value == "pre_proceedings"
    assert Stage.PRE_PROCEEDINGS.label == "Pre-proceedings"
    assert LetterType.from_code("lbp-unborn") is LetterType.LBP_UNBORN
    assert AssessmentKind.PRE_BIRTH.label == "Pre-birth assessment"


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError):
        Stage.from_code("Pre-proceedings")  # a label is not a code
