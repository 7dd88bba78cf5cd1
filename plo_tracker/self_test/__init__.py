"""`plo-tracker --self-test`: proves on a new machine, or in a packaged build, that the app
works, on a temporary database in a temporary data folder, never the user's.

Each check prints one line (``ok``, ``FAILED`` or ``note``); the last line sums up, and the
exit code is 0 only when every check passed. Like app.py this is a composition root, so it
may use every layer; the window side is in gui/self_test_window.py.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import TextIO

from .runner import Check, CheckFailed, NotInstalled, Results, run_checks

__all__ = ["Check", "CheckFailed", "NotInstalled", "run_self_test"]


def run_self_test(checks: Sequence[Check] | None = None, out: TextIO | None = None) -> int:
    """Run the checks (all of them by default) and return the exit code: 0 if all passed."""
    import plo_tracker
    from plo_tracker.gui.qt_loaded import load_qt_core
    from plo_tracker.versions import versions_line

    load_qt_core()  # so the versions line names Qt; a Qt that cannot load fails a check later

    out = out or sys.stdout
    print(f"PLO Tracker {plo_tracker.__version__} self-test, on a temporary database "
          "(your own data is not opened).", file=out, flush=True)
    # What it runs on, as About shows it: the first thing an IT service desk asks.
    print(f"Versions: {versions_line()}", file=out, flush=True)
    try:
        results = _run(checks, out)
    except Exception as error:  # noqa: BLE001 - the set-up itself failed: a sentence still
        results = Results()
        _report_failure(results, "the self-test's set-up", error)
        print(f"Self-test FAILED: it could not start ({type(error).__name__}).", file=out)
        _write_reports(results, out)
        return 1
    _write_reports(results, out)
    print(results.summary(), file=out, flush=True)
    return 1 if results.failed else 0


def _run(checks: Sequence[Check] | None, out: TextIO) -> Results:
    from plo_tracker.services import passwords

    from .checks import CHECKS
    from .workspace import temporary_home

    saved_cost = passwords.current_cost()
    with temporary_home() as workspace, _log_to(workspace.path("self-test.log")):
        # The accounts made here are thrown away with the folder: a cheap argon2id hash
        # proves the library as well as the real cost would, in a fraction of the time.
        passwords.use_cost(passwords.HashCost(time_cost=1, memory_kib=8, parallelism=1))
        try:
            return run_checks(CHECKS if checks is None else checks, workspace, out)
        finally:
            passwords.use_cost(saved_cost)


class _log_to:  # noqa: N801 - used as a context manager, like a function
    """Log records of the run go to a file in the temporary folder, not between the lines."""

    def __init__(self, path) -> None:
        self._handler = logging.FileHandler(path, encoding="utf-8", delay=True)

    def __enter__(self) -> None:
        logging.getLogger().addHandler(self._handler)

    def __exit__(self, *_exc) -> None:
        logging.getLogger().removeHandler(self._handler)
        self._handler.close()


def _report_failure(results: Results, where: str, error: BaseException) -> None:
    from plo_tracker.error_report import safe_report

    results.reports.append(f"Self-test: {where} failed\n"
                           + safe_report(type(error), error, error.__traceback__))


def _write_reports(results: Results, out: TextIO) -> None:
    """The safe reports of unforeseen failures go to the user's log (no names or messages),
    written once the temporary folder is gone and PLO_TRACKER_HOME is the user's again."""
    if not results.reports:
        return
    try:
        from plo_tracker.log import log_failure

        for report in results.reports:
            log_file = log_failure(report)
    except OSError:
        print("The details could not be written to the log either.", file=out)
        return
    print(f"Details for your IT service desk (no names or case details) are in {log_file}",
          file=out)
