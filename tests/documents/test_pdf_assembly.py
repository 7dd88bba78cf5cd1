"""PDFs put together, read back with pypdf: pages in order, bookmarks, page labels, counts."""

from __future__ import annotations

import subprocess
import sys
from io import BytesIO

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from plo_tracker.documents.pdf_assembly import (
    CREATOR,
    LabelStyle,
    PageLabel,
    Part,
    combine,
    page_count,
)


def document(name: str, pages: int) -> bytes:
    """A PDF whose pages say "<name> page <n>", to tell them apart when read back."""
    buffer = BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for number in range(1, pages + 1):
        canvas.drawString(72, 720, f"{name} page {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def read(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def page_words(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in read(pdf).pages]


def bookmarks(pdf: bytes) -> list[tuple[str, int]]:
    """Each top-level bookmark's title and the page (from 1) it opens at."""
    reader = read(pdf)
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]


INDEX = document("Index", 2)
STATEMENT = document("Statement", 3)
REPORT = document("Report", 1)


def test_pages_come_in_order_with_a_bookmark_at_each_part() -> None:
    combined = combine(
        [Part(INDEX, "Index"), Part(STATEMENT, "Social worker's statement"),
         Part(REPORT, "Parenting assessment")],
        title="Bundle",
    )
    assert page_words(combined) == [
        "Index page 1", "Index page 2",
        "Statement page 1", "Statement page 2", "Statement page 3",
        "Report page 1",
    ]
    assert bookmarks(combined) == [
        ("Index", 1), ("Social worker's statement", 3), ("Parenting assessment", 6),
    ]
    reader = read(combined)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.metadata.title == "Bundle"
    assert reader.metadata.creator == CREATOR


def test_page_labels_follow_the_parts() -> None:
    combined = combine(
        [
            Part(REPORT, "Cover", PageLabel("Cover", LabelStyle.PREFIX_ONLY)),
            Part(INDEX, "Index", PageLabel(style=LabelStyle.ROMAN_LOWER)),
            Part(STATEMENT, "Section A", PageLabel("A")),
            Part(INDEX, "Section B", PageLabel("B", start=7)),
            Part(REPORT, "Appendix", PageLabel("App-", LabelStyle.LETTERS_UPPER)),
        ],
        title="Bundle",
    )
    assert read(combined).page_labels == [
        "Cover", "i", "ii", "A1", "A2", "A3", "B7", "B8", "App-A",
    ]
    assert bookmarks(combined) == [
        ("Cover", 1), ("Index", 2), ("Section A", 4), ("Section B", 7), ("Appendix", 9),
    ]


def test_a_part_without_a_label_among_labelled_ones_keeps_its_place_in_the_file() -> None:
    combined = combine(
        [Part(INDEX, "Index", PageLabel(style=LabelStyle.ROMAN_UPPER)),
         Part(STATEMENT, "Statement")],
        title="Bundle",
    )
    assert read(combined).page_labels == ["I", "II", "3", "4", "5"]


def test_without_labels_the_file_has_none_and_pages_are_numbered_plainly() -> None:
    combined = combine([Part(INDEX, "Index"), Part(REPORT, "Report")], title="Two")
    reader = read(combined)
    assert "/PageLabels" not in reader.trailer["/Root"]
    assert reader.page_labels == ["1", "2", "3"]


def test_same_parts_give_the_same_bytes() -> None:
    parts = [Part(INDEX, "Index", PageLabel(style=LabelStyle.ROMAN_LOWER)),
             Part(STATEMENT, "Statement", PageLabel("A"))]
    assert combine(parts, title="Bundle") == combine(list(parts), title="Bundle")


def test_the_combined_file_passes_qpdfs_check() -> None:
    combined = combine([Part(INDEX, "Index", PageLabel("A")), Part(REPORT, "Report")],
                       title="Bundle")
    with pikepdf.open(BytesIO(combined)) as pdf:
        # pikepdf 10 renamed check() to check_pdf_syntax(); the project allows 9 too.
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        assert check() == []


def test_page_count_reads_the_pages() -> None:
    assert page_count(STATEMENT) == 3
    combined = combine([Part(INDEX, "Index"), Part(STATEMENT, "Statement")], title="Both")
    assert page_count(combined) == len(read(combined).pages) == 5


def test_nothing_to_combine_is_refused() -> None:
    with pytest.raises(ValueError, match="nothing to put together"):
        combine([], title="Empty")


def test_a_part_that_is_not_a_pdf_is_named() -> None:
    with pytest.raises(ValueError, match="Expert report is not a readable PDF"):
        combine([Part(INDEX, "Index"), Part(b"not a pdf", "Expert report")], title="Bundle")
    with pytest.raises(ValueError, match="not a readable PDF"):
        page_count(b"%PDF-1.4 broken")


def test_a_part_without_pages_is_named() -> None:
    empty = BytesIO()
    pikepdf.Pdf.new().save(empty)
    with pytest.raises(ValueError, match="Blank has no pages"):
        combine([Part(empty.getvalue(), "Blank")], title="Bundle")


def test_page_labels_start_at_one_or_above() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        PageLabel("A", start=0)


def test_importing_the_module_does_not_load_pikepdf() -> None:
    # The window imports the services, which import this module; pikepdf waits for use.
    code = ("import sys, plo_tracker.documents.pdf_assembly; "
            "sys.exit('pikepdf' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
