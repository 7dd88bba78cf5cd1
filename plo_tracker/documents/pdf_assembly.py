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


@dataclass(frozen=True)
class Bookmark:
    """One entry of a PDF's bookmarks (outline), opening at a page of the file.

    Args:
        title: what the viewer lists.
        page: the page it opens at, counted from 0 in the whole file.
        children: bookmarks shown under this one (e.g. a bundle section's documents).
    """

    title: str
    page: int
    children: tuple[Bookmark, ...] = ()


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
            source = sources.enter_context(open_pdf(part.pdf, part.title))
            if not source.pages:
                raise ValueError(f"{part.title} has no pages.")
            starts.append(len(combined.pages))
            combined.pages.extend(source.pages)
        write_outline(combined, [Bookmark(part.title, start)
                                 for part, start in zip(parts, starts, strict=True)])
        if any(part.label is not None for part in parts):
            write_page_labels(combined, [
                (start, part.label or PageLabel(start=start + 1))
                for part, start in zip(parts, starts, strict=True)
            ])
        describe(combined, title)
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
    with open_pdf(pdf, "The document") as document:
        return len(document.pages)


def open_pdf(data: bytes, name: str) -> pikepdf.Pdf:
    """Open PDF bytes; ``name`` names it in the error.

    Raises:
        ValueError: when they are locked with a password or are not a readable PDF.
    """
    import pikepdf

    try:
        return pikepdf.open(BytesIO(data))
    except pikepdf.PasswordError:
        raise ValueError(f"{name} is locked with a password.") from None
    except pikepdf.PdfError:
        raise ValueError(f"{name} is not a readable PDF.") from None


def write_outline(pdf: pikepdf.Pdf, bookmarks: Sequence[Bookmark]) -> None:
    """Give ``pdf`` these bookmarks (replacing any) and have it open with them shown."""
    import pikepdf

    # Listed once: pikepdf finds a page given by number by going through the whole page
    # list each time (400 bookmarks into a 3,000-page bundle took a tenth of a second).
    pages = list(pdf.pages)

    def item(bookmark: Bookmark) -> pikepdf.OutlineItem:
        entry = pikepdf.OutlineItem(
            bookmark.title, pikepdf.Array([pages[bookmark.page].obj, pikepdf.Name.Fit]))
        entry.children.extend(item(child) for child in bookmark.children)
        return entry

    with pdf.open_outline() as outline:
        outline.root[:] = [item(bookmark) for bookmark in bookmarks]
    pdf.Root.PageMode = pikepdf.Name.UseOutlines


def write_page_labels(pdf: pikepdf.Pdf, ranges: Sequence[tuple[int, PageLabel]]) -> None:
    """Give ``pdf`` its page-label tree: each label numbers the pages from its first page
    (counted from 0 in the whole file) up to the next range's first page."""
    import pikepdf

    numbers = pikepdf.Array()
    for first, label in ranges:
        entry = pikepdf.Dictionary(St=label.start)
        if label.style is not LabelStyle.PREFIX_ONLY:
            entry.S = pikepdf.Name(label.style.value)
        if label.prefix:
            entry.P = pikepdf.String(label.prefix)
        numbers.extend([first, entry])
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=numbers)


def describe(pdf: pikepdf.Pdf, title: str) -> None:
    """Set the title viewers show and say the app made the file."""
    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Creator"] = CREATOR


def label_text(label: PageLabel, position: int) -> str:
    """What a viewer shows for the page ``position`` pages (from 0) into a label's range,
    e.g. "C12" or "iv"; what is printed on a page must be the same."""
    number = label.start + position
    if label.style is LabelStyle.PREFIX_ONLY:
        return label.prefix
    if label.style is LabelStyle.DECIMAL:
        written = str(number)
    elif label.style in (LabelStyle.ROMAN_UPPER, LabelStyle.ROMAN_LOWER):
        written = _roman(number)
    else:
        # The PDF's letters: A..Z, then AA..ZZ, then AAA... (the letter repeated).
        written = chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)
    if label.style in (LabelStyle.ROMAN_LOWER, LabelStyle.LETTERS_LOWER):
        written = written.lower()
    return label.prefix + written


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(number: int) -> str:
    written = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        written += letters * count
    return written
