"""Column headings with their tooltips, as the table models give them to Qt, and widths."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt


def column_header(headers: Sequence[str], tips: Sequence[str], section: int,
                  orientation: Qt.Orientation, role: int) -> Any:
    """The heading (or its tooltip) of a column; nothing for rows or unknown columns."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(headers):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return headers[section]
    if role == Qt.ItemDataRole.ToolTipRole:
        return tips[section]
    return None


def share_widths(ideal: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """Column widths that fit ``available`` pixels where they can.

    Each column wants its ``ideal`` width (its longest text). When they do not all fit,
    every column gives up the same share of what it has above its floor, so the longest
    texts are shortened first and none goes below its floor (what must stay readable:
    a family id, a date) unless the floors themselves do not fit. Plain arithmetic, so it
    is tested without a window.
    """
    ideal = [max(i, f) for i, f in zip(ideal, floors, strict=True)]
    spare = sum(i - f for i, f in zip(ideal, floors, strict=True))
    excess = sum(ideal) - available
    if excess <= 0 or spare <= 0 and sum(floors) <= available:
        return list(ideal)
    if sum(floors) >= available:
        # Not even the floors fit (a small window, large text): all shrink alike, so the
        # last column is still on screen rather than scrolled out of sight.
        share = max(0, available) / sum(floors)
        return [int(f * share) for f in floors]
    keep = 1 - excess / spare
    return [f + int((i - f) * keep) for i, f in zip(ideal, floors, strict=True)]
