"""Small PDFs to bind into test bundles, and ways to read a built bundle back."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape
from io import BytesIO
from pathlib import Path

import pikepdf
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from plo_tracker.documents.bundle import BundleDocument, BundleLayout, BundleSection, FrontSheet

FRONT = FrontSheet(
    case_title="Re A and B (Children)", case_number="ZW26C00123",
    court="Family Court sitting at Northshire", hearing_at=datetime(2026, 3, 3, 10, 30),
    judge="HHJ Example", prepared_by="Sam Worker, Northshire Legal",
    version_label="Version 1", copy_label="Court's copy",
)


def text_pdf(path: Path, name: str, pages: int, *, rotate: int = 0,
             foot_at: float | None = None) -> Path:
    """Pages saying "<name> page <n>" at the top; ``foot_at`` writes a line with its
    baseline that high above the foot of each page too."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, A4[1] - 72, f"{name} page {number}")
        for line in range(20):
            canvas.drawString(72, A4[1] - 100 - 20 * line, f"Line {line} of the body text.")
        if foot_at is not None:
            canvas.drawString(72, foot_at, "Text at the foot of the page.")
        canvas.showPage()
    canvas.save()
    if rotate:
        # As a scanner does: an upright page, shown turned by /Rotate.
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            for page in pdf.pages:
                page.obj.Rotate = rotate
            pdf.save(path)
    return path


def scanned_pdf(path: Path, name: str, pages: int) -> Path:
    """Pages that are one grey image to the edges and no text (a scan without OCR)."""
    buffer = BytesIO()
    Image.new("L", (200, 283), 200).save(buffer, "PNG")
    image = ImageReader(BytesIO(buffer.getvalue()))
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        canvas.drawImage(image, 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return path


def form_pdf(path: Path, value: str) -> Path:
    """One page with a filled-in text field (and no saved look, as many forms arrive)."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(72, 760, "Consent form page 1")
    canvas.acroForm.textfield(name="parent", value=value, x=72, y=600, width=300, height=24,
                              borderWidth=0)
    canvas.showPage()
    canvas.save()
    return path


def document(path: Path, key: str, title: str, pages: int,
             day: date | None = date(2026, 2, 1)) -> BundleDocument:
    return BundleDocument(key=key, title=title, document_date=day, pdf_path=path,
                          sha256=f"sha-{key}", page_count=pages)


def layout(sections: list[tuple[str, str, list[BundleDocument]]],
           changes: tuple[str, ...] = ()) -> BundleLayout:
    return BundleLayout(FRONT, tuple(BundleSection(letter, title, tuple(documents))
                                     for letter, title, documents in sections), changes)


def qpdf_check(pdf: Path) -> None:
    """qpdf's own check of the file's structure must pass."""
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float  # from the top of the page as shown
    x1: float
    y1: float


@dataclass(frozen=True)
class ShownPage:
    width: float
    height: float
    words: tuple[Word, ...]

    def text(self) -> str:
        return " ".join(word.text for word in self.words)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                   r'yMax="([\d.-]+)">(.*?)</word>')


def shown_pages(pdf: Path) -> list[ShownPage]:
    """Each page's words where a viewer shows them, measured from the top left of the
    page as shown (poppler turns the words of a rotated page, not its width and height)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    with pikepdf.open(pdf) as document:
        turned = [int(page.obj.get("/Rotate", 0)) % 180 == 90 for page in document.pages]
    shown = []
    for (width, height, body), sideways in zip(_PAGE.findall(html), turned, strict=True):
        if sideways:
            width, height = height, width
        shown.append(ShownPage(float(width), float(height), tuple(
            Word(unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _WORD.findall(body))))
    return shown
