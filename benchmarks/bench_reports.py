"""The Reports page's figures over 10,000 demo families (about 100,000 milestones).

Target (issue 11): the figures refresh in under 200 ms, aggregated in SQL. The baseline,
measured in this run and in turns with the figures (this machine is shared), is a plain
SQLAlchemy query set: a handful of counts over episodes (in pre-proceedings, started,
outcomes by kind, care applications), about what the issue's "75 ms" measured. The
queries' plans (EXPLAIN QUERY PLAN) are printed so a missing index shows.

    python benchmarks/bench_reports.py [--families 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import CLOCKS, demo_services, interleaved_medians  # noqa: E402

from plo_tracker.services.reports_filter import ReportFilter  # noqa: E402

# The page's default: the last 12 months (1 Dec 2025 to 30 Nov 2026 on TODAY).
PERIOD = ReportFilter(date(2025, 12, 1), date(2026, 11, 30))


def milestones(services) -> int:
    """Letters, meetings, assessments, extensions and decisions recorded: the milestones."""
    from sqlalchemy import func, select

    from plo_tracker.storage.models import Assessment, Episode, Extension, Letter, Meeting

    with services.context.database.reading() as conn:
        rows = sum(conn.execute(select(func.count()).select_from(m)).scalar_one()
                   for m in (Letter, Meeting, Assessment, Extension))
        decided = conn.execute(select(func.count(Episode.gateway_date)).select_from(Episode)
                               ).scalar_one()
        outcomes = conn.execute(select(func.count(Episode.outcome_date)).select_from(Episode)
                                ).scalar_one()
    return rows + decided + outcomes


def plain_counts(services) -> object:
    """Baseline: a handful of counts over episodes with plain SQLAlchemy Core."""
    from sqlalchemy import func, select

    from plo_tracker.storage.models import Episode

    period = Episode.gateway_date.between(PERIOD.start, PERIOD.end)
    with services.context.database.reading() as conn:
        return [conn.execute(query).all() for query in (
            select(func.count()).where(Episode.stage == "pre_proceedings"),
            select(func.count()).where(period),
            select(Episode.outcome, func.count()).where(
                Episode.outcome_date.between(PERIOD.start, PERIOD.end))
            .group_by(Episode.outcome),
            select(func.count()).where(
                Episode.court_application_date.between(PERIOD.start, PERIOD.end)),
            select(func.count()).where(period, Episode.fgdm_offered.is_(True)),
        )]


def query_plans(services, manager) -> None:
    """EXPLAIN QUERY PLAN of every statement the figures run, each distinct plan line once."""
    from sqlalchemy import event

    engine = services.context.database.engine
    statements: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        services.reports.figures(manager, PERIOD)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    seen: set[str] = set()
    raw = engine.raw_connection()
    try:
        for statement, parameters in statements:
            for row in raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, parameters):
                line = row[-1]
                if line not in seen:
                    seen.add(line)
                    print(f"  {line}")
    finally:
        raw.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    start = time.perf_counter()
    services = demo_services(args.families)
    print(f"{args.families:,} demo families, {milestones(services):,} milestones, made in "
          f"{time.perf_counter() - start:.1f} s")
    manager = services.users.trusted_actor("manager")
    report = services.reports.figures(manager, PERIOD)
    print(f"{report.figure('in_pp_families').text} families in pre-proceedings; "
          f"{report.figure('new_episodes').text} new episodes in the last 12 months")
    baseline, figures = interleaved_medians(
        [lambda: plain_counts(services), lambda: services.reports.figures(manager, PERIOD)],
        runs=args.runs)
    print(f"figures (every figure of the page, the last 12 months): {figures * 1000:.0f} ms "
          f"(target < 200 ms); plain SQLAlchemy counts over episodes {baseline * 1000:.0f} ms "
          f"(the issue's ~75 ms); ratio {figures / baseline:.1f}x")
    # CPU time of this thread (SQLite runs in it): on a machine shared with other work the
    # wall time above includes waiting for a core.
    cpu_baseline, cpu_figures = interleaved_medians(
        [lambda: plain_counts(services), lambda: services.reports.figures(manager, PERIOD)],
        runs=args.runs, clock=CLOCKS["cpu"])
    print(f"the same in CPU time: figures {cpu_figures * 1000:.0f} ms, plain counts "
          f"{cpu_baseline * 1000:.0f} ms, ratio {cpu_figures / cpu_baseline:.1f}x")
    behind = interleaved_medians(
        [lambda: services.reports.families_behind(manager, PERIOD, "new_episodes")],
        runs=5, warmups=1)[0]
    print(f"families behind 'new episodes' (audited): {behind * 1000:.0f} ms")
    print("query plans (EXPLAIN QUERY PLAN, each line once):")
    query_plans(services, manager)


if __name__ == "__main__":
    main()
