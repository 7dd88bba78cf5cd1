"""The caseload: one row per family, and everything overdue or due soon with its rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from plo_tracker.domain.due import DueItem, DueStatus, Rule
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import GatewayDecision, SendMethod
from plo_tracker.services.case_forms import ChildForm
from plo_tracker.services.caseload import ChildSummary, FamilySummary, age_text
from plo_tracker.services.caseload_query import ChildLine
from plo_tracker.storage.models import Family
from tests.support import TODAY


def _row(world, family_id: int):
    rows = [s for s in world.services.caseload.families(world.actor("readonly"))
            if s.family_id == family_id]
    assert len(rows) == 1
    return rows[0]


def test_one_row_per_family(world):
    world.stepped_down()  # a family with a finished episode as well as open ones
    rows = world.services.caseload.families(world.actor("readonly"))
    with world.database.reading() as conn:
        ids = conn.execute(select(Family.id).order_by(Family.id)).scalars().all()
        assert conn.execute(select(func.count(Family.id))).scalar_one() == len(rows)
    assert [r.family_id for r in rows] == ids


def test_every_summary_is_whole_with_each_field_in_its_place(world):
    """The list makes its named tuples without their constructors (for speed): each must
    still have every field, and be equal to the same values given by name."""
    world.stepped_down()
    for row in world.services.caseload.families(world.actor("readonly")):
        assert row == FamilySummary(**row._asdict())
        assert isinstance(row.family_id, int) and isinstance(row.surname, str)
        assert all(child == ChildSummary(*child) for child in row.children)
        if row.next_due is not None:
            assert row.next_due == DueItem(**row.next_due._asdict())
            assert isinstance(row.next_due.rule, Rule) and row.next_due.act_by <= row.next_due.due


def test_a_family_in_pre_proceedings_shows_ages_week_and_status(world):
    children = (
        ChildForm("Ruby", "Rowe", date_of_birth=date(2019, 4, 2)),
        ChildForm("Theo", "Rowe", date_of_birth=date(2026, 3, 10)),
        ChildForm("Max", "Okoro", date_of_birth=date(2024, 11, 26)),
        ChildForm("", "Rowe", expected_date_of_birth=date(2027, 3, 3)),
    )
    family_id = world.new_family(children=children)
    row = _row(world, family_id)
    assert row.surname == "Rowe"
    assert [(c.name, c.age_text) for c in row.children] == [
        ("Ruby", "7"), ("Theo", "8 months"), ("Max Okoro", "2"), ("Baby", "unborn, due 3 Mar"),
    ]
    assert row.children_text == (
        "Ruby (7), Theo (8 months), Max Okoro (2), Baby (unborn, due 3 Mar)")
    assert row.has_unborn and not row.extended
    assert row.stage is Stage.PRE_PROCEEDINGS and row.stage_label == "Pre-proceedings"
    assert row.start == date(2026, 9, 1)
    # Tue 1 Sep 2026 is day 1, so Thu 26 Nov is day 87 (1 Sep + 86 days), in week 13.
    assert row.days_in_pre_proceedings == 87
    assert row.week.text() == "week 13 of 16"
    # No letters sent: the letter was due on Tue 8 Sep 2026, so the family is overdue.
    assert row.status is DueStatus.OVERDUE
    assert (row.next_due.rule, row.next_due.due) == (Rule.LETTER, date(2026, 9, 8))
    assert row.adults == ("Jade Testcase", "Liam Testcase")
    assert row.social_worker == "Not allocated"


@pytest.mark.parametrize(("born", "on", "text"), [
    (date(2026, 11, 1), TODAY, "newborn"),
    (date(2025, 11, 27), TODAY, "11 months"),
    (date(2026, 10, 26), TODAY, "1 month"),
    (date(2025, 10, 26), TODAY, "13 months"),
    (date(2024, 11, 27), TODAY, "23 months"),
    (date(2024, 11, 26), TODAY, "2"),
    (date(2011, 11, 27), TODAY, "14"),
])
def test_age_in_words(born, on, text):
    assert age_text(ChildLine("A", "B", born, None), on) == text


def test_age_of_an_unborn_baby_and_of_an_unknown_birth():
    assert age_text(ChildLine("Baby", "B", None, date(2027, 3, 3)), TODAY) == "unborn, due 3 Mar"
    assert age_text(ChildLine("A", "B", None, None), TODAY) == "date of birth not known"


def test_awaiting_and_finished_families_have_no_week(world):
    waiting = _row(world, world.awaiting())
    assert waiting.stage is Stage.AWAITING_GATEWAY and waiting.week is None
    assert waiting.next_due is None and waiting.status is DueStatus.ON_TIME
    finished = _row(world, world.closed())
    assert finished.stage is Stage.CLOSED and finished.week is None
    assert finished.status is DueStatus.CLOSED and finished.next_due is None
    # A family that stepped down is closed too, with only its follow-up check still to do:
    # 3 months after the step-down on Mon 2 Nov 2026.
    stepped_down = _row(world, world.stepped_down())
    assert stepped_down.stage is Stage.STEPPED_DOWN and stepped_down.week is None
    assert stepped_down.status is DueStatus.CLOSED
    assert (stepped_down.next_due.title, stepped_down.next_due.due) == (
        "3-month follow-up check due", date(2027, 2, 2))


def test_a_family_on_track_is_on_time_until_its_next_date_is_near(world):
    family_id = world.new_family(decided_on=date(2026, 11, 24))
    adults = world.adults(family_id)
    for adult_id in adults:
        world.services.milestones.record_letter_sent(
            world.actor("manager"), family_id, adult_id, TODAY, SendMethod.POST)
    row = _row(world, family_id)
    # Initial meeting due 10 working days after the letters: Thu 10 Dec 2026.
    assert (row.next_due.rule, row.next_due.due) == (Rule.INITIAL_MEETING, date(2026, 12, 10))
    assert row.status is DueStatus.ON_TIME
    assert row.week.text() == "week 1 of 16"
    later = next(s for s in world.services.caseload.families(world.actor("readonly"),
                                                             on=date(2026, 12, 4))
                 if s.family_id == family_id)
    assert later.status is DueStatus.DUE_SOON


def test_due_lists_overdue_and_due_soon_items_with_rule_and_reason(world):
    family_id = world.new_family(gateway=GatewayDecision.ENTER_PRE_PROCEEDINGS,
                                 decided_on=date(2026, 11, 19))
    # Its own overdue family, so the test needs nothing another test left behind: a
    # decision on Tue 1 Sep 2026 had its letters due on Tue 8 Sep.
    late_id = world.new_family(decided_on=date(2026, 9, 1))
    entries = world.services.caseload.due(world.actor("readonly"))
    last_day = TODAY + timedelta(days=7)
    assert all(e.item.act_by <= last_day for e in entries)
    assert [e.item.act_by for e in entries] == sorted(e.item.act_by for e in entries)
    for entry in entries:
        expected = DueStatus.OVERDUE if entry.item.act_by < TODAY else DueStatus.DUE_SOON
        assert entry.status is expected
        assert entry.item.reason and entry.item.rule in Rule
    ours = [(e.item.rule, e.item.title, e.item.due, e.status, e.item.reason)
            for e in entries if e.item.family_id == family_id]
    # Gateway decision Thu 19 Nov 2026: letters due 5 working days later, Thu 26 Nov (today).
    reason = "within 5 working days of the gateway decision on Thu 19 Nov 2026 (local practice)"
    assert ours == [
        (Rule.LETTER, "Send letter before proceedings to Jade Testcase", TODAY,
         DueStatus.DUE_SOON, reason),
        (Rule.LETTER, "Send letter before proceedings to Liam Testcase", TODAY,
         DueStatus.DUE_SOON, reason),
    ]
    assert {e.plo_family_id for e in entries if e.item.family_id == family_id} == {
        _row(world, family_id).plo_family_id}
    late = [(e.item.title, e.item.due, e.status) for e in entries
            if e.item.family_id == late_id and e.item.rule is Rule.LETTER]
    assert late == [
        ("Send letter before proceedings to Jade Testcase", date(2026, 9, 8), DueStatus.OVERDUE),
        ("Send letter before proceedings to Liam Testcase", date(2026, 9, 8), DueStatus.OVERDUE),
    ]


def test_due_on_a_later_day_turns_due_soon_into_overdue(world):
    family_id = world.new_family(decided_on=date(2026, 11, 19))
    on_day = [e for e in world.services.caseload.due(world.actor("readonly"), on=TODAY)
              if e.item.family_id == family_id]
    next_week = [e for e in world.services.caseload.due(world.actor("readonly"),
                                                        on=date(2026, 12, 3))
                 if e.item.family_id == family_id]
    assert {e.status for e in on_day} == {DueStatus.DUE_SOON}
    assert {e.status for e in next_week if e.item.rule is Rule.LETTER} == {DueStatus.OVERDUE}


def test_due_for_one_worker_only(world):
    account = next(a for a in world.services.users.accounts() if a.username == "socialworker")
    name = account.display_name
    # A family of theirs whose letters are due within the week, whatever the demo data holds.
    world.new_family(decided_on=date(2026, 11, 24), social_worker_id=account.user_id)
    everyone = world.services.caseload.due(world.actor("readonly"))
    mine = world.services.caseload.due(world.actor("readonly"), worker_id=account.user_id)
    assert mine
    assert [e.item for e in mine] == [e.item for e in everyone if e.social_worker == name]
    assert len(mine) < len(everyone)


def test_due_for_one_team_only(world):
    everyone = world.services.caseload.due(world.actor("readonly"))
    teams = {world.services.caseload.families(world.actor("readonly"))[0].team}
    team = next(iter(teams))
    mine = world.services.caseload.due(world.actor("readonly"), team=team)
    family_teams = {f.family_id: f.team
                    for f in world.services.caseload.families(world.actor("readonly"))}
    assert [e.item for e in mine] == [e.item for e in everyone
                                      if family_teams[e.item.family_id] == team]
