"""Writing a national return as a CSV file: never replacing a file, readable by its owner only.

As with letters (letter_files.py), a name already taken gets " (2)", " (3)" and so on, so a
return saved twice keeps both, and a file put there by someone else is never replaced.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from plo_tracker.domain.errors import DomainError
from plo_tracker.storage.files import write_new_file

from .audit_log import safe_cell


class ReturnNotWritten(DomainError):
    """The folder did not take the file; the message says why in plain words."""


def write_csv(out: Path, headers: Sequence[str], rows: Iterable[Sequence[str]],
              typed: Collection[int] = ()) -> Path:
    """Write the rows under their headers to ``out``, or to "name (2).csv" and so on when
    that name is taken; returns the file written.

    UTF-8 without a byte order mark, as data collections expect; a cell of the ``typed``
    columns (text someone typed, such as a child's id) that a spreadsheet would run as a
    formula is written with a leading apostrophe. The other columns are dates, numbers and
    codes the app writes itself.

    Raises:
        ReturnNotWritten: the folder refused the file.
    """
    def fill(file) -> None:
        writer = csv.writer(file)
        writer.writerow(headers)
        writer.writerows(_guarded(rows, typed) if typed else rows)

    try:
        return write_new_file(out, fill, text=True)
    except FileExistsError:
        raise ReturnNotWritten(f"Every name like {out.name} is taken in that folder: choose "
                               "another name.") from None
    except OSError as error:
        raise _not_written(out, error) from None


def _guarded(rows: Iterable[Sequence[str]], typed: Collection[int]) -> Iterable[list[str]]:
    for row in rows:
        cells = list(row)
        for column in typed:
            cells[column] = safe_cell(cells[column])
        yield cells


def _not_written(out: Path, error: OSError) -> ReturnNotWritten:
    why = error.strerror or "the computer refused it"
    return ReturnNotWritten(f"The return could not be saved as {out.name} ({why.lower()}). "
                            "Choose another folder or name.")
