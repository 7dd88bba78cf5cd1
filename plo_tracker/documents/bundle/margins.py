"""How far a page's content reaches, to find a free margin for the page number.

The page's content is scanned once with one regular expression that picks out only the
operators that move or paint things (the transformation matrix, the text position and
size, text shown, paths painted, images and forms drawn) and steps over the rest, text
strings included, without looking at them: reading every operator into Python objects
took ten times as long and would have made stamping slower than merging.

It is not a renderer: a text run is taken as wide as its characters at 0.6 em each, a
form as its whole box, a shading as the whole page, and clipping is ignored, so the box
errs on the large side: a margin called free is free. Paths filled in white
(backgrounds) do not count. Content that cannot be read counts as covering the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.page_view import Box, sorted_box

if TYPE_CHECKING:
    import pikepdf

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# Each operator that moves or paints, with the text before it since the last such
# operator: its operands (numbers, names, strings never read as operators, arrays,
# comments) and any operators that change neither (ET, Tc, w, gs, RG ...), stepped over
# by the expression itself. One call finds them all for the page; possessive (*+, ++):
# what is matched is never tried again.
# Two sequences that change nothing are stepped over too, halving the operators left to
# Python on a typical page of text (one "BT x Tm (...) Tj T* ET" a line): a "T*" just before
# "ET" moves a line that is never used, and a "BT" just before a "Tm" resets a matrix the
# "Tm" replaces.
_IGNORED = (rb"(?:T\*\s*+ET|BT(?=\s*+(?:[-+\d.]++\s++){6}Tm)|ET|Tc|Tw|Tz|Ts|Tr|w|J|j|M|d|ri"
            rb"|i|gs|RG|G|K|CS|SC|SCN|BDC|BMC|EMC|MP|DP|BX|EX|W\*?|d0|d1)(?![A-Za-z0-9*'\"])")
_OPERATORS = re.compile(
    rb"((?:[\s\[\]\d.+-]++|/[^\s/\[\]()<>{}%]*+|\([^()\\]*+(?:\\.[^()\\]*+)*+\)"
    rb"|<<|>>|<[0-9A-Fa-f\s]*+>|%[^\r\n]*+|" + _IGNORED + rb")*+)"
    rb"([A-Za-z'\"][A-Za-z0-9*'\"]*+)",
)
_PAINT = frozenset((b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"))
_FILL_ONLY = frozenset((b"f", b"F", b"f*"))
_SHOW = frozenset((b"Tj", b"TJ", b"'", b'"'))
_WHITE = {b"g": (1.0,), b"rg": (1.0, 1.0, 1.0), b"k": (0.0, 0.0, 0.0, 0.0)}
_COLOURS = frozenset((b"g", b"rg", b"k", b"sc", b"scn", b"cs"))  # for filling
# How many numbers each operator takes, read from the end of the text before it.
_COUNTS = {b"cm": 6, b"Tm": 6, b"Td": 2, b"TD": 2, b"re": 4, b"Tf": 1, b"TL": 1, b"m": 2,
           b"l": 2, b"c": 6, b"v": 4, b"y": 4, b"g": 1, b"rg": 3, b"k": 4}


def _numbers(text: bytes, count: int) -> tuple[float, ...]:
    return tuple(map(float, text.rsplit(None, count)[-count:]))


def content_box(page: pikepdf.Page) -> Box | None:
    """The box (page coordinates) holding everything drawn on ``page``; None if blank."""
    import pikepdf

    try:
        data = _content_bytes(page, pikepdf)
        return _scan(data, page.obj.get("/Resources", {}).get("/XObject", {}), pikepdf)
    except (pikepdf.PdfError, ValueError, TypeError, IndexError, AttributeError):
        return sorted_box(page.mediabox)


def _content_bytes(page: pikepdf.Page, pikepdf: object) -> bytes:
    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, pikepdf.Array):  # type: ignore[attr-defined]
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


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


class _Extent:
    """The smallest box holding every point added."""

    def __init__(self) -> None:
        self.x0 = self.y0 = float("inf")
        self.x1 = self.y1 = float("-inf")

    def add(self, points: list[tuple[float, float]], ctm: Matrix) -> None:
        a, b, c, d, e, f = ctm
        for x, y in points:
            px, py = a * x + c * y + e, b * x + d * y + f
            if px < self.x0:
                self.x0 = px
            if px > self.x1:
                self.x1 = px
            if py < self.y0:
                self.y0 = py
            if py > self.y1:
                self.y1 = py

    def box(self) -> Box | None:
        return None if self.x0 > self.x1 else (self.x0, self.y0, self.x1, self.y1)


def _scan(data: bytes, xobjects: pikepdf.Dictionary, pikepdf: object) -> Box | None:  # noqa: C901, PLR0912
    extent = _Extent()
    ctm, stack = _IDENTITY, []
    line = _IDENTITY
    size = leading = 0.0
    white = False
    path: list[tuple[float, float]] = []
    # Text is nearly always upright (no turn in either matrix): its box is then worked
    # out here, on plain numbers, the hottest path of the scan.
    low = left = inf = float("inf")
    high = right = -inf
    for operands, op in _OPERATORS.findall(data):
        if op in _SHOW:
            a, b, c, d, e, f = line
            if op == b"'" or op == b'"':
                e, f = e - leading * c, f - leading * d
                line = (a, b, c, d, e, f)
            # As wide as the operands as written (brackets, escapes and TJ's spacing
            # numbers too): more than the characters, never less.
            width = 0.6 * size * len(operands.strip())
            ca, cb, cc, cd, ce, cf = ctm
            if b == 0 and c == 0 and cb == 0 and cc == 0:
                x, y = e * ca + ce, f * cd + cf
                across, up = width * a * ca, size * d * cd
                # Comparisons, not min() and max(): this runs for every line of text.
                x0, x1 = (x, x + across) if across >= 0 else (x + across, x)
                y0, y1 = (y - 0.25 * up, y + up) if up >= 0 else (y + up, y - 0.25 * up)
                if x0 < left:
                    left = x0
                if x1 > right:
                    right = x1
                if y0 < low:
                    low = y0
                if y1 > high:
                    high = y1
            else:
                extent.add(_corners(0, -0.25 * size, width, size), _times(line, ctm))
        elif op == b"Tm":  # the next most common: a line of text placed
            line = tuple(map(float, operands.rsplit(None, 6)[-6:]))
        elif op in _PAINT:
            if not (white and op in _FILL_ONLY):
                extent.add(path, ctm)
            path = []
        elif op == b"q":
            stack.append((ctm, white))
        elif op == b"Q":
            if stack:
                ctm, white = stack.pop()
        elif op == b"BT":
            line = _IDENTITY
        elif op == b"T*":
            a, b, c, d, e, f = line
            line = (a, b, c, d, e - leading * c, f - leading * d)
        elif op == b"n":
            path = []
        elif op == b"sh" or op == b"BI":
            # A shading fills the clip; an inline image's data cannot be stepped over
            # here, so the page counts as covered (both are rare on ordinary pages).
            return (-1e6, -1e6, 1e6, 1e6)
        elif op == b"Do":
            _draw(extent, xobjects.get(operands.split()[-1].decode("latin-1")), ctm,
                  pikepdf)
        elif op in _COLOURS:
            white = op in _WHITE and _numbers(operands, _COUNTS[op]) == _WHITE[op]
        elif op in _COUNTS:
            numbers = _numbers(operands, _COUNTS[op])
            if op == b"cm":
                ctm = _times(numbers, ctm)
            elif op == b"Td" or op == b"TD":
                tx, ty = numbers
                if op == b"TD":
                    leading = -ty
                a, b, c, d, e, f = line
                line = (a, b, c, d, e + tx * a + ty * c, f + tx * b + ty * d)
            elif op == b"re":
                x, y, w, h = numbers
                path.extend(_corners(x, y, x + w, y + h))
            elif op == b"Tf":
                size = numbers[-1]
            elif op == b"TL":
                leading = numbers[-1]
            else:  # m, l, c, v, y: a curve stays within its control points, all counted
                path.extend(zip(numbers[0::2], numbers[1::2], strict=False))
    if left <= right:
        extent.add([(left, low), (right, high)], _IDENTITY)
    return extent.box()


def _draw(extent: _Extent, xobject: pikepdf.Object | None, ctm: Matrix,
          pikepdf: object) -> None:
    if xobject is not None and xobject.get("/Subtype") == pikepdf.Name.Form:  # type: ignore[attr-defined]
        form = tuple(float(v) for v in xobject.get("/Matrix", _IDENTITY))
        extent.add(_corners(*sorted_box(xobject.BBox)), _times(form, ctm))
    else:  # an image fills the unit square
        extent.add(_UNIT, ctm)
