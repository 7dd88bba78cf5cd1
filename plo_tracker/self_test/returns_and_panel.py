"""The national return, the panel's agenda pack and the management figures, made from the
synthetic families as a manager or administrator would make them."""

from __future__ import annotations

import csv
from datetime import time, timedelta

from .pdf_reading import read_pdf
from .runner import CheckFailed
from .workspace import SELF_TEST_DAY, Workspace


def census(workspace: Workspace) -> str:
    """CIN census module 5 for the reporting year, written as CSV and read back."""
    from plo_tracker.domain.census import CENSUS_COLUMNS, reporting_year_of

    services, admin = workspace.demo, workspace.admin
    year = reporting_year_of(SELF_TEST_DAY).year
    # Saved even with problems: what is proved here is the file, not the synthetic data.
    written = services.returns.write_cin(admin, year, workspace.path("cin-census.csv"),
                                         allow_failures=True)
    with written.path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    if not rows or tuple(rows[0]) != CENSUS_COLUMNS:
        raise CheckFailed("The census file's header is not the module 5 columns.")
    if written.rows == 0 or len(rows) - 1 != written.rows:
        raise CheckFailed(f"The census file holds {len(rows) - 1} rows; {written.rows} were "
                          "written.")
    return (f"module 5 for {year}-{(year + 1) % 100:02d}: the {len(CENSUS_COLUMNS)} columns "
            f"and {written.rows} rows read back")


def panel_pack(workspace: Workspace) -> str:
    """A planned gateway panel with two families on its agenda, and its agenda pack."""
    from plo_tracker.domain.panel import PanelRole
    from plo_tracker.services.panel_views import PanelMeetingForm, PanelMemberForm

    services, admin = workspace.demo, workspace.admin
    meeting = services.panel.create_meeting(admin, PanelMeetingForm(
        SELF_TEST_DAY + timedelta(days=7), time(10, 0), "Committee Room 2",
        (PanelMemberForm(admin.user_id, "", PanelRole.CHAIR),)))
    families = services.caseload.families(admin)[:2]
    for family in families:
        services.panel.add_to_agenda(admin, meeting.meeting_id, family.family_id)
    out = services.panel.summary_pack(admin, meeting.meeting_id,
                                      workspace.path("agenda-pack.pdf"))
    read = read_pdf(out, "agenda pack")
    # A contents page, then a summary sheet for each family.
    if read.pages < 1 + len(families):
        raise CheckFailed(f"The agenda pack has {read.pages} pages for {len(families)} "
                          "families; each needs a summary sheet after the contents.")
    return f"agenda pack of {read.pages} pages for {len(families)} families"


def reports(workspace: Workspace) -> str:
    """The management figures of the last 12 months."""
    from plo_tracker.domain.report_periods import Period, period_dates
    from plo_tracker.services.reports_filter import ReportFilter

    start, end = period_dates(Period.LAST_12_MONTHS, SELF_TEST_DAY)
    report = workspace.demo.reports.figures(workspace.admin, ReportFilter(start, end, None))
    if not report.figures or len(report.months) != 12:
        raise CheckFailed(f"The figures came back with {len(report.figures)} figures and "
                          f"{len(report.months)} months, not 12.")
    new = report.figure("new_episodes").value
    by_month = sum(month.new_episodes for month in report.months)
    if new != by_month:
        raise CheckFailed(f"The new episodes ({new}) do not match the months' sum "
                          f"({by_month}).")
    return f"{len(report.figures)} figures over 12 months ({new} new episodes)"
