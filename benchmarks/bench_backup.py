"""A backup of 10,000 families, against a plain copy of the same file, and the start-up check.

Target (issue 9): `plo-tracker backup` of a 10,000-family database under 5 s. The figure is
also given as a ratio to a plain file copy (shutil.copyfile) of the same database, measured
in turns in this run. Also timed: the quick check every start runs, and the full check a
restore runs on the backup before it replaces anything.

    python benchmarks/bench_backup.py [--families 10000] [--database PATH] [--runs 5]

--database reuses a database already made (for example by an earlier run, whose path is
printed), instead of making the demo families again (about 10 s).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import demo_services, interleaved_medians  # noqa: E402

from plo_tracker.storage.backup import backup_sqlite  # noqa: E402
from plo_tracker.storage.engine import sqlite_path  # noqa: E402
from plo_tracker.storage.integrity import quick_check  # noqa: E402

TARGET_SECONDS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--database", type=Path, help="a database already made")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    if args.database:
        database = args.database
    else:
        services = demo_services(args.families)
        database = sqlite_path(str(services.context.database.engine.url))
        services.context.database.dispose()
        print(f"Made {args.families:,} demo families in {database}")
    out = Path(tempfile.mkdtemp(prefix="plo-bench-backup-"))
    size = database.stat().st_size / 1e6

    def app_backup() -> None:
        backup_sqlite(database, out / "app", "manual").unlink()

    def plain_copy() -> None:
        target = out / "plain.sqlite3"
        shutil.copyfile(database, target)
        target.unlink()

    def full_check() -> None:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()

    backup_s, copy_s = interleaved_medians([app_backup, plain_copy], args.runs, warmups=1)
    quick_s, full_s = interleaved_medians([lambda: quick_check(database), full_check],
                                          args.runs, warmups=1)
    print(f"Database: {size:.1f} MB")
    verdict = "met" if backup_s < TARGET_SECONDS else "MISSED"
    print(f"plo-tracker backup (online backup API): {backup_s:.3f} s "
          f"(target under {TARGET_SECONDS:.0f} s: {verdict})")
    print(f"plain file copy of the same database:    {copy_s:.3f} s")
    print(f"ratio backup / plain copy:              {backup_s / copy_s:.2f}x")
    print(f"quick check at start:                   {quick_s:.3f} s")
    print(f"full integrity check (restore):         {full_s:.3f} s")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
