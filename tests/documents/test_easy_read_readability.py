"""Each Easy Read letter is easier to read than the standard letter it goes with."""

from __future__ import annotations

import pytest

from plo_tracker.documents.easy_read_pdf import default_easy_read_template
from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.letter_text import letter_readability
from plo_tracker.domain.easy_read import EASY_READ_TYPES


@pytest.mark.parametrize("letter_type", sorted(EASY_READ_TYPES, key=lambda t: t.code),
                         ids=lambda t: t.code)
def test_the_easy_read_letter_reads_easier_than_the_standard_one(letter_type):
    ctx = sample_context(letter_type)
    standard = letter_readability(ctx)
    easy = letter_readability(ctx, default_easy_read_template(letter_type))
    assert easy.flesch_kincaid_grade < standard.flesch_kincaid_grade
    assert easy.words_per_sentence < standard.words_per_sentence
