"""Pictures become PDF pages without loss: one page a picture, one a TIFF frame."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from plo_tracker.documents.intake import DocumentRefused, prepare_document


def page_images(page: pikepdf.Page) -> list[pikepdf.Stream]:
    """The images the page draws directly (the way img2pdf places them)."""
    return [xobject for xobject in page.Resources.XObject.values()
            if xobject.Subtype == pikepdf.Name.Image]


def images_of(pdf_path: Path) -> list[Image.Image]:
    """Each page's picture, decoded."""
    with pikepdf.open(pdf_path) as pdf:
        return [pikepdf.PdfImage(image).as_pil_image() for page in pdf.pages
                for image in page_images(page)]


def test_a_jpeg_is_placed_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "photo of the kitchen.jpg"
    Image.new("RGB", (400, 300), (200, 120, 40)).save(source, quality=70, dpi=(100, 100))
    prepared = prepare_document(source, tmp_path / "work", ocr=False)
    assert prepared.page_count == 1
    assert prepared.converted_from == "JPEG image"
    assert prepared.notes[0].startswith("photo of the kitchen.jpg was a JPEG image")
    with pikepdf.open(prepared.pdf_path) as pdf:
        (image,) = page_images(pdf.pages[0])
        assert image.Filter == pikepdf.Name.DCTDecode
        assert image.read_raw_bytes() == source.read_bytes()
        # 400 x 300 pixels at 100 dpi is 4 x 3 inches.
        assert [float(v) for v in pdf.pages[0].mediabox] == [0, 0, 288, 216]
    assert prepared.pages_without_text == (1,)  # a picture has no text until OCR reads it


def test_a_png_with_transparency_keeps_its_pixels_and_its_mask(tmp_path: Path) -> None:
    source = tmp_path / "signature.png"
    picture = Image.new("RGBA", (60, 40), (0, 0, 0, 0))
    picture.paste((10, 20, 30, 255), (0, 0, 30, 40))  # left half opaque, right transparent
    picture.save(source)
    prepared = prepare_document(source, tmp_path / "work", ocr=False)
    assert prepared.page_count == 1
    with pikepdf.open(prepared.pdf_path) as pdf:
        (image,) = page_images(pdf.pages[0])
        colour = pikepdf.PdfImage(image).as_pil_image()
        mask = pikepdf.PdfImage(image.SMask).as_pil_image()
    assert colour.convert("RGB").crop((0, 0, 30, 40)).tobytes() == bytes([10, 20, 30]) * 1200
    assert mask.getpixel((5, 5)) == 255
    assert mask.getpixel((55, 5)) == 0


def test_a_png_without_transparency_keeps_every_pixel(tmp_path: Path) -> None:
    source = tmp_path / "chart.png"
    picture = Image.effect_noise((64, 48), 80).convert("RGB")
    picture.save(source)
    prepared = prepare_document(source, tmp_path / "work", ocr=False)
    (image,) = images_of(prepared.pdf_path)
    assert image.convert("RGB").tobytes() == picture.tobytes()
    assert prepared.notes[1] == ("Page 1 has no text layer (OCR was not asked for), so it "
                                 "cannot be checked for confidential details.")


def test_every_frame_of_a_multi_page_tiff_is_a_page(tmp_path: Path) -> None:
    source = tmp_path / "fax.tiff"
    frames = [Image.new("L", (200, 280), shade) for shade in (0, 100, 200)]
    frames[0].save(source, save_all=True, append_images=frames[1:], compression="tiff_lzw",
                   dpi=(200, 200))
    prepared = prepare_document(source, tmp_path / "work", ocr=False)
    assert prepared.page_count == 3
    assert prepared.converted_from == "TIFF image"
    shades = [image.getpixel((3, 3)) for image in images_of(prepared.pdf_path)]
    assert shades == [0, 100, 200]


def test_a_damaged_picture_is_refused_by_name(tmp_path: Path) -> None:
    good = io.BytesIO()
    Image.new("RGB", (300, 300), "red").save(good, format="PNG")
    source = tmp_path / "scan.png"
    source.write_bytes(good.getvalue()[:60])
    with pytest.raises(DocumentRefused, match=r"scan\.png is damaged and cannot be read as "
                                              r"a PNG image"):
        prepare_document(source, tmp_path / "work", ocr=False)
    assert [path.name for path in (tmp_path / "work").iterdir()] == []
