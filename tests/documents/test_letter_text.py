"""A letter as it will be sent, in plain text for the readability check; every default
template scored against the council's target grade."""

from __future__ import annotations

import pytest

from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.letter_text import letter_plain_text, letter_readability
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.settings import ReadabilitySettings

TARGET = ReadabilitySettings().target_grade


def test_the_letter_is_filled_in_for_its_recipient_without_markup():
    ctx = sample_context(LetterType.LBP)
    text = letter_plain_text(ctx)
    assert text.startswith(f"Dear {ctx.recipient.name}\n\n")
    assert ctx.concerns[0] in text
    assert "{{" not in text and "**" not in text and "\n#" not in text and "\n- " not in text


def test_letterhead_signature_and_solicitors_list_are_left_out():
    ctx = sample_context(LetterType.LBP)
    text = letter_plain_text(ctx)
    head = ctx.letterhead
    for left_out in (ctx.recipient.address_lines[0], head.signatory_name, "Yours sincerely",
                     *(s.firm for s in ctx.solicitors), *(s.phone for s in ctx.solicitors)):
        assert left_out not in text, left_out
    # The sentence before the list is kept: it is read for meaning.
    assert "local solicitors do this kind of work" in text


def test_sign_spaces_are_left_out():
    ctx = sample_context(LetterType.AGREEMENT)
    source = "We agree to this plan.\n\n%sign Kelly Marsh\n"
    assert letter_plain_text(ctx, source) == "We agree to this plan."


def test_a_template_given_is_scored_instead_of_the_default():
    # "Dear Kelly Marsh" 3 words, 4 syllables (Kel-ly); "# Come and see us" 4 words, 4
    # syllables; "- bring this letter." 3 words, 4 syllables (let-ter): 10 words,
    # 3 sentences, 12 syllables. grade = 0.39 x 10/3 + 11.8 x 1.2 - 15.59
    # = 1.3 + 14.16 - 15.59 = -0.13
    ctx = sample_context(LetterType.PPM_INVITE)
    source = "Dear {{ recipient.name }}\n\n# Come and see us\n\n- bring **this** letter.\n"
    result = letter_readability(ctx, source)
    assert (result.words, result.sentences, result.syllables) == (10, 3, 12)
    assert result.flesch_kincaid_grade == pytest.approx(-0.13)


@pytest.mark.parametrize("letter_type", list(LetterType), ids=lambda t: t.code)
def test_each_default_template_is_scored_and_its_grade_recorded(letter_type, record_property):
    result = letter_readability(sample_context(letter_type))
    record_property(f"grade_{letter_type.code}", round(result.flesch_kincaid_grade, 1))
    print(f"{letter_type.code}: {result.grade_text()}, reading ease "
          f"{result.flesch_reading_ease:.1f}, {result.words} words")
    assert result.words > 100 and result.sentences > 10


@pytest.mark.parametrize("letter_type", list(LetterType), ids=lambda t: t.code)
def test_every_default_template_meets_the_target_grade(letter_type):
    result = letter_readability(sample_context(letter_type))
    assert round(result.flesch_kincaid_grade, 1) <= TARGET == 6, result.grade_text()
