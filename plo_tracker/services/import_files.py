"""The files around an import: the blank template to fill in, and the problems saved as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from plo_tracker.domain.import_columns import COLUMNS
from plo_tracker.domain.import_rows import ImportProblem


def write_template(out: Path) -> Path:
    """A CSV of the headings alone, every column the import reads in order (UTF-8 with a byte
    order mark, so Excel opens it with accents intact)."""
    with out.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerow([column.name for column in COLUMNS])
    return out


def write_problems(problems: Iterable[ImportProblem], out: Path) -> Path:
    """The preview's problems as CSV (Row, Column, Problem, Kind), to work through in the
    spreadsheet. They quote the file's own cells, so the file is kept as carefully as it."""
    with out.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Row", "Column", "Problem", "Kind"])
        for problem in problems:
            writer.writerow([problem.row or "", problem.column or "", problem.message,
                             "error" if problem.is_error else "warning"])
    return out
