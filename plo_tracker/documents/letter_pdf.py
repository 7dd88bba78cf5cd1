"""Lays a letter out as an A4 PDF with reportlab, and combines letters for printing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag

from plo_tracker.documents import fonts
from plo_tracker.documents.letter_checks import LetterNotReady, missing_fields
from plo_tracker.documents.letter_data import LetterContext
from plo_tracker.documents.pdf_assembly import CREATOR, Part, combine
from plo_tracker.documents.pdf_style import (
    NOTICE_BACKGROUND,
    RULE,
    LetterStyle,
    letter_style,
)
from plo_tracker.documents.templates import (
    Block,
    Span,
    default_template,
    long_date,
    render_blocks,
)
from plo_tracker.domain.letter_types import LetterType


def letter_title(ctx: LetterContext) -> str:
    """Return the document title, e.g. "Letter before proceedings – PLO-2026-0042"."""
    return f"{ctx.letter_type.title} – {ctx.family_reference}"


def letter_subject(ctx: LetterContext) -> str:
    """Return the document subject, which also names the letter in a combined PDF."""
    return f"{ctx.letter_type.title} to {ctx.recipient.name} ({ctx.family_reference})"


# --- text --------------------------------------------------------------------------


def _xml(text: str) -> str:
    """Escape text for a reportlab paragraph; newlines become line breaks."""
    return escape(text).replace("\n", "<br/>")


def _spans_xml(spans: Sequence[Span]) -> str:
    return "".join(f"<b>{_xml(s.text)}</b>" if s.bold else _xml(s.text) for s in spans)


def _lines_xml(lines: Sequence[str]) -> str:
    return "<br/>".join(_xml(line) for line in lines if line.strip())


# --- paragraphs --------------------------------------------------------------------
#
# reportlab reads a paragraph's markup with a general HTML parser, which took about a
# tenth of the time to make a letter. This module writes only <b>, </b>, <br/> and the
# escapes &amp; &lt; &gt;, so it reads that markup itself into the same fragments, cloned
# from ones reportlab's parser made for the style; anything else goes to the parser.

_MARKUP = re.compile(r"<b>|</b>|<br/>|&(amp|lt|gt);|([^<&]+)|(.)", re.DOTALL)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


@lru_cache(maxsize=64)
def _fragment_kinds(style: ParagraphStyle) -> dict[tuple[bool, bool], ParaFrag]:
    """reportlab's own fragments for plain and bold text and line breaks in ``style``."""
    plain_text, plain_break = Paragraph("x<br/>", style).frags
    bold_text, bold_break = Paragraph("<b>x<br/></b>", style).frags
    return {(False, False): plain_text, (False, True): plain_break,
            (True, False): bold_text, (True, True): bold_break}


