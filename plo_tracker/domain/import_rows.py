"""The rows of an imported spreadsheet read into values, with every cell that cannot be read
named by row and column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .import_columns import BY_NAME
from .import_values import CellProblem, cell_text, read_cell
from .vocabulary import Outcome


@dataclass(frozen=True)
class ImportProblem:
    """Something wrong (or, when not an error, worth knowing) about the file, where it is."""

    row: int | None
    column: str | None
    message: str
    is_error: bool = True

    @property
    def text(self) -> str:
        """'Row 14, PPStartDate: ...' as the preview and the command line show it."""
        where = ", ".join(part for part in (
            f"Row {self.row}" if self.row is not None else None, self.column) if part)
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ImportRow:
    """One row of the file: each known column's value (None when blank or unreadable)."""

    number: int  # as the spreadsheet shows it: the headings are row 1
    values: dict[str, object]
    shown: dict[str, str]  # each cell as written, for messages
    unreadable: set[str] = field(default_factory=set)

    def get(self, column: str) -> object:
        return self.values.get(column)


def read_rows(rows: Iterable[tuple[int, Sequence[object]]], positions: Mapping[str, int],
              codes: Mapping[str, Outcome]) -> tuple[list[ImportRow], list[ImportProblem]]:
    """Read each row's known columns; blank rows are skipped."""
    read: list[ImportRow] = []
    problems: list[ImportProblem] = []
    columns = [(BY_NAME[name], position) for name, position in positions.items()]
    for number, cells in rows:
        if all(cell_text(cell) == "" for cell in cells):
            continue
        row = ImportRow(number, {}, {})
        for column, position in columns:
            raw = cells[position] if position < len(cells) else None
            row.shown[column.name] = cell_text(raw)
            try:
                row.values[column.name] = read_cell(column.kind, raw, codes)
            except CellProblem as problem:
                row.values[column.name] = None
                row.unreadable.add(column.name)
                problems.append(ImportProblem(number, column.name, problem.message))
        read.append(row)
    return read, problems
