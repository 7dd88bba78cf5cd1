"""Opening each document to bind in: checked, its forms flattened, closed once bound in.

pikepdf copies a page's content into the bundle as the page is added, so each document
is closed straight after: one document file is open at a time however many the bundle
has (Windows allows a process 512), and a file moved once bound in cannot spoil the
bundle. tests/documents/bundle/test_open_files.py holds pikepdf to this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.errors import BundleNotBuilt
from plo_tracker.documents.bundle.forms import flatten_forms
from plo_tracker.documents.bundle.layout import BundleDocument

if TYPE_CHECKING:
    import pikepdf


def open_source(document: BundleDocument) -> pikepdf.Pdf:
    """The document's PDF, forms flattened, checked to have the pages counted at intake.

    Raises:
        BundleNotBuilt: the file is missing, unreadable, locked, or has another page count.
    """
    import pikepdf

    name = document_name(document)
    try:
        # Read as a plain stream, not mapped into memory: a mapped file that changes
        # under the build could stop the whole program.
        pdf = pikepdf.open(document.pdf_path, access_mode=pikepdf.AccessMode.stream)
    except pikepdf.PasswordError:
        raise BundleNotBuilt(f"{name} is locked with a password. Add an unlocked copy, "
                             "then build.") from None
    except pikepdf.PdfError:
        raise BundleNotBuilt(f"{name} is not a readable PDF. Add it again, then build.") \
            from None
    except OSError:
        raise BundleNotBuilt(
            f"{name} could not be read from the documents folder. Run "
            "\u201cplo-tracker check\u201d to find missing files, then build again."
        ) from None
    if len(pdf.pages) != document.page_count:
        pdf.close()
        raise BundleNotBuilt(
            f"{name} has {len(pdf.pages)} pages, but {document.page_count} were counted "
            "when it was added. Add it again, then build."
        )
    flatten_forms(pdf)
    return pdf


def document_name(document: BundleDocument) -> str:
    """How messages name a document: The document “Care plan”."""
    return f"The document \u201c{document.title}\u201d"
