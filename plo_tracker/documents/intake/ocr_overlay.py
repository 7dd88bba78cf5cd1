"""Laying Tesseract's invisible text pages over the original pages, lined up with them.

Tesseract's page is the size of the picture it read, which was the page as the reader
sees it: the visible box (CropBox), turned by /Rotate. So each text page is scaled to
that box and turned back into the page's own, unturned coordinates. It is drawn after
the page's content, in its own graphics state, as an XObject: the content and the
images of the page are left exactly as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from plo_tracker.documents.intake.pdf_intake import keep_streams

if TYPE_CHECKING:
    import pikepdf


def lay_text_over(pdf: Path, text_pages: Mapping[int, Path], out: Path) -> None:
    """Write ``pdf`` to ``out`` with each 1-based page in ``text_pages`` overlaid by the
    first page of the PDF it maps to."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        for number, text_pdf in sorted(text_pages.items()):
            with pikepdf.open(text_pdf) as text_document:
                text_page = text_document.pages[0]
                width, height = _size(text_page.mediabox)
                form = document.copy_foreign(text_page.as_form_xobject())
            page = document.pages[number - 1]
            name = page.add_resource(form, pikepdf.Name.XObject, prefix="OCRText")
            matrix = placement(page.cropbox, rotation(page), width, height)
            numbers = " ".join(f"{value:.6f}" for value in matrix)
            # The page's own content is wrapped in q/Q so that a graphics state it leaves
            # changed (some generators do) cannot move or scale the text layer.
            page.contents_add(b"q\n", prepend=True)
            page.contents_add(f"\nQ\nq {numbers} cm {name} Do Q\n".encode("ascii"))
        document.save(out, **keep_streams())


def rotation(page: pikepdf.Page) -> int:
    """The page's /Rotate in 0, 90, 180 or 270; it may be set on a parent (inherited)."""
    node = page.obj
    for _ in range(64):  # a page tree deeper than this is a loop in a damaged file
        if "/Rotate" in node:
            try:
                return int(node.Rotate) % 360 // 90 * 90
            except (TypeError, ValueError):
                return 0
        if "/Parent" not in node:
            break
        node = node.Parent
    return 0


def placement(box: object, turn: int, width: float, height: float) -> tuple[float, ...]:
    """The matrix taking a ``width`` x ``height`` page, upright as the reader sees it, onto
    ``box`` (the page's visible box, in its unturned coordinates) turned by ``turn``."""
    x0, y0, x1, y1 = (float(value) for value in box)  # type: ignore[attr-defined]
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    box_width, box_height = x1 - x0, y1 - y0
    # /Rotate turns the page clockwise for display; a quarter turn swaps its sides.
    shown_width, shown_height = ((box_height, box_width) if turn in (90, 270)
                                 else (box_width, box_height))
    sx, sy = shown_width / width, shown_height / height
    if turn == 90:
        return (0.0, sx, -sy, 0.0, x0 + box_width, y0)
    if turn == 180:
        return (-sx, 0.0, 0.0, -sy, x0 + box_width, y0 + box_height)
    if turn == 270:
        return (0.0, -sx, sy, 0.0, x0, y0 + box_height)
    return (sx, 0.0, 0.0, sy, x0, y0)


def _size(box: object) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(value) for value in box)  # type: ignore[attr-defined]
    return abs(x1 - x0), abs(y1 - y0)
