"""The social work chronology: entries drawn from the record, merged with the worker's edits.

A chronology is filed at court as numbered entries (date, what happened, where it is
recorded). The app draws an entry from each fact of the case record; each carries an
`origin` ("meeting:12:held") so that drawing again adds only what is new: an entry the
worker edited keeps their words, and one they removed stays removed. Plain data only:
the services turn the record into facts and keep the entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from .calendar_range import calendar_problem
from .date_text import medium_date, parse_date, short_date
from .text_rules import TextKind, text_problems

# The longest "source" a stored entry holds (chronology_entries.source).
SOURCE_MAX = 200
# How much of an assessment's conclusion an entry quotes: a chronology says what happened,
# the report itself says why.
BRIEF_MAX = 160


@dataclass(frozen=True)
class ChronologyFact:
    """One event of the case record, as the chronology first words it."""

    origin: str
    entry_date: date
    event: str
    source: str


@dataclass(frozen=True)
class ChronologyLine:
    """One entry as the worker sees it; `entry_id` is None until it is saved."""

    entry_date: date
    event: str
    source: str
    origin: str | None = None  # None for an entry the worker added
    entry_id: int | None = None


def brief(text: str, limit: int = BRIEF_MAX) -> str:
    """The first sentence of ``text`` (cut at a word, with "…", if still too long)."""
    flat = " ".join(text.split())
    for stop in (". ", "? ", "! "):
        cut = flat.find(stop)
        if 0 < cut < limit:
            flat = flat[:cut + 1]
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def note_source(written_on: date) -> str:
    """Where a note's entry comes from, e.g. "Case note 14 Mar 2026"."""
    return f"Case note {medium_date(written_on)}"


def in_date_order(facts: Iterable[ChronologyFact]) -> list[ChronologyFact]:
    """Facts by date; on the same day, in the order the record gave them."""
    return sorted(facts, key=lambda fact: fact.entry_date)


def merge(existing: Sequence[ChronologyLine], facts: Iterable[ChronologyFact],
          removed: Iterable[str] = ()) -> list[ChronologyLine]:
    """The chronology with each fact not yet in it added at its place by date.

    ``existing`` is kept as it is, in its order (the worker may have moved entries). A fact
    whose origin is already there, or among ``removed`` (entries the worker took out), is
    left out. A new fact goes after the last entry dated on or before it, so a chronology
    in date order stays in date order.
    """
    known = {line.origin for line in existing if line.origin} | set(removed)
    lines = list(existing)
    for fact in in_date_order(f for f in facts if f.origin not in known):
        at = len(lines)
        while at > 0 and lines[at - 1].entry_date > fact.entry_date:
            at -= 1
        lines.insert(at, ChronologyLine(fact.entry_date, fact.event, fact.source, fact.origin))
        known.add(fact.origin)
    return lines


def moved(lines: Sequence[ChronologyLine], row: int, by: int) -> list[ChronologyLine]:
    """The lines with the one at ``row`` moved ``by`` places (up when negative), kept within
    the list."""
    result = list(lines)
    target = max(0, min(len(result) - 1, row + by))
    result.insert(target, result.pop(row))
    return result


def sorted_by_date(lines: Sequence[ChronologyLine]) -> list[ChronologyLine]:
    """The lines in date order; entries of the same day keep their order."""
    return sorted(lines, key=lambda line: line.entry_date)


def line_problems(lines: Sequence[ChronologyLine]) -> dict[str, str]:
    """What is wrong with the entries, each under "entry N" (N as numbered), in words."""
    problems: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        key = f"entry {number}"
        if not line.event.strip():
            problems[key] = f"Entry {number}: say what happened, or remove the entry."
            continue
        if not line.source.strip():
            problems[key] = (f"Entry {number}: say where it is recorded, e.g. "
                             "“Case note 14 Mar 2026”.")
            continue
        if len(line.source.strip()) > SOURCE_MAX:
            problems[key] = (f"Entry {number}: the source is too long (at most {SOURCE_MAX} "
                             "characters).")
            continue
        date_problem = calendar_problem(line.entry_date)
        if date_problem:
            problems[key] = f"Entry {number} ({short_date(line.entry_date)}): {date_problem}"
            continue
        found = text_problems(event=(line.event, TextKind.LONG_TEXT),
                              source=(line.source, TextKind.PLACE))
        if found:
            problems[key] = f"Entry {number}: {next(iter(found.values()))}"
    return problems


def cleaned(line: ChronologyLine) -> ChronologyLine:
    """The line with surrounding space taken off its words."""
    return replace(line, event=line.event.strip(), source=line.source.strip())


def read_entry_date(text: str) -> date:
    """A date as the chronology shows it ("Tue 3 Mar 2026", "3 Mar 2026") or as typed
    (03/03/2026, 2026-03-03).

    Raises:
        ValueError: with a plain-English message when the text is not a date.
    """
    cleaned_text = " ".join(text.split())
    for shape in ("%a %d %b %Y", "%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(cleaned_text, shape).date()
        except ValueError:
            continue
    return parse_date(cleaned_text)
