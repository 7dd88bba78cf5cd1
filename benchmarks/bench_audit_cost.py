"""What the audit chain and the permission checks add to recording a milestone.

Issue 9's target: under 10% of the time to record one. A note is added to the same family
of two copies of one demo database, taking turns: on one as the app does it (permission
checks, then the entry chained to the one before under the head's lock), on the other with
the checks switched off and the entry written plainly (no head read, no hash), which is the
baseline measured in the same run.

    python benchmarks/bench_audit_cost.py [--families 10000] [--runs 40]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import CLOCKS, TODAY, demo_services, interleaved_medians  # noqa: E402

from plo_tracker.domain.clock import FixedClock  # noqa: E402
from plo_tracker.domain.stages import Stage  # noqa: E402
from plo_tracker.services import audit, case_base  # noqa: E402
from plo_tracker.session import open_database  # noqa: E402
from plo_tracker.storage.engine import sqlite_path, sqlite_url  # noqa: E402
from plo_tracker.storage.models import AuditEntry  # noqa: E402

TARGET = 0.10


def plain_record(session, actor, action, entity, entity_id, family_id, before=None,
                 after=None) -> None:
    """The entry without the chain: no head read under a lock, no hash."""
    session.add(AuditEntry(
        occurred_at=datetime.now(UTC), user_id=actor.user_id, username=actor.username,
        action=action.code, entity=entity, entity_id=entity_id, family_id=family_id,
        before=audit._json(before), after=audit._json(after)))


def _allow(*_args, **_kwargs) -> None:
    return None


@contextmanager
def without_chain_or_checks() -> Iterator[None]:
    saved = (case_base.require, case_base.require_action, case_base.require_family_scope,
             audit.record)
    case_base.require = case_base.require_action = case_base.require_family_scope = _allow
    audit.record = plain_record
    try:
        yield
    finally:
        (case_base.require, case_base.require_action, case_base.require_family_scope,
         audit.record) = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    args = parser.parse_args()
    chained = demo_services(args.families)
    path = sqlite_path(str(chained.context.database.engine.url))
    assert path is not None
    copy = path.with_name("plain.sqlite3")
    shutil.copyfile(path, copy)
    plain = open_database(sqlite_url(copy), copy.parent / "backups", FixedClock(TODAY))
    actor = chained.users.trusted_actor("manager")
    family = next(s.family_id for s in chained.caseload.families(actor)
                  if s.stage is Stage.PRE_PROCEEDINGS)

    def as_shipped() -> None:
        chained.milestones.add_note(actor, family, "Telephone call with the mother.")

    def baseline() -> None:
        with without_chain_or_checks():
            plain.milestones.add_note(actor, family, "Telephone call with the mother.")

    shipped_s, plain_s = interleaved_medians([as_shipped, baseline], args.runs,
                                             clock=CLOCKS[args.clock])
    added = shipped_s / plain_s - 1
    print(f"{args.families:,} families; median of {args.runs} notes recorded ({args.clock} "
          "time)")
    print(f"as shipped (permission checks, chained entry): {shipped_s * 1000:.2f} ms")
    print(f"baseline (no checks, entry written plainly): {plain_s * 1000:.2f} ms")
    print(f"the chain and the checks add {added:.1%} (target under {TARGET:.0%}: "
          f"{'met' if added < TARGET else 'NOT met'})")
    for services in (chained, plain):
        services.context.database.dispose()


if __name__ == "__main__":
    main()
