"""build_bundle: the front sheet, the index, every document stamped and bookmarked, one PDF.

Order of work: lay out the front sheet and index (page ranges come from the layout's
page counts, so they are known first); bind each document in, stamping its pages as
they arrive; then link the index entries, write the bookmarks and page labels, and
write the file beside ``out`` under a temporary name, renamed only when complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from plo_tracker.documents.bundle.errors import BuildCancelled, BundleNotBuilt
from plo_tracker.documents.bundle.front_matter import bundle_title, render_front_matter
from plo_tracker.documents.bundle.index_pages import INDEX_TITLE
from plo_tracker.documents.bundle.layout import BuiltBundle, BundleLayout
from plo_tracker.documents.bundle.links import add_link
from plo_tracker.documents.bundle.manifest import manifest
from plo_tracker.documents.bundle.margins import content_box
from plo_tracker.documents.bundle.numbering import (
    FRONT_LABEL,
    PlacedDocument,
    placed_documents,
    section_label,
)
from plo_tracker.documents.bundle.page_view import page_view
from plo_tracker.documents.bundle.sources import document_name, open_source
from plo_tracker.documents.bundle.stamping import Stamper
from plo_tracker.documents.pdf_assembly import (
    Bookmark,
    PageLabel,
    describe,
    label_text,
    write_outline,
    write_page_labels,
)

if TYPE_CHECKING:
    import pikepdf

Progress = Callable[[int, int], None]


def build_bundle(layout: BundleLayout, out: Path, *, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> BuiltBundle:
    """Build the bundle's PDF at ``out``.

    Args:
        layout: the front sheet and the sections with their documents, in order.
        out: the file to write; replaced only once the new one is complete.
        progress: called with (documents done, documents in all) after each document.
        cancelled: asked between documents; True stops the build.

    Raises:
        BuildCancelled: ``cancelled`` said stop; nothing is left behind.
        BundleNotBuilt: a document could not be bound in; the message names it.
    """
    import pikepdf

    placed = list(placed_documents(layout))
    front = render_front_matter(layout, placed)
    part = _temporary_beside(out)
    try:
        with pikepdf.open(BytesIO(front.pdf)) as pdf:
            stamper = Stamper(pdf)
            labels = [label_text(FRONT_LABEL, number) for number in range(len(pdf.pages))]
            for page, label in zip(pdf.pages, labels, strict=True):
                stamper.stamp(page, page_view(page), content_box(page), label, back_link=False)
            front_pages = list(pdf.pages)
            index = front_pages[front.index_page]
            starts: list[int] = []
            first_pages: list[pikepdf.Page] = []
            for done, document in enumerate(placed, start=1):
                if cancelled is not None and cancelled():
                    raise BuildCancelled()
                starts.append(len(pdf.pages))
                try:
                    with open_source(document.document) as source:
                        pages = _bind_in(pdf, source)
                    first_pages.append(pages[0])
                    _stamp_document(pdf, stamper, document, pages, index, labels)
                except pikepdf.PdfError:
                    raise BundleNotBuilt(
                        f"{document_name(document.document)} is damaged and could not be "
                        "put into the bundle. Add it again, then build.") from None
                if progress is not None:
                    progress(done, len(placed))
            for place in front.places:
                add_link(pdf, front_pages[place.page], place.rect, first_pages[place.entry])
            write_outline(pdf, _bookmarks(layout, placed, starts, front.index_page))
            write_page_labels(pdf, _label_ranges(placed, starts))
            describe(pdf, bundle_title(layout))
            if cancelled is not None and cancelled():
                raise BuildCancelled()
            _write(pdf, part)
            page_count = len(pdf.pages)
        _replace(part, out)
    except BaseException:
        with suppress(OSError):
            part.unlink()
        raise
    return BuiltBundle(out, page_count, manifest(placed, starts), tuple(labels))


def _bind_in(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> list[pikepdf.Page]:
    """Add every page of ``source`` to the end of ``pdf``; returns the pages as added.

    They are found through copy_foreign, which gives back the copy qpdf has just made of
    each page: looking a page up by number in pdf.pages goes through the whole page
    list, and did so for every page of the bundle.
    """
    import pikepdf

    pdf.pages.extend(source.pages)
    return [pikepdf.Page(pdf.copy_foreign(page.obj)) for page in source.pages]


def _stamp_document(pdf: pikepdf.Pdf, stamper: Stamper, document: PlacedDocument,
                    pages: list[pikepdf.Page], index: pikepdf.Page, labels: list[str]) -> None:
    """Stamp a document's pages (just bound in) and link each to the index."""
    label = section_label(document.section)
    for offset, page in enumerate(pages):
        text = label_text(label, document.position - 1 + offset)
        labels.append(text)
        view = page_view(page)
        back = stamper.stamp(page, view, content_box(page), text, back_link=True)
        add_link(pdf, page, back, index)


def _bookmarks(layout: BundleLayout, placed: list[PlacedDocument], starts: list[int],
               index_page: int) -> list[Bookmark]:
    bookmarks = [Bookmark(INDEX_TITLE, index_page)]
    for section in layout.sections:
        children = tuple(Bookmark(document.document.title, start)
                         for document, start in zip(placed, starts, strict=True)
                         if document.section is section)
        if children:
            bookmarks.append(Bookmark(f"Section {section.letter}: {section.title}",
                                      children[0].page, children))
    return bookmarks


def _label_ranges(placed: list[PlacedDocument],
                  starts: list[int]) -> list[tuple[int, PageLabel]]:
    ranges = [(0, FRONT_LABEL)]
    for document, start in zip(placed, starts, strict=True):
        if document.position == 1:  # the first document of its section
            ranges.append((start, section_label(document.section)))
    return ranges


def _write(pdf: pikepdf.Pdf, part: Path) -> None:
    """Write the bundle: a failure here is the disk's (full, or the folder gone)."""
    import pikepdf

    try:
        # Every stream is written as it came: a document's already compressed page
        # content and images are copied, not decoded and compressed again (that cost
        # more than the rest of the build). Only the stamps' few operators stay plain.
        pdf.save(part, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
    except (OSError, pikepdf.PdfError):
        raise BundleNotBuilt(_cannot_write(part.parent)) from None


def _temporary_beside(out: Path) -> Path:
    """A new empty file in ``out``'s folder (so the rename cannot cross disks)."""
    try:
        handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}-",
                                        suffix=".part")
    except OSError:
        raise BundleNotBuilt(_cannot_write(out.parent)) from None
    os.close(handle)
    return Path(name)


def _replace(part: Path, out: Path) -> None:
    try:
        os.replace(part, out)
    except OSError:
        raise BundleNotBuilt(
            f"The bundle could not be saved as {out.name}: a file of that name may be open "
            "in another program. Close it, then build again.") from None


def _cannot_write(folder: Path) -> str:
    return (f"The bundle could not be written in {folder}. Check that the folder exists, "
            "that you may save there and that the disk has room, then build again.")

