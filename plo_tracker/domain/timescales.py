"""The timescales every due date is measured by: their values, ranges, counting and source.

Each timescale names how it is counted, because the law and local practice count in
different ways (docs/timescales.md says why each uses the counting it does):

- "within N working days of" a day: counting starts on the working day after it;
  weekends and bank holidays in England and Wales are not counted.
- "N weeks beginning with" a day: that day is day 1, so the last day is N x 7 - 1
  days after it (s.32(1)(a)(ii) Children Act 1989: issued Mon 2 Mar 2026, last day
  Sun 30 Aug 2026).
- "N weeks after" a day: the same day of the week, N weeks later.
- "N weeks (or days) before" a day: counted back in calendar days.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date, timedelta

from .working_days import add_working_days


class Counting(enum.Enum):
    """How a timescale counts; the value is the phrase the rules are written with."""

    WORKING_DAYS_WITHIN = "within N working days of"
    WEEKS_BEGINNING_WITH = "N weeks beginning with"
    WEEKS_AFTER = "N weeks after"
    BEFORE = "N weeks or days before"
    CALENDAR_DAYS_AHEAD = "the next N calendar days"

    @property
    def explained(self) -> str:
        """The counting rule in a sentence, for settings and tooltips."""
        return _EXPLAINED[self]


_EXPLAINED = {
    Counting.WORKING_DAYS_WITHIN: "Working days: counting starts on the working day after, "
    "and weekends and bank holidays in England and Wales are not counted.",
    Counting.WEEKS_BEGINNING_WITH: "Beginning with: the first day is day 1, so the last day "
    "is 7 x N - 1 calendar days after it.",
    Counting.WEEKS_AFTER: "Calendar weeks: the same day of the week, N weeks later.",
    Counting.BEFORE: "Calendar days, counted back from the date.",
    Counting.CALENDAR_DAYS_AHEAD: "Calendar days from today, weekends included.",
}


@dataclass(frozen=True)
class Timescale:
    """What one setting of Timescales means: its words, range, counting and source."""

    name: str  # the field of Timescales
    label: str  # the setting's name for people
    # The rule, with {n} for the number, {unit} for its unit and {event} for what it counts
    # from.
    wording: str
    event: str  # what it counts from, in general: "the gateway decision"
    unit: str
    low: int
    high: int
    counting: Counting
    source: str  # where the number comes from: statute, case law, guidance or local practice

    def rule(self, n: int, event: str) -> str:
        """The rule in words for a number and an event, e.g. "within 5 working days of the
        gateway decision on Tue 1 Sep 2026"."""
        return self.wording.format(n=n, unit=self.unit_one if n == 1 else self.unit, event=event)

    @property
    def unit_one(self) -> str:
        """The unit for a count of one: "working day", "week"."""
        return self.unit.removesuffix("s")

    def problem(self, value: object) -> str | None:
        """Why a value cannot be used for this timescale, or None when it can."""
        if isinstance(value, bool) or not isinstance(value, int) or not (
                self.low <= value <= self.high):
            return f"Enter a whole number of {self.unit} from {self.low} to {self.high}."
        return None


