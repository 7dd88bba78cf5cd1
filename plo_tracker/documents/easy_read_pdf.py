"""Easy Read letters: big, calm pages with a picture beside each section.

The page machinery (letterhead, address, page footer, sign-off) is the standard letter's
(``letter_pdf``); only the style and the sections differ. Each heading of an Easy Read
template starts with a picture's name in brackets, ``# [meeting] Come to a meeting``; the
picture is drawn at the left of the heading and the section's text runs in a column
beside it, ragged right, 16 pt or more, with lines 1.5 apart or more.

The pictures are SVG files in resources/letters/easy-read/, turned into reportlab
drawings by svglib. SVG rather than shapes described in Python: anyone can open, check or
redraw an SVG in a common editor, and the same files are the pictures shown in the guide.
Drawings (vectors, not bitmaps) stay sharp at any print size and cost a few hundred bytes.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Indenter,
    PageBreak,
    Spacer,
    Table,
)

from plo_tracker.documents.letter_data import LetterContext, sample_context
from plo_tracker.documents.letter_pdf import (
    _address_and_details,
    _body,
    _letterhead,
    _paragraph,
    _sign_off,
    _spans_xml,
    build_letter_pdf,
    letter_subject,
    letter_title,
    ready_source,
    render_letter,
    side_by_side_style,
)
from plo_tracker.documents.pdf_assembly import Part, combine
from plo_tracker.documents.pdf_style import LetterStyle, letter_style
from plo_tracker.documents.resources import resource_path
from plo_tracker.documents.templates import (
    Block,
    Span,
    TemplateProblem,
    render_blocks,
)
from plo_tracker.domain import easy_read
from plo_tracker.domain.letter_types import LetterType

BODY_PT = 16.0  # Easy Read guidance: 16 pt at the least
HEADING_PT = 20.0
LINE_SPACING = 1.6  # 1.5 at the least
PICTURE_SIZE = 2 * cm
PICTURE_COLUMN = PICTURE_SIZE + 8 * mm  # the picture and the white space beside it
MARGIN = 24 * mm  # wider than the standard letter's 20 mm


def _style(name: str, base: ParagraphStyle, size: float, **extra: object) -> ParagraphStyle:
    values: dict[str, object] = {
        "fontSize": size, "leading": round(size * LINE_SPACING, 1),
        "spaceAfter": round(size * 0.9, 1),
    }
    values.update(extra)
    return ParagraphStyle(name, parent=base, **values)


@lru_cache(maxsize=1)
def page_style() -> LetterStyle:
    """The Easy Read page: the large-print letter with wider margins and more space."""
    large = letter_style(True)
    return replace(
        large, margin_left=MARGIN, margin_right=MARGIN,
        body=_style("EasyBody", large.body, BODY_PT),
        heading=_style("EasyHeading", large.heading, HEADING_PT, spaceBefore=0,
                       spaceAfter=0),
        bullet=_style("EasyBullet", large.bullet, BODY_PT, spaceAfter=BODY_PT * 0.6),
        notice=_style("EasyNotice", large.notice, BODY_PT, spaceAfter=BODY_PT * 0.4),
        signature=_style("EasySignature", large.signature, BODY_PT, spaceAfter=0),
    )


@lru_cache(maxsize=1)
def _text_style() -> LetterStyle:
    """The column beside the pictures: what ``_body`` lays the section text out in."""
    page = page_style()
    return replace(page, margin_left=page.margin_left + PICTURE_COLUMN)


@lru_cache(maxsize=16)
def _picture_drawing(name: str):  # noqa: ANN202 - svglib's Drawing
    from svglib.svglib import svg2rlg

    path = resource_path("letters", "easy-read", f"{name}.svg")
    drawing = svg2rlg(str(path))
    if drawing is None:
        raise FileNotFoundError(f"The Easy Read picture '{name}' could not be read.")
    scale = PICTURE_SIZE / max(drawing.width, drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing


# The parsed pictures are shared (read once per process), and reportlab marks a drawing as
# it renders it (drawing._parent, removed after): two letters drawn at once on different
# threads, such as the window's preview and a letter being made, would trip over each
# other's marks. Drawing one picture at a time keeps the sharing safe; it is a few
# milliseconds a letter.
_DRAWING_LOCK = threading.Lock()


class Picture(Flowable):
    """A picture about 2 cm square, drawn once per letter as a form XObject named
    ``EasyRead-<name>`` and placed with ``Do`` in each section: smaller files, and a
    reader (or a test) can find each picture in the page's content by name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._drawing = _picture_drawing(name)  # read now, so a missing file fails early

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return PICTURE_SIZE, PICTURE_SIZE

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        form = FORM_PREFIX + self.name
        if not self.canv.hasForm(form):
            self.canv.beginForm(form, 0, 0, PICTURE_SIZE, PICTURE_SIZE)
            with _DRAWING_LOCK:
                renderPDF.draw(self._drawing, self.canv, 0, 0)
            self.canv.endForm()
        self.canv.doForm(form)


