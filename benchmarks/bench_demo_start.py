"""The demo's first start with and without its documents and bundles, in one run.

    .venv/bin/python benchmarks/bench_demo_start.py

Each start opens a brand-new demo database (175 families) in a folder of its own, as
`plo-tracker --demo` does the first time; the two kinds alternate so that a busy machine
slows both alike. Prints the best of each and the seconds and ratio the documents add.
Later starts add nothing: the documents are made once per demo database.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date

from plo_tracker import session
from plo_tracker.domain.clock import FixedClock
from plo_tracker.services import demo_documents

ROUNDS = 3


def first_start(with_documents: bool) -> float:
    os.environ["PLO_TRACKER_HOME"] = tempfile.mkdtemp(prefix="plo-bench-demo-")
    real = demo_documents.add_demo_documents
    if not with_documents:
        demo_documents.add_demo_documents = lambda *_args, **_kwargs: None
    try:
        started = time.perf_counter()
        services = session.open_services(session.choose_location(None, demo=True),
                                         FixedClock(date(2026, 11, 26)))
        took = time.perf_counter() - started
        services.context.database.dispose()
        return took
    finally:
        demo_documents.add_demo_documents = real


def main() -> None:
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(ROUNDS):
        for with_documents in (False, True):
            times[with_documents].append(first_start(with_documents))
    without, with_docs = min(times[False]), min(times[True])
    print(f"demo first start without documents: {without:.2f} s (best of {ROUNDS})")
    print(f"demo first start with documents:    {with_docs:.2f} s (best of {ROUNDS})")
    print(f"added: {with_docs - without:.2f} s, ratio {with_docs / without:.2f}")


if __name__ == "__main__":
    main()
