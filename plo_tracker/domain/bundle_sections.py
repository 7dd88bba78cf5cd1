"""The sections of a court bundle: PD27A's A to F by default, changeable by administrators.

A template is a list of sections, each a short lettering (its pages are numbered A1,
A2 ...) and a title. Administrators may use other letterings or add sections; these
rules keep every template one that numbers pages without ambiguity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import ValidationFailed

# Bundles are limited to 350 pages unless the court allows more (PD27A).
DEFAULT_PAGE_LIMIT = 350


@dataclass(frozen=True)
class SectionTemplate:
    """One section of a bundle: its lettering, e.g. "C", and title."""

    letter: str
    title: str


DEFAULT_SECTIONS: tuple[SectionTemplate, ...] = (
    SectionTemplate("A", "Preliminary documents"),
    SectionTemplate("B", "Applications and orders"),
    SectionTemplate("C", "Statements and affidavits"),
    SectionTemplate("D", "Care plans"),
    SectionTemplate("E", "Experts' and other reports"),
    SectionTemplate("F", "Other documents"),
)

# One to three capital letters, e.g. "A", "G", "AA": short enough to stamp on a page, and
# no digits, which would run into the page number ("C2" then page 1 would read "C21").
_LETTERING = re.compile(r"^[A-Z]{1,3}$")


def check_sections(sections: Sequence[SectionTemplate]) -> tuple[SectionTemplate, ...]:
    """The template, tidied (letters upper-cased, spaces trimmed), or ValidationFailed.

    A lettering must be one to three capital letters (so page "C12" cannot be misread),
    each used once, and every section needs a title.
    """
    problems: dict[str, str] = {}
    tidy: list[SectionTemplate] = []
    seen: set[str] = set()
    if not sections:
        problems["sections"] = "A bundle needs at least one section. Add section A."
    for number, section in enumerate(sections, start=1):
        letter = section.letter.strip().upper()
        title = " ".join(section.title.split())
        where = f"section {number}"
        if not _LETTERING.match(letter):
            problems[f"letter{number}"] = (
                f"The lettering of {where} (“{section.letter}”) must be one to three letters, "
                "such as G or AA, so that page numbers like G12 read clearly.")
        elif letter in seen:
            problems[f"letter{number}"] = (
                f"Lettering {letter} is used twice. Give {where} another letter.")
        if not title:
            problems[f"title{number}"] = f"Give {where} a title, such as “Other documents”."
        seen.add(letter)
        tidy.append(SectionTemplate(letter, title))
    if problems:
        raise ValidationFailed(problems)
    return tuple(tidy)
