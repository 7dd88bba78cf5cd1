"""plo-tracker retention report|hold|release|delete, run in-process as a user would type it.

The command line works on the real date, so one demo family's closure is moved back to
1 Jan 1990 directly in the file: 35 years on, it was kept until 1 Jan 2025.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plo_tracker.storage.engine import sqlite_url
from tests.support.demo_cli import demo_database, run_cli

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def old_family(tmp_path, monkeypatch) -> tuple[str, str, Path]:
    """A demo database whose one stepped-down family closed on 1 Jan 1990: (url, id, home)."""
    home = tmp_path / "data"
    monkeypatch.setenv("PLO_TRACKER_HOME", str(home))
    monkeypatch.delenv("PLO_TRACKER_DB", raising=False)
    monkeypatch.delenv("PLO_TRACKER_USER", raising=False)
    path = tmp_path / "retention.sqlite3"
    demo_database(path, 8, seed=4)
    with sqlite3.connect(path) as db:
        family_id, plo_id = db.execute(
            "SELECT f.id, f.plo_family_id FROM families f JOIN episodes e ON e.family_id = f.id "
            "WHERE e.stage = 'stepped_down' AND e.id = (SELECT max(id) FROM episodes "
            "WHERE family_id = f.id) AND NOT EXISTS (SELECT 1 FROM episodes p WHERE "
            "p.family_id = f.id AND p.court_application_date IS NOT NULL) "
            "ORDER BY f.id LIMIT 1").fetchone()
        db.execute("UPDATE episodes SET closed_date = '1990-01-01' WHERE family_id = ?",
                   (family_id,))
    db.close()
    return sqlite_url(path), plo_id, home


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


def test_report_hold_release_and_delete(old_family, capsys):
    url, plo_id, home = old_family
    admin = ("--db", url, "--user", "admin", "retention")

    code, out, err = _run(capsys, *admin, "report")
    assert (code, err) == (0, "")
    line = next(row for row in out.splitlines() if row.startswith(plo_id))
    assert "Wed 1 Jan 2025" in line
    assert "35 years after the record closed on 1 Jan 1990" in line

    assert _run(capsys, *admin, "hold", "--family", plo_id, "--reason",
                "Complaint to the ombudsman")[:2] == (
        0, f"Family {plo_id} is on legal hold: it cannot be deleted until the hold is "
           "released.\n")
    code, out, err = _run(capsys, *admin, "delete", "--family", plo_id, "--yes")
    assert (code, out) == (2, "")
    assert err == (f"plo-tracker: Family {plo_id} is on legal hold (Complaint to the "
                   "ombudsman), so it cannot be deleted. Release the hold first if it is no "
                   "longer needed.\n")
    assert _run(capsys, *admin, "release", "--family", plo_id, "--reason",
                "Complaint closed")[0] == 0

    code, out, err = _run(capsys, *admin, "delete", "--family", plo_id)
    assert (code, err) == (2, "plo-tracker: Deleting a family cannot be undone (except from "
                              "the backup taken first); add --yes to confirm.\n")
    code, out, err = _run(capsys, *admin, "delete", "--family", plo_id, "--yes")
    assert (code, err) == (0, "")
    beside = Path(url.removeprefix("sqlite:///")).parent / "backups"  # the database's own
    backups = list(beside.glob("*before-deleting-a-family*.sqlite3"))
    assert len(backups) == 1
    assert out == (f"Deleted family {plo_id}. A backup taken first is at {backups[0]}; the "
                   "audit log records the deletion.\n")
    assert plo_id not in _run(capsys, *admin, "report")[1]
    code, out, err = _run(capsys, *admin, "hold", "--family", plo_id, "--reason", "x")
    assert code == 2 and "plo-tracker: " in err


def test_others_are_refused_in_words(old_family, capsys):
    url, plo_id, _home = old_family
    code, out, err = _run(capsys, "--db", url, "--user", "manager", "retention", "report")
    assert (code, out) == (2, "")
    assert err.startswith("plo-tracker: Your role (team manager) does not allow you to place "
                          "legal holds and delete records past their retention period.")
