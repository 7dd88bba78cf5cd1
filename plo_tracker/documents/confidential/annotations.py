"""The text of a page's form fields and comments, which is not part of the page's
text but is shown on screen, printed, and made part of the page when a bundle
flattens its forms."""

from __future__ import annotations

from pathlib import Path

from plo_tracker.documents.confidential.matching import Box, normalised_box
from plo_tracker.documents.confidential.reading import opened_pikepdf

# Where an annotation keeps text a reader sees: a comment's text, a form field's
# value (on the widget or on the field above it), rich-text comments, tooltips.
_TEXT_KEYS = ("/Contents", "/V", "/RC", "/TU")


def page_annotation_texts(pdf: Path) -> dict[int, list[tuple[str, Box]]]:
    """For each 0-based page index with annotations: (text, the annotation's box)."""
    texts: dict[int, list[tuple[str, Box]]] = {}
    with opened_pikepdf(pdf) as document:
        for index, page in enumerate(document.pages):
            annotations = page.obj.get("/Annots")
            if not annotations:
                continue
            for annotation in annotations:
                box = _box(annotation)
                text = " ".join(_strings(annotation))
                if box and text:
                    texts.setdefault(index, []).append((text, box))
    return texts


def _box(annotation) -> Box | None:
    try:
        return normalised_box(annotation.get("/Rect"))
    except (TypeError, ValueError):
        return None


def _strings(annotation) -> list[str]:
    """The annotation's own texts and its parent fields' values (a widget's value is
    often kept on the field it belongs to), at most 20 levels up."""
    import pikepdf

    found = []
    node = annotation
    for _level in range(20):
        if not isinstance(node, pikepdf.Dictionary):
            break
        for key in _TEXT_KEYS:
            value = node.get(key)
            if isinstance(value, pikepdf.String | pikepdf.Name):
                found.append(str(value).lstrip("/") if isinstance(value, pikepdf.Name)
                             else str(value))
        node = node.get("/Parent")
    return found
