"""Putting finished PDFs together: one file, a bookmark per part, page labels; page counts.

Letters for printing and court bundles are both made here, so a bookmark or a page
label means the same in each. pikepdf (qpdf) is loaded on first use: the window can
start without it.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

# Written into every PDF the app makes, so a reader can tell where a file came from.
CREATOR = "PLO Tracker"


class LabelStyle(enum.Enum):
    """How a page label numbers the pages of a part; the value is the PDF's own name."""

    DECIMAL = "/D"  # 1, 2, 3
    ROMAN_UPPER = "/R"  # I, II, III
    ROMAN_LOWER = "/r"  # i, ii, iii
    LETTERS_UPPER = "/A"  # A, B, ... Z, AA
    LETTERS_LOWER = "/a"  # a, b, ... z, aa
    PREFIX_ONLY = ""  # the prefix alone, e.g. a cover page called "Cover"


@dataclass(frozen=True)
class PageLabel:
    """What a PDF viewer shows as a part's page numbers, e.g. "B1", "B2" or "i", "ii".

    Args:
        prefix: text before each number, e.g. "B" for section B of a bundle.
        style: how the numbers are written.
        start: the number of the part's first page.
    """

    prefix: str = ""
    style: LabelStyle = LabelStyle.DECIMAL
    start: int = 1

    def __post_init__(self) -> None:
        if self.start < 1:
            raise ValueError("Page labels start at 1 or above.")


@dataclass(frozen=True)
class Part:
    """One finished PDF to put into a combined file.

    Args:
        pdf: the part's PDF bytes.
        title: its bookmark, opening at the part's first page.
        label: its page labels; None numbers its pages as the combined file does.
    """

    pdf: bytes = field(repr=False)
    title: str
    label: PageLabel | None = None


def combine(parts: Sequence[Part], title: str) -> bytes:
    """Join PDFs into one, with a bookmark per part and page labels that follow the parts.

    The same parts and title always give the same bytes.

    Args:
        parts: the PDFs, in order.
        title: the combined document's title, shown by viewers.

    Returns:
        One PDF that opens with its bookmarks shown; each bookmark opens at its part's
        first page. When any part has a label, every part starts a label range of its
        own (a part without one is numbered as its pages fall in the whole file).

    Raises:
        ValueError: when there are no parts, or a part is not a readable PDF or has no
            pages; the message names the part.
    """
    import pikepdf

    if not parts:
        raise ValueError("There is nothing to put together.")
    combined = pikepdf.Pdf.new()
    starts: list[int] = []
    # A source must stay open until the combined file is written: pikepdf copies the
    # content of its pages only then.
    with ExitStack() as sources:
        for part in parts:
            source = sources.enter_context(_open(part))
            if not source.pages:
                raise ValueError(f"{part.title} has no pages.")
            starts.append(len(combined.pages))
            combined.pages.extend(source.pages)
        with combined.open_outline() as outline:
            outline.root.extend(
                pikepdf.OutlineItem(part.title, start)
                for part, start in zip(parts, starts, strict=True)
            )
        if any(part.label is not None for part in parts):
            combined.Root.PageLabels = _page_labels(parts, starts)
        combined.Root.PageMode = pikepdf.Name.UseOutlines
        combined.docinfo["/Title"] = title
        combined.docinfo["/Creator"] = CREATOR
        out = BytesIO()
        combined.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    """Return how many pages a PDF has.

    Raises:
        ValueError: when the bytes are not a readable PDF.
    """
    with _open(Part(pdf, "The document")) as document:
        return len(document.pages)


def _open(part: Part) -> pikepdf.Pdf:
    import pikepdf

    try:
        return pikepdf.open(BytesIO(part.pdf))
    except pikepdf.PasswordError:
        raise ValueError(f"{part.title} is locked with a password.") from None
    except pikepdf.PdfError:
        raise ValueError(f"{part.title} is not a readable PDF.") from None


def _page_labels(parts: Sequence[Part], starts: Sequence[int]) -> pikepdf.Dictionary:
    """The document's page-label tree: one range from each part's first page."""
    import pikepdf

    numbers = pikepdf.Array()
    for part, first in zip(parts, starts, strict=True):
        label = part.label or PageLabel(start=first + 1)
        entry = pikepdf.Dictionary(St=label.start)
        if label.style is not LabelStyle.PREFIX_ONLY:
            entry.S = pikepdf.Name(label.style.value)
        if label.prefix:
            entry.P = pikepdf.String(label.prefix)
        numbers.extend([first, entry])
    return pikepdf.Dictionary(Nums=numbers)
