"""Pictures (JPEG, PNG, TIFF, multi-page TIFF) into PDF pages without loss.

img2pdf puts a JPEG in the PDF byte for byte and PNG and TIFF pixels losslessly, one
page a picture (or TIFF frame), at the size its resolution gives (a 300 dpi A4 scan
makes an A4 page). Since version 0.6 it keeps transparency as a soft mask beside the
unchanged pixels, where older versions refused such pictures.
"""

from __future__ import annotations

from pathlib import Path

from plo_tracker.documents.intake.errors import DocumentRefused
from plo_tracker.documents.intake.file_types import FileKind


def image_to_pdf(source: Path, kind: FileKind, out: Path) -> tuple[str, ...]:
    """Write the picture (every frame of a TIFF) as PDF pages to ``out``; return notes.

    Raises:
        DocumentRefused: the picture is damaged, or too large to open safely.
    """
    import img2pdf
    from PIL import Image

    name = source.name
    try:
        data = img2pdf.convert(str(source), rotation=img2pdf.Rotation.ifvalid)
    except Image.DecompressionBombError as error:
        raise DocumentRefused(f"{name} is too large a picture to open safely. Save it at a "
                              "lower resolution and add it again.") from error
    except (img2pdf.ImageOpenError, img2pdf.AlphaChannelError, OSError, ValueError,
            SyntaxError, EOFError) as error:
        # Pillow reports a damaged picture with any of these.
        raise DocumentRefused(f"{name} is damaged and cannot be read as {kind.a_words}. "
                              "Ask whoever sent it for a new copy.") from error
    out.write_bytes(data)
    return (f"{name} was {kind.a_words}; it is now a PDF with the picture exactly as it "
            "was.",)
