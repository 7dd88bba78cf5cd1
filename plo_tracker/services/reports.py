"""Management figures (Reports): the figures for a period, team and social worker, the
families behind each, each table as CSV and the monthly report as a PDF.

Everything needs VIEW_REPORTS. Figures count only the families the reader may see
(family_access.visible), so a restricted family is neither counted nor listed for anyone
not named for it. The figures themselves name no family and are not audited; a list of the
families behind a figure is a view of those families, and every CSV and PDF an export,
so each of those is in the audit log.
"""

from __future__ import annotations

from dataclasses import replace as _replace
from pathlib import Path

from sqlalchemy import Connection, func, select

from plo_tracker.documents.report_pdf import render_management_report
from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.storage.errors import ReadOnlyDatabase
from plo_tracker.storage.models import Family, User

from . import audit
from .actor import Actor
from .context import ServiceContext
from .family_access import visible
from .permissions import Permission, require
from .reports_drilldown import families_behind
from .reports_files import management_report, write_csv
from .reports_filter import NO_TEAM, NO_WORKER, ReportFilter
from .reports_queries import build_report
from .reports_tables import FAMILIES, families_table, table_named
from .reports_views import FamilyLine, KpiReport, ReportChoices


class ReportService:
    """The management figures, for the roles that may see them (Permission.VIEW_REPORTS)."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def choices(self, actor: Actor) -> ReportChoices:
        """The teams (of families and of accounts) and the social workers to filter by."""
        require(actor, Permission.VIEW_REPORTS)
        with self._ctx.database.reading() as conn:
            teams = {t for t in conn.execute(select(Family.team).distinct()
                                             .where(visible(Family.id, actor))).scalars() if t}
            teams |= {t for t in conn.execute(select(User.team).distinct()).scalars() if t}
            workers = conn.execute(
                select(User.id, User.display_name).where(User.role == Role.SOCIAL_WORKER.value)
                .order_by(func.lower(User.display_name))).all()
        return ReportChoices(tuple(sorted(teams, key=str.lower)),
                             tuple((row.id, row.display_name) for row in workers))

    def figures(self, actor: Actor, report_filter: ReportFilter) -> KpiReport:
        """Every figure for the filter.

        Raises:
            PermissionDenied: the role may not see the management figures.
            ValidationFailed: the period ends before it starts (under "end").
        """
        require(actor, Permission.VIEW_REPORTS)
        report_filter.check()
        with self._ctx.database.reading() as conn:
            return self._figures(conn, actor, report_filter)

    def families_behind(self, actor: Actor, report_filter: ReportFilter,
                        key: str) -> tuple[FamilyLine, ...]:
        """The families counted by one figure (or one cell of a table); looking is audited.

        Raises:
            PermissionDenied: the role may not see the management figures.
            ValidationFailed: a key no figure has (under "key"), or the period is the
                wrong way round (under "end").
        """
        require(actor, Permission.VIEW_REPORTS)
        report_filter.check()
        today = self._ctx.clock.today()
        with audit.viewing(self._ctx.database) as session:
            conn = session.connection()
            lines = tuple(families_behind(conn, actor, report_filter, key, today,
                                          self._ctx.settings(conn).timescales))
            audit.record_view(session, actor, AuditAction.REPORT_FAMILIES, "report", None,
                              None, after={"figure": key, **report_filter.as_record(),
                                           "family_ids": [line.family_id for line in lines]})
        return lines

    def export_csv(self, actor: Actor, report_filter: ReportFilter, table: str, path: Path,
                   replace: bool = False) -> int:
        """Write one table of the report to a CSV file; the export is audited.

        Args:
            table: "summary", "months", "step_down_teams", "step_down_workers", or
                "families:KEY" for the families behind the figure KEY.
            replace: True once the person has agreed to replace a file of that name;
                otherwise an existing file is left alone (FileExistsError).

        Returns:
            The number of rows written.

        Raises:
            PermissionDenied: the role may not see the management figures.
            ValidationFailed: no table has that name (under "table").
            ReadOnlyDatabase: the export could not be recorded, so none is made.
        """
        require(actor, Permission.VIEW_REPORTS)
        report_filter.check()
        self._refuse_read_only()
        today = self._ctx.clock.today()
        with self._ctx.database.reading() as conn:
            if table.startswith(f"{FAMILIES}:"):
                key = table.partition(":")[2]
                lines = families_behind(conn, actor, report_filter, key, today,
                                        self._ctx.settings(conn).timescales)
                chosen = families_table(key, lines)
                family_ids = [line.family_id for line in lines]
            else:
                try:
                    chosen = table_named(self._figures(conn, actor, report_filter), table)
                except KeyError:
                    raise ValidationFailed({"table": f"There is no table called {table}."}
                                           ) from None
                family_ids = None
        count = write_csv(chosen, path, replace)
        self._record_export(actor, "report_csv", path, {
            "table": table, "rows": count, **report_filter.as_record(),
            **({"family_ids": family_ids} if family_ids is not None else {})})
        return count

    def monthly_pdf(self, actor: Actor, report_filter: ReportFilter, path: Path,
                    replace: bool = False) -> int:
        """Write the management report (charts and tables) as a PDF; the export is audited.

        Args:
            replace: True once the person has agreed to replace a file of that name;
                otherwise an existing file is left alone (FileExistsError).

        Returns:
            The number of pages.

        Raises:
            PermissionDenied: the role may not see the management figures.
            ReadOnlyDatabase: the export could not be recorded, so none is made.
        """
        require(actor, Permission.VIEW_REPORTS)
        report_filter.check()
        self._refuse_read_only()
        with self._ctx.database.reading() as conn:
            report = self._figures(conn, actor, report_filter)
            council = self._ctx.settings(conn).council.name or "PLO Tracker"
        rendered = render_management_report(management_report(report, council,
                                                              actor.display_name))
        with path.open("wb" if replace else "xb") as file:
            file.write(rendered.pdf)
        self._record_export(actor, "report_pdf", path, {"pages": rendered.pages,
                                                        **report_filter.as_record()})
        return rendered.pages

    # -- the steps ----------------------------------------------------------------------
    def _figures(self, conn: Connection, actor: Actor, report_filter: ReportFilter,
                 ) -> KpiReport:
        report = build_report(conn, actor, report_filter, self._ctx.clock.today(),
                              self._ctx.settings(conn).timescales)
        return _named(conn, report)

    def _refuse_read_only(self) -> None:
        # Every export is audited; refused before a file is made, not after.
        if self._ctx.database.read_only_reason is not None:
            raise ReadOnlyDatabase(self._ctx.database.read_only_reason)

    def _record_export(self, actor: Actor, what: str, path: Path,
                       after: dict[str, object]) -> None:
        try:
            with self._ctx.database.unit_of_work() as session:
                audit.record(session, actor, AuditAction.EXPORT, what, None, None, after=after)
        except BaseException:
            path.unlink(missing_ok=True)  # an export the log does not hold is not left behind
            raise


def _named(conn: Connection, report: KpiReport) -> KpiReport:
    """The report with its team and worker filters in words."""
    f = report.filter
    team = ("All teams" if f.team is None else "No team recorded" if f.team == NO_TEAM
            else f"{f.team} team")
    if f.worker_id is None:
        worker = "all social workers"
    elif f.worker_id == NO_WORKER:
        worker = "families with no social worker"
    else:
        worker = conn.execute(select(User.display_name).where(User.id == f.worker_id)
                              ).scalar() or "a social worker no longer listed"
    return _replace(report, team_name=team, worker_name=worker)
