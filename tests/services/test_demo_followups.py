"""Demo data's check-ins after a step-down: some recorded, some still to come, some overdue,
all at the months the rules give, and in the due list as the rules say."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from plo_tracker.domain.due import DueStatus, Rule
from plo_tracker.domain.followups import Finding
from plo_tracker.domain.stages import Stage
from plo_tracker.storage.models import Episode, StepDownFollowUp
from tests.support import TODAY


@pytest.fixture(scope="module")
def demo(tmp_path_factory, dump_database, build_world):
    built = build_world(tmp_path_factory.mktemp("demo-followups"), dump_database,
                        families=150, seed=3)
    yield built
    built.database.dispose()


def _rows(demo):
    with demo.database.reading() as conn:
        return conn.execute(
            select(StepDownFollowUp.months, StepDownFollowUp.due_date,
                   StepDownFollowUp.checked_on, StepDownFollowUp.finding,
                   Episode.outcome_date, Episode.stage, StepDownFollowUp.family_id)
            .join(Episode, Episode.id == StepDownFollowUp.episode_id)).all()


def test_every_stepped_down_episode_has_its_3_and_6_month_checks(demo):
    rows = _rows(demo)
    assert rows
    assert all(stage == Stage.STEPPED_DOWN.value for *_x, stage, _f in rows)
    by_episode = {}
    for months, due, _checked, _finding, decided, _stage, _family in rows:
        by_episode.setdefault(decided, set()).add(months)
        # Same day of the month, or the month's last day: never later in the next month.
        assert (due.year * 12 + due.month) - (decided.year * 12 + decided.month) == months
        assert due.day == decided.day or (due + timedelta(days=1)).day == 1
    assert set(map(frozenset, by_episode.values())) == {frozenset({3, 6})}


def test_some_checked_some_to_come_and_some_overdue(demo):
    rows = _rows(demo)
    checked = [r for r in rows if r.checked_on is not None]
    to_come = [r for r in rows if r.checked_on is None and r.due_date > TODAY]
    overdue = [r for r in rows if r.checked_on is None and r.due_date < TODAY]
    assert checked and to_come and overdue
    assert all(r.finding and r.due_date - r.checked_on <= timedelta(days=5)
               and r.checked_on <= TODAY for r in checked)
    assert all(r.finding is None for r in rows if r.checked_on is None)


def test_the_overdue_checks_are_in_the_due_list_as_overdue(demo):
    rows = _rows(demo)
    closed = {r.family_id for r in rows if r.finding == Finding.CASE_CLOSED.value}
    # A demo family that came back had its earlier checks recorded first, so an open check
    # is the latest episode's; one after a check that found the case closed is not due.
    expected = {(r.family_id, f"{r.months}-month follow-up check due") for r in rows
                if r.checked_on is None and r.due_date < TODAY and r.family_id not in closed}
    due = demo.services.caseload.due(demo.actor("admin"), TODAY)
    shown = {(e.item.family_id, e.item.title) for e in due if e.item.rule is Rule.FOLLOW_UP
             and e.status is DueStatus.OVERDUE}
    assert expected and shown == expected
