"""Reading one cell of an imported spreadsheet: a date, a yes or no, a count, an outcome code.

Each reader returns the value (None for a blank cell) or raises CellProblem with what is
wrong and how to write it instead, in words for the person who keeps the spreadsheet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from .calendar_range import calendar_problem
from .date_text import parse_date
from .import_columns import Kind
from .vocabulary import Outcome, Sex

_YES = frozenset({"1", "y", "yes", "true"})
_NO = frozenset({"0", "n", "no", "false"})
_SEXES = {"f": Sex.FEMALE, "female": Sex.FEMALE, "girl": Sex.FEMALE,
          "m": Sex.MALE, "male": Sex.MALE, "boy": Sex.MALE,
          "u": Sex.UNKNOWN, "unknown": Sex.UNKNOWN, "not known": Sex.UNKNOWN}
_DATE_SEPARATORS = re.compile(r"[;,\n]+")


class CellProblem(ValueError):
    """A cell that cannot be read; ``message`` says what to write instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cell_text(raw: object) -> str:
    """A cell as text: a whole number from Excel loses its '.0', blanks become ''."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, date):
        return raw.strftime("%d/%m/%Y")
    return str(raw).strip()


def read_date(raw: object) -> date | None:
    """An Excel date, or text written dd/mm/yyyy (ISO yyyy-mm-dd is read too)."""
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        problem = calendar_problem(raw)
        if problem:
            raise CellProblem(problem)
        return raw
    text = cell_text(raw)
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        day = _plain_date(text)
        if day is not None:  # a real date outside the calendar: say so, not "not a date"
            raise CellProblem(calendar_problem(day) or "") from None
        raise CellProblem(f"'{text}' is not a date; write it as dd/mm/yyyy") from None


def _plain_date(text: str) -> date | None:
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if not match:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def read_dates(raw: object) -> tuple[date, ...] | None:
    """Several dates in one cell, separated by ';' (a single Excel date is read too)."""
    if isinstance(raw, (date, datetime)):
        return (read_date(raw),)  # type: ignore[return-value]
    days = []
    for part in _DATE_SEPARATORS.split(cell_text(raw)):
        if part.strip():
            try:
                days.append(read_date(part))
            except CellProblem as problem:
                raise CellProblem(f"{problem.message}; separate the dates with ';'") from None
    return tuple(sorted(days)) or None  # type: ignore[arg-type]


def read_yes_no(raw: object) -> bool | None:
    """1/0, Y/N, yes/no (any case); blank for not known."""
    text = cell_text(raw).casefold()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellProblem(f"'{cell_text(raw)}' is not yes or no; write 1 for yes or 0 for no")


def read_count(raw: object) -> int | None:
    """A whole number, 0 or more."""
    text = cell_text(raw)
    if not text:
        return None
    if not text.isdigit():
        raise CellProblem(f"'{text}' is not a number of meetings; write a whole number such "
                          "as 2, or 0")
    return int(text)


def read_outcome(raw: object, codes: Mapping[str, Outcome]) -> Outcome | None:
    """The census outcome code, read through the codes in the settings (any case)."""
    text = cell_text(raw)
    if not text:
        return None
    outcome = codes.get(text.upper())
    if outcome is None:
        listed = ", ".join(f"{code} ({_OUTCOME_WORDS[o]})" for code, o in codes.items())
        raise CellProblem(f"'{text}' is not an outcome code; use {listed}")
    return outcome


_OUTCOME_WORDS = {Outcome.STEP_DOWN: "stepped down",
                  Outcome.ISSUE_PROCEEDINGS: "care proceedings",
                  Outcome.OTHER: "ended otherwise"}


def read_sex(raw: object) -> Sex | None:
    text = cell_text(raw).casefold()
    if not text:
        return None
    sex = _SEXES.get(text)
    if sex is None:
        raise CellProblem(f"'{cell_text(raw)}' is not a sex the tracker records; write F, M "
                          "or leave it blank for not known")
    return sex


def read_cell(kind: Kind, raw: object, codes: Mapping[str, Outcome]) -> object:
    """Read a cell of a column of this kind; blank text is None."""
    if kind is Kind.TEXT:
        return cell_text(raw) or None
    if kind is Kind.OUTCOME:
        return read_outcome(raw, codes)
    return _READERS[kind](raw)


_READERS = {Kind.DATE: read_date, Kind.DATES: read_dates, Kind.YES_NO: read_yes_no,
            Kind.COUNT: read_count, Kind.SEX: read_sex}


def split_name(full: str) -> tuple[str, str] | None:
    """'Jo Anne Smith' -> ('Jo Anne', 'Smith'); None when there is only one word."""
    words = full.split()
    if len(words) < 2:
        return None
    return " ".join(words[:-1]), words[-1]
