"""How easy a family's letter is to read, scored as it will be sent: the family's details in,
the current template scored; reading writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import PlanItemKind
from plo_tracker.services.errors import NotFound
from plo_tracker.storage.models import LetterTemplate
from tests.services.test_letters import build_family

# A concern of 45 words: longer than any sentence of the shipped letter.
LONG_CONCERN = ("Ruby and Noah have been left at home without an adult in the evenings on many "
                "occasions over the last six months, and on two of those evenings the police "
                "found them alone in the house after neighbours heard them crying and rang for "
                "help late at night.")


@pytest.fixture(scope="module")
def ready(world):
    built = build_family(world, "Ashdown")
    world.services.plan.add_item(world.actor("manager"), built.family_id,
                                 PlanItemKind.CONCERN, LONG_CONCERN)
    return built


def test_the_letter_is_scored_as_sent_and_reading_writes_nothing(world, ready):
    before = world.tables()
    result = world.services.letters.readability(world.actor("readonly"), ready.family_id,
                                                LetterType.LBP, ready.mother)
    assert world.tables() == before
    assert result.words > 500 and 0 < result.flesch_kincaid_grade < 12
    # Filled in with this family's details: its long concern is the longest sentence.
    assert result.longest_sentences[0].text == LONG_CONCERN
    assert result.longest_sentences[0].words == len(LONG_CONCERN.split())
    assert not any("{{" in s.text or "**" in s.text for s in result.longest_sentences)


def test_a_saved_template_is_the_one_scored(own_world):
    built = build_family(own_world, "Jessop")
    admin = own_world.actor("admin")
    # "Dear Jade Jessop" (3 words), then "We will meet you soon." (5 words):
    # 8 words, 2 sentences, all one syllable but Jes-sop (2): 9 syllables.
    # grade = 0.39 x 4 + 11.8 x 9/8 - 15.59 = 1.56 + 13.275 - 15.59 = -0.755
    own_world.services.templates.save(admin, LetterType.PPM_INVITE,
                                      "Dear {{ recipient.name }}\n\nWe will meet you soon.\n",
                                      "Short")
    result = own_world.services.letters.readability(admin, built.family_id,
                                                    LetterType.PPM_INVITE, built.mother)
    assert (result.words, result.sentences, result.syllables) == (8, 2, 9)
    assert result.flesch_kincaid_grade == pytest.approx(-0.755)


def test_a_database_without_templates_scores_the_shipped_one_and_stores_none(own_world):
    built = build_family(own_world, "Jessop")
    with own_world.database.unit_of_work() as session:
        session.execute(delete(LetterTemplate))
    before = own_world.tables()
    result = own_world.services.letters.readability(own_world.actor("admin"), built.family_id,
                                                    LetterType.LBP, built.mother)
    assert result.words > 500
    assert own_world.tables() == before


def test_a_family_the_reader_cannot_see_is_not_found(world):
    with pytest.raises(NotFound):
        world.services.letters.readability(world.actor("readonly"), 999_999, LetterType.LBP, 1)
