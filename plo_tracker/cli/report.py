"""plo-tracker report kpis: the management figures, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from .common import UsageError, actor, date_arg, opened, print_table

if TYPE_CHECKING:
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="management figures")
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    kpis = kinds.add_parser(
        "kpis", help="the management figures for a period (default: the last 12 months)",
        description="Families in pre-proceedings, new episodes, outcomes, timeliness, care "
        "applications and what followed stepping down, for a period, a team or both.")
    kpis.add_argument("--from", dest="start", metavar="DATE",
                      help="first day of the period (dd/mm/yyyy)")
    kpis.add_argument("--to", dest="end", metavar="DATE",
                      help="last day of the period (dd/mm/yyyy)")
    kpis.add_argument("--team", metavar="TEAM", help="one team only (any case)")
    kpis.add_argument("--on", metavar="DATE", help="as on this date (dd/mm/yyyy)")
    kpis.add_argument("--json", action="store_true", help="print JSON")
    kpis.set_defaults(run=run_kpis)


def run_kpis(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.domain.date_text import medium_date
    from plo_tracker.domain.report_periods import Period, month_label, period_dates
    from plo_tracker.services.reports_filter import ReportFilter

    with opened(location, args) as services:
        default_start, default_end = period_dates(Period.LAST_12_MONTHS,
                                                  services.context.clock.today())
        start = date_arg(args.start) if args.start else default_start
        end = date_arg(args.end) if args.end else default_end
        if end < start:
            raise UsageError("The period must end on or after the day it starts: give a "
                             "--to date on or after the --from date.")
        user = actor(services, args.user)
        report = services.reports.figures(user, ReportFilter(start, end, args.team))
    if args.json:
        print(json.dumps(kpi_record(report), indent=1))
        return 0
    print(f"Management figures, {medium_date(start)} to {medium_date(end)}; "
          f"{report.team_name}. \"Now\" is {medium_date(report.as_at)}.")
    print_table(("Section", "Figure", "Value"),
                [(f.section, f.label, f.text) for f in report.figures])
    print()
    print_table(("Month", "New episodes", "Stepped down", "Issued", "Other", "Applications"),
                [(month_label(m.month), str(m.new_episodes), str(m.stepped_down),
                  str(m.issued), str(m.other), str(m.applications)) for m in report.months])
    return 0


def kpi_record(report) -> dict:
    """The report as plain JSON values: figures by key, the months, after stepping down."""
    from dataclasses import asdict

    return {
        "from": report.filter.start.isoformat(), "to": report.filter.end.isoformat(),
        "team": report.filter.team, "as_at": report.as_at.isoformat(),
        "figures": {f.key: {"section": f.section, "label": f.label, "kind": f.kind.value,
                            "value": f.value, "count": f.count, "of": f.of, "text": f.text,
                            "note": f.note} for f in report.figures},
        "months": [{**asdict(m), "month": m.month.isoformat()[:7]} for m in report.months],
        "step_down": {"everyone": asdict(report.step_down_all),
                      "teams": [asdict(r) for r in report.step_down_teams],
                      "workers": [asdict(r) for r in report.step_down_workers]},
    }
