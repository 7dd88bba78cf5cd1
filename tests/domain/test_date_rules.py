"""Date-order checks mirroring the census validation rules, and no dates in the future."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plo_tracker.domain.date_rules import EpisodeDates, not_in_future, order_problems
from plo_tracker.domain.errors import DomainError, ValidationFailed

START = date(2026, 3, 26)


def test_no_dates_no_problems() -> None:
    assert order_problems(EpisodeDates()) == {}


def test_a_complete_journey_in_order_has_no_problems() -> None:
    dates = EpisodeDates(
        start=START,
        letters_sent=(date(2026, 3, 30), date(2026, 4, 1)),
        outcome=date(2026, 7, 16),
        court_application=date(2026, 7, 20),
        letter_of_issue=date(2026, 7, 21),
    )
    assert order_problems(dates) == {}


def test_everything_on_the_same_day_is_allowed() -> None:
    same = EpisodeDates(
        start=START, letters_sent=(START,), outcome=START,
        court_application=START, letter_of_issue=START,
    )
    assert order_problems(same) == {}


# --- Letter before proceedings -------------------------------------------------------


def test_a_letter_sent_before_the_gateway_decision_is_refused() -> None:
    dates = EpisodeDates(start=START, letters_sent=(date(2026, 3, 30), date(2026, 3, 25)))
    assert order_problems(dates) == {
        "letter_sent": (
            "A letter before proceedings cannot be sent before the gateway decision on "
            "Thu 26 Mar 2026. Check the date sent."
        )
    }


def test_letters_without_a_start_date_cannot_be_checked() -> None:
    assert order_problems(EpisodeDates(letters_sent=(date(2020, 1, 1),))) == {}


# --- Outcome ---------------------------------------------------------------------------


def test_an_outcome_before_the_start_is_refused() -> None:
    problems = order_problems(EpisodeDates(start=START, outcome=date(2026, 3, 25)))
    assert problems == {
        "outcome_date": (
            "The outcome decision cannot come before pre-proceedings started on "
            "Thu 26 Mar 2026."
        )
    }


# --- Court application ------------------------------------------------------------------


def test_an_application_before_the_outcome_decision_is_refused() -> None:
    dates = EpisodeDates(
        start=START, outcome=date(2026, 7, 16), court_application=date(2026, 7, 15)
    )
    assert order_problems(dates) == {
        "court_application_date": (
            "The court application cannot be made before the decision to issue on "
            "Thu 16 Jul 2026."
        )
    }


def test_without_an_outcome_the_application_is_checked_against_the_start() -> None:
    # An urgent case: the gateway decided to issue straight away.
    early = EpisodeDates(start=START, court_application=date(2026, 3, 25))
    assert order_problems(early) == {
        "court_application_date": (
            "The court application cannot be made before the decision to issue on "
            "Thu 26 Mar 2026."
        )
    }
    assert order_problems(EpisodeDates(start=START, court_application=START)) == {}


def test_an_application_after_the_start_but_before_the_outcome_is_still_refused() -> None:
    dates = EpisodeDates(
        start=START, outcome=date(2026, 7, 16), court_application=date(2026, 5, 1)
    )
    assert set(order_problems(dates)) == {"court_application_date"}


# --- Letter of issue --------------------------------------------------------------------


def test_a_letter_of_issue_before_the_application_is_refused() -> None:
    dates = EpisodeDates(
        start=START, court_application=date(2026, 7, 20), letter_of_issue=date(2026, 7, 17)
    )
    assert order_problems(dates) == {
        "letter_of_issue_date": (
            "The letter of issue cannot be sent before the court application on "
            "Mon 20 Jul 2026."
        )
    }


def test_a_letter_of_issue_without_an_application_asks_for_the_application() -> None:
    dates = EpisodeDates(start=START, letter_of_issue=date(2026, 7, 21))
    assert order_problems(dates) == {
        "letter_of_issue_date": "Record the court application date before the letter of issue."
    }


def test_every_problem_is_reported_at_once() -> None:
    dates = EpisodeDates(
        start=START,
        letters_sent=(date(2026, 3, 1),),
        outcome=date(2026, 3, 2),
        court_application=date(2026, 3, 1),
        letter_of_issue=date(2026, 2, 28),
    )
    assert set(order_problems(dates)) == {
        "letter_sent", "outcome_date", "court_application_date", "letter_of_issue_date",
    }


def test_problems_can_be_raised_together_as_one_validation_error() -> None:
    problems = order_problems(
        EpisodeDates(start=START, outcome=date(2026, 3, 1), letter_of_issue=date(2026, 4, 1))
    )
    error = ValidationFailed(problems)
    assert isinstance(error, DomainError)
    assert error.field == "outcome_date"
    assert error.problems == problems
    assert error.message == " ".join(problems.values())
    assert "Record the court application date" in str(error)


# --- Not in the future ----------------------------------------------------------------


def test_a_date_after_today_is_refused() -> None:
    today = date(2026, 4, 1)
    assert not_in_future("letter_sent", "The date sent", date(2026, 4, 2), today) == {
        "letter_sent": "The date sent cannot be in the future: Thu 2 Apr 2026 is after today."
    }


@pytest.mark.parametrize("value", [date(2026, 4, 1), date(2026, 3, 31), date(2000, 1, 1), None])
def test_today_past_or_unknown_dates_are_fine(value: date | None) -> None:
    assert not_in_future("held", "The meeting date", value, date(2026, 4, 1)) == {}


# --- Properties -------------------------------------------------------------------------

gaps = st.integers(min_value=0, max_value=200)
maybe = st.booleans()


@settings(max_examples=120, deadline=None, database=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.lists(gaps, max_size=4),
    gaps, gaps, gaps,
    maybe, maybe, maybe, maybe,
)
def test_correctly_ordered_dates_never_have_problems(
    start: date,
    letter_gaps: list[int],
    to_outcome: int,
    to_application: int,
    to_issue_letter: int,
    know_start: bool,
    know_outcome: bool,
    know_application: bool,
    know_issue_letter: bool,
) -> None:
    outcome = start + timedelta(days=to_outcome)
    application = outcome + timedelta(days=to_application)
    dates = EpisodeDates(
        start=start if know_start else None,
        letters_sent=tuple(start + timedelta(days=g) for g in letter_gaps),
        outcome=outcome if know_outcome else None,
        court_application=application if know_application else None,
        letter_of_issue=(
            application + timedelta(days=to_issue_letter)
            if know_application and know_issue_letter
            else None
        ),
    )
    assert order_problems(dates) == {}


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(min_value=1, max_value=500),
)
def test_any_letter_before_the_start_is_caught(start: date, days_early: int) -> None:
    dates = EpisodeDates(start=start, letters_sent=(start, start - timedelta(days=days_early)))
    assert set(order_problems(dates)) == {"letter_sent"}


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.dates(min_value=date(2002, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(min_value=-500, max_value=500),
)
def test_not_in_future_refuses_exactly_the_days_after_today(today: date, offset: int) -> None:
    value = today + timedelta(days=offset)
    assert bool(not_in_future("f", "It", value, today)) == (offset > 0)


# --- Meetings and extensions in their order -------------------------------------------------

from plo_tracker.domain.date_rules import extension_problems, meeting_held_problems  # noqa: E402
from plo_tracker.domain.vocabulary import MeetingKind  # noqa: E402


def test_a_review_cannot_come_before_the_initial_meeting() -> None:
    problems = meeting_held_problems(MeetingKind.REVIEW_PPM, date(2026, 4, 14),
                                     initial_held=date(2026, 4, 15),
                                     first_letter_sent=date(2026, 3, 30))
    assert problems == {"held_date": (
        "A review meeting cannot be held before the initial pre-proceedings meeting, held on "
        "Wed 15 Apr 2026.")}
    assert meeting_held_problems(MeetingKind.REVIEW_PPM, date(2026, 4, 15),
                                 initial_held=date(2026, 4, 15),
                                 first_letter_sent=date(2026, 3, 30)) == {}
    assert meeting_held_problems(MeetingKind.REVIEW_PPM, date(2026, 4, 15), initial_held=None,
                                 first_letter_sent=None) == {
        "kind": "Record the initial pre-proceedings meeting before a review."}


def test_the_initial_meeting_comes_after_a_letter_before_proceedings() -> None:
    assert meeting_held_problems(MeetingKind.INITIAL_PPM, date(2026, 4, 15), initial_held=None,
                                 first_letter_sent=None) == {"held_date": (
        "The initial pre-proceedings meeting comes after the letter before proceedings: "
        "record a letter as sent first.")}
    assert meeting_held_problems(MeetingKind.INITIAL_PPM, date(2026, 3, 27), initial_held=None,
                                 first_letter_sent=date(2026, 3, 30)) == {"held_date": (
        "The initial pre-proceedings meeting cannot be held before the first letter before "
        "proceedings was sent, on Mon 30 Mar 2026.")}
    # The same day as the letter is allowed (it may be handed over at the meeting).
    assert meeting_held_problems(MeetingKind.INITIAL_PPM, date(2026, 3, 30), initial_held=None,
                                 first_letter_sent=date(2026, 3, 30)) == {}


def test_an_extension_must_extend() -> None:
    start, current_end = date(2026, 3, 26), date(2026, 7, 15)
    assert extension_problems(date(2026, 7, 1), date(2026, 7, 10), start=start,
                              current_end=current_end) == {"new_end_date": (
        "Pre-proceedings already runs to Wed 15 Jul 2026: the new end date must be after it, "
        "or it would shorten pre-proceedings, not extend it.")}
    assert set(extension_problems(date(2026, 7, 1), current_end, start=start,
                                  current_end=current_end)) == {"new_end_date"}
    assert extension_problems(date(2026, 7, 1), date(2026, 7, 16), start=start,
                              current_end=current_end) == {}
    assert extension_problems(date(2026, 3, 20), date(2026, 8, 1), start=start,
                              current_end=current_end) == {"decided_on": (
        "An extension cannot be decided before pre-proceedings started on Thu 26 Mar 2026.")}


def test_every_happened_date_must_be_in_the_calendar() -> None:
    assert not_in_future("f", "It", date(1999, 12, 31), date(2026, 1, 1)) == {"f": (
        "The date 31 December 1999 is outside the years 2000 to 2060 that PLO Tracker's calendar "
        "covers. Check the year.")}
