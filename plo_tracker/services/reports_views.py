"""The management figures as plain frozen records: each figure with its key, so the window,
the command line, the CSV and the PDF all show the same numbers and open the same families."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from plo_tracker.domain.report_stats import percent_text, share

from .reports_filter import ReportFilter


class FigureKind(enum.Enum):
    COUNT = "count"  # how many
    SHARE = "share"  # how many of how many
    DAYS = "days"  # a number of calendar days (a median, a 90th percentile)


@dataclass(frozen=True)
class Figure:
    """One figure: its key (families_behind lists the families behind it), its words, and
    ``count`` (a count; a share's part), ``of`` (a share's whole; how many values a number
    of days was worked out from) and ``days``."""

    key: str
    section: str
    label: str
    kind: FigureKind
    count: int = 0
    of: int = 0
    days: float | None = None
    note: str = ""  # how it is counted, in a sentence
    unit: str = "calendar day"  # of a number of days

    @property
    def value(self) -> float | int | None:
        """The number itself: a count, a share from 0 to 1, or days (None when none)."""
        if self.kind is FigureKind.COUNT:
            return self.count
        if self.kind is FigureKind.SHARE:
            return share(self.count, self.of)
        return self.days

    @property
    def text(self) -> str:
        """The figure as people read it: "12", "3 of 12 (25%)", "37 days"."""
        if self.kind is FigureKind.COUNT:
            return f"{self.count:,}"
        if self.kind is FigureKind.SHARE:
            return percent_text(self.count, self.of)
        if self.days is None:
            return "none yet"
        days = round(self.days, 1)
        shown = int(days) if days == int(days) else days
        return f"{shown} {self.unit}{'' if shown == 1 else 's'}"


@dataclass(frozen=True)
class MonthRow:
    """One month of the period: episodes started, outcomes and care applications."""

    month: date  # its first day
    new_episodes: int = 0
    stepped_down: int = 0
    issued: int = 0
    other: int = 0
    applications: int = 0
    short_notice: int = 0
    without_pre_proceedings: int = 0


@dataclass(frozen=True)
class StepDownRow:
    """Families stepped down in the period, for one team, one worker or everyone, and what
    followed within 12 and 24 months. Only families whose 12 (or 24) months are over
    count in ``reached_12`` (``reached_24``), the whole of each share."""

    name: str  # the team or worker, "All teams"
    team: str | None  # the group's filter: a team, or None
    worker_id: int | None  # a worker, or None
    stepped_down: int = 0
    reached_12: int = 0
    reentered_12: int = 0
    applied_12: int = 0
    reached_24: int = 0
    reentered_24: int = 0
    applied_24: int = 0


@dataclass(frozen=True)
class KpiReport:
    """Every figure for one filter, as at ``as_at`` (the period's end, or today if sooner)."""

    filter: ReportFilter
    as_at: date
    today: date
    figures: tuple[Figure, ...]
    months: tuple[MonthRow, ...]
    step_down_all: StepDownRow
    step_down_teams: tuple[StepDownRow, ...]
    step_down_workers: tuple[StepDownRow, ...]
    team_name: str = "All teams"
    worker_name: str = "All social workers"

    def figure(self, key: str) -> Figure:
        """The figure with this key.

        Raises:
            KeyError: no figure has it.
        """
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)


@dataclass(frozen=True)
class FamilyLine:
    """One family behind a figure."""

    family_id: int
    plo_family_id: str
    surname: str
    team: str
    social_worker: str
    stage: str  # the stage of its latest episode, in words
    start: date | None  # the start of the episode the figure counted
    ended: date | None  # its outcome date, if any
    detail: str = ""  # what the figure saw ("letter 7 working days after the decision")


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, its number (for CSV and charts) and the key of the families
    behind it (None for a heading cell)."""

    text: str
    value: object = None
    key: str | None = None


@dataclass(frozen=True)
class ReportTable:
    """One of the report's tables, as the window, the CSV and the PDF all show it."""

    name: str  # "summary", "months", "step_down_teams", "step_down_workers", "families"
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    empty: str = "Nothing to show for this period."


@dataclass(frozen=True)
class ReportChoices:
    """The teams and social workers the filters offer."""

    teams: tuple[str, ...]
    workers: tuple[tuple[int, str], ...]  # (user id, name), by name
