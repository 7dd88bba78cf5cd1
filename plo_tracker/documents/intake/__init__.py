"""Files coming in: any accepted file made into one checked, searchable PDF.

``prepare_document`` is the door: PDFs are checked and mended, images and
word-processor documents turned into PDF, and pages without a text layer read by OCR
where Tesseract is installed. Heavy libraries load on first use.
"""

from plo_tracker.documents.intake.errors import DocumentRefused, IntakeCancelled
from plo_tracker.documents.intake.file_types import ACCEPTED
from plo_tracker.documents.intake.ocr import add_text_layer, ocr_unavailable
from plo_tracker.documents.intake.office_convert import office_unavailable
from plo_tracker.documents.intake.page_text import page_texts
from plo_tracker.documents.intake.prepare import prepare_document
from plo_tracker.documents.intake.prepared import PreparedDocument

__all__ = [
    "ACCEPTED",
    "DocumentRefused",
    "IntakeCancelled",
    "PreparedDocument",
    "add_text_layer",
    "ocr_unavailable",
    "office_unavailable",
    "page_texts",
    "prepare_document",
]
