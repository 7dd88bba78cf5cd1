"""The report's tables, laid out once for the window, the CSV files and the PDF."""

from __future__ import annotations

from collections.abc import Sequence

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.report_periods import month_label
from plo_tracker.domain.report_stats import percent_text

from .reports_filter import NO_TEAM, NO_WORKER, key_for
from .reports_timing import FOLLOW_UP_MONTHS
from .reports_views import Cell, FamilyLine, KpiReport, ReportTable, StepDownRow

SUMMARY, MONTHS, STEP_DOWN_TEAMS, STEP_DOWN_WORKERS, FAMILIES = (
    "summary", "months", "step_down_teams", "step_down_workers", "families")
# Each column of the months table: its heading and the figure its cells open.
MONTH_COLUMNS = (
    ("New episodes", "new_episodes"), ("Stepped down", "stepped_down"),
    ("Proceedings issued", "issued"), ("Other outcome", "other"),
    ("Care applications", "applications"), ("On short notice", "short_notice"),
    ("Without pre-proceedings", "without_pre_proceedings"),
)
STEP_DOWN_NOTE = ("A family counts in a share only once its 12 (or 24) months since stepping "
                  "down are over; the others are not counted yet, so choose a period at least "
                  "a year back to see what followed. Team and social worker are the family's "
                  "now.")


def report_tables(report: KpiReport) -> tuple[ReportTable, ...]:
    """Every table of the report, in the order the window and the PDF show them."""
    return (summary_table(report), months_table(report),
            step_down_table(report, STEP_DOWN_TEAMS), step_down_table(report, STEP_DOWN_WORKERS))


def table_named(report: KpiReport, name: str) -> ReportTable:
    """One of the report's tables by name.

    Raises:
        KeyError: no table has that name.
    """
    for table in report_tables(report):
        if table.name == name:
            return table
    raise KeyError(name)


def summary_table(report: KpiReport) -> ReportTable:
    return ReportTable(SUMMARY, "Figures", ("Section", "Figure", "Value", "How it is counted"),
                       tuple((Cell(f.section), Cell(f.label), Cell(f.text, f.value, f.key),
                              Cell(f.note)) for f in report.figures))


def months_table(report: KpiReport) -> ReportTable:
    rows = []
    for row in report.months:
        cells = [Cell(month_label(row.month), row.month.isoformat())]
        cells += [Cell(f"{getattr(row, figure):,}", getattr(row, figure),
                       key_for(figure, row.month)) for _heading, figure in MONTH_COLUMNS]
        rows.append(tuple(cells))
    return ReportTable(MONTHS, "By month", ("Month", *(h for h, _f in MONTH_COLUMNS)),
                       tuple(rows), empty="The period has no months up to today.")


def step_down_table(report: KpiReport, name: str) -> ReportTable:
    by_team = name == STEP_DOWN_TEAMS
    groups: Sequence[StepDownRow] = (report.step_down_teams if by_team
                                     else report.step_down_workers)
    columns = ["Team" if by_team else "Social worker", "Stepped down"]
    for months in FOLLOW_UP_MONTHS:
        columns += [f"{months} months over", f"Back in PLO within {months} months",
                    f"Care application within {months} months"]
    rows = tuple(_step_down_cells(row, by_team) for row in (*groups, report.step_down_all))
    title = "After stepping down, by " + ("team" if by_team else "social worker")
    return ReportTable(name, title, tuple(columns), rows if groups else (), STEP_DOWN_NOTE,
                       empty="No family stepped down in this period.")


def _step_down_cells(row: StepDownRow, by_team: bool) -> tuple[Cell, ...]:
    if row.team is None and row.worker_id is None:  # everyone
        team = worker = None
    elif by_team:
        team, worker = row.team if row.team is not None else NO_TEAM, None
    else:
        team, worker = None, row.worker_id if row.worker_id is not None else NO_WORKER
    cells = [Cell(row.name), Cell(f"{row.stepped_down:,}", row.stepped_down,
                                  key_for("stepdown", team=team, worker_id=worker))]
    for months in FOLLOW_UP_MONTHS:
        reached = getattr(row, f"reached_{months}")
        cells.append(Cell(f"{reached:,}", reached,
                          key_for(f"reached_{months}", team=team, worker_id=worker)))
        for what in ("reentered", "applied"):
            part: int = getattr(row, f"{what}_{months}")
            # A share is written as its words ("1 of 2 (50%)") in CSV too, not its part.
            cells.append(Cell(percent_text(part, reached), None,
                              key_for(f"{what}_{months}", team=team, worker_id=worker)))
    return tuple(cells)


def families_table(title: str, lines: Sequence[FamilyLine]) -> ReportTable:
    """The families behind a figure as a table."""
    return ReportTable(FAMILIES, title, (
        "Family", "Surname", "Team", "Social worker", "Stage now", "Started", "Ended",
        "What the figure saw"), tuple((
            Cell(line.plo_family_id), Cell(line.surname), Cell(line.team),
            Cell(line.social_worker), Cell(line.stage),
            Cell(medium_date(line.start) if line.start else "", line.start),
            Cell(medium_date(line.ended) if line.ended else "", line.ended),
            Cell(line.detail)) for line in lines), empty="No families behind this figure.")