def _fragments(markup: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """The fragments reportlab's parser would make of ``markup``; None if it is not ours."""
    kinds = _fragment_kinds(style)
    fragments: list[ParaFrag] = []
    bold = False
    for match in _MARKUP.finditer(markup):
        tag = match.group()
        entity, text, other = match.groups()
        if other is not None:
            return None
        if text is not None or entity is not None:
            fragments.append(kinds[bold, False].clone(text=text or _ENTITIES[entity]))
        elif tag == "<br/>":
            fragments.append(kinds[bold, True].clone())
        elif bold == (tag == "<b>"):
            return None  # <b> inside <b>, or </b> without one
        else:
            bold = not bold
    return None if bold else fragments


class _Paragraph(Paragraph):
    """A paragraph that breaks its lines once for each width it is given.

    A paragraph in a table cell or kept together with the next is measured and then
    measured again at the same width before it is drawn. Its lines depend only on the
    width (and its words and style, which do not change), so the second time reuses
    the first, as long as nothing has touched the lines since: split() starts afresh.
    """

    _wrapped: tuple[float, tuple[float, float], Any] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        kept = self._wrapped
        if (kept is not None and kept[0] == availWidth
                and self.__dict__.get("blPara") is kept[2]
                and (self.width, self.height) == kept[1]):
            return kept[1]
        size = super().wrap(availWidth, availHeight)
        lines = self.__dict__.get("blPara")  # absent when the width is too small for a word
        self._wrapped = None if lines is None else (availWidth, size, lines)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._wrapped = None  # reportlab may re-break or drop the lines while splitting
        return super().split(availWidth, availHeight)


def _paragraph(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """``Paragraph(markup, style, bulletText=bullet)``, read without the general parser."""
    markup = cleanBlockQuotedText(markup)  # reportlab's own whitespace rule, first as there
    fragments = _fragments(markup, style)
    if fragments is None:
        return _Paragraph(markup, style, bulletText=bullet)
    return _Paragraph(markup, style, bulletText=bullet, frags=fragments)


def _table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style in the shipped font: reportlab's default, Helvetica, is not embedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), *commands])


def ready_source(ctx: LetterContext, template_source: str | None,
                 default: Callable[[LetterType], str]) -> str:
    """The template to fill (``template_source``, else the shipped ``default`` for the
    letter's type), once the case has everything the letter must say.

    Raises:
        LetterNotReady: listing what the case lacks, before anything is made.
    """
    missing = missing_fields(ctx)
    if missing:
        raise LetterNotReady(ctx.letter_type, missing)
    return default(ctx.letter_type) if template_source is None else template_source


def side_by_side_style(valign: str, bottom: float = 0) -> TableStyle:
    """Two things side by side (a logo and the council's details, a picture and its
    heading): no padding but ``bottom`` below, so they line up with the text around them."""
    return _table_style(
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    )


# --- page furniture ------------------------------------------------------------------


class PagedCanvas(Canvas):
    """A canvas that holds pages back until the end, to print "Page 1 of N" on each."""

    def __init__(self, *args: Any, footer_text: str, style: LetterStyle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plo_footer_text = footer_text
        self._plo_style = style
        self._plo_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._plo_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._plo_pages)
        for number, state in enumerate(self._plo_pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        style = self._plo_style
        width = style.page_size[0]
        baseline = style.margin_bottom - style.footer_size * 2.2
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        rule_y = baseline + style.footer_size * 1.4
        self.line(style.margin_left, rule_y, width - style.margin_right, rule_y)
        self.setFont(style.footer_font, style.footer_size)
        self.drawString(style.margin_left, baseline, self._plo_footer_text)
        self.setFont(style.footer_bold_font, style.footer_size)
        self.drawRightString(width - style.margin_right, baseline, f"Page {number} of {total}")
        self.restoreState()


def _letterhead(ctx: LetterContext, style: LetterStyle) -> list[Flowable]:
    head = ctx.letterhead
    address = [line.strip() for line in head.address_lines if line.strip()]
    if not style.large_print:
        address = [", ".join(address)]  # one line keeps the first page for the letter
    lines = [head.service_name, *address, f"Phone: {head.phone}", f"Email: {head.email}"]
    text = [
        _paragraph(_xml(head.council_name), style.council_name),
        _paragraph(_lines_xml(lines), style.letterhead),
    ]
    if head.logo_path is None:
        return [*text, *_letterhead_rule(style)]
    logo = Image(
        str(head.logo_path),
        width=style.logo_max_width,
        height=style.logo_max_height,
        kind="proportional",
        hAlign="LEFT",
    )
    if style.large_print:
        # Beside a logo, 16 pt contact details would wrap word by word.
        return [logo, Spacer(1, 6), *text, *_letterhead_rule(style)]
    logo_width = style.logo_max_width + 6
    table = Table(
        [[logo, text]],
        colWidths=[logo_width, style.frame_width - logo_width],
        style=side_by_side_style("TOP"),
    )
    return [table, *_letterhead_rule(style)]


def _letterhead_rule(style: LetterStyle) -> list[Flowable]:
    return [Spacer(1, 6), HRFlowable(width="100%", thickness=0.6, color=RULE),
            Spacer(1, style.body.fontSize)]


def _address_and_details(ctx: LetterContext, style: LetterStyle) -> list[Flowable]:
    recipient = _paragraph(
        "<b>Private and confidential</b><br/>"
        + _lines_xml([ctx.recipient.name, *ctx.recipient.address_lines]),
        style.address,
    )
    detail_lines = [
        f"<b>Date:</b> {_xml(long_date(ctx.letter_date))}",
        f"<b>Family reference:</b> {_xml(ctx.family_reference)}",
        f"<b>Social worker:</b> {_xml(ctx.social_worker_name)}",
        f"<b>Phone:</b> {_xml(ctx.social_worker_phone)}",
    ]
    details = _paragraph("<br/>".join(detail_lines), style.details)
    gap = Spacer(1, style.body.fontSize * 1.6)
    if style.large_print:
        # Two columns of 16 pt text would wrap every line; stack them instead.
        return [recipient, Spacer(1, style.body.fontSize), details, gap]
    half = style.frame_width / 2
    table = Table(
        [[recipient, details]],
        colWidths=[half + 20, half - 20],
        style=_table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ),
    )
    return [table, gap]


def _notice_box(paragraphs: list[Flowable], style: LetterStyle) -> Flowable:
    pad = style.body.fontSize * 0.7
    return Table(
        [[paragraphs]],
        colWidths=[style.frame_width],
        style=_table_style(
            ("BOX", (0, 0), (-1, -1), 1.2, style.body.textColor),
            ("BACKGROUND", (0, 0), (-1, -1), NOTICE_BACKGROUND),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.6),
        ),
        spaceBefore=style.body.fontSize * 0.3,
        spaceAfter=style.body.fontSize,
    )


def _sign_space(label: Sequence[Span], style: LetterStyle) -> Flowable:
    body = style.body
    words = _paragraph("Signed", body)
    when = _paragraph("Date", body)
    width = style.frame_width
    table = Table(
        [[words, "", when, ""]],
        colWidths=[width * 0.14, width * 0.5, width * 0.1, width * 0.26],
        rowHeights=[style.sign_line_height],
        style=_table_style(
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, 0), 0.8, body.textColor),
            ("LINEBELOW", (3, 0), (3, 0), 0.8, body.textColor),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ),
    )
    return KeepTogether([
        _paragraph(f"<b>{_spans_xml(label)}</b>", body),
        table,
        Spacer(1, body.fontSize * 1.5),
    ])


