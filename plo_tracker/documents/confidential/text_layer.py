"""A redacted page's text layer again, by OCR of the picture it became.

Tesseract reads the painted picture (the black boxes read as nothing) and writes
its words as invisible text in a PDF of their own; that text is laid over the
redacted page, scaled to it, so the page can be searched and checked again.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from contextlib import ExitStack
from pathlib import Path

OCR_LANGUAGE = "eng"
OCR_SECONDS = 180  # for one page; a page that takes longer stays without text


@functools.cache
def ocr_available() -> bool:
    """Whether Tesseract can be run (looked for once per run)."""
    return shutil.which("tesseract") is not None


def add_ocr_text(document, page_object, picture, dpi: int, work: Path,
                 stack: ExitStack) -> bool:
    """Lay Tesseract's invisible text for ``picture`` over the page; False if it failed.

    ``stack`` keeps Tesseract's PDF open until ``document`` is saved, because pikepdf
    copies the text's objects from it only then.
    """
    import pikepdf

    number = len(list(work.glob("ocr-*.png")))
    image_path = work / f"ocr-{number}.png"
    picture.save(image_path)
    base = work / f"ocr-{number}"
    try:
        subprocess.run(
            ["tesseract", str(image_path), str(base), "-l", OCR_LANGUAGE, "--dpi", str(dpi),
             "-c", "textonly_pdf=1", "pdf"],
            check=True, capture_output=True, timeout=OCR_SECONDS,
            # One thread: pages are OCR'd one at a time, often beside other work.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        text_pdf = stack.enter_context(pikepdf.open(base.with_suffix(".pdf")))
    except (OSError, subprocess.SubprocessError, pikepdf.PdfError):
        return False
    text_page = text_pdf.pages[0]
    width, height = (float(v) for v in text_page.mediabox[2:])
    layer = document.copy_foreign(text_page.as_form_xobject())
    page_object.Resources.XObject.OcrText = layer
    page_box = page_object.MediaBox
    scale_x, scale_y = float(page_box[2]) / width, float(page_box[3]) / height
    drawing = f"q {scale_x:.6f} 0 0 {scale_y:.6f} 0 0 cm /OcrText Do Q\n".encode()
    page_object.Contents = document.make_stream(page_object.Contents.read_bytes() + drawing)
    return True
