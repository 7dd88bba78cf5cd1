"""Opening each document to bind in, checked, its forms flattened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.errors import BundleNotBuilt
from plo_tracker.documents.bundle.forms import flatten_forms
from plo_tracker.documents.bundle.layout import BundleDocument
from plo_tracker.documents.bundle.source_files import FilePool, ReopeningFile
from plo_tracker.documents.pdf_assembly import open_pdf

if TYPE_CHECKING:
    import pikepdf


def open_source(document: BundleDocument, pool: FilePool) -> pikepdf.Pdf:
    """The document's PDF, forms flattened, checked to have the pages counted at intake.

    It is read through ``pool`` (see source_files), which keeps few files open however
    many documents there are.

    Raises:
        BundleNotBuilt: the file is missing, unreadable, locked, or has another page count.
    """
    name = document_name(document)
    try:
        data = ReopeningFile(document.pdf_path, pool)
    except OSError:
        raise BundleNotBuilt(
            f"{name} could not be read from the documents folder. Run "
            "\u201cplo-tracker check\u201d to find missing files, then build again."
        ) from None
    try:
        pdf = open_pdf(data, name)
    except OSError:
        raise BundleNotBuilt(f"{name} could not be read. Add it again, then build.") from None
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


def document_name(document: BundleDocument) -> str:
    """How messages name a document."""
    return f"The document \u201c{document.title}\u201d"