LOCAL_PRACTICE = "local practice"
TIMESCALES: tuple[Timescale, ...] = (
    Timescale("letter_working_days", "Letter before proceedings",
              "within {n} {unit} of {event}", "the gateway decision", "working days", 1, 30,
              Counting.WORKING_DAYS_WITHIN, LOCAL_PRACTICE),
    Timescale("initial_meeting_working_days", "Initial pre-proceedings meeting",
              "within {n} {unit} of {event}", "the letter before proceedings",
              "working days", 1, 40,
              Counting.WORKING_DAYS_WITHIN, LOCAL_PRACTICE),
    Timescale("review_interval_weeks", "Review meetings", "{n} {unit} after {event}",
              "the last meeting", "weeks", 1, 16, Counting.WEEKS_AFTER, LOCAL_PRACTICE),
    Timescale("target_weeks", "Outcome of pre-proceedings",
              "within the {n} {unit} beginning with {event}", "the gateway decision", "weeks",
              4, 52, Counting.WEEKS_BEGINNING_WITH,
              "Public Law Working Group best practice guidance"),
    Timescale("court_application_working_days", "Court application after a decision to issue",
              "within {n} {unit} of {event}", "the decision to issue", "working days",
              1, 30, Counting.WORKING_DAYS_WITHIN, LOCAL_PRACTICE),
    Timescale("pre_birth_assessment_weeks_before_due", "Pre-birth assessment shared",
              "at least {n} {unit} before {event}", "the expected date of birth", "weeks", 1, 20,
              Counting.BEFORE,
              "Nottingham City Council v LW [2016] EWHC 11 (Fam)"),
    Timescale("papers_served_days_before_due", "Papers served before an expected birth",
              "at least {n} {unit} before {event}", "the expected date of birth",
              "calendar days", 1, 60, Counting.BEFORE,
              "Nottingham City Council v LW [2016] EWHC 11 (Fam)"),
    Timescale("proceedings_weeks", "Care proceedings",
              "within the {n} {unit} beginning with {event}", "the day the application was issued",
              "weeks", 8, 104, Counting.WEEKS_BEGINNING_WITH, "s.32(1)(a)(ii) Children Act 1989"),
    Timescale("due_soon_days", "Show as due soon", "due in the next {n} {unit}", "",
              "calendar days", 1, 30, Counting.CALENDAR_DAYS_AHEAD, "a setting of this app"),
)
_BY_NAME = {t.name: t for t in TIMESCALES}


def timescale(name: str) -> Timescale:
    """The description of one setting of Timescales, by field name."""
    return _BY_NAME[name]


@dataclass(frozen=True)
class Timescales:
    """The numbers a council may set for itself; each due-date rule reads one of these.

    Defaults follow PLO.md: letter within 5 working days of the gateway decision, initial
    meeting within 10 working days of the letter, reviews every 6 weeks, outcome within
    16 weeks, the court application within 5 working days of a decision to issue,
    pre-birth assessment 4 weeks and papers 7 days before an unborn baby's due date,
    care proceedings within 26 weeks of issue.
    """

    letter_working_days: int = 5
    initial_meeting_working_days: int = 10
    review_interval_weeks: int = 6
    target_weeks: int = 16
    court_application_working_days: int = 5
    pre_birth_assessment_weeks_before_due: int = 4
    papers_served_days_before_due: int = 7
    proceedings_weeks: int = 26
    due_soon_days: int = 7

    def problems(self) -> dict[str, str]:
        """Return field name to plain-English reason for every value out of range."""
        found = {}
        for field in fields(self):
            problem = _BY_NAME[field.name].problem(getattr(self, field.name))
            if problem:
                found[field.name] = problem
        return found

    def rule(self, name: str, event: str) -> str:
        """The rule a setting makes, in words, with this council's number."""
        return _BY_NAME[name].rule(getattr(self, name), event)

    def reason(self, name: str, event: str) -> str:
        """The rule with the source of its number: "... (local practice)", "... (s.32 ...)"."""
        return f"{self.rule(name, event)} ({_BY_NAME[name].source})"

    # -- the dates each rule gives ---------------------------------------------------------
    def letter_due(self, start: date) -> date:
        return add_working_days(start, self.letter_working_days)

    def initial_meeting_due(self, letter: date) -> date:
        return add_working_days(letter, self.initial_meeting_working_days)

    def review_due(self, last_meeting: date) -> date:
        return last_meeting + timedelta(weeks=self.review_interval_weeks)

    def pre_proceedings_end(self, start: date) -> date:
        return weeks_beginning_with(start, self.target_weeks)

    def court_application_due(self, decided: date) -> date:
        return add_working_days(decided, self.court_application_working_days)

    def pre_birth_assessment_due(self, expected_birth: date) -> date:
        return expected_birth - timedelta(weeks=self.pre_birth_assessment_weeks_before_due)

    def papers_served_due(self, expected_birth: date) -> date:
        return expected_birth - timedelta(days=self.papers_served_days_before_due)

    def proceedings_end(self, application: date) -> date:
        return weeks_beginning_with(application, self.proceedings_weeks)


def weeks_beginning_with(first_day: date, weeks: int) -> date:
    """The last day of ``weeks`` weeks beginning with ``first_day`` (which is day 1)."""
    return first_day + timedelta(days=7 * weeks - 1)
