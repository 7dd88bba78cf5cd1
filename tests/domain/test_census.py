"""The CIN census module 5: the reporting year, records as at its last day, and every
rule with a record that breaks it and one that passes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from plo_tracker.domain.census import (
    CENSUS_COLUMNS,
    CHILD_ID_RULE,
    RULES,
    RULES_BY_CODE,
    CensusChild,
    CensusEpisode,
    CensusRecord,
    ReportingYear,
    RuleContext,
    census_records,
    check_record,
    reporting_year_of,
)
from plo_tracker.domain.vocabulary import Outcome

YEAR = ReportingYear(2026)
CONTEXT = RuleContext(YEAR, "B")
CODES = {Outcome.STEP_DOWN: "A", Outcome.ISSUE_PROCEEDINGS: "B", Outcome.OTHER: "C"}

# A record that passes every rule: care proceedings issued within 2026-27.
CLEAN = CensusRecord(
    la_child_id="LC1001", episode_id=7, plo_family_id="PLO-2026-0007",
    pp_start=date(2026, 6, 1), lbp_sent=date(2026, 6, 3), fgdm_offer=True,
    fgdm_facilitated=False, initial_meeting=date(2026, 6, 15), review_count=2,
    step_decision=date(2026, 10, 1), outcome_code="B", court_application=date(2026, 10, 5),
    letter_of_issue=date(2026, 10, 6), family_id=3, child_id=11, child_name="Ruby Test")


def broken(record: CensusRecord) -> set[tuple[str, str]]:
    return {(f.rule.code, f.field) for f in check_record(record, CONTEXT)}


def test_the_reporting_year_runs_from_1_april_to_31_march():
    assert (YEAR.start, YEAR.end, YEAR.label) == (date(2026, 4, 1), date(2027, 3, 31),
                                                  "2026-27")
    assert YEAR.contains(date(2027, 3, 31))
    assert not YEAR.contains(date(2027, 4, 1))
    assert not YEAR.contains(date(2026, 3, 31))
    assert reporting_year_of(date(2027, 3, 31)) == YEAR
    assert reporting_year_of(date(2027, 4, 1)) == ReportingYear(2027)


def test_the_rules_are_numbered_as_plo_md_lists_them():
    assert [rule.code for rule in RULES] == ["9005", "9006", "9007", "9008", "9009", "9010",
                                            "9011", "9012", "9013", "9014", "9015Q"]
    assert [rule.code for rule in RULES if rule.is_query] == ["9015Q"]
    for rule in (*RULES, CHILD_ID_RULE):
        assert rule.message.endswith((".", "?")) and rule.fix.endswith(".")


def test_a_clean_record_breaks_no_rule():
    assert broken(CLEAN) == set()


# Each rule: a record breaking it (and no other), and the field named.
BREAKING = {
    "9005": (replace(CLEAN, pp_start=date(2026, 3, 31), lbp_sent=date(2026, 3, 31)),
             {("9005", "PPStartDate"), ("9005", "LBPSentDate")}),
    "9006": (replace(CLEAN, lbp_sent=date(2026, 5, 29)), {("9006", "LBPSentDate")}),
    "9007": (replace(CLEAN, lbp_sent=None, fgdm_offer=None, fgdm_facilitated=None,
                     initial_meeting=None, review_count=None, step_decision=date(2026, 5, 30),
                     court_application=None, letter_of_issue=None, outcome_code="A"),
             {("9007", "StepDecisionDate")}),
    "9008": (replace(CLEAN, court_application=date(2026, 9, 30),
                     letter_of_issue=date(2026, 9, 30)), {("9008", "CourtAppDate")}),
    "9009": (replace(CLEAN, letter_of_issue=date(2026, 10, 4)), {("9009", "LetterInitCPDate")}),
    "9010": (replace(CLEAN, lbp_sent=None, initial_meeting=None, review_count=None),
             {("9010", "FGDMMeetingOffer")}),
    "9011": (replace(CLEAN, fgdm_facilitated=None), {("9011", "FGDMMeetingFac")}),
    "9012": (replace(CLEAN, review_count=None), {("9012", "ReviewMeetingsCount")}),
    "9013": (replace(CLEAN, outcome_code=None, court_application=None, letter_of_issue=None),
             {("9013", "PPOutcome")}),
    "9014": (replace(CLEAN, outcome_code="A"), {("9014", "CourtAppDate")}),
    "9015Q": (replace(CLEAN, initial_meeting=date(2026, 6, 2)),
              {("9015Q", "InitialPPMeetingDate")}),
}


@pytest.mark.parametrize("code", [rule.code for rule in RULES])
def test_each_rule_fails_a_record_that_breaks_it(code):
    record, expected = BREAKING[code]
    assert broken(record) == expected


# Each rule: a record near the edge that passes it.
PASSING = {
    "9005": replace(CLEAN, pp_start=date(2026, 4, 1), lbp_sent=date(2026, 4, 1),
                    initial_meeting=date(2026, 4, 2), step_decision=date(2027, 3, 31),
                    court_application=date(2027, 3, 31), letter_of_issue=date(2027, 3, 31)),
    "9006": replace(CLEAN, lbp_sent=date(2026, 6, 1)),
    "9007": replace(CLEAN, step_decision=date(2026, 6, 1)),
    "9008": replace(CLEAN, court_application=date(2026, 10, 1),
                    letter_of_issue=date(2026, 10, 1)),
    "9009": replace(CLEAN, letter_of_issue=date(2026, 10, 5)),
    "9010": replace(CLEAN, lbp_sent=None, fgdm_offer=None, fgdm_facilitated=None,
                    initial_meeting=None, review_count=None),
    "9011": replace(CLEAN, fgdm_offer=False, fgdm_facilitated=None),
    "9012": replace(CLEAN, initial_meeting=None, review_count=None),
    "9013": replace(CLEAN, step_decision=None, outcome_code=None, court_application=None,
                    letter_of_issue=None),
    "9014": replace(CLEAN, outcome_code="A", court_application=None, letter_of_issue=None),
    "9015Q": replace(CLEAN, initial_meeting=date(2026, 6, 3)),
}


@pytest.mark.parametrize("code", [rule.code for rule in RULES])
def test_each_rule_passes_a_record_that_keeps_it(code):
    assert broken(PASSING[code]) == set()


def test_the_outcome_code_of_care_proceedings_comes_from_the_context():
    # With the settings' code for "care proceedings issued" set to P, B is another outcome.
    assert {f.rule.code for f in check_record(CLEAN, RuleContext(YEAR, "P"))} == {"9014"}


def test_a_failure_names_the_family_the_child_the_field_and_the_fix():
    (failure,) = check_record(BREAKING["9006"][0], CONTEXT)
    assert (failure.plo_family_id, failure.child_name, failure.la_child_id, failure.field,
            failure.family_id) == ("PLO-2026-0007", "Ruby Test", "LC1001", "LBPSentDate", 3)
    assert failure.line() == (
        "family PLO-2026-0007, child Ruby Test (LC1001), rule 9006, LBPSentDate: "
        + RULES_BY_CODE["9006"].message + " " + RULES_BY_CODE["9006"].fix)
    assert not failure.is_query


# -- records as at the year's last day ---------------------------------------------------
EPISODE = CensusEpisode(
    family_id=3, plo_family_id="PLO-2027-0001", episode_id=9, start=date(2027, 3, 31),
    first_letter_sent=date(2027, 4, 6), fgdm_offered=True, fgdm_held=True,
    initial_meeting=date(2027, 4, 19), review_meetings=(date(2027, 6, 1),),
    outcome=Outcome.STEP_DOWN, outcome_date=date(2027, 7, 1), court_application=None,
    letter_of_issue=None)
CHILDREN = (CensusChild(11, "LC1001", "Ruby Test"), CensusChild(12, " ", "Baby Test"))


def test_an_episode_starting_on_31_march_is_in_that_year_with_later_dates_blank():
    rows = census_records(EPISODE, CHILDREN, YEAR, CODES)
    # One row per child; everything after 31 Mar 2027 is blank, the outcome too (still open
    # then), and the FGDM offer, made in a letter not yet sent.
    assert [row.cells() for row in rows] == [
        ("LC1001", "9", "PLO-2027-0001", "31/03/2027", "", "", "", "", "", "", "", "", ""),
        ("PLOT-C12", "9", "PLO-2027-0001", "31/03/2027", "", "", "", "", "", "", "", "", ""),
    ]
    assert len(rows[0].cells()) == len(CENSUS_COLUMNS)
    assert [row.child_id_missing for row in rows] == [False, True]
    assert {f.rule.code for f in check_record(rows[1], CONTEXT)} == {"LAchildID"}
    assert check_record(rows[0], CONTEXT) == []


def test_the_next_year_sees_the_whole_episode():
    later = ReportingYear(2027)
    (row,) = census_records(EPISODE, CHILDREN[:1], later, CODES)
    # Its start, 31 Mar 2027, is outside 2027-28: 9005 says so (the service never puts it
    # in 2027's return; see test_returns).
    assert row.cells() == ("LC1001", "9", "PLO-2027-0001", "31/03/2027", "06/04/2027", "1",
                           "1", "19/04/2027", "1", "01/07/2027", "A", "", "")
    assert {(f.rule.code, f.field) for f in check_record(row, RuleContext(later, "B"))} == {
        ("9005", "PPStartDate")}


def test_an_open_episode_has_no_outcome_and_counts_its_reviews_so_far():
    open_one = replace(EPISODE, start=date(2027, 1, 11), first_letter_sent=date(2027, 1, 13),
                       fgdm_held=None, initial_meeting=date(2027, 1, 25),
                       review_meetings=(date(2027, 3, 8), date(2027, 4, 19)),
                       outcome_date=date(2027, 4, 20))
    (row,) = census_records(open_one, CHILDREN[:1], YEAR, CODES)
    assert row.cells() == ("LC1001", "9", "PLO-2027-0001", "11/01/2027", "13/01/2027", "1", "",
                           "25/01/2027", "1", "", "", "", "")
    # An offer whose answer is still to come: 9011 asks for it.
    assert {f.rule.code for f in check_record(row, CONTEXT)} == {"9011"}


def test_a_year_outside_the_calendar_is_refused_in_words():
    from plo_tracker.domain.census import year_problem

    assert year_problem(2000) is None and year_problem(2059) is None
    assert year_problem(2060) == year_problem(1999) == (
        "Give a reporting year from 2000 to 2059 by its first April, e.g. 2026 for 1 April "
        "2026 to 31 March 2027.")
