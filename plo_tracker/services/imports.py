"""Importing families from the council's spreadsheet: a preview with every problem by row and
column, then all or nothing in one transaction, audited once."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.import_columns import COLUMNS
from plo_tracker.domain.import_rows import ImportProblem

from . import audit
from .actor import Actor
from .case_index import refresh_case_index
from .context import ServiceContext
from .import_check import CheckedFile, check_database, check_file
from .import_write import write_families
from .permissions import Permission, require

# Called with (step, steps, what is being done) as an import goes on.
Progress = Callable[[int, int, str], None]
STEPS = 4
_POSITION = {column.name: number for number, column in enumerate(COLUMNS)}


@dataclass(frozen=True)
class ImportPreview:
    """What a file would add, and everything wrong with it (nothing is written while any
    error remains)."""

    file_name: str
    rows: int
    families: int
    children: int
    adults: int
    episodes: int
    problems: tuple[ImportProblem, ...]  # errors and warnings, in row order

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def can_import(self) -> bool:
        return not self.errors and self.families > 0

    def summary(self) -> str:
        """'12 rows: 5 families, 7 children, 9 adults, 6 episodes.' While errors remain, the
        counts are of the families without any, and say so."""
        counts = (f"{_count(self.families, 'family', 'families')}, "
                  f"{_count(self.children, 'child', 'children')}, "
                  f"{_count(self.adults, 'adult')}, {_count(self.episodes, 'episode')}.")
        if self.errors:
            return f"{_count(self.rows, 'row')}; the families without problems hold {counts}"
        return f"{_count(self.rows, 'row')}: {counts}"


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else many or one + 's'}"


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    family_ids: tuple[int, ...]


class ImportRefused(DomainError):
    """The file has problems; nothing was written. ``preview`` lists them."""

    def __init__(self, preview: ImportPreview) -> None:
        errors = len(preview.errors)
        message = (f"{preview.file_name} has {_count(errors, 'problem')} to fix; nothing was "
                   "imported." if errors else f"{preview.file_name} has no families to import.")
        super().__init__(message)
        self.preview = preview


class ImportService:
    """`plo-tracker import` and the window's import wizard (administrators)."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def preview(self, actor: Actor, path: Path) -> ImportPreview:
        """Read and check the file against the database, writing nothing.

        Raises:
            DomainError: the file cannot be read at all (missing, not a spreadsheet).
        """
        require(actor, Permission.IMPORT_RECORDS)
        checked = self._check_file(path)
        with self._ctx.database.reading() as conn:
            found, _accounts = check_database(conn, checked.plan)
        return _preview(checked, found)

    def run(self, actor: Actor, path: Path, progress: Progress | None = None) -> ImportResult:
        """Import every family of the file in one transaction, or nothing.

        The file is read and checked again here, and the database checks run inside the
        transaction that writes, so what is written is what was checked.

        Raises:
            ImportRefused: any problem remains (its preview lists them); nothing is written.
            DomainError: the file cannot be read at all.
        """
        require(actor, Permission.IMPORT_RECORDS)
        step = progress or (lambda _done, _steps, _what: None)
        step(0, STEPS, "Reading and checking the file")
        checked = self._check_file(path)
        if any(p.is_error for p in checked.problems):
            with self._ctx.database.reading() as conn:  # the whole list, as the preview gives
                raise ImportRefused(_preview(checked, check_database(conn, checked.plan)[0]))
        with self._ctx.database.unit_of_work() as session:
            conn = session.connection()
            step(1, STEPS, "Checking against the families already in the tracker")
            found, accounts = check_database(conn, checked.plan)
            preview = _preview(checked, found)
            if not preview.can_import:
                raise ImportRefused(preview)
            step(2, STEPS, "Adding the families")
            written = write_families(conn, checked.plan.families, accounts,
                                     self._ctx.clock.now())
            step(3, STEPS, "Updating the families list and what is due")
            refresh_case_index(conn, self._ctx.settings(conn).timescales,
                               list(written.family_ids))
            # One entry for the whole import: counts and the file's name and fingerprint,
            # never anyone's details; the family ids say which records it made.
            audit.record(session, actor, AuditAction.IMPORT, "import", None, None, after={
                "file": path.name, "sha256": _fingerprint(path), "rows": preview.rows,
                "families": preview.families, "children": preview.children,
                "adults": preview.adults, "episodes": preview.episodes,
                "letters": written.counts["letters"], "meetings": written.counts["meetings"],
                "first_family_id": written.family_ids[0],
                "last_family_id": written.family_ids[-1],
            })
        step(STEPS, STEPS, "Done")
        return ImportResult(preview, written.family_ids)

    def _check_file(self, path: Path) -> CheckedFile:
        return check_file(path, self._ctx.settings().returns, self._ctx.clock.today())


def _preview(checked: CheckedFile, more: list[ImportProblem]) -> ImportPreview:
    wrong = {p.row for p in (*checked.problems, *more) if p.is_error}
    families = [f for f in checked.plan.families if wrong.isdisjoint(f.rows)]
    problems = sorted((*checked.problems, *more), key=lambda p: (
        p.row is None, p.row or 0, not p.is_error, _POSITION.get(p.column or "", 0)))
    return ImportPreview(
        checked.name, checked.rows, len(families), sum(len(f.children) for f in families),
        sum(len(f.adults) for f in families), sum(len(f.episodes) for f in families),
        tuple(problems))


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
