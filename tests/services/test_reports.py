"""The management figures on hand-made families (tests/services/reports_world.py), each
right answer worked out by hand here from the dates there. TODAY is Thu 26 Nov 2026."""

from __future__ import annotations

import csv
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.services.errors import PermissionDenied
from plo_tracker.services.reports_filter import NO_WORKER, FigureKey, ReportFilter
from plo_tracker.storage.models import AuditEntry
from tests.services.reports_world import make_reports_world

# Filter A: this year to the end of November. Filter B: the step-downs of a year before.
A = ReportFilter(date(2026, 1, 1), date(2026, 11, 30))
B = ReportFilter(date(2024, 11, 1), date(2025, 11, 30))


@pytest.fixture(scope="module")
def rw(tmp_path_factory):
    world = make_reports_world(tmp_path_factory.mktemp("reports"))
    yield world
    world.services.context.database.dispose()


def _texts(report) -> dict[str, str]:
    return {f.key: f.text for f in report.figures}


def test_every_figure_of_the_period_worked_out_by_hand(rw):
    report = rw.services.reports.figures(rw.actor("panel"), A)
    assert report.as_at == date(2026, 11, 26)  # the period ends after today
    assert _texts(report) == {
        # In pre-proceedings on 26 Nov: F3, F5, S1, S4 (F7 is restricted; the panel member
        # is not named). Children 2 + 3 + 1 + 1; F3's second child is unborn. Past 16 weeks
        # (112 days): F5 (513 days) and S4 (1 Jun to 26 Nov: 178 days); F3 52, S1 1.
        "in_pp_families": "4", "in_pp_children": "7", "unborn": "1",
        "in_pp_past_target": "2 of 4 (50%)",
        # Entered in the period: F1 (Mar), F2 (Jun), S4 (Jun), F6 (Sep), F3 (Oct), S1 (Nov);
        # F3, S1 and S4 had been in pre-proceedings before. FGDM offered to F1 and F2,
        # held for F1.
        "new_episodes": "6", "repeat_episodes": "3 of 6 (50%)",
        "fgdm_offered": "2 of 6 (33%)", "fgdm_held": "1 of 2 (50%)",
        # Outcomes: F1 stepped down 1 Jun (91 days after 2 Mar), F2 to court 2 Nov (154
        # days after 1 Jun), F6 other 20 Nov (80 days after 1 Sep). Sorted 80, 91, 154:
        # median 91; 90th percentile at position 2 x 0.9 = 1.8: 91 + 0.8 x 63 = 141.4.
        "outcomes": "3", "stepped_down": "1 of 3 (33%)", "issued": "1 of 3 (33%)",
        "other": "1 of 3 (33%)", "duration_median": "91 calendar days",
        "duration_p90": "141.4 calendar days", "ended_past_target": "1 of 3 (33%)",
        # Letters (due 5 working days after the decision): F1 3 working days (on time),
        # F6 1 (on time), F2 7 (late), F3 and S4 none and past due (late), S1 none and not
        # due until 2 Dec (not counted). Median of 1, 3, 7 is 3.
        "letter_days": "3 working days", "letter_on_target": "2 of 5 (40%)",
        # Initial meetings (10 working days after the letter): F1 held on the 10th (on
        # time), F6 on the 21st (late), F2 none and past due (late). Median of 10, 21.
        "meeting_days": "15.5 working days", "meeting_on_target": "1 of 3 (33%)",
        # Care applications: F4 (4 Feb) and S3 (1 Mar), both straight to court and on short
        # notice; F2 (9 Nov) after pre-proceedings.
        "applications": "3", "short_notice": "2 of 3 (67%)",
        "without_pre_proceedings": "2 of 3 (67%)",
        # F1 stepped down on 1 Jun 2026: its 12 months are not over, so no share yet.
        "stepdown": "1", "reentered_12": "none yet", "applied_12": "none yet",
        "reentered_24": "none yet", "applied_24": "none yet",
    }


def test_the_months_of_the_period(rw):
    months = {m.month: m for m in rw.services.reports.figures(rw.actor("panel"), A).months}
    # January to November: the months up to today.
    assert list(months) == [date(2026, m, 1) for m in range(1, 12)]
    assert [months[date(2026, m, 1)].new_episodes for m in range(1, 12)] == [
        0, 0, 1, 0, 0, 2, 0, 0, 1, 1, 1]
    june, november = months[date(2026, 6, 1)], months[date(2026, 11, 1)]
    assert (june.stepped_down, june.issued, june.other) == (1, 0, 0)
    assert (november.stepped_down, november.issued, november.other) == (0, 1, 1)
    assert [(months[date(2026, m, 1)].applications, months[date(2026, m, 1)].short_notice,
             months[date(2026, m, 1)].without_pre_proceedings) for m in (2, 3, 11)] == [
        (1, 1, 1), (1, 1, 1), (1, 0, 0)]


