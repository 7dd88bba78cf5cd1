"""PDFs for the guard's tests, made here with reportlab, poppler and Tesseract (never
with the code under test), each line's place known so a test can say where a phrase is."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

FONT = "Helvetica"
SIZE = 12
LEFT = 72


@dataclass(frozen=True)
class Line:
    """A line of text drawn at (x, y): its baseline, in points from the bottom left."""

    text: str
    x: float = LEFT
    y: float = 700

    def box(self, start: int = 0, end: int | None = None) -> tuple[float, float, float, float]:
        """Where characters start..end of the line are drawn: (left, bottom, right, top)."""
        end = len(self.text) if end is None else end
        left = self.x + stringWidth(self.text[:start], FONT, SIZE)
        right = self.x + stringWidth(self.text[:end], FONT, SIZE)
        return left, self.y - 0.2 * SIZE, right, self.y + 0.7 * SIZE

    def box_of(self, part: str) -> tuple[float, float, float, float]:
        start = self.text.index(part)
        return self.box(start, start + len(part))


def lines(*texts: str, top: float = 700, step: float = 16) -> list[Line]:
    """Lines one under the other, as a word processor sets a paragraph."""
    return [Line(text, LEFT, top - step * number) for number, text in enumerate(texts)]


# The example: an address written over two lines in other case and spacing.
ADDRESS = "14 Acacia Avenue, Leeds LS6 2AB"
SPLIT = lines("Mother now lives at flat 2, 14 ACACIA", "avenue,Leeds  LS6   2ab with the baby.")
FILLER = lines("The family attended the meeting on time.", "Nothing confidential here.")


def text_pdf(path: Path, pages: list[list[Line]]) -> Path:
    """A PDF with real text: each page draws its lines."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for page_lines in pages:
        canvas.setFont(FONT, SIZE)
        for line in page_lines:
            canvas.drawString(line.x, line.y, line.text)
        canvas.showPage()
    canvas.save()
    return path


def picture_of(pdf: Path, folder: Path, dpi: int = 150) -> Path:
    """The first page of ``pdf`` as a PNG, drawn by poppler."""
    stem = folder / f"{pdf.stem}-picture"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(stem)],
                   check=True)
    return stem.with_suffix(".png")


def picture_with_hidden_text_pdf(path: Path, page_lines: list[Line]) -> Path:
    """A page that is a picture of the lines, with the same lines as invisible text
    over it (text render mode 3), the way an OCR'd scan is made."""
    drawn = text_pdf(path.with_name(f"{path.stem}-drawn.pdf"), [page_lines])
    picture = picture_of(drawn, path.parent)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    canvas.drawImage(ImageReader(str(picture)), 0, 0, width, height)
    text = canvas.beginText()
    text.setTextRenderMode(3)
    text.setFont(FONT, SIZE)
    for line in page_lines:
        text.setTextOrigin(line.x, line.y)
        text.textOut(line.text)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return path


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_scan_pdf(path: Path, page_lines: list[Line], dpi: int = 300) -> Path:
    """A scanned page: a picture of the lines with the text layer Tesseract made for it."""
    drawn = text_pdf(path.with_name(f"{path.stem}-drawn.pdf"), [page_lines])
    picture = picture_of(drawn, path.parent, dpi=dpi)
    subprocess.run(["tesseract", str(picture), str(path.with_suffix("")), "--dpi", str(dpi),
                    "-l", "eng", "pdf"], check=True, capture_output=True)
    return path


def images_of(page) -> list[tuple[int, int, bytes]]:
    """(width, height, raw data) of each image XObject a pikepdf page draws."""
    found = []
    resources = page.obj.get("/Resources") or {}
    for _name, xobject in (resources.get("/XObject") or {}).items():
        if xobject.get("/Subtype") == "/Image":
            found.append((int(xobject.Width), int(xobject.Height), xobject.read_raw_bytes()))
    return found


def add_text_field(document: pikepdf.Pdf, value: str, rect: tuple[float, ...]) -> None:
    """A filled-in text field on the first page, its value kept on the widget."""
    widget = document.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
        T=pikepdf.String("field"), V=pikepdf.String(value), Rect=list(rect)))
    document.pages[0].obj.Annots = document.make_indirect(pikepdf.Array([widget]))
    document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]))
