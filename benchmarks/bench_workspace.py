"""Opening a case workspace among 10,000 families: construction to shown with the family's data.

Each figure is a median over several families (spread over the database, so every stage is
met) and is also given as a ratio to a baseline measured in the same run: a bare QWidget
holding a QTabWidget of seven empty QTableViews, the same size, constructed, shown and exposed.

    python benchmarks/bench_workspace.py [--families 10000] [--open 15] [--runs 3]

The target is under 300 ms to open a workspace.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from common import demo_services  # noqa: E402
from PySide6.QtCore import QEventLoop, QThreadPool  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.gui.case_workspace import CaseWorkspace, load_case  # noqa: E402

SIZE = (1366, 768)  # the smallest council laptop screen GUI.md names
TARGET_MS = 300
TABS = ("People", "Plan", "Meetings", "Assessments", "Letters", "Notes", "History")


def _show(widget: QWidget) -> None:
    widget.resize(*SIZE)
    widget.show()
    QTest.qWaitForWindowExposed(widget)
    QApplication.processEvents()  # the paint of what is shown


def _dispose(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()


def baseline_seconds() -> float:
    """A bare widget with a tab per workspace tab, each an empty table, shown and painted."""
    start = time.perf_counter()
    widget = QWidget()
    tabs = QTabWidget()
    for title in TABS:
        tabs.addTab(QTableView(), title)
    QVBoxLayout(widget).addWidget(tabs)
    _show(widget)
    took = time.perf_counter() - start
    _dispose(widget)
    return took


def workspace_seconds(services, actor, family_id: int) -> tuple[float, float]:
    """Seconds from construction to first paint (loading), and to the family shown and painted."""
    start = time.perf_counter()
    workspace = CaseWorkspace(services, actor, family_id)
    _show(workspace)
    painted = time.perf_counter() - start
    if workspace.is_loading():
        # An event loop, as the app runs it: the worker gets Python's lock while this waits.
        loop = QEventLoop()
        workspace.loaded.connect(loop.quit)
        workspace.load_failed.connect(loop.quit)
        loop.exec()
    QApplication.processEvents()  # paint the family
    shown = time.perf_counter() - start
    assert workspace.is_showing_family(), workspace.message_text()
    _dispose(workspace)
    return painted, shown


def _stage(services, actor, family_id: int) -> str:
    episode = load_case(services, actor, family_id).detail.episode
    return episode.stage.label if episode else "No episode"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--open", type=int, default=15, help="families to open (default 15)")
    parser.add_argument("--runs", type=int, default=3, help="times each family is opened")
    parser.add_argument("--user", default="admin")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    services = demo_services(args.families)
    print(f"data: {args.families:,} demo families generated in "
          f"{time.perf_counter() - start:.1f} s; platform {app.platformName()}")
    actor = services.users.trusted_actor(args.user)
    step = max(1, args.families // args.open)
    family_ids = list(range(1, args.families + 1, step))[:args.open]
    stages = Counter(_stage(services, actor, f) for f in family_ids)
    print("families opened: " + ", ".join(f"{n} {s}" for s, n in stages.most_common()))

    baseline_seconds()  # warm-up
    baseline = statistics.median(baseline_seconds() for _ in range(args.runs * 3))
    print(f"baseline, QTabWidget of {len(TABS)} empty tables shown ({SIZE[0]}x{SIZE[1]}): "
          f"{baseline * 1000:.1f} ms")

    loads = []
    for family_id in family_ids:
        for _ in range(args.runs):
            begin = time.perf_counter()
            load_case(services, actor, family_id)
            loads.append(time.perf_counter() - begin)
    load = statistics.median(loads)
    print(f"reading one family (worker thread, services only): median {load * 1000:.1f} ms "
          f"({load / baseline:.1f}x baseline)")

    workspace_seconds(services, actor, family_ids[0])  # warm-up: imports, icons, fonts
    results = [workspace_seconds(services, actor, f) for f in family_ids
               for _ in range(args.runs)]
    painted = statistics.median(r[0] for r in results)
    shown = [r[1] for r in results]
    median = statistics.median(shown)
    print(f"workspace first paint (\"Loading…\"): median {painted * 1000:.1f} ms "
          f"({painted / baseline:.1f}x baseline)")
    print(f"workspace opened, family shown and painted: median {median * 1000:.1f} ms "
          f"({median / baseline:.1f}x baseline); fastest {min(shown) * 1000:.1f} ms, "
          f"slowest {max(shown) * 1000:.1f} ms, over {len(shown)} opens")
    verdict = "within" if median * 1000 < TARGET_MS else "OVER"
    print(f"target {TARGET_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
