"""Where each placed document goes in a court bundle, its page numbers, and the warnings.

Plain Python on plain data, so the rules can be read (and tested) on their own:
- each section in date order, earliest first (undated last, then by title), unless the
  worker put a document in place by hand: then the section keeps the order it was given;
- once a version is issued its documents are locked in place, and anything placed later
  goes after them at the end of its section, so no page number the court and the parties
  already have ever changes (PD27A: late documents go at the end of their section);
- pages count within each section from 1 behind its letter (A1, A2 ... C12), as the
  built PDF labels them (documents/bundle/numbering.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from plo_tracker.domain.bundle_sections import SectionTemplate
from plo_tracker.domain.document_types import DocumentType, page_limit_warning


@dataclass(frozen=True)
class Item:
    """A document placed in a bundle, with what the rules need to know about it."""

    document_id: int
    title: str
    document_date: date | None
    doc_type: DocumentType
    sha256: str
    page_count: int
    pages_without_text: tuple[int, ...]
    section: str
    position: int
    placed_by_hand: bool = False
    late: bool = False
    # In a version already issued: it may not move and its pages keep their numbers.
    locked: bool = False


@dataclass(frozen=True)
class Numbered:
    """A placed document with the page numbers it will have."""

    item: Item
    first_label: str
    last_label: str

    @property
    def page_range(self) -> str:
        return page_range(self.first_label, self.last_label)


def page_range(first_label: str, last_label: str) -> str:
    """As the index prints it: "C1 - C12", or one label for a one-page document."""
    return first_label if first_label == last_label else f"{first_label} - {last_label}"


@dataclass(frozen=True)
class NumberedSection:
    letter: str
    title: str
    documents: tuple[Numbered, ...]

    @property
    def pages(self) -> int:
        return sum(n.item.page_count for n in self.documents)


def date_key(item: Item) -> tuple:
    """Earliest first; undated documents last, then by title (and id, so ties never flip)."""
    return (item.document_date is None, item.document_date or date.max,
            item.title.casefold(), item.document_id)


def section_order(items: Iterable[Item]) -> list[Item]:
    """One section's documents in the order they are bound.

    Locked documents (in an issued version) first, as they were; then the rest as placed.
    A section nobody has put in order by hand and nothing issued is kept in date order,
    worked out afresh, so a document whose date is corrected moves to its place.
    """
    by_position = sorted(items, key=lambda i: (i.position, i.document_id))
    locked = [i for i in by_position if i.locked]
    if locked:
        return locked + [i for i in by_position if not i.locked]
    if any(i.placed_by_hand for i in by_position):
        return by_position
    return sorted(by_position, key=date_key)


def date_order(items: Iterable[Item]) -> list[Item]:
    """A section put back in date order: what is locked stays first, as it is."""
    by_position = sorted(items, key=lambda i: (i.position, i.document_id))
    return ([i for i in by_position if i.locked]
            + sorted((i for i in by_position if not i.locked), key=date_key))


def insert_at(ordered: Sequence[Item], new: Item) -> int:
    """Where a document placed without a chosen position goes in a section: its date's
    place in a section kept in date order; at the end of one put in order by hand (the
    worker's order is not guessed at) or with issued pages (a late addition)."""
    if any(i.locked or i.placed_by_hand for i in ordered):
        return len(ordered)
    for index, item in enumerate(ordered):
        if date_key(item) > date_key(new):
            return index
    return len(ordered)


def by_section(items: Iterable[Item]) -> dict[str, list[Item]]:
    """The placed documents of each section (by letter), in binding order."""
    grouped: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        grouped[item.section].append(item)
    return {letter: section_order(found) for letter, found in grouped.items()}


def numbered(sections: Sequence[SectionTemplate], items: Iterable[Item],
             ) -> tuple[NumberedSection, ...]:
    """Every section of the bundle with its documents and their page numbers.

    A document in a section the bundle no longer has (it cannot happen through the
    services) would be lost from the build, so it is counted in the last section.
    """
    grouped = by_section(items)
    letters = [s.letter for s in sections]
    strays = [i for letter, found in grouped.items() if letter not in letters for i in found]
    result = []
    for number, section in enumerate(sections):
        found = grouped.get(section.letter, [])
        if number == len(sections) - 1:
            found = found + strays
        page = 1
        placed = []
        for item in found:
            last = page + max(item.page_count, 1) - 1
            placed.append(Numbered(item, f"{section.letter}{page}", f"{section.letter}{last}"))
            page = last + 1
        result.append(NumberedSection(section.letter, section.title, tuple(placed)))
    return tuple(result)


def total_pages(sections: Iterable[NumberedSection]) -> int:
    """Pages of the documents (the front sheet and index come on top)."""
    return sum(s.pages for s in sections)


def _pages_words(pages: Sequence[int]) -> str:
    listed = ", ".join(str(p) for p in pages)
    return f"page {listed}" if len(pages) == 1 else f"pages {listed}"


def unchecked_warning(title: str, pages: Sequence[int]) -> str:
    """A document whose pages have no text layer: the guard cannot read them."""
    return (f"“{title}”: {_pages_words(pages)} have no text layer, so they are not checked "
            "for confidential details. Look at them yourself before the bundle is served."
            if len(pages) > 1 else
            f"“{title}”: {_pages_words(pages)} has no text layer, so it is not checked "
            "for confidential details. Look at it yourself before the bundle is served.")


def warnings(sections: Sequence[NumberedSection], page_limit: int) -> tuple[str, ...]:
    """What to look at before building; none of it stops the build.

    The bundle over its page limit, a document over its PD27A length, the same file placed
    twice, pages the confidential-details guard cannot read, and empty sections.
    """
    found: list[str] = []
    total = total_pages(sections)
    if total > page_limit:
        found.append(f"The documents come to {total:,} pages; this bundle's limit is "
                     f"{page_limit:,} (PD27A allows 350 unless the court agrees more). "
                     "Take out what the court does not need, or ask the court first.")
    seen: dict[str, Numbered] = {}
    for section in sections:
        for placed in section.documents:
            item = placed.item
            too_long = page_limit_warning(item.doc_type, item.title, item.page_count)
            if too_long:
                found.append(too_long)
            twin = seen.get(item.sha256)
            if twin is not None:
                found.append(f"“{item.title}” ({placed.page_range}) is the same file as "
                             f"“{twin.item.title}” ({twin.page_range}): it is in the bundle "
                             "twice. Take one of them out.")
            else:
                seen[item.sha256] = placed
            if item.pages_without_text:
                found.append(unchecked_warning(item.title, item.pages_without_text))
    found.extend(f"Section {s.letter} ({s.title}) is empty." for s in sections
                 if not s.documents)
    return tuple(found)


def changes_since(number: int, previous: Sequence[dict], sections: Sequence[NumberedSection],
                  ) -> tuple[str, ...]:
    """What changed since version ``number``, whose manifest is ``previous``, in sentences
    printed after the index: documents added (with their pages), taken out, or whose
    file is not the one in that version."""
    before = {int(entry["document_id"]): entry for entry in previous}
    found: list[str] = []
    now: set[int] = set()
    for section in sections:
        for placed in section.documents:
            item = placed.item
            now.add(item.document_id)
            old = before.get(item.document_id)
            if old is None:
                found.append(f"Added “{item.title}” at {placed.page_range}.")
            elif old["sha256"] != item.sha256:
                found.append(f"“{item.title}” ({placed.page_range}) has been replaced by a "
                             f"new file since version {number}.")
            elif (old["first_label"], old["last_label"]) != (placed.first_label,
                                                             placed.last_label):
                found.append(f"“{item.title}” moved from {_range(old)} to "
                             f"{placed.page_range}.")
    found.extend(f"Took out “{entry['title']}” (was {_range(entry)})."
                 for document_id, entry in before.items() if document_id not in now)
    return tuple(found)


def _range(entry: dict) -> str:
    return page_range(entry["first_label"], entry["last_label"])
