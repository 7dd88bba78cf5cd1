"""A small court bundle: a PDF and a picture added to a family's documents (intake: pikepdf,
img2pdf, OCR if Tesseract is there), built with front sheet, index, bookmarks and page
labels, and read back with qpdf (pikepdf)."""

from __future__ import annotations

import io
from pathlib import Path

from plo_tracker.domain.document_types import DocumentType
from plo_tracker.services.document_views import DocumentForm

from .runner import CheckFailed
from .workspace import SELF_TEST_DAY, Workspace


def _statement(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path), pagesize=A4)
    for number in (1, 2):
        drawing.drawString(72, 760, f"Statement of the social worker, page {number}.")
        drawing.drawString(72, 740, "Made by the PLO Tracker self-test; not a real case.")
        drawing.showPage()
    drawing.save()
    return path


def _picture(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 400), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 560, 360), outline="navy", width=8)
    image.save(path, format="PNG")
    return path


def bundle(workspace: Workspace) -> str:
    services, admin = workspace.demo, workspace.admin
    family_id = workspace.extra["letter family"]
    for title, path, kind in (
            ("Self-test statement", _statement(workspace.path("statement.pdf")),
             DocumentType.STATEMENT),
            ("Self-test photograph", _picture(workspace.path("photograph.png")),
             DocumentType.OTHER)):
        services.documents.add_file(admin, family_id, path,
                                    DocumentForm(title, SELF_TEST_DAY, None, kind))
    made = services.bundles.for_hearing(admin, family_id)
    court, parties = workspace.path("bundle.pdf"), workspace.path("bundle-parties.pdf")
    # The picture has no words on it, so it has no text layer to check: confirmed here.
    version = services.bundles.build(admin, made.bundle_id, court, parties,
                                     confirm_unchecked=True)
    pages, bookmarks, labels = _read_back(court.read_bytes())
    if pages != version.page_count:
        raise CheckFailed(f"The bundle has {pages} pages, but {version.page_count} were "
                          "recorded.")
    if bookmarks < 2:
        raise CheckFailed(f"The bundle has {bookmarks} bookmarks; each document needs one.")
    if not labels:
        raise CheckFailed("The bundle's pages have no page labels (A1, B1 and so on).")
    return (f"{pages} pages, {bookmarks} bookmarks, page labels {labels[0]} to "
            f"{labels[-1]}, read back with qpdf")


def _read_back(data: bytes) -> tuple[int, int, list[str]]:
    """Pages, bookmarks (every level) and page labels of a PDF, read with pikepdf."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        raise CheckFailed("The bundle could not be read back as a PDF.") from None
    with pdf:
        with pdf.open_outline() as outline:
            bookmarks = _count(outline.root)
        labels = [page.label for page in pdf.pages] if "/PageLabels" in pdf.Root else []
        return len(pdf.pages), bookmarks, labels


def _count(items) -> int:
    return sum(1 + _count(item.children) for item in items)
