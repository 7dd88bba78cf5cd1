"""Redaction removes a confidential phrase for real: read back with poppler and
pikepdf, the words are gone from the text, the picture under them is black, the
original picture is gone from the file, other pages are untouched, and the guard
finds nothing when it runs again."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from plo_tracker.documents.confidential import RedactionFailed, find_confidential, redact, redaction
from tests.documents.confidential.made_pdfs import (
    ADDRESS,
    FILLER,
    SPLIT,
    Line,
    add_text_field,
    images_of,
    ocr_scan_pdf,
    picture_with_hidden_text_pdf,
    tesseract_available,
    text_pdf,
)

DPI = 100


def squashed(text: str) -> str:
    return re.sub(r"[\W_]", "", text).lower()


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def drawn(pdf: Path, page: int, folder: Path) -> Image.Image:
    """The page as poppler draws it, in grey, DPI dots per inch."""
    stem = folder / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)
    with Image.open(stem.with_suffix(".png")) as picture:
        return picture.convert("L")


def pixels(picture: Image.Image, box, inset: float = 1.0) -> list[int]:
    """The grey values inside a (left, bottom, right, top) box in points, a little inset."""
    dots = DPI / 72
    page_top = picture.height / dots
    left, bottom, right, top = box
    area = (left + inset, page_top - top + inset, right - inset, page_top - bottom - inset)
    # One byte a pixel: the picture is grey.
    return list(picture.crop(tuple(round(value * dots) for value in area)).tobytes())


def assert_checked_by_qpdf(pdf: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_phrase_split_over_two_lines_is_gone_from_text_and_picture(tmp_path):
    original = text_pdf(tmp_path / "statement.pdf", [FILLER, SPLIT, FILLER])
    hits = find_confidential(original, [ADDRESS])
    assert [hit.page for hit in hits] == [2]

    out = redact(original, hits, tmp_path / "redacted.pdf")

    assert out == tmp_path / "redacted.pdf"
    assert_checked_by_qpdf(out)
    assert find_confidential(out, [ADDRESS]) == []
    text = squashed(page_text(out, 2))
    assert "acacia" not in text and "ls62ab" not in text and "leeds" not in text
    if tesseract_available():  # the page was given a text layer again by OCR
        assert "withthebaby" in text
    picture = drawn(out, 2, tmp_path)
    for line, part in ((SPLIT[0], "14 ACACIA"), (SPLIT[1], "avenue,Leeds  LS6   2ab")):
        assert max(pixels(picture, line.box_of(part))) < 40, f"{part!r} is not blacked out"
    assert max(pixels(picture, SPLIT[1].box_of("with the baby."), inset=-3)) > 200
    with pikepdf.open(original) as before, pikepdf.open(out) as after:
        assert len(after.pages) == len(before.pages) == 3
        for index in (0, 2):  # pages without hits: the same drawing and the same fonts
            assert (after.pages[index].obj.Contents.read_bytes()
                    == before.pages[index].obj.Contents.read_bytes())
            assert (sorted(after.pages[index].obj.Resources.Font.keys())
                    == sorted(before.pages[index].obj.Resources.Font.keys()))
        redacted_page = after.pages[1].obj
        assert "/Font" not in redacted_page.Resources  # only the picture (and OCR's own text)
        assert [width for width, _height, _data in images_of(after.pages[1])] == [1654]


def test_a_phrase_in_the_picture_under_a_hidden_text_layer_is_gone_from_both(tmp_path):
    page = [Line("Contact: 14 Acacia Avenue, Leeds", y=500), Line("LS6 2AB now.", y=484)]
    original = picture_with_hidden_text_pdf(tmp_path / "scan.pdf", page)
    hits = find_confidential(original, [ADDRESS])
    assert [hit.page for hit in hits] == [1]
    before_picture = drawn(original, 1, tmp_path)
    assert min(pixels(before_picture, page[1].box_of("LS6 2AB"))) < 100  # it is drawn there

    out = redact(original, hits, tmp_path / "redacted.pdf")

    assert_checked_by_qpdf(out)
    assert "acacia" not in squashed(page_text(out, 1))
    assert find_confidential(out, [ADDRESS]) == []
    picture = drawn(out, 1, tmp_path)
    for line, part in ((page[0], "14 Acacia Avenue, Leeds"), (page[1], "LS6 2AB")):
        assert max(pixels(picture, line.box_of(part))) < 40, f"{part!r} is not blacked out"
    assert min(pixels(picture, page[0].box_of("Contact:"))) < 100  # the rest is still there
    with pikepdf.open(original) as before, pikepdf.open(out) as after:
        [original_image] = images_of(before.pages[0])
        every_image = [(int(obj.Width), int(obj.Height), obj.read_raw_bytes())
                       for obj in after.objects
                       if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert original_image not in every_image
        assert len(after.pages) == 1


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_a_scan_with_a_tesseract_text_layer_loses_the_phrase_from_text_and_picture(tmp_path):
    page = [Line("Placement: 14 Acacia", y=600, x=100), Line("Avenue, Leeds LS6 2AB", y=580, x=100)]
    original = ocr_scan_pdf(tmp_path / "scan.pdf", page)
    hits = find_confidential(original, [ADDRESS])

    out = redact(original, hits, tmp_path / "redacted.pdf")

    assert_checked_by_qpdf(out)
    assert "acacia" not in squashed(page_text(out, 1))
    assert "placement" in squashed(page_text(out, 1))
    picture = drawn(out, 1, tmp_path)
    for line, part in ((page[0], "14 Acacia"), (page[1], "Avenue, Leeds LS6 2AB")):
        assert max(pixels(picture, line.box_of(part))) < 40, f"{part!r} is not blacked out"


def test_a_turned_page_is_blacked_out_where_the_phrase_shows(tmp_path):
    original = text_pdf(tmp_path / "landscape.pdf", [SPLIT])
    with pikepdf.open(original, allow_overwriting_input=True) as document:
        document.pages[0].obj.Rotate = 90
        document.save(original)
    before = drawn(original, 1, tmp_path)

    out = redact(original, find_confidential(original, [ADDRESS]), tmp_path / "redacted.pdf")

    after = drawn(out, 1, tmp_path)
    assert after.size == before.size  # the same shape, still shown the same way round
    # Turned a quarter clockwise, a point (x, y) of the page shows at (y, x) from the top left.
    left, bottom, right, top = SPLIT[1].box_of("LS6   2ab")
    shown = (bottom, after.height * 72 / DPI - right, top, after.height * 72 / DPI - left)
    assert min(pixels(before, shown)) < 100
    assert max(pixels(after, shown)) < 40
    assert "leeds" not in squashed(page_text(out, 1))


def test_what_no_page_shows_is_removed_from_the_copy(tmp_path):
    original = text_pdf(tmp_path / "statement.pdf", [SPLIT, FILLER])
    with pikepdf.open(original, allow_overwriting_input=True) as document:
        document.docinfo["/Title"] = "Visit to 14 Acacia Avenue"
        with document.open_metadata() as xmp:
            xmp["dc:description"] = "Acacia Avenue visit"
        with document.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("Acacia Avenue", 0))
        document.attachments["acacia.txt"] = pikepdf.AttachedFileSpec(
            document, b"14 Acacia Avenue", mime_type="text/plain")
        add_text_field(document, "Acacia Avenue", (300, 100, 500, 120))
        document.save(original)
    assert b"acacia" in uncompressed(original, tmp_path).lower()

    out = redact(original, find_confidential(original, [ADDRESS, "Acacia Avenue"]),
                 tmp_path / "redacted.pdf")

    assert_checked_by_qpdf(out)
    assert b"acacia" not in uncompressed(out, tmp_path).lower()
    with pikepdf.open(out) as document:
        assert len(document.attachments) == 0
        assert len(document.Root.AcroForm.Fields) == 0
        assert "/Outlines" not in document.Root


def uncompressed(pdf: Path, folder: Path) -> bytes:
    plain = folder / f"{pdf.stem}-plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(plain)],
                   check=True)
    return plain.read_bytes()


def test_nothing_is_left_beside_the_output_and_an_existing_output_is_replaced(tmp_path):
    original = text_pdf(tmp_path / "statement.pdf", [SPLIT])
    out = tmp_path / "out" / "redacted.pdf"
    out.parent.mkdir()
    out.write_bytes(b"an older copy")

    redact(original, find_confidential(original, [ADDRESS]), out)

    assert [path.name for path in out.parent.iterdir()] == ["redacted.pdf"]
    assert out.read_bytes().startswith(b"%PDF")


def test_without_tesseract_the_redacted_page_is_a_picture_without_text(tmp_path, monkeypatch):
    monkeypatch.setattr(redaction, "ocr_unavailable", lambda: "Tesseract OCR is not installed")
    original = text_pdf(tmp_path / "statement.pdf", [SPLIT, FILLER])

    out = redact(original, find_confidential(original, [ADDRESS]), tmp_path / "redacted.pdf")

    assert_checked_by_qpdf(out)
    assert page_text(out, 1).strip() == ""
    assert "nothingconfidential" in squashed(page_text(out, 2))
    picture = drawn(out, 1, tmp_path)
    assert max(pixels(picture, SPLIT[0].box_of("14 ACACIA"))) < 40
    assert min(pixels(picture, SPLIT[0].box_of("Mother"))) < 100


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_a_redaction_that_leaves_the_phrase_readable_is_refused_and_nothing_written(
        tmp_path, monkeypatch):
    monkeypatch.setattr(redaction, "_pixel_area", lambda rect, to_pixels: (0, 0, 1, 1))
    original = text_pdf(tmp_path / "statement.pdf",
                        [FILLER, [Line("Oakfield Primary School", y=600)]])
    out = tmp_path / "redacted.pdf"

    with pytest.raises(RedactionFailed) as failed:
        redact(original, find_confidential(original, ["Oakfield Primary"]), out)

    assert "still shows a confidential detail on page 2" in failed.value.message
    assert [path.name for path in tmp_path.iterdir()] == ["statement.pdf"]