FORM_PREFIX = "EasyRead-"


def picture(name: str) -> Flowable:
    """The named picture, about 2 cm square.

    Raises:
        FileNotFoundError: the app was installed without it.
    """
    return Picture(name)


def _heading_picture(block: Block) -> tuple[str | None, tuple[Span, ...]]:
    """The picture a heading names in brackets, and the heading without it."""
    first = block.spans[0] if block.spans else Span("")
    name, words = easy_read.split_picture(first.text)
    if name is None:
        return None, block.spans
    return name, (replace(first, text=words), *block.spans[1:])


def _section_heading(block: Block, style: LetterStyle) -> Flowable:
    name, spans = _heading_picture(block)
    heading = _paragraph(_spans_xml(spans), style.heading)
    art: Flowable = picture(name) if name else Spacer(PICTURE_SIZE, PICTURE_SIZE)
    return Table(
        [[art, heading]],
        colWidths=[PICTURE_COLUMN, style.frame_width - PICTURE_COLUMN],
        style=side_by_side_style("MIDDLE", bottom=BODY_PT * 0.4),
        spaceBefore=BODY_PT * 1.2,
    )


def _sections(ctx: LetterContext, blocks: list[Block]) -> list[Flowable]:
    """Each heading with its picture, and the text under it in the column beside; the
    sign-off at the end, in the column, kept on a page with the last paragraph."""
    page, text = page_style(), _text_style()
    story: list[Flowable] = []
    runs: list[list[Block]] = [[]]
    for block in blocks:
        if block.kind == "heading":
            runs.append([block])
        else:
            runs[-1].append(block)
    for number, run in enumerate(runs, start=1):
        if run and run[0].kind == "heading":
            # A picture and its heading never stand alone at the foot of a page.
            story.append(CondPageBreak(PICTURE_SIZE + page.body.leading * 3))
            story.append(_section_heading(run[0], page))
            run = run[1:]
        column = _body(run, text)
        if number == len(runs):
            last = column.pop() if column and not isinstance(column[-1], PageBreak) else None
            column.append(_sign_off(ctx, text, last))
        story.extend([Indenter(left=PICTURE_COLUMN), *column, Indenter(left=-PICTURE_COLUMN)])
    return story


def render_easy_read(ctx: LetterContext, template_source: str | None = None) -> bytes:
    """Make the Easy Read version of a letter as PDF bytes (16 pt, a picture per section).

    Raises:
        LetterNotReady: listing what the case lacks, before anything is made.
        TemplateProblem: when the template cannot be filled in.
    """
    source = ready_source(ctx, template_source, default_easy_read_template)
    style = page_style()
    body = _sections(ctx, render_blocks(source, ctx))
    story = [*_letterhead(ctx, style), *_address_and_details(ctx, style), *body]
    return build_letter_pdf(ctx, story, style, "Easy Read: " + letter_title(ctx),
                            "Easy Read: " + letter_subject(ctx))


def render_with_easy_read(ctx: LetterContext, template_source: str,
                          easy_read_source: str) -> bytes:
    """The standard letter followed by its Easy Read version, in one PDF.

    One file keeps the two together wherever the letter goes: kept once, printed once,
    recorded as sent once. Each has a bookmark.
    """
    standard = render_letter(ctx, template_source)
    easy = render_easy_read(ctx, easy_read_source)
    return combine([Part(standard, letter_subject(ctx)),
                    Part(easy, "Easy Read: " + letter_subject(ctx))],
                   title=letter_title(ctx) + " (with Easy Read)")


def default_easy_read_template(letter_type: LetterType) -> str:
    """The Easy Read template shipped for ``letter_type``.

    Raises:
        ValueError: the letter type has no Easy Read version.
    """
    if not easy_read.has_easy_read(letter_type):
        raise ValueError(f"The letter '{letter_type.title}' has no Easy Read version.")
    return resource_path("letters", easy_read.template_file(letter_type)).read_text(
        encoding="utf-8")


def validate_easy_read_template(source: str, letter_type: LetterType) -> None:
    """Check an Easy Read template: it fills in, and each heading names a known picture.

    Raises:
        TemplateProblem: naming the line and the reason, in plain English.
    """
    from plo_tracker.documents.templates import validate_template

    validate_template(source, letter_type)
    for block in render_blocks(source, sample_context(letter_type, complete=True)):
        if block.kind != "heading":
            continue
        if easy_read.split_picture(block.text)[0] is None:
            match = easy_read.PICTURE_TAG.match(block.text)
            line = next((n for n, text in enumerate(source.splitlines(), start=1)
                         if text.startswith("# ") and block.text.strip()[:12] in text), 1)
            unknown = (f"there is no picture called '{match.group(1)}'" if match
                       else "this heading has no picture")
            raise TemplateProblem(line, (
                f"{unknown}: each heading of an Easy Read letter starts with its picture in "
                "square brackets, for example '# [meeting] Come to a meeting'. The pictures "
                "are: " + ", ".join(easy_read.PICTURES) + "."))
