"""`audit verify` over a large audit log: every entry's hash recomputed, in id order.

Issue 9's target is under 10 s for 1,000,000 entries. The log is built quickly by one bulk
insert of rows whose hashes are worked out beforehand (chained, as the app writes them).
The baseline, measured in the same run, is a plain sqlite3 SELECT of the same columns of
every row, fetched and thrown away; the ratio says what hashing and checking add to reading.
The first page of the audit viewer (newest first, with and without a filter) is timed too,
with SQLite's plan for each query.

    python benchmarks/bench_audit_verify.py [--entries 1000000]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import fresh_services  # noqa: E402

from plo_tracker.domain.audit_actions import AuditAction  # noqa: E402
from plo_tracker.services.actor import SYSTEM  # noqa: E402
from plo_tracker.services.audit_log import AuditFilter  # noqa: E402
from plo_tracker.storage.audit_chain import GENESIS, entry_hash, verify_chain  # noqa: E402
from plo_tracker.storage.engine import sqlite_path  # noqa: E402

TARGET_S = 10
START = datetime(2026, 1, 5, 8, tzinfo=UTC)
ACTIONS = [AuditAction.FAMILY_VIEW, AuditAction.NOTE, AuditAction.LETTER_OPEN,
           AuditAction.USER_SIGN_IN, AuditAction.MEETING_SCHEDULE]
USERS = ["socialworker", "manager", "admin", "panel", "readonly",
         *(f"worker{n}" for n in range(45))]


def build_log(path: Path, entries: int) -> None:
    """Write ``entries`` chained entries and the head, in one transaction."""
    def rows():
        previous = GENESIS
        for number in range(1, entries + 1):
            when = START + timedelta(seconds=number * 7)
            action = ACTIONS[number % len(ACTIONS)].code
            user = USERS[number % len(USERS)]
            family = number % 10_000 + 1
            after = None if action == "family.view" else f'{{"text": "entry {number}"}}'
            previous = entry_hash(previous, number, when, None, user, action, "family",
                                  family, family, None, after)
            yield (number, when.replace(tzinfo=None).isoformat(" ", timespec="microseconds"),
                   None, user, action,
                   "family", family, family, None, after, previous)
        rows.last = previous

    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO audit_entries (id, occurred_at, user_id, username, action, entity, "
            "entity_id, family_id, before, after, entry_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows())
        conn.execute("UPDATE audit_chain_head SET last_entry_id = ?, last_hash = ?, entries = ?",
                     (entries, rows.last, entries))
    conn.close()


def plain_select_seconds(path: Path) -> float:
    conn = sqlite3.connect(path)
    start = time.perf_counter()
    for _row in conn.execute("SELECT id, occurred_at, user_id, username, action, entity, "
                             "entity_id, family_id, before, after, entry_hash "
                             "FROM audit_entries ORDER BY id"):
        pass
    taken = time.perf_counter() - start
    conn.close()
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    args = parser.parse_args()
    services = fresh_services()
    database = services.context.database
    path = sqlite_path(str(database.engine.url))
    assert path is not None
    start = time.perf_counter()
    build_log(path, args.entries)
    print(f"built {args.entries:,} chained entries in {time.perf_counter() - start:.1f} s")

    baseline = plain_select_seconds(path)
    start = time.perf_counter()
    with database.reading() as conn:
        result = verify_chain(conn)
    verify = time.perf_counter() - start
    assert result.intact and result.entries == args.entries, result
    print(f"verify: {verify:.2f} s (target under {TARGET_S} s: "
          f"{'met' if verify < TARGET_S else 'NOT met'}); baseline, a plain SELECT of the same "
          f"rows: {baseline:.2f} s; verify is {verify / baseline:.1f}x the baseline")

    log = services.audit_log
    for label, wanted in [
        ("no filter", AuditFilter()),
        ("one person", AuditFilter(user_name="worker7")),
        ("one action", AuditFilter(action=AuditAction.NOTE.code)),
        ("a person and a rare action", AuditFilter(user_name="worker7",
                                                   action=AuditAction.EXPORT.code)),
        ("one week", AuditFilter(date_from=(START + timedelta(days=30)).date(),
                                 date_to=(START + timedelta(days=36)).date())),
    ]:
        start = time.perf_counter()
        lines = log.page(SYSTEM, wanted)
        taken = time.perf_counter() - start
        print(f"first page, {label}: {len(lines)} entries in {taken * 1000:.0f} ms")
    with database.reading() as conn:
        for label, sql in [
            ("person", "SELECT id FROM audit_entries WHERE username = 'worker7' "
                       "ORDER BY id DESC LIMIT 200"),
            ("family", "SELECT id FROM audit_entries WHERE family_id = 7 "
                       "ORDER BY id DESC LIMIT 200"),
            ("keyset", "SELECT id FROM audit_entries WHERE id < 500000 "
                       "ORDER BY id DESC LIMIT 200"),
        ]:
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
            print(f"plan, {label}: {'; '.join(plan)}")
    database.dispose()


if __name__ == "__main__":
    main()
