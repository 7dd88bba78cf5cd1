"""Running the self-test's checks in order, one line each, and the summary at the end.

A check is a function of the shared Workspace that returns what it saw (a short phrase) or
raises: CheckFailed with a plain sentence, NotInstalled for an optional tool that is
missing (a note, not a failure), or anything else, which is a failure nobody foresaw: its
safe report (error_report.py, no names or messages) is kept for the log.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .workspace import Workspace

OK, FAILED, NOTE = "ok", "FAILED", "note"


class CheckFailed(Exception):
    """A check saw something wrong; ``sentence`` says what, for the person running it."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


class NotInstalled(Exception):
    """An optional program is missing: reported as a note, and the self-test still passes."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


@dataclass(frozen=True)
class Check:
    """One thing the self-test proves. ``needs`` names the checks whose results it uses:
    when one of those failed, this one is not run and says so."""

    name: str
    run: Callable[[Workspace], str]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # OK, FAILED or NOTE
    text: str

    def line(self) -> str:
        return f"{self.status:<8}{self.name}: {self.text}"


@dataclass
class Results:
    outcomes: list[Outcome] = field(default_factory=list)
    # Safe reports of failures nobody foresaw, written to the log once the run is over.
    reports: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status == FAILED]

    def summary(self) -> str:
        total = len(self.outcomes)
        if not self.failed:
            return f"Self-test passed: {total} checks."
        return (f"Self-test FAILED: {len(self.failed)} of {total} checks failed: "
                f"{', '.join(self.failed)}.")


def run_checks(checks: Sequence[Check], workspace: Workspace,
               out: TextIO | None = None) -> Results:
    """Run every check, printing its line as soon as it is known; one failure never stops
    the others, except those that need its result."""
    out = out or sys.stdout
    results = Results()
    failed: set[str] = set()
    for check in checks:
        missing = [name for name in check.needs if name in failed]
        if missing:
            outcome = Outcome(check.name, FAILED, f"not run: needs {', '.join(missing)}")
        else:
            outcome = _run_one(check, workspace, results)
        if outcome.status == FAILED:
            failed.add(check.name)
        results.outcomes.append(outcome)
        print(outcome.line(), file=out, flush=True)
    return results


def _run_one(check: Check, workspace: Workspace, results: Results) -> Outcome:
    try:
        return Outcome(check.name, OK, check.run(workspace))
    except CheckFailed as failure:
        return Outcome(check.name, FAILED, failure.sentence)
    except NotInstalled as missing:
        return Outcome(check.name, NOTE, missing.sentence)
    except Exception as error:  # noqa: BLE001 - every failure is a line, never a traceback
        from plo_tracker.error_report import safe_report
        from plo_tracker.services.error_words import is_explained, words_for

        if is_explained(error):  # the app's own sentence: a refusal, a busy or full disk
            return Outcome(check.name, FAILED, words_for(error))
        results.reports.append(f"Self-test check '{check.name}' failed\n"
                               + safe_report(type(error), error, error.__traceback__))
        return Outcome(check.name, FAILED, f"it stopped with an error nobody foresaw "
                       f"({type(error).__name__}); details for your IT service desk go "
                       "to the log.")
