"""Redaction for real: the confidential text and the picture under it are removed
from the file, not hidden under a box that can be lifted off.

Each page with a hit is drawn as a picture, black boxes are painted over the hits,
and the page is replaced by that picture alone: its text, fonts, images, comments
and form fields go with it. Where Tesseract is installed the new page is given a
text layer again by OCR (intake's add_text_layer) so it stays searchable. Tesseract
is shown the picture with the boxes painted white, because beside a black block it
misses whole words; the black picture is put in its place after.
Pages without hits are left exactly as they were; the page count never changes.
The places in a file that no page shows and a phrase could hide in (document
properties, XMP metadata, bookmarks, attached files, the tagged-PDF structure) are
removed from the copy as a whole. The guard then runs again on the result.
"""

from __future__ import annotations

import io
import os
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plo_tracker.documents.confidential.guard import Hit, find_confidential
from plo_tracker.documents.confidential.reading import opened_pdfium, opened_pikepdf
from plo_tracker.documents.intake import add_text_layer, ocr_unavailable
from plo_tracker.domain.errors import DomainError

DPI = 200  # sharp enough to read and to OCR; a redacted A4 page is a few hundred KB
MARGIN = 2.0  # points of black either side of each box, for anti-aliased glyph edges
# Above and below, a fifth of the line's height more: an OCR layer's boxes sit on the
# baseline and can stop short of the descenders and accents in the picture.
LINE_MARGIN = 0.2
ROUNDS = 3  # redact, OCR, search again: at most this many times
_FLATE_LIMIT = 1_500_000  # a picture-heavy page larger than this is stored as JPEG


class RedactionFailed(DomainError):
    """A phrase could still be found after redaction; the copy was not written."""


@dataclass(frozen=True)
class _Picture:
    """A painted page picture, compressed, ready to be an image object."""

    data: bytes
    width: int
    height: int
    colours: str  # a PDF colour space name
    encoding: str  # a PDF filter name


@dataclass(frozen=True)
class _RedactedPage:
    number: int  # 1-based
    width: float  # points, as the page is shown (after its rotation)
    height: float
    shown: _Picture  # with the boxes painted black
    for_ocr: _Picture | None  # with the boxes painted white, when OCR is to be done


def redact(pdf: Path, hits: Sequence[Hit], out: Path) -> Path:
    """Write to ``out`` a copy of ``pdf`` with every hit removed for real; returns ``out``.

    The copy is written beside ``out`` and renamed into place only when the guard
    finds none of the hits' phrases in it; otherwise RedactionFailed, nothing written.
    """
    phrases = sorted({hit.phrase for hit in hits})
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".redacting-") as work:
        source = pdf
        for round_number in range(1, ROUNDS + 1):
            result = Path(work) / f"round-{round_number}.pdf"
            painted = Path(work) / f"painted-{round_number}.pdf"
            ocr = ocr_unavailable() is None
            shown = _redact_once(source, hits, painted, ocr=ocr)
            if ocr:
                read = Path(work) / f"read-{round_number}.pdf"
                add_text_layer(painted, sorted(shown), read)
                _show_black(read, shown, result)
            else:
                os.replace(painted, result)
            hits = find_confidential(result, phrases) if phrases else []
            if not hits:
                os.replace(result, out)
                return out
            source = result
    pages = ", ".join(str(page) for page in sorted({hit.page for hit in hits}))
    raise RedactionFailed(
        f"“{pdf.name}” still shows a confidential detail on page {pages} after redacting it "
        f"{ROUNDS} times. Nothing was written: check the document by hand and replace it with "
        "a corrected copy."
    )


def _redact_once(pdf: Path, hits: Sequence[Hit], out: Path, *,
                 ocr: bool) -> dict[int, _Picture]:
    """Write ``pdf`` to ``out`` with the hits' pages replaced by their painted pictures
    (painted white when ``ocr``); returns each such page's black picture."""
    by_page: dict[int, list[Hit]] = {}
    for hit in hits:
        by_page.setdefault(hit.page, []).append(hit)
    with opened_pikepdf(pdf) as document:
        if by_page and not 1 <= min(by_page) <= max(by_page) <= len(document.pages):
            raise ValueError("a hit names a page the document does not have")
        removed_annotations: set[tuple[int, int]] = set()
        shown: dict[int, _Picture] = {}
        for page in _painted_pages(pdf, by_page, ocr=ocr):
            page_object = document.pages[page.number - 1].obj
            removed_annotations |= {annotation.objgen for annotation
                                    in page_object.get("/Annots") or ()}
            _replace_page(document, page_object, page)
            shown[page.number] = page.shown
        _drop_fields(document, removed_annotations)
        _drop_hidden_places(document)
        document.save(out)
    return shown


def _show_black(pdf: Path, shown: dict[int, _Picture], out: Path) -> None:
    """Write ``pdf`` to ``out`` with each page's white-boxed picture (what OCR read)
    swapped for the black-boxed one, the OCR text staying over it."""
    with opened_pikepdf(pdf) as document:
        for number, picture in shown.items():
            page_object = document.pages[number - 1].obj
            page_object.Resources.XObject.Redacted = _image(document, picture)
        document.save(out)


