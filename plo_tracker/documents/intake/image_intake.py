"""Pictures (JPEG, PNG, TIFF, multi-page TIFF) into PDF pages without loss.

img2pdf puts a JPEG in the PDF byte for byte and PNG and TIFF pixels losslessly, at
the size their resolution gives (a 300 dpi A4 scan makes an A4 page). It refuses
pictures with transparency, which a PDF image cannot hold as such: those are laid
on white by Pillow and passed on as PNG, still without losing any other detail.
"""

from __future__ import annotations

from io import BytesIO
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
    notes = []
    try:
        try:
            data = img2pdf.convert(str(source), rotation=img2pdf.Rotation.ifvalid)
        except img2pdf.AlphaChannelError:
            data = img2pdf.convert(_laid_on_white(source), rotation=img2pdf.Rotation.ifvalid)
            notes.append(f"{name} has transparent areas, which a PDF page cannot keep: they "
                         "are now white. Nothing else in the picture has changed.")
    except Image.DecompressionBombError as error:
        raise DocumentRefused(f"{name} is too large a picture to open safely. Save it at a "
                              "lower resolution and add it again.") from error
    except (img2pdf.ImageOpenError, OSError, ValueError, SyntaxError, EOFError) as error:
        # Pillow reports a damaged picture with any of these.
        raise DocumentRefused(f"{name} is a damaged {kind.words} and cannot be read. Ask "
                              "whoever sent it for a new copy.") from error
    out.write_bytes(data)
    notes.insert(0, f"{name} was a {kind.words}; it is now a PDF with the picture exactly "
                    "as it was.")
    return tuple(notes)


def _laid_on_white(source: Path) -> list[bytes]:
    """Every frame as a PNG without transparency, laid on a white background."""
    from PIL import Image, ImageSequence

    frames = []
    with Image.open(source) as picture:
        for frame in ImageSequence.Iterator(picture):
            if frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info:
                # Pillow keeps 8 bits a channel here; a 16-bit picture with transparency
                # (rare in documents) loses its finest shades.
                rgba = frame.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                frame = flat.convert("L") if picture.mode in ("LA", "L") else flat
            buffer = BytesIO()
            frame.save(buffer, format="PNG", dpi=picture.info.get("dpi", (96, 96)))
            frames.append(buffer.getvalue())
    return frames
