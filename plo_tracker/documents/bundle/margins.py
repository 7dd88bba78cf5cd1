"""How far a page's content reaches, to find a free margin for the page number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.page_view import Box

if TYPE_CHECKING:
    import pikepdf


def content_box(page: pikepdf.Page) -> Box | None:
    """The box (page coordinates) holding everything drawn on ``page``; None if blank."""
    return None