_LIST_KINDS = frozenset({"bullet", "numbered"})


def _body(blocks: list[Block], style: LetterStyle) -> list[Flowable]:
    story: list[Flowable] = []
    notices: list[Flowable] = []
    previous = ""
    for block in blocks:
        if previous in _LIST_KINDS and block.kind not in _LIST_KINDS:
            story.append(Spacer(1, style.body.fontSize * 0.5))  # a list ends
        previous = block.kind
        if block.kind == "notice":
            notices.append(_paragraph(_spans_xml(block.spans), style.notice))
            continue
        if notices:
            story.append(_notice_box(notices, style))
            notices = []
        text = _spans_xml(block.spans)
        if block.kind in ("heading", "subheading"):
            # Start a new page rather than leave a heading with under three
            # lines of its text at the foot of a page.
            heading_style = style.heading if block.kind == "heading" else style.subheading
            story.append(CondPageBreak(heading_style.leading * 2 + style.body.leading * 3))
            story.append(_paragraph(text, heading_style))
        elif block.kind == "bullet":
            story.append(_paragraph(text, style.bullet, "•"))
        elif block.kind == "numbered":
            story.append(_paragraph(text, style.bullet, f"{block.label}."))
        elif block.kind == "sign":
            story.append(_sign_space(block.spans, style))
        elif block.kind == "pagebreak":
            story.append(PageBreak())
        else:
            story.append(_paragraph(text, style.body))
    if notices:
        story.append(_notice_box(notices, style))
    return story


