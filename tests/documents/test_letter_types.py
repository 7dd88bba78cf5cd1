"""Letter types and what a case must have before each letter can be made."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from plo_tracker.documents.letter_checks import LetterNotReady, looks_blank, missing_fields
from plo_tracker.documents.letter_data import (
    Child,
    Expectation,
    LetterContext,
    Solicitor,
    sample_context,
)
from plo_tracker.domain.letter_types import LetterType


def test_codes_are_the_command_line_codes() -> None:
    assert [t.code for t in LetterType] == [
        "lbp", "lbp-unborn", "ppm-invite", "review-invite", "issue", "step-down",
        "extension", "agreement",
    ]
    assert LetterType.from_code(" LBP ") is LetterType.LBP
    assert LetterType("step-down").title == "Letter ending pre-proceedings"


def test_unknown_code_names_the_codes_that_exist() -> None:
    with pytest.raises(ValueError, match="'letter' is not a kind of letter. Use one of: lbp,"):
        LetterType.from_code("letter")


@pytest.mark.parametrize("letter_type", list(LetterType))
@pytest.mark.parametrize("complete", [True, False])
def test_samples_lack_nothing(letter_type: LetterType, complete: bool) -> None:
    assert missing_fields(sample_context(letter_type, complete=complete)) == []


def test_lbp_names_each_missing_element() -> None:
    ctx = replace(
        sample_context(LetterType.LBP),
        concerns=(),
        history=" ",
        support_given=(),
        expectations=(),
        assessments=(),
        meeting=None,
        solicitors=(),
        fgdm_offered=False,
    )
    assert missing_fields(ctx) == [
        "the concerns",
        "the short history of the family's involvement",
        "the support already given",
        "what must change (the expectations)",
        "the assessments proposed",
        "the pre-proceedings meeting date, time and place",
        "the list of local children-law solicitors",
        "the offer of a family group decision-making meeting",
    ]


def test_items_with_gaps_are_named() -> None:
    ctx = sample_context(LetterType.LBP)
    ctx = replace(
        ctx,
        expectations=(Expectation("Ava goes to school every day and on time."),),
        solicitors=(Solicitor("Anna Lewis", "Harbour & Vale", ("2 Quay Street",), "TBC"),),
        assessments=(replace(ctx.assessments[0], who=""),),
    )
    assert missing_fields(ctx) == [
        "the date by which expectation 1 ('Ava goes to school every day and on…') must be met",
        "the help offered with expectation 1 ('Ava goes to school every day and on…')",
        "who will do assessment 1 (Parenting assessment)",
        "the phone number of solicitor 1 (Harbour & Vale)",
    ]


def test_unborn_letter_needs_an_expected_date_of_birth() -> None:
    ctx = replace(sample_context(LetterType.LBP), letter_type=LetterType.LBP_UNBORN)
    assert missing_fields(ctx) == ["the baby's expected date of birth"]
    baby = Child("Baby Marsh", expected_date_of_birth=date(2026, 7, 1))
    with_baby = replace(ctx, children=(baby,))
    assert missing_fields(with_baby) == []


def test_every_letter_needs_the_basics() -> None:
    ctx: LetterContext = sample_context(LetterType.STEP_DOWN, complete=False)
    ctx = replace(
        ctx,
        family_reference="",
        recipient=replace(ctx.recipient, address_lines=("14 Orchard Close",)),
        children=(Child("Leo Marsh"),),
        social_worker_phone="to be confirmed",
        step_down_plan=None,
    )
    assert missing_fields(ctx) == [
        "the family reference",
        "the full postal address of the person the letter is to",
        "the date of birth (or expected date of birth) of Leo Marsh",
        "the social worker's phone number",
        "the plan the family steps down to (a child protection or child in need plan)",
    ]


def test_optional_detail_may_be_left_out_but_not_be_a_placeholder() -> None:
    ctx = sample_context(LetterType.ISSUE, complete=False)
    assert missing_fields(replace(ctx, team_manager_name=None)) == []
    assert missing_fields(replace(ctx, team_manager_name="TBA")) == ["the team manager's name"]


@pytest.mark.parametrize(
    ("letter_type", "change", "missing"),
    [
        (LetterType.REVIEW_INVITE, {"meeting": None}, "the review meeting date, time and place"),
        (LetterType.ISSUE, {"court": None}, "the court application details (date and court)"),
        (LetterType.EXTENSION, {"extension": None},
         "the extension details (new end date, reason and who approved it)"),
        (LetterType.AGREEMENT, {"concerns": ()}, "the concerns"),
    ],
)
def test_each_letter_type_names_what_it_needs(
    letter_type: LetterType, change: dict[str, object], missing: str
) -> None:
    assert missing_fields(replace(sample_context(letter_type), **change)) == [missing]


@pytest.mark.parametrize(
    "value",
    [None, "", "  ", "TBC", "tba", "To be arranged", "n/a", "XXX", "???", "[insert date]",
     "<name>", "Room {{ room }}"],
)
def test_placeholders_look_blank(value: str | None) -> None:
    assert looks_blank(value)


@pytest.mark.parametrize(
    "value", ["Northtown", "Hair strand test (alcohol)", "Room 2 - first floor", "Anna-Marie Box"]
)
def test_real_text_does_not_look_blank(value: str) -> None:
    assert not looks_blank(value)


def test_not_ready_error_lists_what_to_add() -> None:
    error = LetterNotReady(LetterType.ISSUE, ["the name of the court", "the court reference"])
    assert error.message == (
        "The letter of issue: we have applied to court cannot be made yet. "
        "Please add the name of the court; the court reference."
    )
