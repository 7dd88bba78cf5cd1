"""The hearing a bundle is for: court, case number, date and time, and judge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from plo_tracker.domain.clock import UK
from plo_tracker.domain.date_text import short_date

from ..forms.date_field import DateField
from ..forms.fields import ProblemLabel
from ..problem_text import problem_text

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
TIME_PROBLEM = ("Type the time as hours:minutes on the 24-hour clock, for example 10:30, "
                "or leave it empty if it is not known yet.")


def moment_text(when: datetime) -> str:
    """"Tue 3 Mar 2026, 10:30" in UK time."""
    when = when.astimezone(UK) if when.tzinfo else when
    return f"{short_date(when.date())}, {when:%H:%M}"


def hearing_text(when: datetime | None) -> str:
    """"Tue 3 Mar 2026, 10:30"; the date alone when no time was given; or "Date not set"."""
    if when is None:
        return "Date not set"
    local = when.astimezone(UK) if when.tzinfo else when
    return short_date(local.date()) if local.time() == time(0, 0) else moment_text(when)


def parse_time(text: str) -> time | None:
    """A time typed as 10:30 or 10.30 (24-hour clock), or None if it is not one."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes = int(match[1]), int(match[2])
    return time(hours, minutes) if hours < 24 and minutes < 60 else None


@dataclass(frozen=True)
class Hearing:
    """What the form holds (the time in UK time); the service says why a value is refused."""

    court: str
    case_number: str
    hearing_at: datetime | None
    judge: str


class HearingForm(QWidget):
    """The hearing's fields, with the reason for a refused value under its field.

    ``changed`` whenever anything is typed.
    """

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.court = QLineEdit()
        self.court.setPlaceholderText("For example, Family Court at Northshire")
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText("For example, NS26C00123")
        self.date = DateField(today)
        self.date.set_accessible_name("Hearing date")
        self.time = QLineEdit()
        self.time.setPlaceholderText("hh:mm")
        self.time.setAccessibleName("Hearing time")
        self.time.setMaximumWidth(self.time.fontMetrics().horizontalAdvance("00:000") + 24)
        self.judge = QLineEdit()
        self.judge.setPlaceholderText("If known, for example HHJ Patel")
        self.problems = {name: ProblemLabel(about) for name, about in
                         (("court", "the court"), ("case_number", "the case number"),
                          ("hearing_at", "the hearing date"), ("judge", "the judge"))}
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.date)
        when.addWidget(QLabel("at"))
        when.addWidget(self.time)
        when.addWidget(QLabel("(UK time)"))
        when.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.setMaximumWidth(720)  # a court's name fits; wider only spreads the eye
        for label, widget, name in (("&Court", self.court, "court"),
                                    ("Case &number", self.case_number, "case_number"),
                                    ("Hearing &date", when, "hearing_at"),
                                    ("&Judge", self.judge, "judge")):
            form.addRow(label, widget)
            form.addRow("", self.problems[name])
            if isinstance(widget, QLineEdit):
                widget.setAccessibleName(label.replace("&", ""))
                widget.textChanged.connect(self.changed)
        self.date.changed.connect(self.changed)
        self.time.textChanged.connect(self.changed)
        form.labelForField(when).setBuddy(self.date.edit)

    def set_hearing(self, hearing: Hearing) -> None:
        self.court.setText(hearing.court)
        self.case_number.setText(hearing.case_number)
        when = hearing.hearing_at.astimezone(UK) if hearing.hearing_at else None
        self.date.set_date(when.date() if when else None)
        at = when.time() if when else None
        self.time.setText(at.strftime("%H:%M") if at and at != time(0, 0) else "")
        self.judge.setText(hearing.judge)
        self.show_problems({})

    def typing_problems(self) -> dict[str, str]:
        """What cannot even be read (a date or time mistyped); the service checks the rest."""
        found = {}
        if self.date.problem():
            found["hearing_at"] = self.date.problem()
        elif self.time.text().strip() and parse_time(self.time.text()) is None:
            found["hearing_at"] = TIME_PROBLEM
        elif self.time.text().strip() and self.date.is_empty():
            found["hearing_at"] = "Type the hearing's date as well as its time."
        return found

    def hearing(self) -> Hearing:
        day = self.date.date()
        at = parse_time(self.time.text()) or time(0, 0)
        return Hearing(court=self.court.text().strip(),
                       case_number=self.case_number.text().strip(),
                       # The court sits in UK time, whatever the computer's clock says.
                       hearing_at=datetime.combine(day, at, tzinfo=UK) if day else None,
                       judge=self.judge.text().strip())

    def show_problems(self, problems: dict[str, str]) -> dict[str, str]:
        """Show each problem under its field; returns those that belong to no field."""
        for name, label in self.problems.items():
            # The service may name the date "hearing_at", "hearing_date" or "date".
            text = problems.get(name) or (problems.get("hearing_date") or problems.get("date")
                                          if name == "hearing_at" else None)
            label.set_problem(text)
        known = {*self.problems, "hearing_date", "date"}
        return {k: v for k, v in problems.items() if k not in known}

    def show_refusal(self, error: BaseException, failed: str) -> str | None:
        """Show a refused save's problems under their fields; returns the words for what
        belongs to no field (None when every problem is under its field)."""
        problems = getattr(error, "problems", None)
        if problems is None:
            return problem_text(error, failed)
        rest = self.show_problems(problems)
        return " ".join(rest.values()) or None

    def focus_chain(self) -> list[QWidget]:
        return [self.court, self.case_number, *self.date.focus_chain(), self.time, self.judge]
