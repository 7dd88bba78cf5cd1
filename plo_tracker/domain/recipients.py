"""Who receives the letters of PLO: each parent, and everyone else with parental responsibility.

A father without parental responsibility is still a parent and gets the letter before
proceedings. Each adult's record says whether they receive letters; the default comes
from here, and a worker may change it (a parent whose whereabouts are unknown, say).
"""

from __future__ import annotations

# Relationships (as the adult forms offer them, compared without case) that make someone
# a parent of the children whether or not they hold parental responsibility.
PARENT_RELATIONSHIPS = frozenset({
    "mother", "father", "parent", "birth mother", "birth father", "birth parent",
    "adoptive mother", "adoptive father", "adoptive parent",
})


def is_parent(relationship: str) -> bool:
    """True when the relationship makes the adult a parent of the children."""
    return " ".join(relationship.lower().split()) in PARENT_RELATIONSHIPS


def receives_letters_by_default(relationship: str, parental_responsibility: bool) -> bool:
    """Whether an adult receives letters unless the worker records otherwise."""
    return parental_responsibility or is_parent(relationship)


def why_receives(relationship: str, parental_responsibility: bool) -> str:
    """Why the default is what it is, in words for the form."""
    if is_parent(relationship) and not parental_responsibility:
        return "A parent receives the letters even without parental responsibility."
    if parental_responsibility:
        return "Everyone with parental responsibility receives the letters."
    return "Neither a parent nor holding parental responsibility: no letters unless you say so."
