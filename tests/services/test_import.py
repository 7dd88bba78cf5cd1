"""Importing families from the council's spreadsheet: CSV and .xlsx, every kind of problem
named by row and column with its fix, all or nothing, duplicates refused, one audit entry.

The demo database of the module's `world` already holds families; each test uses PLO family
ids of its own (``_ids``), so tests stand alone in any order.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from itertools import count

import pytest
from sqlalchemy import func, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.import_columns import COLUMNS
from plo_tracker.domain.import_plan import UNDATED_REVIEW_NOTE
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.errors import PermissionDenied
from plo_tracker.services.import_files import write_problems, write_template
from plo_tracker.services.imports import ImportRefused
from plo_tracker.storage.models import AuditEntry, Child, Episode, Family, Letter, Meeting
from tests.support.import_files import write_csv, write_xlsx

_numbers = count(1)


def _ids(how_many: int = 1) -> list[str]:
    return [f"IMP-{next(_numbers):03d}-{id(object()) % 10**6:06d}" for _ in range(how_many)]


def family_rows(plo_id: str, **episode: object) -> list[dict[str, object]]:
    """Two children in one episode (decided to issue, applied to court), two parents."""
    values = dict(EpisodeID=f"E-{plo_id}", PLOFamilyID=plo_id, PPStartDate=date(2026, 9, 1),
                  LBPSentDate=date(2026, 9, 3), FGDMMeetingOffer=True, FGDMMeetingFac=False,
                  InitialPPMeetingDate=date(2026, 9, 17), ReviewMeetingsCount=1,
                  ReviewMeetingDates="29/10/2026", StepDecisionDate=date(2026, 11, 2),
                  PPOutcome="B", CourtAppDate=date(2026, 11, 9),
                  LetterInitCPDate=date(2026, 11, 10), Team="North", SocialWorker="socialworker",
                  Adult1Name="Mia Jane Fairweather", Adult1Relationship="mother", Adult1PR=True,
                  Adult1Address="4 Mill Lane, Northshire NS1 2AB",
                  Adult2Name="Dan Fairweather", Adult2Relationship="father", Adult2PR=False)
    values.update(episode)
    return [
        {**values, "LAchildID": f"{plo_id}-C1", "ChildFirstName": "Ava",
         "ChildLastName": "Fairweather", "DateOfBirth": date(2020, 2, 1), "Sex": "F"},
        {**values, "LAchildID": f"{plo_id}-C2", "ChildFirstName": "Ben",
         "ChildLastName": "Fairweather", "DateOfBirth": date(2022, 6, 30), "Sex": "M"},
    ]


def _family(world, plo_id: str) -> dict:
    with world.database.reading() as conn:
        family = conn.execute(select(Family).where(Family.plo_family_id == plo_id)).one()
        episodes = conn.execute(select(Episode).where(Episode.family_id == family.id)
                                .order_by(Episode.id)).all()
        ids = [e.id for e in episodes]
        return {
            "family": family,
            "children": conn.execute(select(Child.first_name, Child.local_child_id, Child.sex)
                                     .where(Child.family_id == family.id)
                                     .order_by(Child.id)).all(),
            "episodes": episodes,
            "letters": conn.execute(select(Letter.adult_id, Letter.kind, Letter.sent_date)
                                    .where(Letter.episode_id.in_(ids))).all(),
            "meetings": conn.execute(select(Meeting.kind, Meeting.held_date, Meeting.attendance)
                                     .where(Meeting.episode_id.in_(ids))
                                     .order_by(Meeting.id)).all(),
        }


def _texts(preview) -> list[str]:
    return [p.text for p in preview.errors]


def test_a_csv_file_adds_its_families_with_every_record(world, tmp_path):
    plo_id, = _ids()
    path = write_csv(tmp_path / "plo.csv", family_rows(plo_id))
    admin = world.actor("admin")

    preview = world.services.imports.preview(admin, path)
    assert preview.errors == ()
    assert preview.summary() == "2 rows: 1 family, 2 children, 2 adults, 1 episode."
    result = world.services.imports.run(admin, path)

    got = _family(world, plo_id)
    assert got["family"].team == "North"
    assert got["family"].social_worker_id == world.actor("socialworker").user_id
    assert [(c.first_name, c.local_child_id, c.sex) for c in got["children"]] == [
        ("Ava", f"{plo_id}-C1", "female"), ("Ben", f"{plo_id}-C2", "male")]
    episode, = got["episodes"]
    assert (episode.stage, episode.gateway_date, episode.outcome, episode.outcome_date,
            episode.court_application_date, episode.letter_of_issue_date,
            episode.fgdm_offered, episode.fgdm_held, episode.external_id, episode.closed_date) \
        == ("proceedings_issued", date(2026, 9, 1), "issue_proceedings", date(2026, 11, 2),
            date(2026, 11, 9), date(2026, 11, 10), True, False, f"E-{plo_id}", None)
    # The father has no parental responsibility but is a parent: he gets the letter too.
    assert sorted(kind for _a, kind, _s in got["letters"]) == ["lbp", "lbp"]
    assert {sent for _a, _k, sent in got["letters"]} == {date(2026, 9, 3)}
    assert got["meetings"] == [("initial_ppm", date(2026, 9, 17), None),
                               ("review_ppm", date(2026, 10, 29), None)]
    assert result.family_ids == (got["family"].id,)
    # The families list and due list know it at once.
    listed = world.services.caseload.families(admin, date(2026, 11, 26),
                                              family_ids=list(result.family_ids))
    assert [f.plo_family_id for f in listed] == [plo_id]


def test_one_audit_entry_for_an_import_with_counts_and_no_names(world, tmp_path):
    plo_a, plo_b = _ids(2)
    path = write_csv(tmp_path / "two families.csv", family_rows(plo_a) + family_rows(plo_b))
    before = world.audit_count()
    world.services.imports.run(world.actor("admin"), path)
    assert world.audit_count() == before + 1
    entry = world.last_audit()
    assert entry.action == AuditAction.IMPORT.code
    after = json.loads(entry.after)
    assert (after["file"], after["families"], after["children"], after["adults"],
            after["episodes"], after["letters"], after["meetings"]) == (
        "two families.csv", 2, 4, 4, 2, 4, 4)
    assert "Fairweather" not in entry.after and "Ava" not in entry.after


def test_an_xlsx_workbook_with_excel_dates_and_numbers(world, tmp_path):
    plo_id, = _ids()
    rows = family_rows(plo_id, PPOutcome="A", CourtAppDate=None, LetterInitCPDate=None,
                       ReviewMeetingDates=None, ReviewMeetingsCount=2)
    rows[0]["LAchildID"] = 4411  # a number cell, as Excel keeps an all-digit id
    path = write_xlsx(tmp_path / "plo.xlsx", rows)
    world.services.imports.run(world.actor("admin"), path)
    got = _family(world, plo_id)
    assert got["children"][0].local_child_id == "4411"
    episode, = got["episodes"]
    assert (episode.stage, episode.closed_date) == ("stepped_down", date(2026, 11, 2))
    # A count of review meetings without their dates: held on the initial meeting's date,
    # and marked so (the model has no held meeting without a date).
    assert got["meetings"][1:] == [("review_ppm", date(2026, 9, 17), UNDATED_REVIEW_NOTE)] * 2


def test_excel_csv_in_windows_encoding_is_read_with_a_note(world, tmp_path):
    plo_id, = _ids()
    rows = family_rows(plo_id)
    for row in rows:
        row["ChildLastName"] = "Zoë-Brûlé"
    path = write_csv(tmp_path / "excel.csv", rows, encoding="cp1252")
    preview = world.services.imports.preview(world.actor("admin"), path)
    assert preview.errors == ()
    assert any("cp1252" in w.message for w in preview.warnings)
    world.services.imports.run(world.actor("admin"), path)
    with world.database.reading() as conn:
        assert conn.execute(select(Child.last_name).where(
            Child.local_child_id == f"{plo_id}-C1")).scalar_one() == "Zoë-Brûlé"


def test_headings_match_ignoring_case_spaces_and_underscores(world, tmp_path):
    plo_id, = _ids()
    rows = family_rows(plo_id)
    renamed = {"PPStartDate": "pp start_date", "ChildFirstName": "CHILD FIRST NAME"}
    rows = [{renamed.get(k, k): v for k, v in row.items()} for row in rows]
    header = [renamed.get(c.name, c.name) for c in COLUMNS if any(
        renamed.get(c.name, c.name) in row for row in rows)] + ["Colour"]
    path = tmp_path / "bom.csv"
    write_csv(path, rows, encoding="utf-8-sig", header=header)
    preview = world.services.imports.preview(world.actor("admin"), path)
    assert preview.errors == ()
    assert [w.text for w in preview.warnings] == [
        "Row 1: these columns are not ones the import reads and are left out: Colour"]


def test_missing_and_repeated_columns_are_named(world, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("LAchildID,PLOFamilyID,PLO_Family_ID,PPStartDate\nC1,F1,F1,01/09/2026\n")
    preview = world.services.imports.preview(world.actor("admin"), path)
    assert _texts(preview) == [
        "Row 1: these required columns are missing: EpisodeID, LBPSentDate, FGDMMeetingOffer, "
        "FGDMMeetingFac, InitialPPMeetingDate, ReviewMeetingsCount, StepDecisionDate, PPOutcome, "
        "CourtAppDate, LetterInitCPDate. Add them (the blank template has every column) or "
        "check their spelling",
        "Row 1, PLOFamilyID: this column is given twice; keep one"]


# Each kind of problem: what is changed on the family's rows, and the words expected (for
# the first row, row 2, unless it says otherwise).
PROBLEMS = [
    ({"PPStartDate": "31/02/2026"},
     "Row 2, PPStartDate: '31/02/2026' is not a date; write it as dd/mm/yyyy"),
    ({"FGDMMeetingOffer": "maybe"},
     "Row 2, FGDMMeetingOffer: 'maybe' is not yes or no; write 1 for yes or 0 for no"),
    ({"ReviewMeetingsCount": "two", "ReviewMeetingDates": None},
     "Row 2, ReviewMeetingsCount: 'two' is not a number of meetings; write a whole number "
     "such as 2, or 0"),
    ({"PPOutcome": "D"},
     "Row 2, PPOutcome: 'D' is not an outcome code; use A (stepped down), B (care "
     "proceedings), C (ended otherwise)"),
    ({"Sex": "X"}, "Row 2, Sex: 'X' is not a sex the tracker records; write F, M or leave it "
                   "blank for not known"),
    ({"LBPSentDate": date(2026, 8, 28)},
     "Row 2, LBPSentDate: A letter before proceedings cannot be sent before the gateway "
     "decision on Tue 1 Sep 2026. Check the date sent."),
    ({"StepDecisionDate": date(2026, 8, 31), "CourtAppDate": None, "LetterInitCPDate": None},
     "Row 2, StepDecisionDate: The outcome decision cannot come before pre-proceedings "
     "started on Tue 1 Sep 2026."),
    ({"CourtAppDate": date(2026, 10, 30)},
     "Row 2, CourtAppDate: The court application cannot be made before the decision to issue "
     "on Mon 2 Nov 2026."),
    ({"LetterInitCPDate": date(2026, 11, 6)},
     "Row 2, LetterInitCPDate: The letter of issue cannot be sent before the court "
     "application on Mon 9 Nov 2026."),
    ({"CourtAppDate": None},
     "Row 2, LetterInitCPDate: Record the court application date before the letter of issue."),
    ({"CourtAppDate": date(2026, 11, 30), "LetterInitCPDate": None},
     "Row 2, CourtAppDate: The court application cannot be in the future: Mon 30 Nov 2026 is "
     "after today."),
    ({"StepDecisionDate": None},
     "Row 2, PPOutcome: an outcome needs the date it was decided; fill in StepDecisionDate"),
    ({"PPOutcome": None},
     "Row 2, StepDecisionDate: a decision date needs its outcome; fill in PPOutcome"),
    ({"PPOutcome": "A"},
     "Row 2, CourtAppDate: a court application follows the outcome 'care proceedings'; give "
     "that outcome code in PPOutcome, or clear the date"),
    ({"FGDMMeetingOffer": False, "FGDMMeetingFac": True},
     "Row 2, FGDMMeetingFac: a family group decision-making meeting is held only once "
     "offered; write 1 in FGDMMeetingOffer too"),
    ({"LBPSentDate": None, "InitialPPMeetingDate": None, "ReviewMeetingsCount": None,
      "ReviewMeetingDates": None},
     "Row 2, FGDMMeetingOffer: the offer is made in the letter before proceedings; fill in "
     "LBPSentDate"),
    ({"FGDMMeetingOffer": None, "LBPSentDate": None},
     "Row 2, InitialPPMeetingDate: the initial meeting follows the letter before proceedings; "
     "fill in LBPSentDate"),
    ({"InitialPPMeetingDate": date(2026, 9, 2)},
     "Row 2, InitialPPMeetingDate: The initial pre-proceedings meeting cannot be held before "
     "the first letter before proceedings was sent, on Thu 3 Sep 2026."),
    ({"InitialPPMeetingDate": None},
     "Row 2, ReviewMeetingsCount: review meetings follow the initial meeting; fill in "
     "InitialPPMeetingDate, or write 0"),
    ({"ReviewMeetingsCount": 3},
     "Row 2, ReviewMeetingsCount: 3 review meetings, but ReviewMeetingDates gives 1 dates; "
     "make them agree"),
    ({"ReviewMeetingDates": "10/09/2026"},
     "Row 2, ReviewMeetingDates: A review meeting cannot be held before the initial "
     "pre-proceedings meeting, held on Thu 17 Sep 2026."),
    ({"SocialWorker": "nobody.here"},
     "Row 2, SocialWorker: no account has the user name 'nobody.here'; write the name they "
     "sign in with (Settings > Accounts lists them), or leave it blank"),
    ({"Adult2Name": "Dan"}, "Row 2, Adult2Name: 'Dan' needs a first name and a surname"),
    ({"Adult2PR": None},
     "Row 2, Adult2PR: blank; write 1 if they have parental responsibility, 0 if not"),
    ({"Adult2Name": None}, "Row 2, Adult2Relationship: given without Adult2Name; add the "
                           "person's name or clear it"),
    ({"Adult2Relationship": None}, "Row 2, Adult2Relationship: Say who they are to the "
                                   "children, e.g. mother."),
    ({"DateOfBirth": None}, "Row 2, DateOfBirth: Enter the date of birth, or the expected "
                            "date of birth for an unborn baby."),
    ({"PLOFamilyID": None}, "Row 2, PLOFamilyID: blank; every row needs the family's PLO ID"),
    ({"PPStartDate": None},
     "Row 2, PPStartDate: blank; every row needs the date pre-proceedings started"),
    ({"LAchildID": None, "ChildFirstName": None, "ChildLastName": None},
     "Row 2, LAchildID: blank, and the row has no child's name; give the child's ID or name"),
]


@pytest.mark.parametrize(("change", "expected"), PROBLEMS, ids=[p[1][7:40] for p in PROBLEMS])
def test_each_problem_is_named_by_row_and_column_with_its_fix(world, tmp_path, change,
                                                              expected):
    plo_id, = _ids()
    rows = family_rows(plo_id)
    rows[0].update(change)
    if "PLOFamilyID" not in change and "PPStartDate" not in change and "LAchildID" not in change:
        rows[1].update(change)
    path = write_csv(tmp_path / "plo.csv", rows)
    preview = world.services.imports.preview(world.actor("admin"), path)
    assert expected in _texts(preview)
    with pytest.raises(ImportRefused):
        world.services.imports.run(world.actor("admin"), path)
    with world.database.reading() as conn:
        assert conn.execute(select(Family.id).where(Family.plo_family_id == plo_id)).first() \
            is None


def test_rows_of_one_family_must_agree(world, tmp_path):
    plo_id, = _ids()
    rows = family_rows(plo_id)
    rows[1]["Team"] = "South"
    rows[1]["LBPSentDate"] = date(2026, 9, 4)
    preview = world.services.imports.preview(world.actor("admin"),
                                             write_csv(tmp_path / "plo.csv", rows))
    assert _texts(preview) == [
        "Row 3, LBPSentDate: '04/09/2026' differs from '03/09/2026' on row 2; every row of one "
        "episode must give the same LBPSentDate",
        "Row 3, Team: 'South' differs from 'North' on row 2; every row of one family must give "
        "the same Team"]


def test_blank_on_one_row_takes_the_family_value_from_another(world, tmp_path):
    plo_id, = _ids()
    rows = family_rows(plo_id)
    for column in ("Team", "Adult1Name", "Adult1Relationship", "Adult1PR", "LBPSentDate"):
        rows[1][column] = None
    preview = world.services.imports.preview(world.actor("admin"),
                                             write_csv(tmp_path / "plo.csv", rows))
    assert preview.errors == ()


def test_a_bad_row_near_the_end_of_ten_thousand_writes_nothing(fresh_world, tmp_path):
    rows = []
    for number in range(4999):
        rows += family_rows(f"BIG-{number:05d}", SocialWorker=None)
    rows[-1]["PPStartDate"] = "32/01/2026"  # row 9,999 of the sheet (headings are row 1)
    path = write_csv(tmp_path / "big.csv", rows)
    with pytest.raises(ImportRefused) as refused:
        fresh_world.services.imports.run(SYSTEM, path)
    assert _texts(refused.value.preview) == [
        "Row 9999, PPStartDate: '32/01/2026' is not a date; write it as dd/mm/yyyy"]
    assert refused.value.message == "big.csv has 1 problem to fix; nothing was imported."
    with fresh_world.database.reading() as conn:
        assert conn.execute(select(func.count(Family.id))).scalar_one() == 0
        assert conn.execute(select(func.count(AuditEntry.id)).where(
            AuditEntry.action == AuditAction.IMPORT.code)).scalar_one() == 0


def test_an_episode_already_imported_is_refused_as_a_duplicate(world, tmp_path):
    plo_id, = _ids()
    path = write_csv(tmp_path / "plo.csv", family_rows(plo_id))
    world.services.imports.run(world.actor("admin"), path)
    preview = world.services.imports.preview(world.actor("admin"), path)
    assert _texts(preview) == [
        f"Row 2, EpisodeID: episode E-{plo_id} of {plo_id} is already in the tracker (imported "
        "before); remove this family's rows"]

    # The same family and start date, without the episode's reference.
    again = write_csv(tmp_path / "again.csv", family_rows(plo_id, EpisodeID=None))
    assert _texts(world.services.imports.preview(world.actor("admin"), again)) == [
        f"Row 2, PPStartDate: {plo_id} already has an episode starting Tue 1 Sep 2026 in the "
        "tracker; remove this family's rows"]


def test_a_family_already_in_the_tracker_is_refused(world, tmp_path):
    with world.database.reading() as conn:
        existing = conn.execute(select(Family.plo_family_id).order_by(Family.id)).scalar()
    path = write_csv(tmp_path / "plo.csv", family_rows(existing, EpisodeID="NEW-1",
                                                       PPStartDate=date(2026, 9, 2)))
    assert _texts(world.services.imports.preview(world.actor("admin"), path)) == [
        f"Row 2, PLOFamilyID: {existing} is already in the tracker, and the import adds new "
        "families only; remove its rows and record its new episode on the family's page"]


def test_a_family_with_two_episodes_one_after_the_other(world, tmp_path):
    plo_id, = _ids()
    first = family_rows(plo_id, EpisodeID="E1", PPStartDate=date(2025, 1, 6),
                        LBPSentDate=date(2025, 1, 8), InitialPPMeetingDate=None,
                        ReviewMeetingsCount=None, ReviewMeetingDates=None, FGDMMeetingOffer=None,
                        FGDMMeetingFac=None, StepDecisionDate=date(2025, 5, 1), PPOutcome="C",
                        CourtAppDate=None, LetterInitCPDate=None)
    path = write_csv(tmp_path / "plo.csv", first + family_rows(plo_id, EpisodeID="E2"))
    world.services.imports.run(world.actor("admin"), path)
    episodes = _family(world, plo_id)["episodes"]
    assert [(e.external_id, e.stage, e.closed_date) for e in episodes] == [
        ("E1", "closed", date(2025, 5, 1)), ("E2", "proceedings_issued", None)]
    assert len(_family(world, plo_id)["children"]) == 2  # the same two children throughout


def test_an_earlier_episode_still_open_is_refused(world, tmp_path):
    plo_id, = _ids()
    first = family_rows(plo_id, EpisodeID="E1", PPStartDate=date(2026, 3, 2),
                        LBPSentDate=None, FGDMMeetingOffer=None, InitialPPMeetingDate=None,
                        ReviewMeetingsCount=None, ReviewMeetingDates=None,
                        StepDecisionDate=None, PPOutcome=None, CourtAppDate=None,
                        LetterInitCPDate=None)
    path = write_csv(tmp_path / "plo.csv", first + family_rows(plo_id, EpisodeID="E2"))
    assert _texts(world.services.imports.preview(world.actor("admin"), path)) == [
        "Row 2, StepDecisionDate: this episode has not ended before the family's next episode "
        "starts (row 4); a family has one open episode at a time"]


def test_a_file_of_the_census_columns_alone_imports(fresh_world, tmp_path):
    rows = [{"LAchildID": "LC1", "EpisodeID": "9", "PLOFamilyID": "PLO-2026-0007",
             "PPStartDate": date(2026, 9, 1), "LBPSentDate": date(2026, 9, 3)}]
    preview = fresh_world.services.imports.preview(SYSTEM, write_csv(tmp_path / "c.csv", rows))
    assert preview.errors == ()
    assert [w.text for w in preview.warnings] == [
        "Children with no name or date of birth in the file: 1. Each is recorded as 'Child' "
        "with its LAchildID as surname; add ChildFirstName, ChildLastName and DateOfBirth to "
        "name them.",
        "Families with no adults in the file: 1. Their letters before proceedings are recorded "
        "once per episode, without a recipient."]
    fresh_world.services.imports.run(SYSTEM, tmp_path / "c.csv")
    got = _family(fresh_world, "PLO-2026-0007")
    assert got["letters"] == [(None, "lbp", date(2026, 9, 3))]
    assert [c.first_name for c in got["children"]] == ["Child"]


def test_files_that_cannot_be_read_are_refused_in_words(world, tmp_path):
    admin = world.actor("admin")
    with pytest.raises(Exception, match="is not a .csv or .xlsx file"):
        world.services.imports.preview(admin, tmp_path / "plo.xls")
    with pytest.raises(Exception, match="There is no file 'gone.csv'"):
        world.services.imports.preview(admin, tmp_path / "gone.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(Exception, match="could not be read as an Excel workbook"):
        world.services.imports.preview(admin, broken)


def test_only_administrators_may_import(world, tmp_path):
    path = write_csv(tmp_path / "plo.csv", family_rows(_ids()[0]))
    with pytest.raises(PermissionDenied):
        world.services.imports.run(world.actor("manager"), path)


def test_the_blank_template_has_every_column_and_reads_back(world, tmp_path):
    path = write_template(tmp_path / "template.csv")
    assert path.read_text(encoding="utf-8-sig").strip().split(",") == [c.name for c in COLUMNS]
    preview = world.services.imports.preview(world.actor("admin"), path)
    assert (preview.errors, preview.families) == ((), 0)


def test_problems_save_as_csv(world, tmp_path):
    rows = family_rows(_ids()[0], PPStartDate="31/02/2026")
    preview = world.services.imports.preview(world.actor("admin"),
                                             write_csv(tmp_path / "plo.csv", rows))
    out = write_problems(preview.problems, tmp_path / "problems.csv")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Row,Column,Problem,Kind"
    assert lines[1] == "2,PPStartDate,'31/02/2026' is not a date; write it as dd/mm/yyyy,error"


def test_importing_the_census_export_gives_back_the_same_episodes(build_world, dump_database,
                                                                  tmp_path):
    """Round trip: the CIN census export of a demo database, imported into an empty one and
    exported again, has the same episodes, PPStartDate to LetterInitCPDate field by field."""
    from plo_tracker.domain.census import CENSUS_COLUMNS

    source = build_world(tmp_path / "source", dump_database, families=150, seed=11)
    target = build_world(tmp_path / "target", dump_database, families=0)
    try:
        exported = source.services.returns.write_cin(
            source.actor("admin"), 2026, tmp_path / "cin.csv", allow_failures=True).path
        result = target.services.imports.run(SYSTEM, exported)
        again = target.services.returns.write_cin(SYSTEM, 2026, tmp_path / "again.csv",
                                                  allow_failures=True).path
    finally:
        source.database.dispose()
        target.database.dispose()

    def episodes(path) -> dict[tuple[str, str], tuple[str, ...]]:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
        assert tuple(rows[0]) == CENSUS_COLUMNS
        return {(r["PLOFamilyID"], r["LAchildID"]): tuple(r[c] for c in CENSUS_COLUMNS[3:])
                for r in rows}

    before, after = episodes(exported), episodes(again)
    assert len(before) > 100  # the year's children in the demo families
    assert result.preview.rows == len(before)
    assert after == before


def test_the_user_guide_lists_every_column():
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "docs/user-guide/importing.md").read_text()
    for column in COLUMNS:
        shown = column.name if not column.name.startswith(("Adult2", "Adult3", "Adult4")) \
            else column.name.replace(column.name[5], "1", 1)
        assert f"`{shown}" in guide, column.name
