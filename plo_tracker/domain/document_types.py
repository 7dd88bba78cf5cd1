"""The kinds of document filed in care proceedings: each one's bundle section and page limit.

Sections follow Practice Direction 27A (A preliminary documents, B applications and
orders, C statements, D care plans, E experts' and other reports, F other documents).
The page limits are PD27A's 2018 limits for the documents that have one; a document
over its limit is a warning before a bundle is built, never a refusal (the court may
allow more).
"""

from __future__ import annotations

from .vocabulary import LabelledEnum


class DocumentType(LabelledEnum):
    """What a document is; the code is stored, the label is shown."""

    CASE_SUMMARY = ("case_summary", "Case summary")
    STATEMENT_OF_ISSUES = ("statement_of_issues", "Statement of issues")
    POSITION_STATEMENT = ("position_statement", "Position statement")
    CHRONOLOGY = ("chronology", "Chronology")
    SKELETON_ARGUMENT = ("skeleton_argument", "Skeleton argument")
    READING_LIST = ("reading_list", "Reading list")
    APPLICATION = ("application", "Application")
    ORDER = ("order", "Order")
    STATEMENT = ("statement", "Statement / social work evidence template (SWET)")
    CARE_PLAN = ("care_plan", "Care plan")
    ASSESSMENT = ("assessment", "Assessment")
    EXPERT_REPORT = ("expert_report", "Expert report")
    MINUTES = ("minutes", "Minutes")
    LETTER = ("letter", "Letter")
    OTHER = ("other", "Other")


# Where each type goes unless the worker chooses otherwise.
DEFAULT_SECTION: dict[DocumentType, str] = {
    DocumentType.CASE_SUMMARY: "A",
    DocumentType.STATEMENT_OF_ISSUES: "A",
    DocumentType.POSITION_STATEMENT: "A",
    DocumentType.CHRONOLOGY: "A",
    DocumentType.SKELETON_ARGUMENT: "A",
    DocumentType.READING_LIST: "A",
    DocumentType.APPLICATION: "B",
    DocumentType.ORDER: "B",
    DocumentType.STATEMENT: "C",
    DocumentType.CARE_PLAN: "D",
    # Assessments made in pre-proceedings are "other reports" beside the experts' (E).
    DocumentType.ASSESSMENT: "E",
    DocumentType.EXPERT_REPORT: "E",
    DocumentType.MINUTES: "F",
    DocumentType.LETTER: "F",
    DocumentType.OTHER: "F",
}

# PD27A's length limits, in pages (2018 text); types not listed have none.
PAGE_LIMIT: dict[DocumentType, int] = {
    DocumentType.CASE_SUMMARY: 6,
    DocumentType.STATEMENT_OF_ISSUES: 2,
    DocumentType.POSITION_STATEMENT: 3,
    DocumentType.CHRONOLOGY: 10,
    DocumentType.SKELETON_ARGUMENT: 20,
    DocumentType.READING_LIST: 1,
    DocumentType.STATEMENT: 25,
    DocumentType.EXPERT_REPORT: 40,
    DocumentType.CARE_PLAN: 10,
}


def page_limit_warning(kind: DocumentType, title: str, pages: int) -> str | None:
    """A sentence when a document is longer than PD27A allows for its type, else None."""
    limit = PAGE_LIMIT.get(kind)
    if limit is None or pages <= limit:
        return None
    return (f"“{title}” has {pages} pages; a {kind.label.lower()} should have at most "
            f"{limit} (PD27A). The court must agree to a longer one.")
