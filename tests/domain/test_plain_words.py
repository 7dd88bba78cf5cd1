"""Jargon found in a letter: whole words, any case, and a term explained on first use."""

from __future__ import annotations

from plo_tracker.domain.plain_words import EXPLAIN, PLAIN_WORDS
from plo_tracker.domain.readability import score

REQUIRED = (
    "assessment", "pre-proceedings", "parental responsibility", "threshold", "care proceedings",
    "local authority", "section 20", "s.20", "s.31", "legal aid", "means-tested", "FGDM",
    "family group decision-making", "PLO", "Public Law Outline", "issue proceedings",
    "interim care order", "kinship", "supervised contact", "CIN", "child in need", "CP plan",
    "statutory", "facilitate", "in accordance with", "commence", "prior to", "subsequently",
)


def _terms(text: str) -> list[str]:
    return [use.term for use in score(text).jargon]


def test_every_required_term_is_on_the_list_and_found() -> None:
    for term in REQUIRED:
        assert _terms(f"We talked about {term} today."), term
    assert all(word.alternative for word in PLAIN_WORDS)


def test_whole_words_only_and_any_case() -> None:
    assert _terms("The ASSESSMENT starts now.") == ["assessment"]
    assert _terms("The reassessment starts now.") == []
    assert _terms("The assessments start now.") == ["assessment"]
    assert _terms("Please contact us on Monday.") == []
    assert _terms("Supervised contact goes on.") == ["contact"]
    assert _terms("We explored the plot.") == []  # "plo" inside a word is not PLO


def test_alternative_and_where_it_is() -> None:
    result = score("Hello. We will commence the meeting. We will commence again.")
    (use,) = result.jargon
    assert use.alternative == "\"start\""
    assert (use.sentence, use.where, use.count) == (2, "We will commence the meeting.", 2)
    assert not use.explained and result.jargon_to_change == (use,)


def test_a_term_explained_on_first_use_counts_once_and_is_not_a_fault() -> None:
    text = ("The assessment (a careful look at how you care for Ava) starts soon. "
            "The assessment ends in May. Another assessment may follow.")
    (use,) = score(text).jargon
    assert use.explained and use.count == 1 and use.alternative == EXPLAIN
    assert score(text).jargon_to_change == ()
    meaning = score("The threshold, which means the legal test, is met. The threshold is high.")
    assert meaning.jargon[0].explained and meaning.jargon_to_change == ()


def test_explained_only_later_is_still_a_fault() -> None:
    text = "The threshold is met. The threshold (the legal test) is high."
    (use,) = score(text).jargon
    assert not use.explained and use.count == 2


def test_jargon_is_listed_in_the_order_it_is_first_used() -> None:
    text = "Prior to the meeting we will facilitate contact. The PLO starts."
    assert _terms(text) == ["prior to", "facilitate", "Public Law Outline"]
