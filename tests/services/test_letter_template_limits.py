"""A template past its limits: refused when saved, and stopped for one letter when run.

Batches carry on without the stopped letter, whether letters are drawn here or in
worker processes (where the problem comes back pickled).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from plo_tracker.documents.templates import TemplateProblem
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.storage.models import GeneratedLetter, LetterTemplate
from tests.services.test_letters import build_family

# Fills in for the sample family (Marsh) and any other, except one whose recipient is a
# Hollis: then 40,000 turns of a loop, past the 10,000 a letter may take.
HOSTILE_FOR_HOLLIS = (
    "Dear {{ recipient.name }}\n\n"
    "{% if 'Hollis' in recipient.name %}\n"
    "{% for a in range(200) %}{% for b in range(200) %}.{% endfor %}{% endfor %}\n"
    "{% endif %}\n"
    "We are writing about {{ child_names }}.\n"
)


def _letters_kept(world) -> int:
    with world.database.reading() as conn:
        return conn.execute(select(func.count(GeneratedLetter.id))).scalar_one()


def _template_versions(world) -> int:
    with world.database.reading() as conn:
        return conn.execute(select(func.count(LetterTemplate.id)).where(
            LetterTemplate.letter_type == LetterType.LBP.code)).scalar_one()


def test_saving_a_template_with_nested_loops_is_refused_naming_the_limit_and_line(world):
    versions = _template_versions(world)
    audit = world.audit_count()
    source = ("Dear {{ recipient.name }}\n\n{% for a in range(200) %}\n"
              "{% for b in range(200) %}.{% endfor %}\n{% endfor %}\n")
    with pytest.raises(TemplateProblem) as refused:
        world.services.templates.save(world.actor("admin"), LetterType.LBP, source, "Dots")
    assert refused.value.message == (
        "Line 4 of the template: its loops go round more than 10,000 times in all; look for "
        "loops inside loops, which is more than a letter template may do")
    assert (_template_versions(world), world.audit_count()) == (versions, audit)


@pytest.fixture(scope="module")
def hostile(world):
    """Two ready families, Garnet and Hollis, and the template that stops Hollis's letter."""
    garnet, hollis = build_family(world, "Garnet"), build_family(world, "Hollis")
    world.services.templates.save(world.actor("admin"), LetterType.LBP, HOSTILE_FOR_HOLLIS,
                                  "Passes for the sample family")
    return garnet, hollis


def test_a_letter_past_the_limits_is_refused_in_words_and_nothing_is_kept(world, hostile):
    _garnet, hollis = hostile
    kept = _letters_kept(world)
    with pytest.raises(TemplateProblem) as stopped:
        world.services.letters.generate(world.actor("admin"), hollis.family_id, LetterType.LBP)
    assert stopped.value.line == 4
    assert "its loops go round more than 10,000 times in all" in stopped.value.message
    assert _letters_kept(world) == kept


@pytest.mark.parametrize("parallel_from", [1000, 1], ids=["here", "in-workers"])
def test_a_batch_carries_on_past_a_letter_stopped_by_the_limits(world, hostile, parallel_from):
    garnet, hollis = hostile
    result = world.services.letters.batch(world.actor("admin"), LetterType.LBP,
                                          [hollis.family_id, garnet.family_id],
                                          parallel_from=parallel_from)
    # Liam Brook (the father) is a Brook, so only Jade Hollis's letter is stopped.
    assert [(v.plo_family_id, v.recipient_name) for v, _pdf in result.letters] == [
        (hollis.plo_id, "Liam Brook"), (garnet.plo_id, "Jade Garnet"),
        (garnet.plo_id, "Liam Brook")]
    reason = ("Line 4 of the template: its loops go round more than 10,000 times in all; "
              "look for loops inside loops, which is more than a letter template may do")
    assert result.skipped == ((f"{hollis.plo_id}, Jade Hollis", reason),)
    assert result.combined is not None
