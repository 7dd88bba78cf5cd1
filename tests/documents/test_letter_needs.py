"""What a recipient needs to take part, in the standard letters: an interpreter in their
language, an advocate or an intermediary at the meeting, each said in plain English."""

from __future__ import annotations

from dataclasses import replace

import pytest

from plo_tracker.documents.easy_read_pdf import render_easy_read
from plo_tracker.documents.letter_checks import LetterNotReady, missing_fields
from plo_tracker.documents.letter_data import Recipient, sample_context
from plo_tracker.documents.letter_pdf import render_letter
from plo_tracker.documents.letter_text import letter_plain_text
from plo_tracker.domain.easy_read import EASY_READ_TYPES
from plo_tracker.domain.letter_types import LetterType
from tests.documents.test_letter_pdf import page_texts

MEETING_LETTERS = [LetterType.LBP, LetterType.LBP_UNBORN, LetterType.PPM_INVITE,
                   LetterType.REVIEW_INVITE]
INTERPRETER = "We will have a Polish interpreter at the meeting."
ADVOCATE = "Your advocate, Sam Lee from Voice Advocacy, will be at the meeting"
INTERMEDIARY = "Your intermediary, Jo Brown, will be at the meeting"


def _for(letter_type: LetterType, **needs: object):
    ctx = sample_context(letter_type)
    plain = Recipient(ctx.recipient.name, ctx.recipient.address_lines)
    return replace(ctx, recipient=replace(plain, **needs))


@pytest.mark.parametrize("letter_type", MEETING_LETTERS, ids=lambda t: t.code)
def test_each_need_is_said_only_for_the_adult_who_has_it(letter_type):
    nothing = letter_plain_text(_for(letter_type))
    for sentence in (INTERPRETER, ADVOCATE, INTERMEDIARY, "interpreter at"):
        assert sentence not in nothing

    interpreter = letter_plain_text(_for(letter_type, needs_interpreter=True, language="Polish"))
    assert INTERPRETER in interpreter
    assert ADVOCATE not in interpreter and INTERMEDIARY not in interpreter

    advocate = letter_plain_text(_for(letter_type, needs_advocate=True,
                                      advocate_name="Sam Lee from Voice Advocacy"))
    assert ADVOCATE in advocate and INTERMEDIARY not in advocate
    assert "interpreter at" not in advocate

    intermediary = letter_plain_text(_for(letter_type, needs_intermediary=True,
                                          intermediary_name="Jo Brown"))
    assert INTERMEDIARY in intermediary and ADVOCATE not in intermediary


def test_the_invitation_read_back_from_the_pdf_names_the_language_in_english():
    pdf = render_letter(_for(LetterType.PPM_INVITE, needs_interpreter=True, language="Polish",
                             needs_advocate=True, advocate_name="Sam Lee from Voice Advocacy"))
    text = " ".join(page_texts(pdf))
    assert INTERPRETER in text
    assert f"{ADVOCATE} to help you have your say." in text


@pytest.mark.parametrize(("language", "words"), [
    ("Polish", "a Polish interpreter"), ("Arabic", "an Arabic interpreter"),
    ("Urdu", "an Urdu interpreter"), ("Ukrainian", "a Ukrainian interpreter"),
    ("British Sign Language", "a British Sign Language interpreter"),
    ("  Tigrinya ", "a Tigrinya interpreter"), (None, "an interpreter"), ("", "an interpreter"),
])
def test_the_interpreter_is_named_by_language_with_a_or_an(language, words):
    recipient = Recipient("Kelly Marsh", (), needs_interpreter=True, language=language)
    assert recipient.interpreter == words
    text = letter_plain_text(replace(sample_context(LetterType.PPM_INVITE), recipient=recipient))
    assert f"We will have {words} at the meeting." in text


@pytest.mark.parametrize("letter_type", [LetterType.ISSUE, LetterType.STEP_DOWN],
                         ids=lambda t: t.code)
def test_letters_without_a_meeting_say_nothing_of_one(letter_type):
    text = letter_plain_text(_for(letter_type, needs_interpreter=True, language="Polish",
                                  needs_advocate=True, needs_intermediary=True,
                                  advocate_name="Sam Lee from Voice Advocacy",
                                  intermediary_name="Jo Brown"))
    assert INTERPRETER not in text and ADVOCATE not in text and INTERMEDIARY not in text


@pytest.mark.parametrize("letter_type", MEETING_LETTERS, ids=lambda t: t.code)
@pytest.mark.parametrize(("need", "role"), [("needs_advocate", "advocate"),
                                            ("needs_intermediary", "intermediary")])
def test_a_letter_giving_the_meeting_waits_for_the_supporter_to_be_named(letter_type, need,
                                                                          role):
    unnamed = _for(letter_type, **{need: True})
    with pytest.raises(LetterNotReady) as refused:
        render_letter(unnamed)
    kind = "review meeting" if letter_type is LetterType.REVIEW_INVITE else (
        "pre-proceedings meeting")
    assert refused.value.missing == [
        f"the name of the {role} who will support Kelly Marsh at the {kind} (in their details)"]
    named = replace(unnamed, recipient=replace(unnamed.recipient, **{f"{role}_name": "Ann Lee"}))
    assert missing_fields(named) == []


@pytest.mark.parametrize("letter_type", sorted(EASY_READ_TYPES & set(MEETING_LETTERS),
                                               key=lambda t: t.code), ids=lambda t: t.code)
def test_the_easy_read_letter_names_the_interpreter_and_who_supports_them(letter_type):
    ctx = _for(letter_type, needs_interpreter=True, language="Polish", needs_advocate=True,
               advocate_name="Sam Lee", needs_intermediary=True, intermediary_name="Jo Brown")
    text = " ".join(" ".join(page.split()) for page in page_texts(render_easy_read(ctx)))
    assert "We will have a Polish interpreter there." in text
    assert "Sam Lee will be there to help you. They are your advocate." in text
    assert "Jo Brown will be there to help you. They are your intermediary." in text
    plain = " ".join(page_texts(render_easy_read(_for(letter_type))))
    assert "advocate" not in plain and "intermediary" not in plain
