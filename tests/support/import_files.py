"""Spreadsheets for the import's tests: rows written as the CIN census export writes them
(contract C: its columns in order, dates dd/mm/yyyy, yes/no 1/0, blank for unknown), with any
extra columns after them, as CSV or as an .xlsx made with openpyxl.

Tests import these as ``from tests.support.import_files import write_csv, write_xlsx``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

CENSUS_HEADER = ("LAchildID", "EpisodeID", "PLOFamilyID", "PPStartDate", "LBPSentDate",
                 "FGDMMeetingOffer", "FGDMMeetingFac", "InitialPPMeetingDate",
                 "ReviewMeetingsCount", "StepDecisionDate", "PPOutcome", "CourtAppDate",
                 "LetterInitCPDate")


def census_cell(value: object) -> str:
    """A value as the census export writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def header_for(rows: Sequence[Mapping[str, object]]) -> list[str]:
    """The census columns, then every other column the rows use, in first-seen order."""
    extra: list[str] = []
    for row in rows:
        extra += [k for k in row if k not in CENSUS_HEADER and k not in extra]
    return [*CENSUS_HEADER, *extra]


def write_csv(path: Path, rows: Sequence[Mapping[str, object]], encoding: str = "utf-8",
              header: Sequence[str] | None = None) -> Path:
    columns = list(header or header_for(rows))
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([census_cell(row.get(c)) for c in columns])
    return path


def write_xlsx(path: Path, rows: Sequence[Mapping[str, object]]) -> Path:
    """The same rows in a workbook: dates as Excel dates, numbers as numbers."""
    from openpyxl import Workbook

    columns = header_for(rows)
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in rows:
        sheet.append([_excel(row.get(c)) for c in columns])
    book.save(path)
    return path


def _excel(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    return value
