"""Letters read back from the PDF as a reader would: who, when, where, and every page."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from plo_tracker.documents import letter_pdf
from plo_tracker.documents.letter_checks import LetterNotReady
from plo_tracker.documents.letter_data import LetterContext, sample_context
from plo_tracker.documents.letter_pdf import render_letter
from plo_tracker.documents.pdf_style import letter_style
from plo_tracker.documents.templates import Span, long_date
from plo_tracker.domain.letter_types import LetterType

PROPERTY = settings(max_examples=80, deadline=None, database=None)


def words(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces, as a reader sees it."""
    return " ".join(text.split())


def read(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [words(page.extract_text()) for page in read(pdf).pages]


def font_sizes(pdf: bytes) -> Counter[float]:
    """Characters printed at each font size, across the whole document."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes[round(size * (tm[0] or 1), 1)] += len(text.strip())

    for page in read(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def large_print(ctx: LetterContext) -> LetterContext:
    return replace(ctx, recipient=replace(ctx.recipient, large_print=True))


@pytest.fixture(scope="module")
def lbp() -> bytes:
    return render_letter(sample_context(LetterType.LBP))


@pytest.fixture(scope="module")
def lbp_text(lbp: bytes) -> str:
    return " ".join(page_texts(lbp))


def test_letter_is_addressed_to_the_recipient(lbp: bytes) -> None:
    first_page = page_texts(lbp)[0]
    assert "Kelly Marsh 14 Orchard Close Eastfield Northtown NT4 7QP" in first_page
    assert "Dear Kelly Marsh" in first_page
    assert "Northshire County Council" in first_page


def test_dates_are_written_out_in_words(lbp_text: str) -> None:
    assert "Date: Tuesday 3 March 2026" in lbp_text
    assert "Ava Marsh, born on Tuesday 14 May 2019" in lbp_text
    assert "By: Tuesday 28 April 2026" in lbp_text
    assert "finished by Tuesday 12 May 2026" in lbp_text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", lbp_text), "an ISO date reached the letter"


def test_letter_says_what_it_is_and_to_take_it_to_a_solicitor(lbp_text: str) -> None:
    assert "This is a letter before proceedings" in lbp_text
    assert "Please take this letter to a solicitor" in lbp_text


def test_letter_has_every_element_the_public_law_outline_asks_for(lbp_text: str) -> None:
    ctx = sample_context(LetterType.LBP)
    for concern in ctx.concerns:
        assert concern in lbp_text
    assert ctx.history in lbp_text
    for item in ctx.support_given:
        assert item in lbp_text
    for expectation in ctx.expectations:
        assert expectation.text in lbp_text
        assert expectation.help_offered in lbp_text
    for assessment in ctx.assessments:
        for part in (assessment.type_label, assessment.subject, assessment.why, assessment.who):
            assert part in lbp_text
    assert "What will happen if our worries remain" in lbp_text
    assert "care order" in lbp_text


@pytest.mark.parametrize("letter_type", [LetterType.LBP, LetterType.LBP_UNBORN],
                         ids=lambda t: t.code)
def test_every_element_of_plo_step_2_is_in_each_letter_before_proceedings(letter_type):
    """The ten elements PLO.md step 2 asks for, read back from the PDF of each letter."""
    ctx = sample_context(letter_type)
    text = " ".join(page_texts(render_letter(ctx)))
    meeting = ctx.meeting
    assert meeting is not None
    elements = {
        "letter before proceedings, take it to a solicitor": [
            "This is a letter before proceedings", "Please take this letter to a solicitor"],
        "concerns and short history": [*ctx.concerns, ctx.history],
        "support already given": list(ctx.support_given),
        "what must change, the help offered and by when": [
            part for item in ctx.expectations
            for part in (item.text, item.help_offered, f"By: {long_date(item.due)}")],
        "assessments: why, who, when": [
            part for a in ctx.assessments
            for part in (a.type_label, a.subject, a.why, a.who,
                         f"finished by {long_date(a.due)}")],
        "what happens if the concerns remain": [
            "What will happen if our worries remain", "care order", "supervision order"],
        "meeting: date, time, place": [
            f"Date: {long_date(meeting.starts_at)}", "Time: 10:30am", f"Place: {meeting.place}"],
        "free legal advice, not means-tested, from this letter": [
            "Because you have this letter, you can get free legal advice", "legal aid",
            "does not depend on your income or savings"],
        "the local solicitors": [s.firm for s in ctx.solicitors]
        + [f"Phone {s.phone}" for s in ctx.solicitors],
        "the family group decision-making offer (s.31ZA)": [
            "we must offer you a family group decision-making meeting",
            "section 31ZA of the Children Act 1989"],
    }
    assert len(elements) == 10
    missing = {name: [part for part in parts if words(part) not in text]
               for name, parts in elements.items()}
    assert not any(missing.values()), missing


@pytest.mark.parametrize("letter_type", [LetterType.LBP, LetterType.LBP_UNBORN],
                         ids=lambda t: t.code)
def test_letter_before_proceedings_fits_two_pages_before_the_solicitors_list(letter_type):
    """PLO.md: at most two pages before the solicitors list; read back from the PDF."""
    pages = page_texts(render_letter(sample_context(letter_type)))
    heading = "Local solicitors"
    on = [number for number, text in enumerate(pages, start=1) if heading in text]
    assert on and on[0] <= 3, f"the solicitors list starts on page {on}"
    # Nothing of the letter's own text spills over onto the page the list starts on:
    # before the heading there is only the running footer of the page before.
    before = pages[on[0] - 1].split(heading, 1)[0]
    assert on[0] <= 2 or before.strip() == "", before


def test_meeting_details_are_given(lbp_text: str) -> None:
    assert "Date: Tuesday 17 March 2026" in lbp_text
    assert "Time: 10:30am" in lbp_text
    assert "Place: Northtown Family Centre, 4 Mill Lane, Northtown NT2 3BB" in lbp_text


def test_free_legal_advice_and_the_local_solicitors_are_listed(lbp_text: str) -> None:
    assert "free legal advice" in lbp_text
    assert "does not depend on your income or savings" in lbp_text
    assert "Harbour & Vale Solicitors, Anna Lewis, 2 Quay Street, Northtown, NT1 4DE" in lbp_text
    assert "Phone 01632 960 310" in lbp_text
    assert "Greenway Family Law, David Mensah" in lbp_text
    assert "Phone 01632 960 722" in lbp_text


def test_family_group_decision_making_meeting_is_offered(lbp_text: str) -> None:
    assert "we must offer you a family group decision-making meeting" in lbp_text
    assert "section 31ZA of the Children Act 1989" in lbp_text
    assert "Children's Wellbeing and Schools Act 2026" in lbp_text
    assert "Lucy Grant, will ring you" in lbp_text


def test_every_page_has_its_number_and_the_family_reference(lbp: bytes) -> None:
    pages = page_texts(lbp)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Family reference: PLO-2026-0042" in text


def test_the_letter_is_signed_off_on_its_last_page(lbp: bytes) -> None:
    last = page_texts(lbp)[-1]
    assert "Yours sincerely Priya Shah Head of Service" in last
    # The sign-off never stands alone: some of the letter is on the same page.
    assert last.index("Local solicitors") < last.index("Yours sincerely")


def test_metadata_names_the_letter_and_the_council(lbp: bytes) -> None:
    info = read(lbp).metadata
    assert info.title == "Letter before proceedings – PLO-2026-0042"
    assert info.author == "Northshire County Council"
    assert info.subject == "Letter before proceedings to Kelly Marsh (PLO-2026-0042)"


def test_pages_are_a4(lbp: bytes) -> None:
    for page in read(lbp).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595, 842
        )


def test_fonts_are_embedded(lbp: bytes) -> None:
    fonts = read(lbp).pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_same_input_gives_identical_bytes(lbp: bytes) -> None:
    assert render_letter(sample_context(LetterType.LBP)) == lbp


def test_large_print_has_bigger_text_and_more_pages(lbp: bytes) -> None:
    big = render_letter(large_print(sample_context(LetterType.LBP)))
    standard_sizes = font_sizes(lbp)
    large_sizes = font_sizes(big)
    assert standard_sizes.most_common(1)[0][0] < 12
    assert large_sizes.most_common(1)[0][0] >= 16
    assert min(large_sizes) >= 16, "everything in large print is at least 16 pt"
    assert len(read(big).pages) > len(read(lbp).pages)
    assert "Page 1 of" in page_texts(big)[0]


def test_logo_is_printed_when_given(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 120), (31, 58, 95)).save(logo)
    ctx = sample_context(LetterType.STEP_DOWN)
    ctx = replace(ctx, letterhead=replace(ctx.letterhead, logo_path=logo))
    page = read(render_letter(ctx)).pages[0]
    assert any(
        obj.get_object().get("/Subtype") == "/Image"
        for obj in page["/Resources"]["/XObject"].values()
    )


def test_letter_with_a_gap_is_refused_before_anything_is_made() -> None:
    ctx = replace(sample_context(LetterType.LBP), meeting=None, solicitors=())
    with pytest.raises(LetterNotReady) as caught:
        render_letter(ctx)
    assert caught.value.missing == [
        "the pre-proceedings meeting date, time and place",
        "the list of local children-law solicitors",
    ]
    assert "Please add the pre-proceedings meeting date" in caught.value.message


def test_placeholder_detail_is_refused() -> None:
    ctx = sample_context(LetterType.PPM_INVITE)
    ctx = replace(ctx, meeting=replace(ctx.meeting, place="TBC"))
    with pytest.raises(LetterNotReady, match="the place of the pre-proceedings meeting"):
        render_letter(ctx)


def test_custom_template_is_used() -> None:
    source = "Dear {{ recipient.name }}\n\n# A short note\n\nWe will ring you soon.\n"
    text = " ".join(page_texts(render_letter(sample_context(LetterType.STEP_DOWN), source)))
    assert "A short note We will ring you soon." in text
    assert "Yours sincerely" in text


def test_case_details_cannot_inject_layout() -> None:
    ctx = replace(
        sample_context(LetterType.STEP_DOWN),
        step_down_plan="child in need plan\n%pagebreak\n# **Not a heading**",
    )
    pdf = render_letter(ctx)
    text = " ".join(page_texts(pdf))
    assert "%pagebreak # **Not a heading**" in text


# --- paragraphs read without reportlab's parser ------------------------------------------

STYLES = [letter_style(False).body, letter_style(False).details, letter_style(True).bullet,
          letter_style(True).heading]
spans = st.lists(
    st.builds(Span, st.text(st.sampled_from("ab Z.\t\n\xa0&<>;é•–’"), max_size=10),
              st.booleans()),
    max_size=6,
)


def fragments(paragraph: Paragraph) -> list[dict]:
    return [dict(vars(fragment)) for fragment in paragraph.frags]


@PROPERTY
@given(spans, st.sampled_from(STYLES), st.booleans())
def test_paragraphs_get_the_fragments_reportlabs_parser_gives(
    runs: list[Span], style, with_heading: bool
) -> None:
    markup = letter_pdf._spans_xml(runs)
    if with_heading:  # as in the address block: a bold line, then lines
        markup = "<b>Private and confidential</b><br/>" + markup
    ours = letter_pdf._paragraph(markup, style)
    assert fragments(ours) == fragments(Paragraph(markup, style))


@pytest.mark.parametrize("markup", ["<i>slanted</i> text", "a &quot;quote&quot;"])
def test_markup_the_letters_never_write_still_goes_through_reportlab(markup: str) -> None:
    style = letter_style(False).body
    ours = letter_pdf._paragraph(markup, style)
    assert fragments(ours) == fragments(Paragraph(markup, style))


@pytest.mark.parametrize("markup", ["<b>open", "closed</b>"])
def test_broken_markup_is_refused_as_reportlab_refuses_it(markup: str) -> None:
    style = letter_style(False).body
    with pytest.raises(ValueError):
        Paragraph(markup, style)
    with pytest.raises(ValueError):
        letter_pdf._paragraph(markup, style)


def test_a_paragraph_measured_again_is_measured_as_a_new_one_would_be() -> None:
    style = letter_style(False).body
    text = "We are worried about the children and want to help you make changes. " * 6

    def fresh(width: float) -> tuple[float, float]:
        return letter_pdf._paragraph(text, style).wrap(width, 800)

    paragraph = letter_pdf._paragraph(text, style)
    for width in (300, 200, 300, 300, 450):
        assert paragraph.wrap(width, 800) == fresh(width)
    assert paragraph.split(300, 5) == []  # nothing fits: reportlab drops its lines
    assert paragraph.wrap(300, 800) == fresh(300)
    assert paragraph.blPara.lines