def _painted_pages(pdf: Path, by_page: dict[int, list[Hit]], *, ocr: bool):
    """Each page with hits drawn at DPI with its boxes painted, one at a time."""
    from PIL import ImageDraw

    with opened_pdfium(pdf) as document:
        document.init_forms()  # so filled-in form fields are drawn, and then painted over
        for number in sorted(by_page):
            page = document[number - 1]
            try:
                bitmap = page.render(scale=DPI / 72, may_draw_forms=True)
                picture = bitmap.to_pil().convert("RGB")
                for_ocr = picture.copy() if ocr else None
                to_pixels = bitmap.get_posconv(page).to_bitmap
                for hit in by_page[number]:
                    for rect in hit.rects:
                        area = _pixel_area(rect, to_pixels)
                        ImageDraw.Draw(picture).rectangle(area, fill="black")
                        if for_ocr is not None:
                            ImageDraw.Draw(for_ocr).rectangle(area, fill="white")
                width, height = page.get_size()
                yield _RedactedPage(number, width, height, _compressed(picture),
                                    _compressed(for_ocr) if for_ocr is not None else None)
            finally:
                page.close()


def _pixel_area(rect, to_pixels) -> tuple[int, int, int, int]:
    """A box in page space, with its margins, as pixels of the drawn page (turned
    as the page is shown)."""
    left, bottom, right, top = rect
    above_below = max(MARGIN, LINE_MARGIN * (top - bottom))
    corners = [to_pixels(x, y) for x in (left - MARGIN, right + MARGIN)
               for y in (bottom - above_below, top + above_below)]
    xs, ys = [corner[0] for corner in corners], [corner[1] for corner in corners]
    return min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1


def _replace_page(document, page_object, page: _RedactedPage) -> None:
    """Empty the page object in place (links and bookmarks to it still work) and make
    it show only the painted picture, the right way up, at the page's size."""
    import pikepdf

    for key in list(page_object.keys()):
        if key not in ("/Type", "/Parent"):
            del page_object[key]
    box = [0, 0, round(page.width, 3), round(page.height, 3)]
    page_object.MediaBox = pikepdf.Array(box)
    page_object.CropBox = pikepdf.Array(box)  # set, not inherited from the page tree
    page_object.Rotate = 0
    picture = page.for_ocr or page.shown
    page_object.Resources = pikepdf.Dictionary(
        XObject=pikepdf.Dictionary(Redacted=_image(document, picture)))
    drawing = f"q {box[2]} 0 0 {box[3]} 0 0 cm /Redacted Do Q\n".encode()
    page_object.Contents = document.make_stream(drawing)


def _compressed(picture) -> _Picture:
    """The picture lossless, in grey when it has no colour, or as a JPEG when a
    photograph would make the lossless one too large."""
    grey = picture.convert("L")
    if grey.convert("RGB").tobytes() == picture.tobytes():
        picture, colours = grey, "/DeviceGray"
    else:
        colours = "/DeviceRGB"
    data, encoding = zlib.compress(picture.tobytes(), 6), "/FlateDecode"
    if len(data) > _FLATE_LIMIT:
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        data, encoding = buffer.getvalue(), "/DCTDecode"
    return _Picture(data, picture.width, picture.height, colours, encoding)


def _image(document, picture: _Picture):
    import pikepdf

    return document.make_stream(
        picture.data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
        Width=picture.width, Height=picture.height, ColorSpace=pikepdf.Name(picture.colours),
        BitsPerComponent=8, Filter=pikepdf.Name(picture.encoding))


def _drop_fields(document, removed: set[tuple[int, int]]) -> None:
    """Take the redacted pages' form fields out of the form, values and all."""
    import pikepdf

    form = document.Root.get("/AcroForm")
    if not removed or form is None or "/Fields" not in form:
        return

    def kept(fields) -> pikepdf.Array:
        result = pikepdf.Array()
        for field in fields:
            if field.objgen in removed:
                continue
            if "/Kids" in field:
                field.Kids = kept(field.Kids)
                if len(field.Kids) == 0:
                    continue
            result.append(field)
        return result

    form.Fields = kept(form.Fields)


def _drop_hidden_places(document) -> None:
    """Remove what no page shows but a reader can open: document properties, XMP
    metadata, bookmarks, attached files and scripts, and the tagged-PDF structure
    (its alternative texts), so a phrase cannot survive there."""
    import pikepdf

    if "/Info" in document.trailer:
        del document.trailer["/Info"]
    root = document.Root
    for key in ("/Metadata", "/Outlines", "/StructTreeRoot", "/MarkInfo", "/PieceInfo", "/AF"):
        if key in root:
            del root[key]
    if root.get("/PageMode") == pikepdf.Name.UseOutlines:
        del root["/PageMode"]
    names = root.get("/Names")
    if names is not None:
        for key in list(names.keys()):
            if key != "/Dests":  # named destinations are where links go: kept
                del names[key]
