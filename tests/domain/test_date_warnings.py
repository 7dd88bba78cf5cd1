"""Dates worth a second look before saving: each warning worked out by hand."""

from __future__ import annotations

from datetime import date, time

from plo_tracker.domain.date_warnings import (
    assessment_due_warnings,
    held_meeting_warnings,
    planned_meeting_warnings,
)
from tests.support import TODAY


def test_a_usual_meeting_needs_no_warning() -> None:
    assert planned_meeting_warnings(date(2026, 12, 1), time(10, 30), TODAY) == []
    assert planned_meeting_warnings(date(2026, 12, 1), time(8, 0), TODAY) == []
    assert planned_meeting_warnings(date(2026, 12, 1), time(18, 0), TODAY) == []


def test_past_weekend_bank_holiday_and_out_of_hours_are_each_said() -> None:
    assert planned_meeting_warnings(date(2026, 11, 20), None, TODAY) == [
        "Fri 20 Nov 2026 is in the past: a meeting that has happened is recorded as held."]
    assert planned_meeting_warnings(date(2026, 11, 29), None, TODAY) == [
        "Sun 29 Nov 2026 is a Sunday."]
    assert planned_meeting_warnings(date(2026, 12, 28), None, TODAY) == [
        "Mon 28 Dec 2026 is a bank holiday (Boxing Day, substitute day)."]
    assert planned_meeting_warnings(date(2026, 12, 1), time(7, 59), TODAY) == [
        "07:59 is outside 08:00 to 18:00."]
    assert planned_meeting_warnings(date(2026, 11, 21), time(19, 0), TODAY) == [
        "Sat 21 Nov 2026 is in the past: a meeting that has happened is recorded as held.",
        "Sat 21 Nov 2026 is a Saturday.", "19:00 is outside 08:00 to 18:00."]


def test_an_assessment_due_over_a_year_after_commissioning() -> None:
    assert assessment_due_warnings(date(2027, 11, 26), date(2026, 11, 26)) == []
    assert assessment_due_warnings(date(2027, 11, 27), date(2026, 11, 26)) == [
        "Sat 27 Nov 2027 is more than a year after the assessment was commissioned, and "
        "pre-proceedings normally lasts 16 weeks."]


def test_a_meeting_held_before_its_planned_day() -> None:
    assert held_meeting_warnings(date(2026, 11, 20), date(2026, 11, 24)) == [
        "The meeting was planned for Tue 24 Nov 2026, but is recorded as held earlier, on "
        "Fri 20 Nov 2026."]
    assert held_meeting_warnings(date(2026, 11, 24), date(2026, 11, 24)) == []
    assert held_meeting_warnings(date(2026, 11, 24), None) == []
