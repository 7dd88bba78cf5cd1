"""Page numbers (and "Back to index") written into each page's own content.

Writing a few operators onto the end of each page's content is far cheaper than laying
a second page over it: the 3,000-page bundle is stamped in a fraction of a second.

Where the page's content leaves the bottom margin free, the stamp goes there; if not,
the top margin; if neither, a small label on a white ground in the bottom corner (a
scanned page is an image to its edges). The page's own content is wrapped in q ... Q so
that whatever state it leaves behind cannot move or colour the stamp.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from plo_tracker.documents.bundle.page_view import Box, PageView

if TYPE_CHECKING:
    import pikepdf

BACK_TO_INDEX = "Back to index"
FONT = "Helvetica"  # one of the PDF's standard fonts: nothing to embed for a label
SIZE = 9.0
_GAP = 4.0  # clear space around a stamp
_NEEDED = SIZE + 2 * _GAP  # a margin narrower than this is not free
_SIDE = 36.0  # from the side edges of the page
_HIGHEST = 24.0  # a stamp in a wide margin sits this far from the edge, not halfway
_FONT_NAME = "/PLOStamp"


@dataclass(frozen=True)
class Placement:
    """Where a page's stamps go, in shown coordinates: the baseline and whether each
    needs a white ground because no margin is free."""

    baseline: float
    on_white: bool


def placement(view: PageView, content: Box | None) -> Placement:
    """Choose the bottom margin, the top margin, or a white label in the corner."""
    if content is None:  # nothing drawn on the page
        return Placement(_HIGHEST, False)
    _, bottom, _, top = view.box_to_view(content)
    if bottom >= _NEEDED:
        return Placement(min(_HIGHEST, (bottom - SIZE) / 2 + 2), False)
    free_top = view.height - top
    if free_top >= _NEEDED:
        return Placement(view.height - min(_HIGHEST, (free_top - SIZE) / 2 + 2) - SIZE * 0.7,
                         False)
    return Placement(_GAP + 2, True)


class Stamper:
    """Stamps pages of one output PDF; the font is shared by every page."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        import pikepdf

        self._pikepdf = pikepdf
        self._pdf = pdf
        self._font = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/" + FONT), Encoding=pikepdf.Name.WinAnsiEncoding))
        # One shared "save the state" stream opens every page's content.
        self._save = pdf.make_stream(b"q\n")

    def stamp(self, page: pikepdf.Page, view: PageView, content: Box | None, label: str,
              back_link: bool) -> Box | None:
        """Print ``label`` at the bottom right (as shown) and, if asked, "Back to index"
        at the bottom left.

        Returns:
            The box of the "Back to index" words in the page's own coordinates, for its
            link; None when it was not asked for.
        """
        where = placement(view, content)
        # What is the same on most pages (the turn, "Back to index" and its box) is
        # written once for each page shape and margin, not for every page.
        fixed, back = _fixed_part(view.matrix, where, back_link)
        x = view.width - _SIDE - _width(label)
        self._append(page, fixed + _words(label, x, where) + b"\nQ\n")
        return view.box_to_page(back) if back is not None else None

    def _append(self, page: pikepdf.Page, operators: bytes) -> None:
        pikepdf = self._pikepdf
        # The font goes into the page's own resources (pikepdf has already copied any
        # inherited from the page tree onto the page); pages may share one dictionary.
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = page.obj.Resources = pikepdf.Dictionary()
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = resources.Font = pikepdf.Dictionary()
        fonts[_FONT_NAME] = self._font
        contents = page.obj.get("/Contents")
        if contents is None:
            page.obj.Contents = self._pdf.make_stream(b"q " + operators)
            return
        # "Q" ends the page's own content (opened by the shared "q"); then the stamp's own.
        stamp = self._pdf.make_stream(b"\nQ q " + operators)
        if isinstance(contents, pikepdf.Array):
            parts = [self._save, *contents, stamp]
        else:
            parts = [self._save, contents, stamp]
        page.obj.Contents = pikepdf.Array(parts)


@lru_cache(maxsize=64)
def _fixed_part(matrix: tuple[float, ...], where: Placement,
                back_link: bool) -> tuple[bytes, Box | None]:
    """The turn into shown coordinates and, if asked, "Back to index" with its box."""
    operators = b"%s cm\n" % _numbers(matrix)
    if not back_link:
        return operators, None
    return operators + _words(BACK_TO_INDEX, _SIDE, where) + b"\n", _box(BACK_TO_INDEX,
                                                                           _SIDE, where)


def _words(text: str, x: float, where: Placement) -> bytes:
    operators = b""
    if where.on_white:
        x0, y0, x1, y1 = _box(text, x, where)
        operators = b"1 g %s re f\n" % _numbers((x0, y0, x1 - x0, y1 - y0))
    return operators + b"BT 0 g %s %s Tf %s Td (%s) Tj ET" % (
        _FONT_NAME.encode(), _number(SIZE), _numbers((x, where.baseline)), _escaped(text))


def _box(text: str, x: float, where: Placement) -> Box:
    return (x - 2, where.baseline - 3, x + _width(text) + 2, where.baseline + SIZE * 0.8)


@lru_cache(maxsize=4096)
def _width(text: str) -> float:
    return stringWidth(text, FONT, SIZE)


def _number(value: float) -> bytes:
    return (b"%.3f" % value).rstrip(b"0").rstrip(b".") or b"0"


def _numbers(values: tuple[float, ...]) -> bytes:
    return b" ".join(_number(value) for value in values)


def _escaped(text: str) -> bytes:
    return (text.encode("cp1252").replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(").replace(b")", b"\\)"))
