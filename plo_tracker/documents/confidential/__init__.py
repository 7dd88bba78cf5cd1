"""The confidential-details guard: find a family's confidential phrases in a PDF
(find_confidential) and remove them for real (redact)."""

from plo_tracker.documents.confidential.guard import Hit, find_confidential
from plo_tracker.documents.confidential.reading import UnreadablePdf
from plo_tracker.documents.confidential.redaction import RedactionFailed, redact

__all__ = ["Hit", "RedactionFailed", "UnreadablePdf", "find_confidential", "redact"]
