"""Reading the whole audit log: who may, filters, pages newest first, CSV export (audited and
safe to open in a spreadsheet), prints audited, views left out on a read-only database,
kept letters checked against their SHA-256."""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from datetime import date

import pytest
from sqlalchemy import func, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.audit_log import AuditFilter, safe_cell
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.errors import PermissionDenied
from plo_tracker.services.registry import Services
from plo_tracker.storage.engine import make_engine, sqlite_path
from plo_tracker.storage.errors import ReadOnlyDatabase
from plo_tracker.storage.integrity import letter_finding
from plo_tracker.storage.models import AuditEntry
from plo_tracker.storage.unit_of_work import Database
from tests.support import open_test_database
from tests.support.demo_cli import demo_password


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    """A demo database with letters made for one family, looked at by several people."""
    services = open_test_database(tmp_path_factory.mktemp("audit-log"))
    DemoDataService(services.context).make_demo_database(30, 1)
    worker = _signed_in(services, "socialworker")
    admin = _signed_in(services, "admin")
    families = [f.family_id for f in services.caseload.families(admin)
                if f.stage is Stage.PRE_PROCEEDINGS]
    ready = next(fid for fid in families if not any(
        c.missing for c in services.letters.check(admin, fid, LetterType.LBP)))
    services.letters.generate(admin, ready, LetterType.LBP)
    for family_id in families[:3]:
        services.case_detail.family(worker, family_id)
    yield services
    services.context.database.dispose()


def _signed_in(services: Services, username: str) -> Actor:
    """Signed in with the demo account's password, as a person would: it is audited."""
    return services.users.sign_in(username, demo_password(username)).actor


def _count(services: Services, action: str | None = None) -> int:
    query = select(func.count(AuditEntry.id))
    if action:
        query = query.where(AuditEntry.action == action)
    with services.context.database.reading() as conn:
        return conn.execute(query).scalar_one()


def _plo_id(services: Services, family_id: int) -> str:
    admin = services.users.trusted_actor("admin")
    return next(f.plo_family_id for f in services.caseload.families(admin)
                if f.family_id == family_id)


@pytest.mark.parametrize("username", ["socialworker", "manager", "panel"])
def test_only_auditors_and_administrators_read_the_log(log, username, tmp_path):
    actor = _signed_in(log, username)
    with pytest.raises(PermissionDenied, match="does not allow you to read the audit log"):
        log.audit_log.page(actor, AuditFilter())
    with pytest.raises(PermissionDenied):
        log.audit_log.export_csv(actor, AuditFilter(), tmp_path / "log.csv")
    assert not (tmp_path / "log.csv").exists()


@pytest.mark.parametrize("username", ["readonly", "admin"])
def test_auditors_and_administrators_see_the_newest_first(log, username):
    lines = log.audit_log.page(_signed_in(log, username), AuditFilter(), limit=5)
    ids = [line.entry_id for line in lines]
    assert ids == sorted(ids, reverse=True) and len(ids) == 5
    assert ids[0] == _count(log)  # the sign-in just made is the newest
    assert lines[0].view.action == AuditAction.USER_SIGN_IN.code


def test_pages_follow_on_without_overlap(log):
    reader = log.users.trusted_actor("readonly")
    first = log.audit_log.page(reader, AuditFilter(), limit=4)
    second = log.audit_log.page(reader, AuditFilter(), before_id=first[-1].entry_id, limit=4)
    assert [x.entry_id for x in second] == [first[-1].entry_id - n for n in range(1, 5)]


def test_filters_by_person_action_and_family(log):
    reader = log.users.trusted_actor("readonly")
    views = log.audit_log.page(reader, AuditFilter(user_name="socialworker",
                                                   action=AuditAction.FAMILY_VIEW.code))
    assert len(views) == 3
    assert {v.view.username for v in views} == {"socialworker"}
    family_id = views[0].view.family_id
    plo_id = _plo_id(log, family_id)
    for_family = log.audit_log.page(reader, AuditFilter(plo_family_id=plo_id))
    assert for_family and {x.plo_family_id for x in for_family} == {plo_id}
    assert {x.view.family_id for x in for_family} == {family_id}
    assert log.audit_log.page(reader, AuditFilter(plo_family_id="PLO-NONE")) == []


