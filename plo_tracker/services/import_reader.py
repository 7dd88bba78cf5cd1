"""Reading the council's spreadsheet: a CSV file (UTF-8, or Excel's Windows encoding) or the
first sheet of an .xlsx workbook, as headings and rows of cells."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plo_tracker.domain.errors import DomainError

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
SUFFIXES = (".csv", *EXCEL_SUFFIXES)
CP1252_NOTE = ("The file is not UTF-8 text, so it was read as Excel's Windows text (cp1252). "
               "Check that names with accents look right, or save it as 'CSV UTF-8'.")


@dataclass(frozen=True)
class SheetRows:
    """A file's headings and its rows, each with its row number as the spreadsheet shows it."""

    headings: tuple[str, ...]
    rows: list[tuple[int, Sequence[object]]]
    notes: tuple[str, ...] = ()  # how it was read, when the reader had to guess


def read_sheet(path: Path) -> SheetRows:
    """Read a .csv or .xlsx file.

    Raises:
        DomainError: the file is missing, of another kind, empty, or cannot be read; the
            message says what to do.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DomainError(f"'{path.name}' is not a .csv or .xlsx file. Save the spreadsheet as "
                          "CSV or as an Excel workbook (.xlsx) and choose that.")
    if not path.is_file():
        raise DomainError(f"There is no file '{path.name}' in {path.parent}.")
    sheet = _read_excel(path) if suffix in EXCEL_SUFFIXES else _read_csv(path)
    if not any(h.strip() for h in sheet.headings):
        raise DomainError(f"'{path.name}' has no headings in its first row. The first row "
                          "names the columns: save a blank template to see them.")
    return sheet


def _read_csv(path: Path) -> SheetRows:
    data = path.read_bytes()
    notes: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, notes = data.decode("cp1252", errors="replace"), (CP1252_NOTE,)
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        raise DomainError(f"'{path.name}' is empty.")
    rows = [(number, record) for number, record in enumerate(records[1:], start=2)]
    return SheetRows(tuple(records[0]), rows, notes)


def _read_excel(path: Path) -> SheetRows:
    from openpyxl import load_workbook  # loaded only when a workbook is read

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DomainError(f"'{path.name}' could not be read as an Excel workbook. Open it in "
                          "Excel and save it again as .xlsx (or as CSV).") from None
    try:
        sheet = book.worksheets[0]
        cells = sheet.iter_rows(values_only=True)
        headings = next(cells, None)
        if headings is None:
            raise DomainError(f"The first sheet of '{path.name}' is empty.")
        rows = [(number, row) for number, row in enumerate(cells, start=2)]
        notes = ()
        if len(book.worksheets) > 1:
            notes = (f"Only the first sheet, '{sheet.title}', was read.",)
        return SheetRows(tuple("" if h is None else str(h) for h in headings), rows, notes)
    finally:
        book.close()
