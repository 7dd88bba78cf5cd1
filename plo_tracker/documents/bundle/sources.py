"""Opening each document to bind in: read whole into memory, so no file stays open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.errors import BundleNotBuilt
from plo_tracker.documents.bundle.forms import flatten_forms
from plo_tracker.documents.bundle.layout import BundleDocument
from plo_tracker.documents.pdf_assembly import open_pdf

if TYPE_CHECKING:
    import pikepdf


def open_source(document: BundleDocument) -> pikepdf.Pdf:
    """The document's PDF, forms flattened, checked to have the pages counted at intake.

    Read into memory rather than opened from disk: pikepdf copies the pages' content only
    when the bundle is written, so every document stays open until then, and 400 open
    files would near Windows' limit of 512 a process.

    Raises:
        BundleNotBuilt: the file is missing, unreadable, locked, or has another page count.
    """
    name = f"The document \u201c{document.title}\u201d"
    try:
        data = document.pdf_path.read_bytes()
    except OSError:
        raise BundleNotBuilt(
            f"{name} could not be read from the documents folder. Run "
            "\u201cplo-tracker check\u201d to find missing files, then build again."
        ) from None
    try:
        pdf = open_pdf(data, name)
    except ValueError as error:
        raise BundleNotBuilt(f"{error} Add the document again, then build.") from None
    if len(pdf.pages) != document.page_count:
        pdf.close()
        raise BundleNotBuilt(
            f"{name} has {len(pdf.pages)} pages, but {document.page_count} were counted "
            "when it was added. Add it again, then build."
        )
    flatten_forms(pdf)
    return pdf
