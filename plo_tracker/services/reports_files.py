"""The report's tables written as CSV, and the monthly report laid out for the PDF."""

from __future__ import annotations

import csv
from pathlib import Path

from plo_tracker.documents.report_pdf import ManagementReport, PdfChart, PdfTable
from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.report_periods import month_label

from .audit_log import safe_cell
from .reports_tables import MONTHS, STEP_DOWN_TEAMS, STEP_DOWN_WORKERS, SUMMARY, report_tables
from .reports_views import Cell, KpiReport, ReportTable

# The share of the page each column of a table takes in the PDF.
_WIDTHS = {SUMMARY: (0.17, 0.28, 0.17, 0.38), MONTHS: (0.13, *(0.87 / 7,) * 7),
           STEP_DOWN_TEAMS: (0.16, 0.09, *(0.125,) * 6),
           STEP_DOWN_WORKERS: (0.16, 0.09, *(0.125,) * 6)}


def csv_value(cell: Cell) -> str:
    """A whole number as a number (for a spreadsheet to add up), anything else as its text."""
    if isinstance(cell.value, int) and not isinstance(cell.value, bool):
        return str(cell.value)
    return safe_cell(cell.text)


def write_csv(table: ReportTable, path: Path, replace: bool = False) -> int:
    """Write the table, headings first; returns the rows written.

    Raises:
        FileExistsError: ``path`` exists and ``replace`` is False.
    """
    with path.open("w" if replace else "x", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow([safe_cell(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([csv_value(cell) for cell in row])
    return len(table.rows)


def filter_words(report: KpiReport) -> str:
    """"1 Dec 2025 to 30 Nov 2026; North team; all social workers"."""
    f = report.filter
    return (f"{medium_date(f.start)} to {medium_date(f.end)}; {report.team_name}; "
            f"{report.worker_name}")


def management_report(report: KpiReport, council: str, author: str) -> ManagementReport:
    """The monthly report's content: the filter, the charts of the months, every table."""
    categories = tuple(month_label(m.month) for m in report.months)

    def series(name: str, field: str) -> tuple[str, tuple[int, ...]]:
        return name, tuple(getattr(m, field) for m in report.months)

    charts = (
        PdfChart("New episodes and outcomes per month", categories, (
            series("New episodes", "new_episodes"), series("Stepped down", "stepped_down"),
            series("Proceedings issued", "issued"), series("Other outcome", "other"))),
        PdfChart("Care applications per month", categories, (
            series("Care applications", "applications"),
            series("On short notice", "short_notice"),
            series("Without pre-proceedings", "without_pre_proceedings"))),
    )
    tables = tuple(PdfTable(t.title, t.columns, tuple(tuple(c.text for c in row)
                                                      for row in t.rows),
                            t.note, t.empty, _WIDTHS.get(t.name))
                   for t in report_tables(report))
    return ManagementReport(
        f"Pre-proceedings (PLO): management report, {medium_date(report.filter.start)} to "
        f"{medium_date(report.filter.end)}",
        (council, filter_words(report),
         f"Figures \u201cnow\u201d are as at {medium_date(report.as_at)}; made "
         f"{medium_date(report.today)} by {author}."),
        charts, tables, author, f"{council}: management figures for pre-proceedings")
