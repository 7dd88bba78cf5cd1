"""How far a page's content reaches, to find a free margin for the page number.

The page's content is read once, operator by operator, following only what moves
things on the page (the transformation matrix, the text position and size) and noting
the box of everything painted: text, filled or stroked paths, images, forms. It is not
a renderer: a text run is taken as wide as its characters at 0.6 em each, a form or
shading as its whole box, and clipping is ignored, so the box errs on the large side:
a margin called free is free. Paths filled in white (backgrounds) do not count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.page_view import Box, sorted_box

if TYPE_CHECKING:
    import pikepdf

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PAINT = frozenset(("S", "s", "f", "F", "f*", "B", "B*", "b", "b*"))
_FILL_ONLY = frozenset(("f", "F", "f*"))
_PATH = frozenset(("m", "l", "c", "v", "y"))
_SHOW = frozenset(("Tj", "TJ", "'", '"'))
_WHITE = {"g": [1.0], "rg": [1.0, 1.0, 1.0], "k": [0.0, 0.0, 0.0, 0.0]}


def content_box(page: pikepdf.Page) -> Box | None:
    """The box (page coordinates) holding everything drawn on ``page``; None if blank.

    A page whose content cannot be read counts as covered to its edges.
    """
    import pikepdf

    try:
        instructions = pikepdf.parse_content_stream(page)
    except (pikepdf.PdfError, TypeError):
        return sorted_box(page.mediabox)
    box = _Extent()
    try:
        _follow(instructions, page, box)
    except (ValueError, TypeError, IndexError, ZeroDivisionError):
        return sorted_box(page.mediabox)
    return box.box()


class _Extent:
    """The smallest box holding every point added."""

    def __init__(self) -> None:
        self.x0 = self.y0 = float("inf")
        self.x1 = self.y1 = float("-inf")

    def add(self, points: list[tuple[float, float]], ctm: Matrix) -> None:
        a, b, c, d, e, f = ctm
        for x, y in points:
            px, py = a * x + c * y + e, b * x + d * y + f
            self.x0, self.x1 = min(self.x0, px), max(self.x1, px)
            self.y0, self.y1 = min(self.y0, py), max(self.y1, py)

    def box(self) -> Box | None:
        return None if self.x0 > self.x1 else (self.x0, self.y0, self.x1, self.y1)


def _corners(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    # All four: turned by a matrix, any corner may be the lowest.
    return [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]


_UNIT = _corners(0, 0, 1, 1)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n, as PDF matrices combine (m × n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _follow(instructions: list, page: pikepdf.Page, box: _Extent) -> None:  # noqa: C901
    import pikepdf

    ctm, stack = _IDENTITY, []
    line = text = _IDENTITY
    size, leading, white = 0.0, 0.0, False
    path: list[tuple[float, float]] = []
    xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            box.add(_UNIT, ctm)
            continue
        operands, op = instruction.operands, str(instruction.operator)
        if op in _SHOW:
            if op != "Tj" and op != "TJ":
                line = text = _times((1, 0, 0, 1, 0, -leading), line)
            shown = operands[-1]
            count = (sum(len(bytes(part)) for part in shown if isinstance(part, pikepdf.String))
                     if isinstance(shown, pikepdf.Array) else len(bytes(shown)))
            box.add(_corners(0, -0.25 * size, 0.6 * size * count, size), _times(text, ctm))
        elif op in _PATH:
            values = [float(v) for v in operands]
            path.extend(zip(values[0::2], values[1::2], strict=True))
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            path.extend(_corners(x, y, x + w, y + h))
        elif op in _PAINT:
            if not (white and op in _FILL_ONLY):
                box.add(path, ctm)
            path = []
        elif op == "n":
            path = []
        elif op == "cm":
            ctm = _times(tuple(float(v) for v in operands), ctm)
        elif op == "q":
            stack.append((ctm, white))
        elif op == "Q":
            if stack:
                ctm, white = stack.pop()
        elif op == "BT":
            line = text = _IDENTITY
        elif op == "Tf":
            size = float(operands[1])
        elif op == "TL":
            leading = float(operands[0])
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                leading = -ty
            line = text = _times((1, 0, 0, 1, tx, ty), line)
        elif op == "T*":
            line = text = _times((1, 0, 0, 1, 0, -leading), line)
        elif op == "Tm":
            line = text = tuple(float(v) for v in operands)
        elif op in _WHITE:
            white = [float(v) for v in operands] == _WHITE[op]
        elif op in ("sc", "scn", "cs"):
            white = False
        elif op == "Do":
            xobject = xobjects.get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == pikepdf.Name.Form:
                x0, y0, x1, y1 = sorted_box(xobject.BBox)
                form = tuple(float(v) for v in xobject.get("/Matrix", _IDENTITY))
                box.add(_corners(x0, y0, x1, y1), _times(form, ctm))
            else:  # an image fills the unit square
                box.add(_UNIT, ctm)
        elif op == "sh":
            box.add([(-1e6, -1e6), (1e6, 1e6)], _IDENTITY)
