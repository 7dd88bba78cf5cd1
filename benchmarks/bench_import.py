"""`plo-tracker import` of 10,000 rows against the demo-data generator for as many families.

Issue 11's target: importing 10,000 rows takes at most 3 times the demo generator's time for
10,000 families (make_demo_database on an empty database), both measured in this run. The
file has one row per family (a child, two parents, an episode at a stage chosen by turns, its
letters and meetings), so each row is a whole family to check and write, the most work a row
can bring. Reading, checking, writing and the case index are all in the time.

    python benchmarks/bench_import.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import fresh_services  # noqa: E402

from plo_tracker.domain.import_columns import COLUMNS  # noqa: E402
from plo_tracker.services.actor import SYSTEM  # noqa: E402
from plo_tracker.services.demo_data import DemoDataService  # noqa: E402

TARGET_RATIO = 3.0


def write_rows(path: Path, rows: int) -> None:
    """``rows`` families, one row each, spread over the stages an import meets."""
    first = date(2026, 4, 1)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, [c.name for c in COLUMNS])
        writer.writeheader()
        for number in range(rows):
            start = first + timedelta(days=number % 150)
            stage = number % 4  # open, stepped down, proceedings issued, ended otherwise

            def day(days: int, when: date = start) -> str:
                return f"{when + timedelta(days=days):%d/%m/%Y}"

            writer.writerow({
                "LAchildID": f"C{number:06d}", "EpisodeID": f"E{number:06d}",
                "PLOFamilyID": f"IMP-{number:06d}", "PPStartDate": day(0),
                "LBPSentDate": day(3), "FGDMMeetingOffer": "1", "FGDMMeetingFac": "0",
                "InitialPPMeetingDate": day(15), "ReviewMeetingsCount": "1",
                "ReviewMeetingDates": day(57),
                "StepDecisionDate": day(70) if stage else "",
                "PPOutcome": ("", "A", "B", "C")[stage],
                "CourtAppDate": day(77) if stage == 2 else "",
                "LetterInitCPDate": day(78) if stage == 2 else "",
                "Team": "North", "ChildFirstName": "Ava", "ChildLastName": f"Row{number}",
                "DateOfBirth": day(-2000), "Sex": "F",
                "Adult1Name": f"Mia Row{number}", "Adult1Relationship": "mother",
                "Adult1PR": "1", "Adult1Address": "4 Mill Lane, Northshire NS1 2AB",
                "Adult2Name": f"Dan Row{number}", "Adult2Relationship": "father",
                "Adult2PR": "1",
            })


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="plo-bench-import-"))
    path = folder / "import.csv"
    write_rows(path, args.rows)

    demo = fresh_services(folder / "demo")
    started = time.perf_counter()
    DemoDataService(demo.context).make_demo_database(args.rows, seed=1)
    demo_s = time.perf_counter() - started
    demo.context.database.dispose()

    target = fresh_services(folder / "import")
    started = time.perf_counter()
    result = target.imports.run(SYSTEM, path)
    import_s = time.perf_counter() - started
    target.context.database.dispose()

    ratio = import_s / demo_s
    print(f"demo data, {args.rows:,} families:   {demo_s:6.2f} s")
    print(f"import, {result.preview.rows:,} rows ({result.preview.families:,} families): "
          f"{import_s:6.2f} s")
    print(f"ratio import / demo: {ratio:.2f} (target at most {TARGET_RATIO:.0f})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