def test_after_stepping_down_within_12_and_24_months_at_the_edges(rw):
    """Stepped down in B: S4 25 Nov 2024, S3 1 Mar 2025, S1 25 Nov 2025, S2 26 Nov 2025.

    12 months are over when their last day is before today (26 Nov 2026): S1's ended on
    25 Nov 2026, so S1 counts; S2's end today, so S2 does not yet. S1 was back in
    pre-proceedings on 25 Nov 2026, the last day of its 12 months: within. S3's care
    application on 1 Mar 2026 is the last day of its 12 months: within. S4 was back on
    1 Jun 2026: after its 12 months (to 25 Nov 2025), within its 24 (to 25 Nov 2026), the
    only 24 months over.
    """
    report = rw.services.reports.figures(rw.actor("panel"), B)
    texts = _texts(report)
    assert texts["stepdown"] == "4"
    assert texts["reentered_12"] == "1 of 3 (33%)"
    assert texts["applied_12"] == "1 of 3 (33%)"
    assert texts["reentered_24"] == "1 of 1 (100%)"
    assert texts["applied_24"] == "0 of 1 (0%)"
    counts = ("stepped_down", "reached_12", "reentered_12", "applied_12", "reached_24",
              "reentered_24", "applied_24")

    def row(r):
        return (r.name, *(getattr(r, c) for c in counts))

    assert [row(r) for r in report.step_down_teams] == [
        ("North", 2, 1, 1, 0, 0, 0, 0), ("South", 2, 2, 0, 1, 1, 1, 0)]
    assert [row(r) for r in report.step_down_workers] == [
        ("Alex Worker", 2, 1, 1, 0, 0, 0, 0), ("Bea Worker", 2, 2, 0, 1, 1, 1, 0)]
    panel = rw.actor("panel")
    assert rw.names(rw.services.reports.families_behind(panel, B, "reached_12")) == {
        "S1", "S3", "S4"}
    assert rw.names(rw.services.reports.families_behind(panel, B, "reentered_12")) == {"S1"}
    assert rw.names(rw.services.reports.families_behind(panel, B, "applied_12")) == {"S3"}
    assert rw.names(rw.services.reports.families_behind(
        panel, B, f"reached_12#worker={rw.users['worker_b']}")) == {"S3", "S4"}
    assert rw.names(rw.services.reports.families_behind(
        panel, B, "reentered_24#team=South")) == {"S4"}


@pytest.mark.parametrize(("key", "families"), [
    ("in_pp_families", {"F3", "F5", "S1", "S4"}),
    ("in_pp_past_target", {"F5", "S4"}),
    ("unborn", {"F3"}),
    ("new_episodes@2026-06", {"F2", "S4"}),
    ("repeat_episodes", {"F3", "S1", "S4"}),
    ("stepped_down@2026-06", {"F1"}),
    ("ended_past_target", {"F2"}),
    ("letter_on_target", {"F1", "F6"}),
    ("meeting_on_target", {"F1"}),
    ("meeting_days", {"F1", "F6"}),
    ("reentered_12", set()),
    ("without_pre_proceedings", {"F4", "S3"}),
    ("applications@2026-11", {"F2"}),
    ("fgdm_held", {"F1"}),
])
def test_each_figure_opens_the_families_behind_it(rw, key, families):
    lines = rw.services.reports.families_behind(rw.actor("panel"), A, key)
    assert rw.names(lines) == families
    assert [line.plo_family_id for line in lines] == sorted(line.plo_family_id
                                                            for line in lines)


def test_the_list_says_what_the_figure_saw(rw):
    lines = rw.services.reports.families_behind(rw.actor("panel"), A, "letter_days")
    seen = {rw.names([line]).pop(): line.detail for line in lines}
    assert seen == {"F1": "letter 3 working days after the decision",
                    "F2": "letter 7 working days after the decision",
                    "F6": "letter 1 working day after the decision"}


