"""The local-practice timescales and the checks on the values a council sets."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plo_tracker.domain.timescales import Timescales

LIMITS = {
    "letter_working_days": (1, 30, "working days"),
    "initial_meeting_working_days": (1, 40, "working days"),
    "review_interval_weeks": (1, 16, "weeks"),
    "target_weeks": (4, 52, "weeks"),
    "court_application_working_days": (1, 30, "working days"),
    "pre_birth_assessment_weeks_before_due": (1, 20, "weeks"),
    "papers_served_days_before_due": (1, 60, "calendar days"),
    "proceedings_weeks": (8, 104, "weeks"),
    "due_soon_days": (1, 30, "calendar days"),
}


def test_defaults_follow_the_guidance() -> None:
    rules = Timescales()
    assert rules.letter_working_days == 5
    assert rules.initial_meeting_working_days == 10
    assert rules.review_interval_weeks == 6
    assert rules.target_weeks == 16
    assert rules.court_application_working_days == 5
    assert rules.pre_birth_assessment_weeks_before_due == 4
    assert rules.papers_served_days_before_due == 7
    assert rules.proceedings_weeks == 26
    assert rules.due_soon_days == 7
    assert rules.problems() == {}


def test_every_setting_has_a_limit() -> None:
    assert {f.name for f in fields(Timescales)} == set(LIMITS)


def test_timescales_cannot_be_changed_in_place() -> None:
    with pytest.raises(FrozenInstanceError):
        Timescales().target_weeks = 20  # type: ignore[misc]


@pytest.mark.parametrize("name", list(LIMITS))
def test_each_limit_is_inclusive_at_both_ends(name: str) -> None:
    low, high, unit = LIMITS[name]
    assert replace(Timescales(), **{name: low}).problems() == {}
    assert replace(Timescales(), **{name: high}).problems() == {}
    message = f"Enter a whole number of {unit} from {low} to {high}."
    assert replace(Timescales(), **{name: low - 1}).problems() == {name: message}
    assert replace(Timescales(), **{name: high + 1}).problems() == {name: message}


def test_target_weeks_message() -> None:
    assert Timescales(target_weeks=3).problems() == {
        "target_weeks": "Enter a whole number of weeks from 4 to 52."
    }


@pytest.mark.parametrize("value", [5.0, 5.5, "5", None, True, False])
def test_only_whole_numbers_are_accepted(value: object) -> None:
    problems = Timescales(letter_working_days=value).problems()  # type: ignore[arg-type]
    assert problems == {
        "letter_working_days": "Enter a whole number of working days from 1 to 30."
    }


def test_all_problems_are_reported_together() -> None:
    rules = Timescales(letter_working_days=0, proceedings_weeks=200, due_soon_days=-1)
    assert set(rules.problems()) == {"letter_working_days", "proceedings_weeks", "due_soon_days"}


@settings(max_examples=80, deadline=None, database=None)
@given(st.sampled_from(sorted(LIMITS)), st.integers(min_value=-1000, max_value=1000))
def test_a_value_is_refused_exactly_when_outside_its_range(name: str, value: int) -> None:
    low, high, _ = LIMITS[name]
    problems = replace(Timescales(), **{name: value}).problems()
    assert (name in problems) == (not low <= value <= high)
    assert set(problems) <= {name}
