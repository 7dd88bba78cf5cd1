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
        words = [(label, view.width - _SIDE - stringWidth(label, FONT, SIZE))]
        if back_link:
            words.append((BACK_TO_INDEX, _SIDE))
        operators = [b"%s cm" % _numbers(view.matrix)]
        boxes = []
        for text, x in words:
            box = (x - 2, where.baseline - 3, x + stringWidth(text, FONT, SIZE) + 2,
                   where.baseline + SIZE * 0.8)
            boxes.append(box)
            if where.on_white:
                operators.append(b"1 g %s re f" % _numbers(
                    (box[0], box[1], box[2] - box[0], box[3] - box[1])))
            operators.append(b"BT 0 g %s %s Tf %s Td (%s) Tj ET" % (
                _FONT_NAME.encode(), _number(SIZE), _numbers((x, where.baseline)),
                _escaped(text)))
        operators.append(b"Q\n")
        self._append(page, b"\n".join(operators))
        return view.box_to_page(boxes[1]) if back_link else None

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


def _number(value: float) -> bytes:
    return (b"%.3f" % value).rstrip(b"0").rstrip(b".") or b"0"


def _numbers(values: tuple[float, ...]) -> bytes:
    return b" ".join(_number(value) for value in values)


def _escaped(text: str) -> bytes:
    return (text.encode("cp1252").replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(").replace(b")", b"\\)"))