def test_team_and_worker_filters(rw):
    north = rw.services.reports.figures(rw.actor("panel"), ReportFilter(
        A.start, A.end, team="north"))  # any case
    assert _texts(north)["in_pp_families"] == "2"  # F5, S1
    assert _texts(north)["new_episodes"] == "3"  # F1, F2, S1
    assert north.team_name == "north team"
    bea = rw.services.reports.figures(rw.actor("panel"), ReportFilter(
        A.start, A.end, worker_id=rw.users["worker_b"]))
    assert (_texts(bea)["new_episodes"], _texts(bea)["applications"]) == ("3", "2")
    assert bea.worker_name == "Bea Worker"
    unallocated = rw.services.reports.figures(rw.actor("panel"), ReportFilter(
        A.start, A.end, worker_id=NO_WORKER))
    assert _texts(unallocated)["in_pp_families"] == "1"  # F5


def test_a_restricted_family_counts_only_for_those_named_for_it(rw):
    named = rw.services.reports.figures(rw.actor("manager"), A)
    assert (_texts(named)["in_pp_families"], _texts(named)["new_episodes"]) == ("5", "7")
    assert "F7" in rw.names(rw.services.reports.families_behind(
        rw.actor("manager"), A, "new_episodes"))
    for reader in ("panel", "reader"):
        assert "F7" not in rw.names(rw.services.reports.families_behind(
            rw.actor(reader), A, "new_episodes"))


def test_looking_at_a_list_is_audited_with_the_families_shown(rw):
    lines = rw.services.reports.families_behind(rw.actor("panel"), A, "unborn")
    with rw.services.context.database.reading() as conn:
        entry = conn.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (entry.action, entry.username) == ("report.families", "panel")
    assert f'"family_ids": [{lines[0].family_id}]' in entry.after
    assert '"figure": "unborn"' in entry.after


def test_refusals(rw):
    with pytest.raises(PermissionDenied):
        rw.services.reports.figures(rw.actor("worker_a"), A)
    with pytest.raises(ValidationFailed) as backwards:
        rw.services.reports.figures(rw.actor("panel"), ReportFilter(A.end, A.start))
    assert "end" in backwards.value.problems
    with pytest.raises(ValidationFailed) as unknown:
        rw.services.reports.families_behind(rw.actor("panel"), A, "no_such_figure")
    assert "key" in unknown.value.problems


def test_keys_read_back_as_written():
    for text in ("new_episodes", "stepped_down@2026-06", "reached_12#team=North",
                 "reached_12#team=", "applied_24#worker=12"):
        assert str(FigureKey.parse(text)) == text
    assert FigureKey.parse("reached_12#worker=0").worker_id == 0


def test_each_table_as_csv_read_back_and_audited(rw, tmp_path):
    panel = rw.actor("panel")
    written = rw.services.reports.export_csv(panel, A, "months", tmp_path / "months.csv")
    with (tmp_path / "months.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert written == 11
    assert rows[0] == ["Month", "New episodes", "Stepped down", "Proceedings issued",
                       "Other outcome", "Care applications", "On short notice",
                       "Without pre-proceedings"]
    assert rows[6] == ["Jun 2026", "2", "1", "0", "0", "0", "0", "0"]
    rw.services.reports.export_csv(panel, B, "step_down_teams", tmp_path / "teams.csv")
    with (tmp_path / "teams.csv").open(encoding="utf-8-sig", newline="") as file:
        teams = list(csv.reader(file))
    assert teams[2][:5] == ["South", "2", "2", "0 of 2 (0%)", "1 of 2 (50%)"]
    assert teams[-1][0] == "Everyone"
    rw.services.reports.export_csv(panel, A, "families:unborn", tmp_path / "unborn.csv")
    with (tmp_path / "unborn.csv").open(encoding="utf-8-sig", newline="") as file:
        families = list(csv.reader(file))
    assert [row[0] for row in families[1:]] == ["PLO-2026-F3"]
    with rw.services.context.database.reading() as conn:
        entry = conn.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (entry.action, entry.entity) == ("export", "report_csv")
    with pytest.raises(FileExistsError):
        rw.services.reports.export_csv(panel, A, "months", tmp_path / "months.csv")


def test_monthly_report_pdf_read_back(rw, tmp_path):
    out = tmp_path / "report.pdf"
    pages = rw.services.reports.monthly_pdf(rw.actor("panel"), A, out)
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert len(reader.pages) == pages >= 2
    words = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("management report, 1 Jan 2026 to 30 Nov 2026",
                     "New episodes and outcomes per month", "Care applications per month",
                     "Families in pre-proceedings", "141.4 calendar days", "2 of 5 (40%)",
                     "After stepping down, by team", f"Page 1 of {pages}"):
        assert expected in words
    with rw.services.context.database.reading() as conn:
        entry = conn.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (entry.action, entry.entity) == ("export", "report_pdf")
