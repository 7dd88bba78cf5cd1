"""plo-tracker export cin|ssd, run in-process as a user would type it."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import update

from plo_tracker.domain.census import CENSUS_COLUMNS, CHILD_ID_RULE
from plo_tracker.domain.ssd import SSD_HEADERS
from plo_tracker.session import open_database
from plo_tracker.storage.models import Child
from tests.support.demo_cli import demo_database, run_cli


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """A demo database in which every child of 2026-27's census has a local id but one."""
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PLO_TRACKER_DB", raising=False)
    monkeypatch.delenv("PLO_TRACKER_USER", raising=False)
    url = demo_database(tmp_path / "export.sqlite3", 12, seed=3)
    services = open_database(url, tmp_path / "backups")
    try:
        manager = services.users.trusted_actor("manager")
        rows = services.returns.cin_rows(manager, 2026).rows
        first = rows[0]
        with services.context.database.unit_of_work() as session:
            session.execute(update(Child).where(Child.local_child_id.is_(None))
                            .values(local_child_id="LC-FILLED"))
            session.execute(update(Child).where(Child.id == first.child_id)
                            .values(local_child_id=None))
        result = services.returns.cin_rows(manager, 2026)
    finally:
        services.context.database.dispose()
    return url, first, result


def test_export_cin_prints_each_problem_and_stops_until_allowed(capsys, tmp_path, demo):
    url, first, result = demo
    out = tmp_path / "cin.csv"
    code, stdout, _err = run_cli(capsys, "--db", url, "--user", "manager", "export", "cin",
                                 "--year", "2026", "--out", str(out))
    assert code == 1 and not out.exists()
    problem = (f"PROBLEM family {first.plo_family_id}, child {first.child_name} "
               f"(PLOT-C{first.child_id}), rule LAchildID, LAchildID: {CHILD_ID_RULE.message} "
               f"{CHILD_ID_RULE.fix}")
    assert problem in stdout.splitlines()
    assert sum(line.startswith("PROBLEM ") for line in stdout.splitlines()) == len(
        result.errors)
    assert "was not saved" in stdout

    code, stdout, _err = run_cli(capsys, "--db", url, "--user", "manager", "export", "cin",
                                 "--year", "2026", "--out", str(out), "--allow-failures")
    assert code == 0
    with out.open(newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    assert header == list(CENSUS_COLUMNS)
    assert [tuple(row) for row in rows] == [row.cells() for row in result.rows]
    assert stdout.splitlines()[-1] == (
        f"Saved {len(rows)} rows from {len(result.family_ids)} families in cin.csv. It was "
        f"saved with {len(result.errors)} problem{'s' if len(result.errors) > 1 else ''} "
        "not fixed.")


def test_export_ssd_never_replaces_a_file(capsys, tmp_path, demo):
    url, _first, _result = demo
    out = tmp_path / "ssd.csv"
    out.write_text("kept")
    code, stdout, _err = run_cli(capsys, "--db", url, "--user", "admin", "export", "ssd",
                                 "--out", str(out))
    assert code == 0 and out.read_text() == "kept"
    written = tmp_path / "ssd (2).csv"
    with written.open(newline="", encoding="utf-8") as file:
        assert next(csv.reader(file)) == list(SSD_HEADERS)
    assert stdout.startswith("Saved ") and "in ssd (2).csv." in stdout


def test_export_is_refused_to_a_social_worker(capsys, tmp_path, demo):
    url, _first, _result = demo
    code, _out, err = run_cli(capsys, "--db", url, "--user", "socialworker", "export", "ssd",
                              "--out", str(tmp_path / "ssd.csv"))
    assert code == 2
    assert "does not allow you to make the national data returns" in err
    assert not (tmp_path / "ssd.csv").exists()
