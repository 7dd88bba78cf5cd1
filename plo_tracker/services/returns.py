"""The national returns: the CIN census module 5 (checked against the census rules first)
and the Standard Safeguarding Dataset's pre-proceedings table, as CSV files, audited.

A national return must be complete, but a restricted family is seen only by the people
named for it. So the return holds the families the person making it may see, and says
how many restricted families it left out and who could make the full return; the census
is not saved with families left out unless the person sends it anyway
(``allow_failures``), as with any other problem. The SSD table, a local dataset with no
rules to pass, is saved and says the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.census import (
    CENSUS_COLUMNS,
    CensusFailure,
    CensusRecord,
    ReportingYear,
    RuleContext,
    broken_rules,
    census_records,
    failures_of,
    year_problem,
)
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.permissions import Permission
from plo_tracker.domain.ssd import SSD_HEADERS
from plo_tracker.domain.vocabulary import Outcome
from plo_tracker.settings import ReturnSettings
from plo_tracker.storage.errors import ReadOnlyDatabase

from . import audit
from .actor import Actor
from .context import ServiceContext
from .permissions import require
from .return_files import write_csv
from .returns_query import LeftOut, census_episodes, cin_scope, left_out, ssd_scope
from .returns_ssd import ssd_table

# The columns holding text someone typed (ids, references): guarded against formulas.
CIN_TYPED = tuple(CENSUS_COLUMNS.index(name) for name in ("LAchildID", "PLOFamilyID"))
SSD_TYPED = tuple(SSD_HEADERS.index(name) for name in (
    "prep_person_id", "prep_plo_family_id", "prep_court_reference"))
# The census years offered: from the first year of module 5 (2026-27).
FIRST_CENSUS_YEAR = 2026


def outcome_codes(settings: ReturnSettings) -> dict[Outcome, str]:
    """The census's PPOutcome code of each of the app's outcomes, from the settings."""
    return {Outcome.STEP_DOWN: settings.outcome_step_down.strip(),
            Outcome.ISSUE_PROCEEDINGS: settings.outcome_issue_proceedings.strip(),
            Outcome.OTHER: settings.outcome_other.strip()}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


@dataclass(frozen=True)
class CinReturn:
    """The census return for a year: its rows, every rule broken, and any restricted
    families left out because the reader may not see them."""

    year: ReportingYear
    rows: tuple[CensusRecord, ...]
    failures: tuple[CensusFailure, ...]
    left_out: LeftOut | None = None

    @property
    def errors(self) -> tuple[CensusFailure, ...]:
        """The failures that stop the return (all but the queries)."""
        return tuple(f for f in self.failures if not f.is_query)

    @property
    def queries(self) -> tuple[CensusFailure, ...]:
        """Values to confirm (rules ending in Q): listed, but they do not stop the return."""
        return tuple(f for f in self.failures if f.is_query)

    @property
    def family_ids(self) -> frozenset[int]:
        return frozenset(row.family_id for row in self.rows)

    @property
    def ready(self) -> bool:
        """True when nothing stops the return: no error, and no family left out."""
        return not self.errors and self.left_out is None

    def summary(self) -> str:
        """The state of the return in a sentence or two."""
        what = (f"The census return for {self.year.words()} has "
                f"{_plural(len(self.rows), 'row')} (one per child per episode) from "
                f"{_plural(len(self.family_ids), 'family', 'families')}.")
        if self.errors:
            what += f" {_plural(len(self.errors), 'problem')} to fix before it is sent."
        else:
            what += " It passes the census rules."
        if self.queries:
            what += f" {_plural(len(self.queries), 'query', 'queries')} to confirm."
        if self.left_out:
            what += " " + self.left_out.words()
        return what


@dataclass(frozen=True)
class WrittenReturn:
    """A return saved: where, how many rows and families, and what it was sent with."""

    path: Path
    rows: int
    family_ids: frozenset[int]
    problems: int = 0
    left_out: LeftOut | None = None
    checked: CinReturn | None = None  # the census return as checked before it was saved

    def words(self) -> str:
        what = (f"Saved {_plural(self.rows, 'row')} from "
                f"{_plural(len(self.family_ids), 'family', 'families')} in {self.path.name}.")
        if self.problems:
            what += f" It was saved with {_plural(self.problems, 'problem')} not fixed."
        if self.left_out:
            what += " " + self.left_out.words()
        return what


class ReturnBlocked(DomainError):
    """The census return still has problems; ``result`` lists them."""

    def __init__(self, result: CinReturn) -> None:
        parts = []
        if result.errors:
            parts.append(f"{_plural(len(result.errors), 'problem')} to fix")
        if result.left_out:
            parts.append(_plural(result.left_out.families, "restricted family",
                                 "restricted families") + " left out")
        super().__init__(
            f"The census return for {result.year.label} was not saved: it has "
            + " and ".join(parts) + ". Check lists each problem with the family and what to "
            "fix; fix them and save again, or send it with these problems.")
        self.result = result


class ReturnsService:
    """The CIN census and SSD returns (Permission.MAKE_RETURNS); each file saved is audited,
    with counts only (no names) in the audit entry."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def cin_rows(self, actor: Actor, year: int) -> CinReturn:
        """The census rows for the reporting year starting 1 April ``year``, as at its last
        day, with every rule they break.

        Raises:
            PermissionDenied: the role may not make national returns.
        """
        require(actor, Permission.MAKE_RETURNS)
        problem = year_problem(year)
        if problem:
            raise ValidationFailed({"year": problem})
        census_year = ReportingYear(year)
        with self._ctx.database.reading() as conn:
            settings = self._ctx.settings(conn).returns
            codes = outcome_codes(settings)
            episodes, children = census_episodes(conn, actor, census_year)
            missing = left_out(conn, cin_scope(actor, census_year, seen=False))
        context = RuleContext(census_year, codes[Outcome.ISSUE_PROCEEDINGS])
        rows: list[CensusRecord] = []
        failures: list[CensusFailure] = []
        for episode in episodes:
            kids = [child.census_child() for child in children.get(episode.family_id, [])]
            records = census_records(episode, kids, census_year, codes)
            broken = broken_rules(records[0], context) if records else []
            for record in records:
                rows.append(record)
                failures.extend(failures_of(record, broken))
        return CinReturn(census_year, tuple(rows), tuple(failures), missing)

    def write_cin(self, actor: Actor, year: int, out: Path, *,
                  allow_failures: bool = False) -> WrittenReturn:
        """Check the census return and save it as CSV (CENSUS_COLUMNS); a name taken gets
        " (2)" and so on, never replacing a file.

        Args:
            allow_failures: save it even with problems or families left out (the result
                says how many).

        Raises:
            PermissionDenied: the role may not make national returns.
            ReturnBlocked: problems remain and ``allow_failures`` is not given.
            ReturnNotWritten: the folder refused the file.
        """
        require(actor, Permission.MAKE_RETURNS)
        self._refuse_read_only()
        result = self.cin_rows(actor, year)
        if not result.ready and not allow_failures:
            raise ReturnBlocked(result)
        path = write_csv(out, CENSUS_COLUMNS, (row.cells() for row in result.rows),
                         typed=CIN_TYPED)
        written = WrittenReturn(path, len(result.rows), result.family_ids, len(result.errors),
                                result.left_out, result)
        self._record(actor, path, "cin_census", written, year=year,
                     queries=len(result.queries))
        return written

    def write_ssd(self, actor: Actor, out: Path) -> WrittenReturn:
        """Save the SSD pre-proceedings table as CSV (SSD_HEADERS), one row per child per
        episode with a gateway decision; never replacing a file.

        Raises:
            PermissionDenied: the role may not make national returns.
            ReturnNotWritten: the folder refused the file.
        """
        require(actor, Permission.MAKE_RETURNS)
        self._refuse_read_only()
        with self._ctx.database.reading() as conn:
            table = ssd_table(conn, actor)
            missing = left_out(conn, ssd_scope(actor, seen=False))
        path = write_csv(out, SSD_HEADERS, table.rows, typed=SSD_TYPED)
        written = WrittenReturn(path, len(table.rows), table.family_ids, 0, missing)
        self._record(actor, path, "ssd_pre_proceedings", written)
        return written

    def _refuse_read_only(self) -> None:
        # Every return saved is audited: refused before a file is made, not after.
        if self._ctx.database.read_only_reason is not None:
            raise ReadOnlyDatabase(self._ctx.database.read_only_reason)

    def _record(self, actor: Actor, path: Path, what: str, written: WrittenReturn,
                **more: int) -> None:
        try:
            with self._ctx.database.unit_of_work() as session:
                audit.record(session, actor, AuditAction.RETURN_EXPORT, what, None, None,
                             after={"records": written.rows,
                                    "families": len(written.family_ids),
                                    "problems": written.problems,
                                    "left_out": written.left_out.families
                                    if written.left_out else 0, **more})
        except BaseException:
            path.unlink(missing_ok=True)  # a return the log does not hold is not left behind
            raise