@pytest.mark.sqlite_only  # raw SQL on the SQLite file
def test_dates_are_uk_days(tmp_path):
    """00:30 UTC on 29 March 2026 is still 29 March in the UK (clocks change at 01:00 UTC);
    23:30 UTC on 30 June is 00:30 on 1 July there (summer time)."""
    services = open_test_database(tmp_path)
    path = sqlite_path(str(services.context.database.engine.url))
    raw = sqlite3.connect(path)
    for entry_id, when in ((101, "2026-03-29 00:30:00.000000"), (102, "2026-06-30 23:30:00.000000"),
                           (103, "2026-03-28 23:59:00.000000")):
        raw.execute("INSERT INTO audit_entries (id, occurred_at, username, action, entity) "
                    "VALUES (?, ?, 'system', 'export', 'families')", (entry_id, when))
    raw.commit()
    raw.close()
    admin = SYSTEM

    def ids(**dates) -> list[int]:
        return [x.entry_id for x in services.audit_log.page(admin, AuditFilter(**dates))
                if x.entry_id > 100]

    assert ids(date_from=date(2026, 7, 1), date_to=date(2026, 7, 1)) == [102]
    assert ids(date_from=date(2026, 6, 30), date_to=date(2026, 6, 30)) == []
    assert ids(date_from=date(2026, 3, 29), date_to=date(2026, 6, 30)) == [101]
    assert ids(date_to=date(2026, 3, 28)) == [103]
    services.context.database.dispose()


@pytest.mark.parametrize(("text", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("plain", "plain"), (None, ""), (12, "12"),
])
def test_cells_that_a_spreadsheet_would_run_are_written_as_text(text, written):
    assert safe_cell(text) == written


def test_export_writes_the_filtered_entries_and_is_audited(log, tmp_path):
    reader = log.users.trusted_actor("readonly")
    wanted = AuditFilter(action=AuditAction.FAMILY_VIEW.code)
    before = _count(log, AuditAction.EXPORT.code)
    out = tmp_path / "views.csv"
    count = log.audit_log.export_csv(reader, wanted, out)
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:5] == ["Entry", "When (UK time)", "User name", "Name", "What"]
    assert len(rows) - 1 == count == _count(log, AuditAction.FAMILY_VIEW.code)
    assert {r[4] for r in rows[1:]} == {"Looked at the family"}
    assert _count(log, AuditAction.EXPORT.code) == before + 1
    [entry] = log.audit_log.page(reader, AuditFilter(action=AuditAction.EXPORT.code), limit=1)
    assert entry.view.username == "readonly"
    assert entry.view.after == {"records": count, "action": "family.view"}


def test_an_export_cannot_replace_a_file_nor_run_on_a_read_only_database(log, tmp_path):
    reader = log.users.trusted_actor("readonly")
    taken = tmp_path / "taken.csv"
    taken.write_text("mine")
    with pytest.raises(FileExistsError):
        log.audit_log.export_csv(reader, AuditFilter(), taken)
    assert taken.read_text() == "mine"
    read_only = Services.build(Database(log.context.database.engine, "it is a copy"))
    with pytest.raises(ReadOnlyDatabase):
        read_only.audit_log.export_csv(reader, AuditFilter(), tmp_path / "new.csv")
    assert not (tmp_path / "new.csv").exists()


def test_a_read_only_database_is_browsed_without_recording_views(log):
    read_only = Services.build(Database(log.context.database.engine, "it is a copy"))
    reader = log.users.trusted_actor("readonly")
    looked_at = log.audit_log.page(reader, AuditFilter(action=AuditAction.FAMILY_VIEW.code))
    family_id = looked_at[0].view.family_id
    before = _count(log)
    detail = read_only.case_detail.family(reader, family_id)
    assert detail.family_id == family_id
    assert read_only.case_detail.history(reader, family_id)
    letters = [v for f in log.caseload.families(reader)
               for v in read_only.letters.generated(reader, f.family_id)]
    assert read_only.letters.open(reader, letters[0].letter_id)[:4] == b"%PDF"
    assert _count(log) == before
    # On a database that may be written, the same look is recorded.
    log.case_detail.family(reader, family_id)
    assert _count(log) == before + 1


