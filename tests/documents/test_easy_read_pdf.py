"""Easy Read letters read back from the PDF: the elements of the standard letter, print of
16 pt or more (from the content stream's Tf operators), and a picture beside each section."""

from __future__ import annotations

import re
from io import BytesIO

import pikepdf
import pytest
from pypdf import PdfReader

from plo_tracker.documents.easy_read_pdf import (
    FORM_PREFIX,
    default_easy_read_template,
    render_easy_read,
    render_with_easy_read,
    validate_easy_read_template,
)
from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.templates import TemplateProblem, default_template
from plo_tracker.domain.easy_read import EASY_READ_TYPES, has_easy_read
from plo_tracker.domain.letter_types import LetterType


def words(pdf: bytes) -> str:
    """The text as a reader follows it: each page's footer left out, so a sentence that
    runs on over a page break reads whole."""
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]
    return " ".join(re.sub(r"\s*Family reference: \S+ Page \d+ of \d+$", "", page)
                    for page in pages)


def font_sizes(pdf: bytes) -> list[float]:
    """The size of every Tf (set font) operator on every page, outside the footer's."""
    sizes = []
    with pikepdf.open(BytesIO(pdf)) as document:
        for page in document.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    sizes.append(float(operands[1]))
    return sizes


def pictures_by_page(pdf: bytes) -> list[set[str]]:
    with pikepdf.open(BytesIO(pdf)) as document:
        return [{str(name) for name in (page.Resources.get("/XObject") or {})
                 if FORM_PREFIX in str(name)} for page in document.pages]


@pytest.fixture(scope="module")
def lbp() -> bytes:
    return render_easy_read(sample_context(LetterType.LBP))


def test_the_easy_read_lbp_has_every_element_of_the_standard_one(lbp: bytes) -> None:
    text = words(lbp)
    ctx = sample_context(LetterType.LBP)
    assert "Dear Kelly Marsh" in text and "This is a letter before proceedings" in text
    for concern in ctx.concerns:
        assert concern in text
    assert ctx.history in text
    for item in ctx.support_given:
        assert item in text
    for expectation in ctx.expectations:
        assert expectation.text in text and expectation.help_offered in text
    assert "By: Tuesday 28 April 2026" in text
    for assessment in ctx.assessments:
        for part in (assessment.type_label, assessment.subject, assessment.why, assessment.who):
            assert part in text
    assert "care order" in text
    assert "section 31ZA of the Children Act 1989" in text
    assert "Date: Tuesday 17 March 2026" in text and "Time: 10:30am" in text
    assert "free legal advice" in text and "does not depend on your income or savings" in text
    assert "Harbour & Vale Solicitors, Anna Lewis. Phone 01632 960 310" in text
    assert "Family reference: PLO-2026-0042" in text


def test_every_line_is_printed_at_16_point_or_more(lbp: bytes) -> None:
    sizes = font_sizes(lbp)
    assert sizes and min(sizes) >= 16
    assert max(sizes) >= 20  # the headings are larger


def test_each_section_has_its_picture(lbp: bytes) -> None:
    source = default_easy_read_template(LetterType.LBP)
    headings = [line for line in source.splitlines() if line.startswith("# [")]
    names = {line.split("[")[1].split("]")[0] for line in headings}
    found = set().union(*pictures_by_page(lbp))
    assert {n.split(".", 1)[-1] for n in found} == {FORM_PREFIX + name for name in names}
    assert len(headings) >= 9
    assert "[meeting]" not in words(lbp)  # the picture's name is not printed


@pytest.mark.parametrize("letter_type", sorted(EASY_READ_TYPES, key=lambda t: t.code),
                         ids=lambda t: t.code)
def test_every_shipped_easy_read_template_fills_in_big_with_pictures(letter_type) -> None:
    source = default_easy_read_template(letter_type)
    validate_easy_read_template(source, letter_type)
    pdf = render_easy_read(sample_context(letter_type), source)
    assert min(font_sizes(pdf)) >= 16
    assert len(set().union(*pictures_by_page(pdf))) >= 3
    assert "Dear Kelly Marsh" in words(pdf)


def test_the_agreement_has_no_easy_read_version() -> None:
    assert not has_easy_read(LetterType.AGREEMENT)
    with pytest.raises(ValueError, match="no Easy Read version"):
        default_easy_read_template(LetterType.AGREEMENT)


def test_a_heading_without_a_known_picture_is_refused_naming_its_line() -> None:
    source = default_easy_read_template(LetterType.PPM_INVITE).replace(
        "# [family] Who will be there", "# [dragon] Who will be there")
    with pytest.raises(TemplateProblem, match="square brackets") as refused:
        validate_easy_read_template(source, LetterType.PPM_INVITE)
    assert source.splitlines()[refused.value.line - 1] == "# [dragon] Who will be there"


def test_both_letters_go_in_one_pdf_standard_first_with_a_bookmark_each() -> None:
    ctx = sample_context(LetterType.LBP)
    both = render_with_easy_read(ctx, default_template(LetterType.LBP),
                                 default_easy_read_template(LetterType.LBP))
    with pikepdf.open(BytesIO(both)) as document, document.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles == ["Letter before proceedings to Kelly Marsh (PLO-2026-0042)",
                      "Easy Read: Letter before proceedings to Kelly Marsh (PLO-2026-0042)"]
    pages = pictures_by_page(both)
    first_picture = next(i for i, found in enumerate(pages) if found)
    assert first_picture > 0 and not any(pages[:first_picture])  # the standard letter first
    assert "This is a letter before proceedings. It is an important legal letter" in words(both)
