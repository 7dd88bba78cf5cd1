"""Real files made for the intake tests, with the libraries that make them in the world
(reportlab, pikepdf, Pillow, python-docx) or by hand, never with the code under test."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A3, A4, letter
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[3]
FONT = ROOT / "resources" / "fonts" / "DejaVuSans.ttf"


def text_pdf(path: Path, pages: list[str], sizes=None) -> Path:
    """One page per text, each long enough to count as a text page."""
    sizes = sizes or [A4] * len(pages)
    drawing = canvas.Canvas(str(path), pagesize=sizes[0])
    for text, size in zip(pages, sizes, strict=True):
        drawing.setPageSize(size)
        drawing.drawString(72, size[1] - 100, text)
        drawing.showPage()
    drawing.save()
    return path


def varied_pdf(path: Path) -> Path:
    """A4, A3, letter and an odd size, with a form field on the first page."""
    drawing = canvas.Canvas(str(path), pagesize=A4)
    drawing.drawString(72, 760, "Statement of the social worker, page one")
    drawing.acroForm.textfield(name="worker", tooltip="Worker", x=72, y=600, width=200,
                               height=20, value="Jo Bloggs")
    drawing.acroForm.checkbox(name="agreed", x=72, y=560, checked=True)
    drawing.showPage()
    for size, words in ((A3, "An A3 plan of the contact centre"),
                        (letter, "A letter-sized page from abroad"),
                        ((300, 500), "An odd-sized receipt page")):
        drawing.setPageSize(size)
        drawing.drawString(20, size[1] - 40, words)
        drawing.showPage()
    drawing.save()
    return path


def rotate_pages(path: Path, degrees: int) -> Path:
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            page.Rotate = degrees
        pdf.save(path)
    return path


def break_xref(path: Path) -> Path:
    """Every cross-reference offset points at byte 1: qpdf must rebuild the table."""
    data = path.read_bytes()
    start = data.rfind(b"\nxref")
    table = re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data[start:])
    assert table != data[start:]
    path.write_bytes(data[:start] + table)
    return path


def break_startxref(path: Path) -> Path:
    """Saved as newer writers do (compressed cross-reference stream, objects in object
    streams), then the pointer to the cross-reference data is made to point nowhere."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    data = path.read_bytes()
    start = data.rfind(b"startxref")
    path.write_bytes(data[:start] + b"startxref\n99999\n%%EOF\n")
    return path


def scan_image(path: Path, lines: list[str], size=(1240, 700), dpi=150) -> Path:
    """Black words on white, as a scanner would give them (no text anywhere but pixels)."""
    picture = Image.new("L", size, 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(str(FONT), 40)
    for number, line in enumerate(lines):
        draw.text((60, 60 + number * 70), line, fill=0, font=font)
    picture.save(path, dpi=(dpi, dpi))
    return path


def scan_pdf(path: Path, image: Path, dpi=150, rotate: int = 0) -> Path:
    """A PDF page holding only the picture, as a scanner makes it.

    With ``rotate``, the picture is stored turned the other way and the page's /Rotate
    turns it back upright for the reader, as when a page scanned sideways is turned
    in a PDF viewer.
    """
    with Image.open(image) as picture:
        # Pillow turns anticlockwise; /Rotate turns clockwise.
        stored = picture.rotate(rotate, expand=True) if rotate else picture.copy()
    width, height = stored.size
    page_size = (width * 72 / dpi, height * 72 / dpi)
    drawing = canvas.Canvas(str(path), pagesize=page_size)
    drawing.drawImage(_saved(stored, path.with_suffix(".stored.png")), 0, 0, *page_size)
    drawing.showPage()
    drawing.save()
    if rotate:
        rotate_pages(path, rotate)
    return path


def odt(path: Path, text: str, encrypted: bool = False) -> Path:
    """An OpenDocument text file written by hand, as the standard lays it out; when
    ``encrypted``, its manifest says content.xml is encrypted (as a password does)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text><text:p>{text}</text:p></office:text></office:body>"
        "</office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml">'
        + ('<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>' if encrypted else "")
        + "</manifest:file-entry></manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def rtf(path: Path, text: str) -> Path:
    path.write_text(r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0\fs24 "
                    + text + r"\par}", encoding="ascii")
    return path


def _saved(picture: Image.Image, path: Path) -> str:
    picture.save(path)
    return str(path)
