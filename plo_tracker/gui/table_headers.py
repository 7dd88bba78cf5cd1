"""Column headings with their tooltips, as the table models give them to Qt."""

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
