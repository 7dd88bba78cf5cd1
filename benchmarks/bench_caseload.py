"""Demo data for 10,000 families, and the due list and families list over them.

Targets (issue 2): demo-data --families 10000 under 30 s; the due computation under
200 ms. Each figure is also given as a ratio to a baseline measured in this run
(these machines are noisy): inserting the same number of rows with plain sqlite3,
and reading every family id with plain sqlite3.

    python benchmarks/bench_caseload.py [--families 10000]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import TODAY, fresh_services, median_seconds  # noqa: E402

from plo_tracker.services.actor import SYSTEM  # noqa: E402
from plo_tracker.services.demo_data import DemoDataService  # noqa: E402
from plo_tracker.storage.engine import sqlite_path  # noqa: E402


def plain_insert_seconds(rows: int) -> float:
    """Baseline: plain sqlite3 inserting ``rows`` rows of six columns in one transaction."""
    folder = Path(tempfile.mkdtemp(prefix="plo-bench-"))
    conn = sqlite3.connect(folder / "plain.sqlite3")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c DATE, d INT, e TEXT)")
    data = [(i, "first", "last", "2026-01-01", i % 7, "text") for i in range(rows)]
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", data)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=10_000)
    args = parser.parse_args()

    services = fresh_services()
    start = time.perf_counter()
    result = DemoDataService(services.context).generate(SYSTEM, args.families, seed=1)
    generate = time.perf_counter() - start
    baseline_insert = plain_insert_seconds(result.rows)
    print(f"demo data: {args.families} families, {result.rows} rows in {generate:.2f} s "
          f"(target < 30 s); plain sqlite3 insert of as many rows {baseline_insert:.2f} s, "
          f"ratio {generate / baseline_insert:.1f}x")

    admin = services.users.sign_in("admin")
    path = sqlite_path(str(services.context.database.engine.url))

    def plain_read() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT id, plo_family_id FROM families").fetchall()
        conn.close()

    baseline_read = median_seconds(plain_read)
    due = median_seconds(lambda: services.caseload.due(admin, on=TODAY))
    count = len(services.caseload.due(admin, on=TODAY))
    families = median_seconds(lambda: services.caseload.families(admin, on=TODAY), runs=3)
    print(f"due list: {count} items in {due * 1000:.0f} ms (target < 200 ms); "
          f"plain read of all family ids {baseline_read * 1000:.1f} ms, "
          f"ratio {due / baseline_read:.1f}x")
    print(f"families list (loaded in the background by the window): {families * 1000:.0f} ms, "
          f"ratio {families / baseline_read:.1f}x to the plain read")


if __name__ == "__main__":
    main()
