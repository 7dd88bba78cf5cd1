"""The confidential-details guard: find a family's confidential phrases in a PDF
(find_confidential) and remove them for real (redact)."""

from plo_tracker.documents.confidential.guard import Hit, find_confidential
from plo_tracker.documents.confidential.reading import UnreadablePdf

__all__ = ["Hit", "UnreadablePdf", "find_confidential"]
