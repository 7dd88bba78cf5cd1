"""The one style sheet for letters: A4 page, margins, paragraph styles, large print."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from plo_tracker.documents import fonts

# Standard print follows common council practice (11 pt sans-serif). Large
# print follows RNIB clear-print guidance: at least 16 pt, left aligned, never
# justified, generous line spacing.
STANDARD_BODY_PT = 11.0
LARGE_PRINT_BODY_PT = 16.0

# Dark enough to print legibly on a black-and-white office printer.
INK = colors.black
ACCENT = colors.HexColor("#1F3A5F")
RULE = colors.HexColor("#6B6B6B")
NOTICE_BACKGROUND = colors.HexColor("#EEEEEE")


@dataclass(frozen=True)
class LetterStyle:
    """Everything about how a letter looks; letter_pdf reads nothing else."""

    large_print: bool
    page_size: tuple[float, float]
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float
    body: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    bullet: ParagraphStyle
    notice: ParagraphStyle
    council_name: ParagraphStyle
    letterhead: ParagraphStyle
    address: ParagraphStyle
    details: ParagraphStyle
    signature: ParagraphStyle
    footer_font: str
    footer_bold_font: str
    footer_size: float
    logo_max_width: float
    logo_max_height: float
    bullet_indent: float
    signature_space: float
    sign_line_height: float

    @property
    def frame_width(self) -> float:
        """Width of the text column in points."""
        return self.page_size[0] - self.margin_left - self.margin_right


def _paragraph(name: str, family: str, size: float, **extra: object) -> ParagraphStyle:
    """Return a left-aligned style in the shipped font with leading fitted to the size."""
    values: dict[str, object] = {
        "fontName": family,
        "fontSize": size,
        "leading": round(size * 1.38, 1),
        "textColor": INK,
        "alignment": TA_LEFT,
        "spaceAfter": round(size * 0.6, 1),
    }
    values.update(extra)
    return ParagraphStyle(name, **values)


def _build(large_print: bool) -> LetterStyle:
    family = fonts.register_fonts()
    size = LARGE_PRINT_BODY_PT if large_print else STANDARD_BODY_PT
    # Letterhead and address text are a little smaller than the body in
    # standard print, but never smaller than the body in large print: the
    # reader needs the contact details as much as the letter.
    small = size if large_print else size - 1.5
    indent = size * 1.5
    return LetterStyle(
        large_print=large_print,
        page_size=A4,
        margin_left=20 * mm,
        margin_right=20 * mm,
        margin_top=16 * mm,
        margin_bottom=(26 if large_print else 22) * mm,
        body=_paragraph("Body", family, size),
        heading=_paragraph(
            "Heading",
            fonts.BOLD,
            size * 1.25,
            textColor=ACCENT,
            spaceBefore=size * 0.7,
            spaceAfter=size * 0.45,
        ),
        subheading=_paragraph(
            "Subheading",
            fonts.BOLD,
            size * 1.05,
            spaceBefore=size * 0.4,
            spaceAfter=size * 0.3,
        ),
        bullet=_paragraph(
            "Bullet",
            family,
            size,
            leftIndent=indent,
            bulletIndent=size * 0.4,
            bulletFontName=family,
            bulletFontSize=size,
            spaceAfter=size * 0.3,
        ),
        notice=_paragraph("Notice", fonts.BOLD, size, spaceAfter=size * 0.3),
        council_name=_paragraph(
            "CouncilName", fonts.BOLD, size * 1.35, alignment=TA_RIGHT, textColor=ACCENT,
            spaceAfter=size * 0.15,
        ),
        letterhead=_paragraph(
            "Letterhead", family, small, alignment=TA_RIGHT, spaceAfter=0,
            leading=round(small * 1.3, 1),
        ),
        address=_paragraph(
            "Address", family, size, spaceAfter=0, leading=round(size * 1.3, 1),
        ),
        details=_paragraph(
            "Details", family, small, spaceAfter=0, leading=round(small * 1.35, 1),
        ),
        signature=_paragraph("Signature", family, size, spaceAfter=0),
        footer_font=fonts.REGULAR,
        footer_bold_font=fonts.BOLD,
        footer_size=size if large_print else 8.5,
        logo_max_width=55 * mm,
        logo_max_height=(26 if large_print else 22) * mm,
        bullet_indent=indent,
        signature_space=size * 3.2,
        sign_line_height=size * 3.0,
    )


@lru_cache(maxsize=2)
def letter_style(large_print: bool = False) -> LetterStyle:
    """Return the letter style sheet, standard or large print.

    Args:
        large_print: True for the large-print variant (16 pt body text).

    Returns:
        A shared, read-only style sheet; do not change its paragraph styles.
    """
    return _build(large_print)
