"""Who receives the letters: each parent, with or without parental responsibility, and
everyone else with it."""

from __future__ import annotations

import pytest

from plo_tracker.domain.recipients import is_parent, receives_letters_by_default


@pytest.mark.parametrize(
    ("relationship", "pr", "receives"),
    [
        ("mother", True, True),
        ("father", False, True),  # a father without PR is still a parent
        ("Father ", False, True),
        ("birth  father", False, True),
        ("adoptive mother", True, True),
        ("grandmother", True, True),  # PR by a special guardianship order, say
        ("grandmother", False, False),
        ("step-parent", False, False),  # a step-parent is not a parent without PR
        ("step-parent", True, True),
        ("uncle", False, False),
    ],
)
def test_the_default(relationship: str, pr: bool, receives: bool) -> None:
    assert receives_letters_by_default(relationship, pr) is receives


def test_parents_are_named_by_relationship() -> None:
    assert is_parent("Mother") and is_parent("parent")
    assert not is_parent("grandfather") and not is_parent("")
