"""Links inside the bundle: each index entry to its document, "Back to index" to the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.page_view import Box

if TYPE_CHECKING:
    import pikepdf


def add_link(pdf: pikepdf.Pdf, page: pikepdf.Page, rect: Box, target: pikepdf.Page) -> None:
    """Make ``rect`` (page coordinates) on ``page`` a link opening ``target``, drawn
    without a border (the words under it say where it goes)."""
    import pikepdf

    # Given as plain Python values, converted in one go: a third quicker than building
    # each array as a pikepdf object, and a bundle has a link on every page.
    annotation = pdf.make_indirect(pikepdf.Dictionary({
        "/Type": pikepdf.Name.Annot, "/Subtype": pikepdf.Name.Link,
        "/Rect": list(rect), "/Border": [0, 0, 0], "/Dest": [target.obj, pikepdf.Name.Fit],
        "/F": 4,  # printed flag: harmless for a link, and checkers expect it
    }))
    annotations = page.obj.get("/Annots")
    if annotations is None:
        page.obj.Annots = pikepdf.Array([annotation])
    else:
        annotations.append(annotation)
