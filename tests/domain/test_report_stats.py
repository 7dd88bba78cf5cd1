"""The arithmetic of the management figures and their periods, worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from plo_tracker.domain.report_periods import Period, months_between, period_dates
from plo_tracker.domain.report_stats import (
    months_after,
    percent_text,
    percentile,
    window_passed,
    within_months,
)

TODAY = date(2026, 11, 26)


def test_median_and_90th_percentile_as_a_spreadsheet_works_them_out():
    # 10, 20, 30, 40: the median is halfway between 20 and 30; the 90th percentile is at
    # position 3 x 0.9 = 2.7 (from 0), 0.7 of the way from 30 to 40.
    values = {10: 1, 20: 1, 30: 1, 40: 1}
    assert percentile(values, 0.5) == 25
    assert percentile(values, 0.9) == pytest.approx(37)
    # Repeated values count each time: 5, 5, 5, 100 has median 5.
    assert percentile({5: 3, 100: 1}, 0.5) == 5
    assert percentile({7: 1}, 0.9) == 7
    assert percentile({}, 0.5) is None


def test_shares_in_words():
    assert percent_text(1, 3) == "1 of 3 (33%)"
    assert percent_text(2, 3) == "2 of 3 (67%)"
    assert percent_text(0, 0) == "none yet"


def test_months_after_keeps_to_the_end_of_a_short_month():
    assert months_after(date(2025, 11, 25), 12) == date(2026, 11, 25)
    assert months_after(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_a_window_is_over_only_after_its_last_day():
    assert window_passed(date(2025, 11, 25), 12, TODAY)  # last day 25 Nov 2026: yesterday
    assert not window_passed(date(2025, 11, 26), 12, TODAY)  # last day is today
    assert window_passed(date(2024, 11, 25), 24, TODAY)
    assert not window_passed(date(2024, 11, 26), 24, TODAY)


def test_within_months_counts_its_last_day_but_not_the_day_after_or_the_day_itself():
    start = date(2025, 3, 1)
    assert within_months(start, date(2026, 3, 1), 12)
    assert not within_months(start, date(2026, 3, 2), 12)
    assert not within_months(start, start, 12)  # the step-down itself is not a return
    assert not within_months(start, None, 12)


@pytest.mark.parametrize(("period", "first", "last"), [
    (Period.THIS_MONTH, date(2026, 11, 1), date(2026, 11, 30)),
    (Period.LAST_3_MONTHS, date(2026, 9, 1), date(2026, 11, 30)),
    (Period.LAST_12_MONTHS, date(2025, 12, 1), date(2026, 11, 30)),
    (Period.REPORTING_YEAR, date(2026, 4, 1), date(2027, 3, 31)),
])
def test_periods_seen_from_today(period, first, last):
    assert period_dates(period, TODAY) == (first, last)


def test_the_reporting_year_before_april_is_last_years():
    assert period_dates(Period.REPORTING_YEAR, date(2027, 3, 31)) == (
        date(2026, 4, 1), date(2027, 3, 31))
    assert period_dates(Period.REPORTING_YEAR, date(2027, 4, 1))[0] == date(2027, 4, 1)
    assert period_dates(Period.LAST_3_MONTHS, date(2027, 1, 15))[0] == date(2026, 11, 1)


def test_months_of_a_period():
    assert months_between(date(2025, 12, 15), date(2026, 2, 1)) == (
        date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1))
