"""`plo-tracker audit verify|export` and `check` against a tampered or damaged database, run
in-process as a user would type them. Tampering is raw SQL on a copy of one database."""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from plo_tracker.cli import main
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.session import open_database
from plo_tracker.storage.engine import sqlite_url
from tests.support.demo_cli import demo_password, run_cli

# Tampering is raw SQL on a SQLite file; the server's own checks are tested elsewhere.
pytestmark = pytest.mark.sqlite_only


def make_demo_file(path: Path, families: int, seed: int) -> None:
    services = open_database(sqlite_url(path), path.parent / "backups")
    try:
        DemoDataService(services.context).make_demo_database(families, seed)
    finally:
        services.context.database.dispose()


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """A demo database (150 families, so its middle is in the rows) with a few entries."""
    folder = tmp_path_factory.mktemp("cli-audit")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLO_TRACKER_HOME", str(folder / "data"))
        patch.delenv("PLO_TRACKER_DB", raising=False)
        patch.delenv("PLO_TRACKER_USER", raising=False)
        path = folder / "audit.sqlite3"
        make_demo_file(path, 150, seed=2)
        for user in ("socialworker", "manager", "readonly"):
            with patch.context() as signed_in:
                signed_in.setenv("PLO_TRACKER_PASSWORD", demo_password(user))
                assert main(["--db", sqlite_url(path), "--user", user, "families",
                             "--json"]) == 0
        yield path


@pytest.fixture
def copy(original, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PLO_TRACKER_DB", raising=False)
    monkeypatch.delenv("PLO_TRACKER_USER", raising=False)
    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(original, path)
    capsys.readouterr()
    return path


def _run(capsys, path: Path, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--db", sqlite_url(path), *argv)


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _entries(path: Path) -> int:
    conn = sqlite3.connect(path)
    [count] = conn.execute("SELECT count(*) FROM audit_entries").fetchone()
    conn.close()
    return count


def test_verify_says_how_many_entries_are_intact(copy, capsys):
    code, out, err = _run(capsys, copy, "audit", "verify")
    assert (code, err) == (0, "")
    assert out == f"The audit log's {_entries(copy)} entries are intact.\n"


def test_verify_names_the_first_bad_entry_with_its_time_and_action(copy, capsys):
    _sql(copy, "DROP TRIGGER audit_entries_no_update",
         "UPDATE audit_entries SET occurred_at = '2026-03-02 10:15:00.000000', "
         "username = 'nobody' WHERE id = 2")
    code, out, err = _run(capsys, copy, "audit", "verify")
    assert (code, err) == (1, "")
    assert out == ("The audit log was changed outside the app: entry 2 (02 Mar 2026 10:15:00 "
                   "UTC, \"Signed in\") does not match its hash: it was changed after it was "
                   "written (or moved, or the entry before it was replaced).\n")


def test_check_runs_the_verification_and_the_trigger_definitions(copy, capsys):
    code, out, _err = _run(capsys, copy, "check")
    assert code == 0
    assert f"ok       audit chain   The audit log's {_entries(copy)} entries are intact." in out
    # Triggers of the right names that do nothing: caught before any edit is made.
    _sql(copy, "DROP TRIGGER audit_entries_no_update", "DROP TRIGGER audit_entries_no_delete",
         "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
         "BEGIN SELECT 1; END",
         "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
         "BEGIN SELECT 1; END")
    code, out, _err = _run(capsys, copy, "check")
    assert code == 1
    assert "PROBLEM  audit log     The audit log's protection against changes is missing or " \
           "was replaced" in out
    assert "ok       audit chain" in out
    # ... and the deletion they then let through.
    _sql(copy, "DELETE FROM audit_entries WHERE id = 2")
    code, out, _err = _run(capsys, copy, "check")
    assert code == 1
    assert "PROBLEM  audit chain   The audit log was changed outside the app: entry 2 is " \
           "missing: Entry 2 is gone from before entry 3" in out


def test_an_extra_trigger_on_the_log_is_a_problem(copy, capsys):
    _sql(copy, "CREATE TRIGGER audit_entries_rewrite AFTER INSERT ON audit_entries "
               "BEGIN SELECT 1; END")
    code, out, _err = _run(capsys, copy, "check")
    assert code == 1 and "PROBLEM  audit log" in out


def test_check_reports_a_damaged_database_and_never_fails(copy, capsys):
    size = copy.stat().st_size
    with copy.open("r+b") as file:
        file.seek(size // 2)
        file.write(random.Random(9).randbytes(8192))
    code, out, err = _run(capsys, copy, "check")
    assert code == 1
    assert "Traceback" not in out + err and err == ""
    assert "PROBLEM  integrity     The database file is damaged, so none of it" in out
    assert out.splitlines()[0].startswith("ok       schema")


def test_export_writes_a_csv_for_an_auditor(copy, capsys, tmp_path):
    out_file = tmp_path / "views.csv"
    code, out, err = _run(capsys, copy, "--user", "readonly", "audit", "export",
                          "--out", str(out_file), "--action", "user.sign_in",
                          "--user-name", "manager")
    assert (code, err) == (0, "")
    assert out == "Wrote 1 audit entry to views.csv.\n"
    with out_file.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert [r[2] for r in rows[1:]] == ["manager"]
    assert rows[1][4:6] == ["Signed in", "user.sign_in"]
    # The export is itself in the log, and the chain still verifies.
    code, out, _err = _run(capsys, copy, "audit", "verify")
    assert code == 0


def test_export_refuses_a_worker_an_existing_file_and_dates_the_wrong_way(copy, capsys,
                                                                          tmp_path):
    code, _out, err = _run(capsys, copy, "--user", "socialworker", "audit", "export",
                           "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "does not allow you to read the audit log" in err
    assert not (tmp_path / "x.csv").exists()
    taken = tmp_path / "taken.csv"
    taken.write_text("keep me")
    code, _out, err = _run(capsys, copy, "--user", "admin", "audit", "export",
                           "--out", str(taken))
    assert code == 2 and "taken.csv already exists" in err
    assert taken.read_text() == "keep me"
    code, _out, err = _run(capsys, copy, "--user", "admin", "audit", "export", "--out",
                           str(tmp_path / "y.csv"), "--from", "2/3/2026", "--to", "1/3/2026")
    assert code == 2 and "--to is before --from" in err
