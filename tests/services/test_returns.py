"""The national returns: census rows worked out by hand from each journey's dates, the
files read back and compared field by field, the refusal while problems remain, restricted
families left out and said so, and the SSD's rows per child per episode.

Each test uses a census year of its own (or looks only at its own families), so the tests
stand alone in any order on the module's shared database.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from plo_tracker.domain.census import CENSUS_COLUMNS
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.ssd import (
    SSD_HEADERS,
    Answer,
    CourtDetails,
    InitialCarePlan,
    ShortNoticeGround,
)
from plo_tracker.domain.vocabulary import GatewayDecision, MeetingKind, Outcome, SendMethod
from plo_tracker.services.demo_data import DEMO_ACCOUNTS
from plo_tracker.services.errors import PermissionDenied
from plo_tracker.services.returns import ReturnBlocked
from plo_tracker.storage.models import Episode
from tests.services.returns_world import Journey, build, later

NAME = {username: name for username, name, *_ in DEMO_ACCOUNTS}


def episode_ids(world, family_id: int) -> list[int]:
    with world.database.reading() as conn:
        return list(conn.execute(select(Episode.id).where(Episode.family_id == family_id)
                                 .order_by(Episode.id)).scalars())


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    return header, rows


def rows_of(rows: list[list[str]], column: int, plo_id: str) -> list[tuple[str, ...]]:
    return [tuple(row) for row in rows if row[column] == plo_id]


# Care proceedings issued within 2026-27: nothing missing.
ISSUED = Journey(
    start=date(2026, 6, 1), local_ids=("LC-C1", "LC-C2"),
    letters=(date(2026, 6, 3), date(2026, 6, 5)), fgdm=(True, False),
    initial=date(2026, 6, 15), reviews=(date(2026, 7, 27), date(2026, 9, 7)),
    outcome=Outcome.ISSUE_PROCEEDINGS, outcome_on=date(2026, 10, 1), applied=date(2026, 10, 5),
    letter_of_issue=date(2026, 10, 6), reference="ZW26C00100")
# Started on the last day of 2026-27; everything else came after it. One child has no
# local id.
LAST_DAY = Journey(
    start=date(2027, 3, 31), local_ids=("LC-A1", None), letters=(date(2027, 4, 6),),
    fgdm=(True, True), initial=date(2027, 4, 19), reviews=(date(2027, 6, 1),),
    outcome=Outcome.STEP_DOWN, outcome_on=date(2027, 7, 1))
# Open at the end of 2026-27: the outcome came on 20 Apr 2027, one review after 31 Mar.
OPEN_AT_YEAR_END = Journey(
    start=date(2027, 1, 11), local_ids=("LC-D1",), letters=(date(2027, 1, 13),),
    fgdm=(True, None), initial=date(2027, 1, 25), reviews=(date(2027, 3, 8), date(2027, 4, 19)),
    outcome=Outcome.STEP_DOWN, outcome_on=date(2027, 4, 20))
# The first day of 2027-28.
FIRST_DAY = Journey(
    start=date(2027, 4, 1), local_ids=("LC-B1",), letters=(date(2027, 4, 2),), fgdm=(False, None),
    initial=date(2027, 4, 14), outcome=Outcome.OTHER, outcome_on=date(2027, 5, 3))


def test_census_rows_as_at_the_end_of_the_year_worked_out_by_hand(world):
    issued, last_day, open_one, first_day = (build(world, j) for j in (
        ISSUED, LAST_DAY, OPEN_AT_YEAR_END, FIRST_DAY))
    not_entered = build(world, Journey(start=date(2026, 7, 1),
                                       decision=GatewayDecision.CONTINUE_WITHOUT_PLO))
    (c,), (a,), (d,), (b,) = (episode_ids(world, x.family_id)
                              for x in (issued, last_day, open_one, first_day))
    result = world.services.returns.cin_rows(world.actor("admin"), 2026)
    rows = {x.plo_family_id: [r.cells() for r in result.rows if r.family_id == x.family_id]
            for x in (issued, last_day, open_one, first_day, not_entered)}
    assert rows[issued.plo_family_id] == [
        (local, str(c), issued.plo_family_id, "01/06/2026", "03/06/2026", "1", "0",
         "15/06/2026", "2", "01/10/2026", "B", "05/10/2026", "06/10/2026")
        for local in ("LC-C1", "LC-C2")]
    # Started 31 Mar 2027, so in 2026-27; every later date blank, the FGDM offer too (the
    # letter that makes it had not gone), and the child with no local id gets PLOT-C<id>.
    assert rows[last_day.plo_family_id] == [
        (local, str(a), last_day.plo_family_id, "31/03/2027", "", "", "", "", "", "", "", "",
         "") for local in ("LC-A1", f"PLOT-C{last_day.child_ids[1]}")]
    # Open on 31 Mar 2027: no outcome; one review held by then.
    assert rows[open_one.plo_family_id] == [
        ("LC-D1", str(d), open_one.plo_family_id, "11/01/2027", "13/01/2027", "1", "",
         "25/01/2027", "1", "", "", "", "")]
    assert rows[first_day.plo_family_id] == []  # 1 Apr 2027 is 2027-28's
    assert rows[not_entered.plo_family_id] == []  # never entered pre-proceedings

    failures = {(f.plo_family_id, f.rule.code, f.field, f.la_child_id)
                for f in result.failures
                if f.family_id in {x.family_id for x in (issued, last_day, open_one)}}
    assert failures == {
        (last_day.plo_family_id, "LAchildID", "LAchildID", f"PLOT-C{last_day.child_ids[1]}"),
        (open_one.plo_family_id, "9011", "FGDMMeetingFac", "LC-D1")}

    following = world.services.returns.cin_rows(world.actor("admin"), 2027)
    assert [r.cells() for r in following.rows if r.family_id == first_day.family_id] == [
        ("LC-B1", str(b), first_day.plo_family_id, "01/04/2027", "02/04/2027", "0", "",
         "14/04/2027", "0", "03/05/2027", "C", "", "")]
    assert not [r for r in following.rows if r.family_id == last_day.family_id]
    assert not [f for f in following.failures if f.family_id == first_day.family_id]


def test_the_census_is_refused_while_problems_remain_unless_sent_with_them(world, tmp_path):
    issued = build(world, ISSUED)
    build(world, Journey(start=date(2026, 6, 2), local_ids=(None,)))  # a child with no id
    (c,) = episode_ids(world, issued.family_id)
    admin, returns = world.actor("admin"), world.services.returns
    out = tmp_path / "cin.csv"
    audits = world.audit_count()
    with pytest.raises(ReturnBlocked) as blocked:
        returns.write_cin(admin, 2026, out)
    errors = len(blocked.value.result.errors)
    assert errors > 0
    assert f"{errors} problem" in blocked.value.message
    assert not out.exists() and world.audit_count() == audits  # nothing saved, nothing logged

    written = returns.write_cin(admin, 2026, out, allow_failures=True)
    assert written.path == out and written.problems == errors
    assert f"It was saved with {errors} problem" in written.words()
    header, rows = read_csv(out)
    assert header == list(CENSUS_COLUMNS)
    assert rows_of(rows, 2, issued.plo_family_id) == [
        (local, str(c), issued.plo_family_id, "01/06/2026", "03/06/2026", "1", "0",
         "15/06/2026", "2", "01/10/2026", "B", "05/10/2026", "06/10/2026")
        for local in ("LC-C1", "LC-C2")]
    assert len(rows) == written.rows
    entry = world.last_audit()
    assert (entry.action, entry.entity) == ("return.export", "cin_census")
    assert json.loads(entry.after) == {"records": written.rows,
                                       "families": len(written.family_ids),
                                       "problems": errors, "left_out": 0, "year": 2026,
                                       "queries": 0}


def test_a_clean_census_is_saved_and_a_second_save_keeps_the_first(world, tmp_path):
    clean = build(world, Journey(
        start=date(2028, 4, 3), local_ids=("LC-F1", "LC-F2"), letters=(date(2028, 4, 5),),
        fgdm=(True, True), initial=date(2028, 4, 18), reviews=(date(2028, 5, 30),),
        outcome=Outcome.STEP_DOWN, outcome_on=date(2028, 7, 3)))
    (f,) = episode_ids(world, clean.family_id)
    returns, manager = later(world).returns, world.actor("manager")
    result = returns.cin_rows(manager, 2028)
    assert result.ready and result.failures == ()
    out = tmp_path / "cin-2028-29.csv"
    out.write_text("someone else's file")
    written = returns.write_cin(manager, 2028, out)
    assert written.path == tmp_path / "cin-2028-29 (2).csv"
    assert out.read_text() == "someone else's file"
    assert read_csv(written.path) == (list(CENSUS_COLUMNS), [
        [local, str(f), clean.plo_family_id, "03/04/2028", "05/04/2028", "1", "1",
         "18/04/2028", "1", "03/07/2028", "A", "", ""] for local in ("LC-F1", "LC-F2")])
    assert written.words() == ("Saved 2 rows from 1 family in cin-2028-29 (2).csv.")


def test_restricted_families_left_out_are_counted_and_who_can_send_them_named(world):
    service = later(world)
    admin, manager = world.actor("admin"), world.actor("manager")
    hidden = build(world, Journey(start=date(2029, 4, 2), local_ids=("LC-G1",)))
    (g,) = episode_ids(world, hidden.family_id)
    service.family_access.set_access(admin, hidden.family_id, True, [manager.user_id])

    by_admin = service.returns.cin_rows(admin, 2029)
    assert hidden.family_id not in by_admin.family_ids
    assert (by_admin.left_out.families, by_admin.left_out.who_can) == (1, (NAME["manager"],))
    assert not by_admin.ready
    assert by_admin.left_out.words() == (
        "This return leaves out 1 restricted family you may not see, so it is not complete; "
        f"{NAME['manager']} can make the full return.")
    with pytest.raises(ReturnBlocked, match="1 restricted family left out"):
        service.returns.write_cin(admin, 2029, Path("never-written.csv"))

    by_manager = service.returns.cin_rows(manager, 2029)
    assert [r.cells() for r in by_manager.rows if r.family_id == hidden.family_id] == [
        ("LC-G1", str(g), hidden.plo_family_id, "02/04/2029", "", "", "", "", "", "", "", "",
         "")]
    assert by_manager.left_out is None and by_manager.ready

    # One seen only by the read-only role, which makes no returns: nobody sees both.
    other = build(world, Journey(start=date(2029, 4, 3), local_ids=("LC-G2",)))
    service.family_access.set_access(admin, other.family_id, True,
                                     [world.actor("readonly").user_id])
    by_admin = service.returns.cin_rows(admin, 2029)
    assert (by_admin.left_out.families, by_admin.left_out.who_can) == (2, ())
    assert "an administrator can be named for them" in by_admin.left_out.words()


def test_only_team_managers_and_administrators_make_returns(world, tmp_path):
    for username in ("socialworker", "panel", "readonly"):
        with pytest.raises(PermissionDenied, match="make the national data returns"):
            world.services.returns.cin_rows(world.actor(username), 2026)
        with pytest.raises(PermissionDenied):
            world.services.returns.write_ssd(world.actor(username), tmp_path / "ssd.csv")
    assert not (tmp_path / "ssd.csv").exists()


# -- the SSD -------------------------------------------------------------------------------
COURT = CourtDetails(parents_represented=Answer.YES, hearings=4,
                     short_notice_ground=ShortNoticeGround.EMERGENCY_PROTECTION,
                     initial_care_plan=InitialCarePlan.SUPERVISION,
                     initial_plan_approved=Answer.NO)


def test_the_ssd_table_has_a_row_per_child_per_episode_worked_out_by_hand(world, tmp_path):
    service, manager = later(world), world.actor("manager")
    family = build(world, Journey(
        start=date(2026, 5, 4), local_ids=("LC-S1", "LC-S2"), cp_plans=(1, 2),
        letters=(date(2026, 5, 6), date(2026, 5, 8)), fgdm=(True, True),
        initial=date(2026, 5, 18), reviews=(date(2026, 6, 29),), solicitors=True,
        outcome=Outcome.STEP_DOWN, outcome_on=date(2026, 7, 20)))
    # A second episode: the parents' solicitors came to no meeting; care proceedings issued.
    milestones, fid = service.milestones, family.family_id
    milestones.record_gateway_decision(manager, fid, GatewayDecision.ENTER_PRE_PROCEEDINGS,
                                       date(2027, 2, 1))
    milestones.record_letter_sent(manager, fid, world.adults(fid)[0], date(2027, 2, 3),
                                  SendMethod.POST)
    for kind, day in ((MeetingKind.INITIAL_PPM, date(2027, 2, 15)),
                      (MeetingKind.REVIEW_PPM, date(2027, 3, 29))):
        milestones.record_meeting_held(manager, fid, kind, day, solicitors_present=False)
    milestones.record_outcome(manager, fid, Outcome.ISSUE_PROCEEDINGS, date(2027, 5, 3))
    milestones.record_court_application(manager, fid, date(2027, 5, 7), True, "Risk of flight.",
                                        "ZW27C00007", date(2027, 5, 10), details=COURT)
    urgent = build(world, Journey(
        start=date(2026, 8, 3), decision=GatewayDecision.ISSUE_PROCEEDINGS, local_ids=("LC-U1",),
        applied=date(2026, 8, 4), short_notice=True, reference="ZW26C00200",
        letter_of_issue=date(2026, 8, 5)))
    e1, e2 = episode_ids(world, fid)
    (u,) = episode_ids(world, urgent.family_id)
    c1, c2 = family.child_ids

    written = service.returns.write_ssd(world.actor("admin"), tmp_path / "ssd.csv")
    header, rows = read_csv(written.path)
    assert header == list(SSD_HEADERS)
    assert header[:2] == ["prep_table_id", "prep_person_id"]
    first = ("04/05/2026", "18/05/2026", "Decision to step down", "20/07/2026")
    assert rows_of(rows, 2, family.plo_family_id) == [
        (f"E{e1}-C{c1}", "LC-S1", family.plo_family_id, *first, "1", "B", "0", "0",
         "06/05/2026", "", "1", "Y", "NA", "", "", "NA", "", "", "", "", ""),
        (f"E{e1}-C{c2}", "LC-S2", family.plo_family_id, *first, "2", "B", "0", "0",
         "06/05/2026", "", "1", "Y", "NA", "", "", "NA", "", "", "", "", ""),
        *((f"E{e2}-C{child}", local, family.plo_family_id, "01/02/2027", "15/02/2027",
           "Decision to issue care proceedings", "03/05/2027", plans, "B", "1", "0",
           "03/02/2027", "10/05/2027", "1", "N", "Y", "ZW27C00007", "4", "Y", "B", "N", "D",
           "U", "H") for child, local, plans in ((c1, "LC-S1", "1"), (c2, "LC-S2", "2"))),
    ]
    # Straight to court: no pre-proceedings dates or meetings; the gateway's C.
    assert rows_of(rows, 2, urgent.plo_family_id) == [
        (f"E{u}-C{urgent.child_ids[0]}", "LC-U1", urgent.plo_family_id, "", "", "", "", "0",
         "C", "0", "0", "", "05/08/2026", "", "", "U", "ZW26C00200", "", "Y", "", "U", "",
         "U", "H")]
    assert len(rows) == written.rows
    entry = world.last_audit()
    assert (entry.action, entry.entity) == ("return.export", "ssd_pre_proceedings")
    assert family.plo_family_id not in entry.after and "LC-S1" not in entry.after


def test_the_court_details_are_recorded_with_the_application_and_audited(world):
    service, manager = later(world), world.actor("manager")
    family = build(world, Journey(
        start=date(2027, 6, 1), decision=GatewayDecision.ISSUE_PROCEEDINGS,
        applied=date(2027, 6, 2), letter_of_issue=date(2027, 6, 3), details=COURT,
        short_notice=True))
    entry = world.last_audit()
    assert entry.action == "episode.court_application"
    assert json.loads(entry.after)["court_hearings"] == 4
    assert json.loads(entry.after)["short_notice_ground"] == "B"
    detail = service.case_detail.family(manager, family.family_id)
    assert detail.episode.court_details == COURT

    # Corrected without short notice: the ground goes; None keeps the details as they are.
    service.milestones.record_court_application(
        manager, family.family_id, date(2027, 6, 2), False, None, None, None,
        details=CourtDetails(hearings=6, short_notice_ground=ShortNoticeGround.OTHER))
    assert service.case_detail.family(manager, family.family_id).episode.court_details == (
        CourtDetails(hearings=6))
    service.milestones.record_court_application(manager, family.family_id, date(2027, 6, 2),
                                                False, None, None, None)
    assert service.case_detail.family(manager, family.family_id).episode.court_details == (
        CourtDetails(hearings=6))
    with pytest.raises(ValidationFailed) as refused:
        service.milestones.record_court_application(
            manager, family.family_id, date(2027, 6, 2), False, None, None, None,
            details=CourtDetails(hearings=101))
    assert refused.value.problems == {"court_hearings": "Give the number of hearings, from 0 "
                                                        "to 100."}