def _letters(services: Services):
    admin = services.users.trusted_actor("admin")
    return [v for f in services.caseload.families(admin)
            for v in services.letters.generated(admin, f.family_id)]


def test_saving_a_copy_to_print_is_audited_with_the_family(log, tmp_path):
    reader = log.users.trusted_actor("readonly")
    letter = _letters(log)[0]
    path = log.letter_prints.save_copy(reader, letter.letter_id, tmp_path / "copy.pdf")
    assert path.read_bytes()[:4] == b"%PDF"
    [entry] = log.audit_log.page(reader, AuditFilter(action="letter.save_copy"), limit=1)
    assert (entry.view.family_id, entry.view.entity_id, entry.view.after) == (
        letter.family_id, letter.letter_id, {"file": "copy.pdf"})
    assert entry.view.action_words == "Saved a copy of a letter, to print or send"


def test_a_copy_that_cannot_be_written_leaves_no_entry(log, tmp_path):
    reader = log.users.trusted_actor("readonly")
    before = _count(log, "letter.save_copy")
    with pytest.raises(OSError):
        log.letter_prints.save_copy(reader, _letters(log)[0].letter_id,
                                    tmp_path / "no-such-folder" / "copy.pdf")
    assert _count(log, "letter.save_copy") == before


def test_a_batch_saved_to_a_folder_is_audited_letter_by_letter(log, tmp_path):
    admin = log.users.trusted_actor("admin")
    families = [f.family_id for f in log.caseload.families(admin)
                if f.stage is Stage.PRE_PROCEEDINGS]
    result = log.letters.batch(admin, LetterType.LBP, families)
    before = _count(log, "letter.save_copy")
    written = log.letter_prints.save_batch(admin, tmp_path, result)
    assert len(written.letters) == len(result.letters) > 0
    assert _count(log, "letter.save_copy") == before + len(result.letters)


def _letters_checked_after(log, tmp_path, change: str, params: tuple):
    """The letters finding on a copy of the database after one raw change to it."""
    copy = tmp_path / "copy.sqlite3"
    source = sqlite3.connect(sqlite_path(str(log.context.database.engine.url)))
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.execute(change, params)
    target.commit()
    target.close()
    engine = make_engine(f"sqlite:///{copy}")
    with engine.connect() as conn:
        finding = letter_finding(conn)
    engine.dispose()
    return finding


@pytest.mark.sqlite_only  # raw SQL on the SQLite file
def test_a_kept_letter_whose_bytes_changed_is_named_without_people(log, tmp_path):
    letter = _letters(log)[0]
    pdf = log.letters.open(log.users.trusted_actor("admin"), letter.letter_id)
    finding = _letters_checked_after(
        log, tmp_path, "UPDATE generated_letters SET pdf = ? WHERE id = ?",
        (pdf.replace(b"ReportLab", b"ReportLaB", 1), letter.letter_id))
    assert not finding.ok
    assert finding.detail == (f"1 kept letter changed since it was made: letter "
                              f"{letter.letter_id} (family {letter.plo_family_id}, "
                              f"{letter.letter_date:%d %b %Y}).")
    assert letter.recipient_name not in finding.detail


@pytest.mark.sqlite_only  # raw SQL on the SQLite file
def test_a_letter_whose_bytes_and_stored_hash_both_changed_is_named(log, tmp_path):
    # The audit entry of its making (in the chain) still holds the hash it was made with.
    letter = _letters(log)[-1]
    forged = b"%PDF-1.4 a different letter"
    finding = _letters_checked_after(
        log, tmp_path, "UPDATE generated_letters SET pdf = ?, sha256 = ? WHERE id = ?",
        (forged, hashlib.sha256(forged).hexdigest(), letter.letter_id))
    assert not finding.ok and f"letter {letter.letter_id} (family" in finding.detail


def test_kept_letters_untouched_pass(log):
    with log.context.database.reading() as conn:
        finding = letter_finding(conn)
    assert finding.ok and finding.detail.startswith("All ")
