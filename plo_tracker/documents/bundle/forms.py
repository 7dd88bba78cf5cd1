"""Form fields flattened: what was typed into a form prints, and cannot be changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf


def flatten_forms(pdf: pikepdf.Pdf) -> None:
    """Draw every form field's value into its page and remove the fields.

    A field whose look was never saved (viewers asked to draw it themselves) gets one
    drawn first; a field hidden from print stays unprinted but is removed all the same,
    since a bundle has no form to fill in.
    """
    import pikepdf

    if "/AcroForm" not in pdf.Root:
        return
    pdf.generate_appearance_streams()
    pdf.flatten_annotations("all")
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is not None:
            kept = [annotation for annotation in annotations
                    if annotation.get("/Subtype") != pikepdf.Name.Widget]
            if len(kept) != len(annotations):
                page.obj.Annots = pikepdf.Array(kept)
    if "/AcroForm" in pdf.Root:
        del pdf.Root.AcroForm
