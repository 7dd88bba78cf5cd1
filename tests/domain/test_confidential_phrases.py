"""What counts as a usable confidential phrase, and how phrases compare with text."""

from __future__ import annotations

import pytest

from plo_tracker.domain.confidential_phrases import (
    PhraseRefused,
    checked_phrase,
    comparison_key,
    phrase_problem,
)


@pytest.mark.parametrize("written", [
    "14 Acacia Avenue, Leeds LS6 2AB",
    "14 ACACIA\nAvenue,Leeds LS6  2AB",
    "14 Acacia Avenue\r\nLeeds\r\nLS6 2AB",
    "14 Aca-\ncia Avenue; Leeds. LS6 2AB",
])
def test_an_address_is_the_same_phrase_however_it_is_laid_out(written):
    assert comparison_key(written) == "14acaciaavenueleedsls62ab"


def test_phone_numbers_compare_by_their_digits():
    assert comparison_key("07700 900123") == comparison_key("07700-900-123") == "07700900123"


def test_ligatures_accents_and_german_sharp_s_fold_to_plain_letters():
    assert comparison_key("Oﬃce Straße") == "officestrasse"
    assert comparison_key("ÉCOLE") == comparison_key("école")


def test_a_phrase_needs_four_letters_or_digits():
    assert phrase_problem("LS62") is None
    problem = phrase_problem(" A-n n ")
    assert problem is not None and "too short" in problem and "3 letters or digits" in problem
    assert "Enter the address" in phrase_problem(" ,. \n")


def test_a_phrase_longer_than_an_address_is_refused():
    assert "the most it can be is 500" in phrase_problem("x" * 501)
    assert phrase_problem("x" * 500) is None


def test_checked_phrase_trims_or_refuses():
    assert checked_phrase("  Oakfield School\n") == "Oakfield School"
    with pytest.raises(PhraseRefused) as refused:
        checked_phrase("abc")
    assert refused.value.field == "phrase"
