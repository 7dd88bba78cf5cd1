"""Document types know their PD27A section and page limit; section templates are checked."""

from __future__ import annotations

import pytest

from plo_tracker.domain.bundle_sections import DEFAULT_SECTIONS, SectionTemplate, check_sections
from plo_tracker.domain.document_types import (
    DEFAULT_SECTION,
    PAGE_LIMIT,
    DocumentType,
    page_limit_warning,
)
from plo_tracker.domain.errors import ValidationFailed


def test_every_type_has_a_default_section_of_the_default_template():
    letters = {s.letter for s in DEFAULT_SECTIONS}
    assert set(DEFAULT_SECTION) == set(DocumentType)
    assert set(DEFAULT_SECTION.values()) <= letters


def test_pd27a_limits_from_the_2018_text():
    # Case summary 6, statement of issues 2, position statement 3, chronology 10,
    # skeleton 20, reading list 1, statement 25, expert report 40, care plan 10 pages.
    assert {k.value: v for k, v in PAGE_LIMIT.items()} == {
        "case_summary": 6, "statement_of_issues": 2, "position_statement": 3,
        "chronology": 10, "skeleton_argument": 20, "reading_list": 1, "statement": 25,
        "expert_report": 40, "care_plan": 10}


def test_a_document_over_its_limit_is_warned_about_at_the_limit_it_is_not():
    assert page_limit_warning(DocumentType.CHRONOLOGY, "Chronology", 10) is None
    warning = page_limit_warning(DocumentType.CHRONOLOGY, "Chronology", 11)
    assert "11 pages" in warning and "at most 10" in warning
    assert page_limit_warning(DocumentType.OTHER, "Photographs", 400) is None


def test_default_template_is_pd27a_a_to_f():
    assert [s.letter for s in DEFAULT_SECTIONS] == list("ABCDEF")
    assert check_sections(DEFAULT_SECTIONS) == DEFAULT_SECTIONS


def test_template_is_tidied():
    assert check_sections([SectionTemplate(" g ", "  Other   documents ")]) == (
        SectionTemplate("G", "Other documents"),)


@pytest.mark.parametrize(("sections", "field", "words"), [
    ([], "sections", "at least one section"),
    ([SectionTemplate("A", "One"), SectionTemplate("a", "Two")], "letter2", "used twice"),
    ([SectionTemplate("C2", "Statements")], "letter1", "one to three letters"),
    ([SectionTemplate("ABCD", "Long")], "letter1", "one to three letters"),
    ([SectionTemplate("A", "  ")], "title1", "Give section 1 a title"),
])
def test_bad_templates_say_which_row_and_why(sections, field, words):
    with pytest.raises(ValidationFailed) as refused:
        check_sections(sections)
    assert words in refused.value.problems[field]
