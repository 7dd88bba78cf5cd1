"""Every default letter template checks out and makes a letter, for every letter type."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.letter_pdf import render_letter
from plo_tracker.documents.templates import default_template, render_blocks, validate_template
from plo_tracker.domain.letter_types import LetterType


def text_of(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("letter_type", list(LetterType))
def test_default_template_validates(letter_type: LetterType) -> None:
    validate_template(default_template(letter_type), letter_type)
    assert letter_type.template_version >= 1


@pytest.mark.parametrize("letter_type", list(LetterType))
@pytest.mark.parametrize("complete", [True, False], ids=["every-detail", "only-required"])
def test_default_template_makes_a_letter(letter_type: LetterType, complete: bool) -> None:
    ctx = sample_context(letter_type, complete=complete)
    text = text_of(render_letter(ctx))
    assert "Kelly Marsh" in text
    assert "Tom Okafor" in text
    assert "Family reference: PLO-2026-0042" in text
    assert "Page 1 of" in text
    assert "None" not in text.split()
    assert "\\" not in text


def test_unborn_letter_is_about_the_baby() -> None:
    text = text_of(render_letter(sample_context(LetterType.LBP_UNBORN)))
    assert "Letter before proceedings about your baby" in text
    assert "Your baby is due on Saturday 20 June 2026" in text
    assert "at least four weeks before your baby is due" in text
    assert "at least seven days before your baby is due" in text
    assert "family group decision-making meeting" in text
    assert "Harbour & Vale Solicitors" in text


def test_review_invitation_shows_progress() -> None:
    text = text_of(render_letter(sample_context(LetterType.REVIEW_INVITE)))
    assert "Invitation to a review meeting" in text
    assert "What we have seen so far: Attendance is now 88 per cent." in text


def test_letter_of_issue_gives_court_and_what_to_do() -> None:
    text = text_of(render_letter(sample_context(LetterType.ISSUE)))
    assert "On Monday 20 July 2026 we applied to the Family Court at Northtown" in text
    assert "NT26C00123" in text
    assert "short notice" in text
    assert "Date: Wednesday 22 July 2026 • Time: 2pm" in text
    assert "What to do now" in text


def test_step_down_names_the_plan() -> None:
    ctx = replace(sample_context(LetterType.STEP_DOWN), step_down_plan="child protection plan")
    text = text_of(render_letter(ctx))
    assert "under a child protection plan" in text
    assert "A child protection plan means" in text


def test_extension_gives_new_date_and_reason() -> None:
    text = text_of(render_letter(sample_context(LetterType.EXTENSION)))
    assert "continue until Tuesday 4 August 2026" in text
    assert "Why we have made this decision: The parenting assessment needs more time" in text
    assert "approved by Priya Shah, Head of Service" in text


def test_agreement_has_progress_and_a_signature_space_for_each_person() -> None:
    text = text_of(render_letter(sample_context(LetterType.AGREEMENT)))
    assert "Progress so far: Partly met" in text
    for person in ("Kelly Marsh", "Ryan Marsh", "Tom Okafor, social worker"):
        assert f"{person}" in text.split("Signatures", 1)[1]
    assert text.count("Signed Date") == 3
    assert "Yours sincerely" not in text


@pytest.mark.parametrize("letter_type", list(LetterType))
@pytest.mark.parametrize("complete", [True, False], ids=["every-detail", "only-required"])
def test_no_sentence_appears_twice_in_a_default_letter(letter_type: LetterType,
                                                       complete: bool) -> None:
    blocks = render_blocks(default_template(letter_type),
                           sample_context(letter_type, complete=complete))
    said: Counter[str] = Counter()
    for block in blocks:
        # Short sentences ("Yes.", a date line) may fairly recur; whole thoughts may not.
        said.update(s for s in re.split(r"(?<=[.!?])\s+", block.text) if len(s) > 30)
    assert [sentence for sentence, times in said.items() if times > 1] == []
