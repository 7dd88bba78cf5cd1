"""A page as a viewer shows it: turned by its /Rotate, cut to its crop box.

Stamps are laid out in these shown coordinates (origin bottom left, upright), then
mapped into the page's own coordinates, so a page turned a quarter keeps its turn and
its number still reads upright at the bottom of the page as shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class PageView:
    """``width`` and ``height`` as shown; ``matrix`` (a, b, c, d, e, f) maps shown
    coordinates to the page's own, as a PDF "cm" does."""

    width: float
    height: float
    matrix: tuple[float, float, float, float, float, float]

    def to_page(self, u: float, v: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.matrix
        return a * u + c * v + e, b * u + d * v + f

    def to_view(self, x: float, y: float) -> tuple[float, float]:
        # The matrix only turns by quarters, so its inverse is its transpose.
        a, b, c, d, e, f = self.matrix
        x, y = x - e, y - f
        return a * x + b * y, c * x + d * y

    def box_to_page(self, box: Box) -> Box:
        return _bounds(self.to_page(box[0], box[1]), self.to_page(box[2], box[3]))

    def box_to_view(self, box: Box) -> Box:
        return _bounds(self.to_view(box[0], box[1]), self.to_view(box[2], box[3]))


def _bounds(one: tuple[float, float], other: tuple[float, float]) -> Box:
    return (min(one[0], other[0]), min(one[1], other[1]),
            max(one[0], other[0]), max(one[1], other[1]))


def page_view(page: pikepdf.Page) -> PageView:
    """How ``page`` is shown; a /Rotate that is not a quarter turn counts as the nearest."""
    # pikepdf opens files with the page tree's inherited boxes and turn copied onto each
    # page, so they are nearly always on the page itself (looked up first: this is
    # done for every page of a bundle).
    box = page.obj.get("/CropBox")
    if box is None:
        box = _inherited(page, "/MediaBox", None)
    x0, y0, x1, y1 = sorted_box(box if box is not None else (0, 0, 612, 792))
    rotate = page.obj.get("/Rotate")
    turn = round(float(_inherited(page, "/Rotate", 0) if rotate is None else rotate) / 90) % 4
    width, height = x1 - x0, y1 - y0
    if turn == 0:
        return PageView(width, height, (1, 0, 0, 1, x0, y0))
    if turn == 1:  # shown turned clockwise: the page's left edge is at the top
        return PageView(height, width, (0, 1, -1, 0, x1, y0))
    if turn == 2:
        return PageView(width, height, (-1, 0, 0, -1, x1, y1))
    return PageView(height, width, (0, -1, 1, 0, x0, y1))


def sorted_box(box: pikepdf.Array | tuple[float, ...]) -> Box:
    """A PDF rectangle with its corners in order (files may give them either way)."""
    a, b, c, d = (float(value) for value in box)
    return min(a, c), min(b, d), max(a, c), max(b, d)


def _inherited(page: pikepdf.Page, key: str, default: object) -> object:
    node = page.obj
    while node is not None:
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return default