def _sign_off(ctx: LetterContext, style: LetterStyle, last: Flowable | None) -> Flowable:
    """Return "Yours sincerely" and the signatory, kept on a page with the last paragraph.

    A signature alone at the top of a page would invite a forged page above it.
    """
    head = ctx.letterhead
    return KeepTogether([
        *([last] if last is not None else []),
        Spacer(1, style.body.fontSize * 0.5),
        _paragraph("Yours sincerely", style.signature),
        Spacer(1, style.signature_space),
        _paragraph(f"<b>{_xml(head.signatory_name)}</b>", style.signature),
        _paragraph(_xml(head.signatory_title), style.signature),
        _paragraph(_xml(head.council_name), style.signature),
    ])


# --- public --------------------------------------------------------------------------


def render_letter(ctx: LetterContext, template_source: str | None = None) -> bytes:
    """Make one letter as PDF bytes.

    The same details and template always give the same bytes (reportlab's
    invariant mode), so a letter can be made again and compared.

    Args:
        ctx: the letter's details; ``ctx.recipient.large_print`` picks the
            large-print style.
        template_source: the template text; by default the one shipped for
            ``ctx.letter_type``.

    Returns:
        An A4 PDF with the fonts embedded, searchable text, the title and the
        council as author, and "Page N of M" with the family reference on
        every page.

    Raises:
        LetterNotReady: listing what the case lacks, before anything is made.
        TemplateProblem: when the template cannot be filled in.
    """
    source = ready_source(ctx, template_source, default_template)
    blocks = render_blocks(source, ctx)
    style = letter_style(ctx.recipient.large_print)

    body = _body(blocks, style)
    if ctx.letter_type is not LetterType.AGREEMENT:  # the agreement is signed by all
        last = body.pop() if body and not isinstance(body[-1], PageBreak) else None
        body.append(_sign_off(ctx, style, last))
    story = _letterhead(ctx, style) + _address_and_details(ctx, style) + body

    return build_letter_pdf(ctx, story, style, letter_title(ctx), letter_subject(ctx))


def build_letter_pdf(ctx: LetterContext, story: list[Flowable], style: LetterStyle,
                     title: str, subject: str) -> bytes:
    """Lay ``story`` out on A4 pages with the letter's margins, metadata and page footer.

    Shared by the standard letter and its Easy Read version, so both have the same
    footer ("Family reference", "Page N of M") and the same document properties.
    """
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=style.page_size,
        leftMargin=style.margin_left,
        rightMargin=style.margin_right,
        topMargin=style.margin_top,
        bottomMargin=style.margin_bottom,
        title=title,
        author=ctx.letterhead.council_name,
        subject=subject,
        creator=CREATOR,
        lang="en-GB",
        displayDocTitle=1,
        # Otherwise reportlab starts each page in Helvetica, which is not embedded.
        initialFontName=style.footer_font,
        initialFontSize=style.footer_size,
        invariant=1,
    )
    frame = Frame(
        style.margin_left,
        style.margin_bottom,
        style.frame_width,
        style.page_size[1] - style.margin_top - style.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    footer = f"Family reference: {ctx.family_reference}"
    doc.build(story, canvasmaker=partial(PagedCanvas, footer_text=footer, style=style))
    return buffer.getvalue()


def combine_letters(pdfs: Sequence[bytes], titles: Sequence[str]) -> bytes:
    """Join letters into one PDF for printing, with a bookmark for each letter.

    The pages keep their plain numbers (no page labels): a print dialog then means
    the same page by "41" as the viewer does, which a label "1" repeated for every
    letter would not.

    Args:
        pdfs: the letters, in printing order.
        titles: a bookmark title per letter, e.g. its ``letter_subject``.

    Returns:
        One PDF whose outline opens at each letter's first page.

    Raises:
        ValueError: when there are no letters, or not one title per letter.
    """
    if not pdfs:
        raise ValueError("There are no letters to put together.")
    if len(titles) != len(pdfs):
        raise ValueError("Each letter needs exactly one bookmark title.")
    parts = [Part(pdf, title) for pdf, title in zip(pdfs, titles, strict=True)]
    return combine(parts, title=f"Letters for printing ({len(pdfs)})")
