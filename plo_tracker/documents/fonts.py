"""Registers the fonts shipped with the app so every PDF embeds the same typeface."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from plo_tracker.documents.resources import resource_path

# DejaVu Sans: a clear sans-serif with wide character coverage (names from many
# languages print correctly), under the permissive Bitstream Vera licence that
# is shipped next to the files in resources/fonts.
FAMILY = "PLOSans"
REGULAR = "PLOSans"
BOLD = "PLOSans-Bold"
ITALIC = "PLOSans-Italic"
BOLD_ITALIC = "PLOSans-BoldItalic"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the shipped fonts with reportlab once per process.

    Returns:
        The family name to use in paragraph styles; ``<b>`` and ``<i>`` in
        paragraph text then pick the bold and italic files.

    Raises:
        FileNotFoundError: when a font file is missing from the resources.
    """
    for name, file_name in _FILES.items():
        path = resource_path("fonts", file_name)
        if not path.is_file():
            raise FileNotFoundError(
                f"The font file {file_name} is missing. Please reinstall PLO Tracker."
            )
        # Parsing a TrueType file is slow; the registered object is reused by
        # every document and subset per document, so this happens only once.
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    return FAMILY
