"""The local-practice timescales every due date is measured by, with their defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Timescales:
    """Numbers a council may set for itself; each due-date rule reads one of these.

    Defaults follow PLO.md: letter within 5 working days of the gateway decision,
    initial meeting within 10 working days of the letter, reviews every 6 weeks,
    outcome by 16 weeks, pre-birth assessment 4 weeks and papers 7 days before
    an unborn baby's due date, care proceedings within 26 weeks of issue.
    """

    letter_working_days: int = 5
    initial_meeting_working_days: int = 10
    review_interval_weeks: int = 6
    target_weeks: int = 16
    pre_birth_assessment_weeks_before_due: int = 4
    papers_served_days_before_due: int = 7
    proceedings_weeks: int = 26
    due_soon_days: int = 7

    def problems(self) -> dict[str, str]:
        """Return field name to plain-English reason for every value out of range."""
        limits = {
            "letter_working_days": (1, 30, "working days"),
            "initial_meeting_working_days": (1, 40, "working days"),
            "review_interval_weeks": (1, 16, "weeks"),
            "target_weeks": (4, 52, "weeks"),
            "pre_birth_assessment_weeks_before_due": (1, 20, "weeks"),
            "papers_served_days_before_due": (1, 60, "days"),
            "proceedings_weeks": (8, 104, "weeks"),
            "due_soon_days": (1, 30, "days"),
        }
        found = {}
        for field in fields(self):
            low, high, unit = limits[field.name]
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                found[field.name] = f"Enter a whole number of {unit} from {low} to {high}."
        return found
