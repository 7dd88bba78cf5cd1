"""Helpers shared by the benchmark scripts: timing, and a temporary demo database."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from plo_tracker.domain.clock import FixedClock
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.registry import Services
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database

TODAY = date(2026, 11, 26)


def median_seconds(action: Callable[[], object], runs: int = 5, warmups: int = 1) -> float:
    """Median wall time of ``runs`` calls, after ``warmups`` calls not counted."""
    for _ in range(warmups):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF, read back with pypdf."""
    return len(PdfReader(BytesIO(pdf)).pages)


def fresh_services(folder: Path | None = None) -> Services:
    """Services on a new, empty database in a temporary folder."""
    folder = folder or Path(tempfile.mkdtemp(prefix="plo-bench-"))
    engine = prepare_database(sqlite_url(folder / "bench.sqlite3"), folder / "backups")
    return Services.build(Database(engine), FixedClock(TODAY))


def demo_services(families: int, seed: int = 1) -> Services:
    """Services on a new database holding ``families`` demo families."""
    services = fresh_services()
    DemoDataService(services.context).generate(SYSTEM, families, seed)
    return services
