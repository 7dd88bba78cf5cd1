"""Registers the fonts shipped with the app so every PDF embeds the same typeface."""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
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
        pdfmetrics.registerFont(_EmbeddedOnce(name, str(path)))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    return FAMILY


# --- embedding the same glyphs once ---------------------------------------------------
#
# reportlab embeds in each PDF only the glyphs it used, in subsets of 256: the first
# always holds the whole of ASCII, then the other characters in the order they first
# appear. Nearly every letter (English text, a bullet, a dash) therefore embeds the very
# same subset, and cutting it out of the font file, compressing it and writing out its
# widths took about a sixth of the time to make a two-page letter. Each subset is now
# prepared once per process; the bytes written are the same.

_KEPT = 64  # subsets of each kind remembered; each about 50 kB, a cmap about 3 kB
_PRINTABLE_ASCII = re.compile(r"[ -~]*")


@lru_cache(maxsize=_KEPT)
def _deflate(content: bytes | str) -> bytes:
    # What pdfdoc.PDFZCompress does, to the byte.
    return zlib.compress(content.encode("utf8") if isinstance(content, str) else content)


class _KeptDeflate:
    """reportlab's Flate filter, remembering what it has compressed."""

    pdfname = "FlateDecode"

    def encode(self, content: bytes | str) -> bytes:
        return _deflate(content)


_KEPT_DEFLATE = _KeptDeflate()


@lru_cache(maxsize=_KEPT)
def _written_array(numbers: tuple[float, ...], multiline: bool) -> bytes:
    # rl_config.pdfMultiLine (multiline) changes the layout, so it is part of the key.
    return pdfdoc.PDFArray.format(pdfdoc.PDFArray(numbers), None)


class _KeptArray(pdfdoc.PDFArray):
    """An array of plain numbers (a subset's widths), written out once per process."""

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803 - reportlab's
        return _written_array(tuple(self.sequence), rl_config.pdfMultiLine)


class _EmbeddedOnce(TTFont):
    """A TrueType font whose subsets are cut, compressed and measured once per process,
    and whose plain ASCII text is encoded without a lookup per character."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        cut = self.face.makeSubset

        @lru_cache(maxsize=_KEPT)
        def cut_once(codes: tuple[int, ...]) -> bytes:
            return cut(list(codes))

        # The face cuts subsets for every document; codes arrive as a list.
        self.face.makeSubset = lambda codes: cut_once(tuple(codes))
        # In "ASCII readable" mode printable ASCII always has its own code in the first
        # subset (when the font has every such character), so such text needs no lookup.
        self._ascii_as_is = (
            bool(self._asciiReadable)
            and not getattr(self.face, "_full_font", False)
            and all(code in self.face.charToGlyph for code in range(32, 127))
        )

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8"  # noqa: N802
                    ) -> list[tuple[int, bytes]]:
        # reportlab looks up every character of every line drawn, one at a time; most
        # lines of a letter are printable ASCII, which keeps its own codes.
        if self._ascii_as_is and isinstance(text, str) and _PRINTABLE_ASCII.fullmatch(text):
            self._assignState(doc)  # as the lookup would: the document's subsets begin
            return [(0, text.encode("ascii"))] if text else []
        return super().splitString(text, doc, encoding)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        fonts = doc.idToObject["BasicFonts"].dict
        before = set(fonts)
        super().addObjects(doc)
        for name in [name for name in fonts if name not in before]:
            try:
                _reuse(doc, fonts[name])
            except (AttributeError, KeyError):
                # A later reportlab keeps these elsewhere: write them afresh, as before.
                continue


def _reuse(doc: Any, subset: Any) -> None:
    """Point one embedded subset's widths, cmap and font file at what is kept."""
    if all(isinstance(width, int | float) for width in subset.Widths.sequence):
        subset.Widths = _KeptArray(subset.Widths.sequence)
    descriptor = doc.idToObject[subset.FontDescriptor.name]
    for reference in (subset.ToUnicode, descriptor.dict["FontFile2"]):
        stream = doc.idToObject[reference.name]
        if stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [_KEPT_DEFLATE]
