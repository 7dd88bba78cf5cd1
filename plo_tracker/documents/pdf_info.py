"""Reading facts back from a finished PDF."""

from __future__ import annotations

import io

import pikepdf


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)
