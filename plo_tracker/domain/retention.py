"""How long each kind of record this app holds is kept, and when a family's record is due to go.

The periods follow the data-protection part of the domain primer (and the retention
guidance councils use for children's social care records):

- a looked-after child's record is kept until the child's 75th birthday;
- a child protection record is kept for 35 years after the case closed;
- a legal hold (litigation, an inquiry, a subject access request, a complaint) stops
  any deletion until it is released, whatever the dates say.

The app cannot see a care order, so it treats the children of a family for whom care
proceedings were issued as possibly looked after: their record is kept until the
youngest child's 75th birthday, or 35 years after closure if that is later. A record
kept too long can still be deleted; one deleted too soon cannot be brought back.

Dates are counted as a person's age is in England and Wales: "N years after" a day is
the same day N years on, and a 29 February falls on 1 March in a year that has none.
A record is kept up to and including its "kept until" day, and is past its retention
period from the day after.
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date, timedelta

from .date_text import medium_date


class RecordType(enum.Enum):
    """The kinds of record this app holds, each with a retention rule in words."""

    FAMILY = "Family PLO records"
    LETTERS = "Letters made"
    AUDIT = "Audit log"
    BACKUPS = "Backups"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True)
class RetentionRule:
    """One record type's rule: what it covers, its default and how it is counted."""

    record_type: RecordType
    covers: str
    default: str
    counting: str


RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        RecordType.FAMILY,
        "the family, its children and adults, every PLO episode, plan, meeting, assessment "
        "and note",
        "35 years after the family's last episode closed; for a family for whom care "
        "proceedings were issued, until the youngest child's 75th birthday if that is later",
        "Counted from the day the last episode closed (stepped down, not entered, or care "
        "proceedings concluded); while an episode is open the record is kept. An unborn "
        "baby's birthday is counted from the expected date of birth. A family on legal hold "
        "is never deleted.",
    ),
    RetentionRule(
        RecordType.LETTERS,
        "the PDF of every letter made, with its template version and hash",
        "as long as the family's record: letters are part of the child's record",
        "Deleted with the family's record, never before it.",
    ),
    RetentionRule(
        RecordType.AUDIT,
        "who looked at, changed, printed and exported what, and when",
        "kept for good",
        "Never deleted: each entry is chained to the one before, so removing one would "
        "break the proof that none was changed. Deleting a family is itself recorded, "
        "without the family's personal details.",
    ),
    RetentionRule(
        RecordType.BACKUPS,
        "copies of the whole database, taken before a migration, a deletion or on request",
        "90 days after the copy was made",
        "Counted in calendar days from the day the copy was made. A backup holds every "
        "family as it was, including any deleted since, so old copies are listed for "
        "removal.",
    ),
)


def rule_for(record_type: RecordType) -> RetentionRule:
    return next(rule for rule in RULES if rule.record_type is record_type)


@dataclass(frozen=True)
class RetentionPeriods:
    """The retention settings (the "retention" section of the settings), with defaults."""

    # The primer: a looked-after child's record is kept until the 75th birthday.
    looked_after_until_age: int = 75
    # The primer: child protection records are kept 35 years after closure.
    child_protection_years: int = 35
    # Long enough to undo a mistake noticed at a quarterly review; short enough that a
    # family deleted at the end of its retention does not live on in copies for long.
    backup_days: int = 90

    def problems(self) -> dict[str, str]:
        """Field name to why its value is refused."""
        found: dict[str, str] = {}
        checks = (
            ("looked_after_until_age", "an age in years", 18, 120),
            ("child_protection_years", "a number of years", 1, 100),
            ("backup_days", "a number of days", 1, 3650),
        )
        for name, what, low, high in checks:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not (
                    low <= value <= high):
                found[name] = f"Enter {what} from {low} to {high}."
        return found


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later; a 29 February becomes 1 March in a year without one."""
    target = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(target):
        return date(target, 3, 1)
    return day.replace(year=target)


@dataclass(frozen=True)
class FamilyFacts:
    """What a family's retention depends on, read from its record."""

    closed_on: date | None  # the day the last episode closed; None while one is open
    proceedings_issued: bool  # care proceedings were issued in any episode
    # Each child's date of birth, or expected date of birth; None when neither is known.
    birthdays: tuple[date | None, ...]


@dataclass(frozen=True)
class RetentionEnd:
    """When a family's record may go, and why; ``kept_until`` is None while it cannot."""

    kept_until: date | None
    reason: str
    # True when the date is a child's birthday (looked after), False for years after closure.
    by_birthday: bool = False

    def days_past(self, today: date) -> int:
        """Days since the record passed its retention period (0 or less: not yet)."""
        if self.kept_until is None:
            return 0
        return (today - self.kept_until).days


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 21st, 75th."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


def family_retention(facts: FamilyFacts, periods: RetentionPeriods) -> RetentionEnd:
    """Work out until when a family's record is kept, with the rule in words."""
    if facts.closed_on is None:
        return RetentionEnd(None, "an episode is still open")
    closed_rule = years_after(facts.closed_on, periods.child_protection_years)
    because = (f"{periods.child_protection_years} years after the record closed on "
               f"{medium_date(facts.closed_on)}")
    if not facts.proceedings_issued:
        return RetentionEnd(closed_rule, because)
    if not facts.birthdays or any(day is None for day in facts.birthdays):
        return RetentionEnd(None, "care proceedings were issued and a child's date of birth "
                                  "is not recorded, so the birthday it is kept until cannot "
                                  "be worked out")
    youngest = max(day for day in facts.birthdays if day is not None)
    birthday_rule = years_after(youngest, periods.looked_after_until_age)
    if birthday_rule >= closed_rule:
        return RetentionEnd(birthday_rule, (
            f"care proceedings were issued: until the youngest child's "
            f"{ordinal(periods.looked_after_until_age)} birthday (born {medium_date(youngest)})"),
            by_birthday=True)
    return RetentionEnd(closed_rule, because)


def backup_kept_until(made_on: date, periods: RetentionPeriods) -> date:
    """The last day a backup made on ``made_on`` is kept."""
    return made_on + timedelta(days=periods.backup_days)
