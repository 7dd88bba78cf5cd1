"""Retention dates, each worked out by hand from the primer's rules (never by the code)."""

from __future__ import annotations

from datetime import date

import pytest

from plo_tracker.domain.retention import (
    RULES,
    FamilyFacts,
    RecordType,
    RetentionPeriods,
    backup_kept_until,
    family_retention,
    ordinal,
    rule_for,
)

DEFAULTS = RetentionPeriods()
CLOSED = date(2026, 11, 26)


def test_a_child_protection_record_is_kept_35_years_after_closure() -> None:
    # Closed 26 Nov 2026; 35 years on is 26 Nov 2061.
    end = family_retention(FamilyFacts(CLOSED, False, (date(2019, 4, 2),)), DEFAULTS)
    assert end.kept_until == date(2061, 11, 26)
    assert end.reason == "35 years after the record closed on 26 Nov 2026"
    assert not end.by_birthday


def test_a_child_in_care_is_kept_until_the_75th_birthday() -> None:
    # Born 3 Mar 2001: the 75th birthday is 3 Mar 2076, later than 26 Nov 2061.
    end = family_retention(FamilyFacts(CLOSED, True, (date(2001, 3, 3),)), DEFAULTS)
    assert end.kept_until == date(2076, 3, 3)
    assert end.reason == ("care proceedings were issued: until the youngest child's 75th "
                          "birthday (born 3 Mar 2001)")
    assert end.by_birthday


def test_the_youngest_child_sets_the_birthday() -> None:
    # Born 3 Mar 2001 and 14 Jul 2005: the younger's 75th birthday is 14 Jul 2080.
    facts = FamilyFacts(CLOSED, True, (date(2001, 3, 3), date(2005, 7, 14)))
    assert family_retention(facts, DEFAULTS).kept_until == date(2080, 7, 14)


def test_closure_wins_when_it_is_later_than_the_75th_birthday() -> None:
    # Born 10 May 1980: 75th birthday 10 May 2055, before 26 Nov 2061 (closure + 35 years).
    end = family_retention(FamilyFacts(CLOSED, True, (date(1980, 5, 10),)), DEFAULTS)
    assert end.kept_until == date(2061, 11, 26)
    assert not end.by_birthday


def test_an_unborn_baby_counts_from_the_expected_date_of_birth() -> None:
    # Expected 20 Jun 2027: 75th birthday 20 Jun 2102.
    end = family_retention(FamilyFacts(CLOSED, True, (date(2027, 6, 20),)), DEFAULTS)
    assert end.kept_until == date(2102, 6, 20)


def test_29_february_falls_on_1_march_in_a_year_without_one() -> None:
    # Born 29 Feb 2004; 2079 is not a leap year, so the 75th birthday is 1 Mar 2079.
    born = family_retention(FamilyFacts(CLOSED, True, (date(2004, 2, 29),)), DEFAULTS)
    assert born.kept_until == date(2079, 3, 1)
    # Closed 29 Feb 2028; 2063 is not a leap year: 1 Mar 2063.
    closed = family_retention(FamilyFacts(date(2028, 2, 29), False, ()), DEFAULTS)
    assert closed.kept_until == date(2063, 3, 1)
    # Born 29 Feb 2004; 80 years on is 2084, a leap year: 29 Feb 2084.
    eighty = family_retention(FamilyFacts(CLOSED, True, (date(2004, 2, 29),)),
                              RetentionPeriods(looked_after_until_age=80))
    assert eighty.kept_until == date(2084, 2, 29)


def test_an_open_record_is_kept() -> None:
    end = family_retention(FamilyFacts(None, True, (date(2001, 3, 3),)), DEFAULTS)
    assert end.kept_until is None
    assert end.reason == "an episode is still open"


def test_a_missing_birth_date_after_proceedings_cannot_be_worked_out() -> None:
    end = family_retention(FamilyFacts(CLOSED, True, (date(2001, 3, 3), None)), DEFAULTS)
    assert end.kept_until is None
    assert "a child's date of birth is not recorded" in end.reason


def test_days_past_count_from_the_day_after_kept_until() -> None:
    end = family_retention(FamilyFacts(CLOSED, False, ()), DEFAULTS)  # until 26 Nov 2061
    assert end.days_past(date(2061, 11, 26)) == 0
    assert end.days_past(date(2061, 11, 27)) == 1
    assert end.days_past(date(2062, 1, 1)) == 36  # 4 days left of November, then 31 + 1


def test_the_periods_are_settings() -> None:
    periods = RetentionPeriods(looked_after_until_age=71, child_protection_years=40)
    # Closed 26 Nov 2026 + 40 years = 26 Nov 2066.
    assert family_retention(FamilyFacts(CLOSED, False, ()), periods).kept_until == \
        date(2066, 11, 26)
    # Born 3 Mar 2001 + 71 years = 3 Mar 2072, later than 26 Nov 2066.
    end = family_retention(FamilyFacts(CLOSED, True, (date(2001, 3, 3),)), periods)
    assert end.kept_until == date(2072, 3, 3)
    assert "71st birthday" in end.reason


def test_a_backup_is_kept_90_days() -> None:
    # 1 Sep 2026: 29 more days of September, 31 of October, 30 of November = 30 Nov 2026.
    assert backup_kept_until(date(2026, 9, 1), DEFAULTS) == date(2026, 11, 30)


@pytest.mark.parametrize(("values", "field"), [
    ({"looked_after_until_age": 17}, "looked_after_until_age"),
    ({"child_protection_years": 0}, "child_protection_years"),
    ({"backup_days": 0}, "backup_days"),
    ({"backup_days": True}, "backup_days"),
])
def test_periods_out_of_range_are_refused(values: dict, field: str) -> None:
    assert list(RetentionPeriods(**values).problems()) == [field]
    assert RetentionPeriods().problems() == {}


def test_every_record_type_has_a_rule_in_words() -> None:
    assert {rule.record_type for rule in RULES} == set(RecordType)
    assert rule_for(RecordType.AUDIT).default == "kept for good"
    for rule in RULES:
        assert rule.covers and rule.default and rule.counting


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 71, 72, 75, 111)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "71st", "72nd", "75th", "111th"]
