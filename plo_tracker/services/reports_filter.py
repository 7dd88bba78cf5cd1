"""What the management figures are asked for (a period, a team, a social worker), and the
keys that name each figure, or one cell of a table, so its families can be listed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.report_periods import month_end, month_key

# A team or worker filter meaning "none recorded" (a family with no team or no worker).
NO_TEAM = ""
NO_WORKER = 0


@dataclass(frozen=True)
class ReportFilter:
    """The period (both days counted), and optionally one team and one social worker.

    ``team`` None is every team, NO_TEAM the families with none; ``worker_id`` None is
    every worker, NO_WORKER the families with no worker allocated.
    """

    start: date
    end: date
    team: str | None = None
    worker_id: int | None = None

    def check(self) -> None:
        """Refuse a period that ends before it starts.

        Raises:
            ValidationFailed: under "end", in words for the person choosing the dates.
        """
        if self.end < self.start:
            raise ValidationFailed({"end": "The period must end on or after the day it "
                                           "starts: choose a later end date."})

    def as_record(self) -> dict[str, object]:
        """The filter for the audit log and exports."""
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "team": self.team, "worker_id": self.worker_id}


@dataclass(frozen=True)
class FigureKey:
    """A figure ("new_episodes"), narrowed to a month of the period ("@2026-03") and to a
    team ("#team=North") or a worker ("#worker=12") for a cell of a table."""

    figure: str
    month: str | None = None
    team: str | None = None
    worker_id: int | None = None

    @classmethod
    def parse(cls, key: str) -> FigureKey:
        """Read a key as ``str(FigureKey)`` writes it.

        Raises:
            ValidationFailed: under "key", for a key no figure has.
        """
        rest, _, group = key.partition("#")
        figure, _, month = rest.partition("@")
        team = worker = None
        if group.startswith("team="):
            team = group.removeprefix("team=")
        elif group.startswith("worker=") and group.removeprefix("worker=").isdigit():
            worker = int(group.removeprefix("worker="))
        elif group:
            raise ValidationFailed({"key": f"There is no figure called {key}."})
        if month and (len(month) != 7 or not month.replace("-", "").isdigit()):
            raise ValidationFailed({"key": f"There is no figure called {key}."})
        return cls(figure, month or None, team, worker)

    def __str__(self) -> str:
        text = self.figure + (f"@{self.month}" if self.month else "")
        if self.team is not None:
            return f"{text}#team={self.team}"
        if self.worker_id is not None:
            return f"{text}#worker={self.worker_id}"
        return text

    def narrowed(self, report_filter: ReportFilter) -> ReportFilter:
        """The filter of the report narrowed to this key's month, team or worker."""
        narrowed = report_filter
        if self.month:
            first = date(int(self.month[:4]), int(self.month[5:]), 1)
            narrowed = replace(narrowed, start=max(narrowed.start, first),
                               end=min(narrowed.end, month_end(first)))
        if self.team is not None:
            narrowed = replace(narrowed, team=self.team)
        if self.worker_id is not None:
            narrowed = replace(narrowed, worker_id=self.worker_id)
        return narrowed


def key_for(figure: str, month: date | None = None, team: str | None = None,
            worker_id: int | None = None) -> str:
    """The key of a figure, or of one of its cells."""
    return str(FigureKey(figure, month_key(month) if month else None, team, worker_id))
