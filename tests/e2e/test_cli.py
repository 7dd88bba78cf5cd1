"""The command line, run in-process as a user would type it (and once as a real process)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from plo_tracker import __version__
from plo_tracker.cli import main
from plo_tracker.storage.engine import make_engine
from tests.support.backends import database_url
from tests.support.demo_cli import demo_database, run_cli

FAMILY_KEYS = {"id", "plo_family_id", "stage", "children", "social_worker"}


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A private PLO_TRACKER_HOME for the module, with no database or user chosen by env."""
    folder = tmp_path_factory.mktemp("cli-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLO_TRACKER_HOME", str(folder / "data"))
        patch.delenv("PLO_TRACKER_DB", raising=False)
        patch.delenv("PLO_TRACKER_USER", raising=False)
        patch.delenv("PLO_TRACKER_PASSWORD", raising=False)
        patch.delenv("PLO_TRACKER_NEW_PASSWORD", raising=False)
        yield folder


@pytest.fixture(scope="module")
def demo_url(home):
    """A demo database of 20 families (seed 3), made as `plo-tracker --demo` makes its own."""
    return demo_database(home / "cli-demo.sqlite3", 20, seed=3)


_run = run_cli  # with the --user demo account's password in PLO_TRACKER_PASSWORD


def test_demo_data_reports_what_it_added(home, capsys):
    url = demo_database(home / "another-demo.sqlite3", 2)
    code, out, err = _run(capsys, "--db", url, "--user", "admin", "demo-data", "--families",
                          "20", "--seed", "3")
    assert (code, err) == (0, "")
    assert out.startswith("Added 20 demo families (")
    assert "admin (administrator, password 'northshire settings')" in out
    assert "readonly (read only, password 'northshire reading')" in out


def test_demo_data_refuses_a_real_database_even_an_empty_one(tmp_path, home, capsys,
                                                            dump_database):
    """Issue 9: it used to mark a real, empty database demo for good and add password-less
    accounts, one an administrator."""
    url = database_url(tmp_path, "real")
    code, out, err = _run(capsys, "--db", url, "demo-data", "--families", "3")
    assert (code, out) == (2, "")
    assert err == ("plo-tracker: This is not a demo database, so demo data will not be added "
                   "to it: demo accounts have published passwords, and one is an "
                   "administrator. Use 'plo-tracker --demo demo-data', which keeps demo data "
                   "in a database of its own.\n")
    engine = make_engine(url)
    tables = dump_database(engine)
    engine.dispose()
    assert tables["users"] == [] and tables["families"] == []
    assert not any(row[1] == "demo" for row in tables["database_facts"])


def test_families_as_json(demo_url, capsys):
    code, out, err = _run(capsys, "--db", demo_url, "--user", "admin", "families", "--json")
    assert (code, err) == (0, "")
    families = json.loads(out)
    assert isinstance(families, list) and len(families) == 20
    for family in families:
        assert set(family) >= FAMILY_KEYS
        assert family["plo_family_id"].startswith("PLO-")
        assert family["children"] and all({"name", "age"} == set(c) for c in family["children"])
        assert family["social_worker"]
    assert len({f["id"] for f in families}) == 20


def test_families_as_text_as_on_a_day(demo_url, capsys):
    code, out, _err = _run(capsys, "--db", demo_url, "--user", "admin", "families",
                           "--on", "26/11/2026")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "20 families" and len(lines) == 22
    assert lines[0].split() == ["Family", "Surname", "Stage", "Week", "Status", "Social",
                                "worker", "Next", "due"]
    # Every column starts where its heading does, however long a value (a week count can
    # be "3 weeks past the 16-week target").
    status_at = lines[0].index("Status")
    for line in lines[1:-1]:
        assert line[status_at - 2:status_at] == "  " and line[status_at] != " "


def test_due_on_a_day_as_json_and_as_text(demo_url, capsys):
    code, out, err = _run(capsys, "--db", demo_url, "--user", "manager", "due",
                          "--on", "2026-11-26", "--json")
    assert (code, err) == (0, "")
    items = json.loads(out)
    assert isinstance(items, list)
    for item in items:
        assert {"plo_family_id", "title", "due", "status", "rule", "reason"} <= set(item)
        assert item["status"] in {"Overdue", "Due soon"}
        assert item["due"] <= "2026-12-03"  # due soon means within 7 days
        assert item["rule"] and item["reason"]
    code, text_out, _err = _run(capsys, "--db", demo_url, "--user", "manager", "due",
                                "--on", "26/11/2026")
    assert code == 0
    lines = text_out.splitlines()
    assert lines[-1] == f"{len(items)} items due or overdue"
    assert len(lines) == len(items) + 2  # the headings, the items, the count
    assert lines[0].startswith("Due") and "What, and the rule that made it due" in lines[0]
    assert all("(rule: " in line for line in lines[1:-1])


def test_due_later_finds_at_least_as_much_overdue(demo_url, capsys):
    def overdue(on: str) -> int:
        _code, out, _err = _run(capsys, "--db", demo_url, "--user", "manager", "due", "--on", on,
                                "--json")
        return sum(1 for item in json.loads(out) if item["status"] == "Overdue")

    assert overdue("2060-01-01") >= overdue("26/11/26")
    assert overdue("2060-01-01") > 0


@pytest.mark.parametrize("bad", ["31/02/2026", "tomorrow", "2026-13-01", "1/1/026"])
def test_a_bad_date_is_a_usage_error_in_plain_words(demo_url, capsys, bad):
    code, out, err = _run(capsys, "--db", demo_url, "--user", "admin", "due", "--on", bad)
    assert code == 2
    assert out == ""
    assert err == (f"plo-tracker: '{bad}' is not a date. Type it as day/month/year, "
                   "for example 03/03/2026.\n")


def test_a_date_outside_the_calendar_is_refused_with_the_reason(demo_url, capsys):
    code, out, err = _run(capsys, "--db", demo_url, "--user", "admin", "due", "--on",
                          "31/12/1999")
    assert (code, out) == (2, "")
    assert err == ("plo-tracker: The date 31 December 1999 is outside the years 2000 to 2060 "
                   "that PLO Tracker's calendar covers. Check the year.\n")


def test_missing_user_is_a_usage_error_that_lists_no_accounts(demo_url, capsys):
    code, out, err = _run(capsys, "--db", demo_url, "families")
    assert (code, out) == (2, "")
    assert err == "plo-tracker: Say who you are with --user NAME (or PLO_TRACKER_USER).\n"


def test_user_and_password_from_the_environment(demo_url, capsys, monkeypatch):
    monkeypatch.setenv("PLO_TRACKER_USER", "readonly")
    code, out, _err = _run(capsys, "--db", demo_url, "families", "--json",
                           password="northshire reading")
    assert code == 0 and len(json.loads(out)) == 20


def test_without_a_terminal_or_password_it_says_how_to_give_one(demo_url, capsys, monkeypatch):
    monkeypatch.delenv("PLO_TRACKER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = main(["--db", demo_url, "--user", "admin", "families"]), *capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == ("plo-tracker: A password is needed: run this in a terminal to be asked for "
                   "it, or set PLO_TRACKER_PASSWORD for a script.\n")


def test_at_a_terminal_the_password_is_asked_without_echo(demo_url, capsys, monkeypatch):
    monkeypatch.delenv("PLO_TRACKER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or
                        "northshire settings")
    code, out, _err = main(["--db", demo_url, "--user", "admin", "families", "--json"]), \
        *capsys.readouterr()
    assert code == 0 and len(json.loads(out)) == 20
    assert asked == ["Password for admin: "]


@pytest.mark.parametrize(("user", "password"), [("nobody", "northshire settings"),
                                                ("admin", "not the password")])
def test_an_unknown_user_or_wrong_password_gets_one_message_listing_no_one(
        demo_url, capsys, user, password):
    code, out, err = _run(capsys, "--db", demo_url, "--user", user, "families",
                          password=password)
    assert (code, out) == (2, "")
    assert err == ("plo-tracker: The user name or password is not right. Check both and "
                   "try again.\n")


def test_check_passes_on_a_good_database(demo_url, capsys):
    code, out, err = _run(capsys, "--db", demo_url, "check")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[1] for line in lines] == [
        "schema", "integrity", "links", "audit", "audit", "letters", "documents", "due",
        "families"]
    assert all(line.startswith("ok ") for line in lines)


def test_check_reports_a_problem_with_a_nonzero_exit(home, capsys):
    url = demo_database(home / "drifted.sqlite3", 5, seed=2)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM due_items")
    engine.dispose()
    code, out, _err = _run(capsys, "--db", url, "check")
    assert code == 1
    assert "PROBLEM  due list" in out


def _other_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT)")
    conn.execute("INSERT INTO users (login) VALUES ('ada')")
    conn.commit()
    conn.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("make", "says"), [
    (lambda p: p.write_bytes(b"just some notes\n" * 10), "is not a PLO Tracker database"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x01" * 500), "is damaged"),
    (_other_programs_database, "belongs to another program"),
], ids=["text", "damaged", "other-program"])
def test_check_refuses_a_file_that_is_not_ours_without_changing_it(tmp_path, home, capsys,
                                                                    make, says):
    path = tmp_path / "notes.sqlite3"
    make(path)
    before = _hash(path)
    code, out, err = _run(capsys, "--db", str(path), "check")
    assert code == 2 and out == ""
    assert err.startswith("plo-tracker: The ")
    assert says in err and "notes.sqlite3" in err and "Nothing was changed" in err
    assert _hash(path) == before
    # Using it for anything else is refused the same way.
    code, _out, err = _run(capsys, "--db", str(path), "--user", "admin", "families")
    assert code == 2 and says in err
    assert _hash(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


@pytest.mark.sqlite_only
def test_check_of_a_missing_database_says_it_is_made_on_first_start(tmp_path, home, capsys):
    code, _out, err = _run(capsys, "--db", str(tmp_path / "none.sqlite3"), "check")
    assert code == 2
    assert "There is no database at none.sqlite3 yet" in err
    assert not (tmp_path / "none.sqlite3").exists()


ALEX, SAM, KIM = "quiet harbour lantern", "purple kettle meadow", "mossy granite window"


def test_users_add_first_without_user_then_only_by_an_administrator(tmp_path, home, capsys,
                                                                   monkeypatch):
    db = database_url(tmp_path, "team")
    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", ALEX)
    code, out, err = _run(capsys, "--db", db, "users", "add", "--username", "robin",
                          "--name", "Robin Hale", "--role", "read_only")
    assert code == 2 and "The first account must be an administrator" in err
    code, out, _err = _run(capsys, "--db", db, "users", "add", "--username", "alex",
                           "--name", "Alex Byrne", "--role", "administrator")
    assert code == 0
    assert out == "Added Alex Byrne as 'alex' (Administrator).\n"

    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", SAM)
    code, _out, err = _run(capsys, "--db", db, "users", "add", "--username", "sam",
                           "--name", "Sam Okafor", "--role", "social_worker")
    assert (code, err) == (2, "plo-tracker: Say who you are with --user NAME "
                              "(or PLO_TRACKER_USER).\n")

    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", "add", "--username",
                           "sam", "--name", "Sam Okafor", "--role", "social_worker",
                           "--team", "North", password=ALEX)
    assert code == 0 and "They choose their own password when they first sign in." in out
    # Sam must choose a password before doing anything else.
    code, _out, err = _run(capsys, "--db", db, "--user", "sam", "families", password=SAM)
    assert code == 2 and "users password sam" in err
    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", KIM)
    code, out, _err = _run(capsys, "--db", db, "--user", "sam", "users", "password", "sam",
                           password=SAM)
    assert (code, out) == (0, "Changed the password of 'sam'.\n")
    code, _out, err = _run(capsys, "--db", db, "--user", "sam", "users", "add", "--username",
                           "kim", "--name", "Kim Lee", "--role", "read_only", password=KIM)
    assert code == 2 and "does not allow you to manage user accounts" in err

    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", password=ALEX)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["alex", "sam"]
    assert "Social worker, North" in out


def test_administrators_reset_disable_enable_and_unlock(tmp_path, home, capsys, monkeypatch):
    db = database_url(tmp_path, "desk")
    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", ALEX)
    assert _run(capsys, "--db", db, "users", "add", "--username", "alex", "--name",
                "Alex Byrne", "--role", "administrator")[0] == 0
    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", SAM)
    assert _run(capsys, "--db", db, "--user", "alex", "users", "add", "--username", "sam",
                "--name", "Sam Okafor", "--role", "social_worker", password=ALEX)[0] == 0
    for _attempt in range(5):
        _run(capsys, "--db", db, "--user", "sam", "families", password="wrong guess words")
    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", password=ALEX)
    # The real clock: a time and a date, the day and month named as everywhere else.
    assert re.search(r"Sam Okafor +Social worker \(locked until \d\d:\d\d on "
                     r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}\)\n", out)
    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", "unlock", "sam",
                           password=ALEX)
    assert (code, out) == (0, "Unlocked the account 'sam'.\n")
    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", "disable", "sam",
                           password=ALEX)
    assert (code, out) == (0, "Disabled the account 'sam'.\n")
    code, _out, err = _run(capsys, "--db", db, "--user", "sam", "families", password=SAM)
    assert "This account is disabled" in err
    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", "enable", "sam",
                           password=ALEX)
    assert (code, out) == (0, "Enabled the account 'sam'.\n")
    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", KIM)
    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", "password", "sam",
                           password=ALEX)
    assert out == ("Gave 'sam' a new password; they must choose their own at their next "
                   "sign-in.\n")
    code, _out, err = _run(capsys, "--db", db, "--user", "alex", "users", "disable", "alex",
                           password=ALEX)
    assert code == 2 and "last active administrator" in err
    code, out, _err = _run(capsys, "--db", db, "--user", "alex", "users", "role", "sam",
                           "team_manager", password=ALEX)
    assert (code, out) == (0, "'sam' is now a team manager.\n")
    code, _out, err = _run(capsys, "--db", db, "--user", "alex", "users", "role", "alex",
                           "read_only", password=ALEX)
    assert code == 2 and "last active administrator" in err


@pytest.mark.sqlite_only
def test_demo_uses_its_own_database_and_never_touches_the_users(home, capsys, monkeypatch):
    data = home / "data"
    own = data / "plo-tracker.sqlite3"
    demo = data / "demo" / "plo-tracker-demo.sqlite3"
    assert not own.exists() and not demo.exists()

    code, out, _err = _run(capsys, "--demo", "--user", "admin", "families", "--json")
    assert code == 0
    assert len(json.loads(out)) == 175  # filled on first use
    assert demo.exists()
    assert not own.exists()

    # The user's own database, made without --db or --demo, lives beside it.
    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", ALEX)
    assert _run(capsys, "users", "add", "--username", "alex", "--name", "Alex Byrne",
                "--role", "administrator")[0] == 0
    assert own.exists()
    own_before = _hash(own)
    own_files = sorted(p.name for p in data.iterdir())

    code, out, _err = _run(capsys, "--demo", "--user", "admin", "due", "--json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, out, _err = _run(capsys, "--demo", "--user", "alex", "families")
    assert code == 2  # the own database's account does not exist in the demo one
    assert _hash(own) == own_before
    assert sorted(p.name for p in data.iterdir()) == own_files


def test_version_in_a_real_process(tmp_path, plo_home):
    result = subprocess.run([sys.executable, "-m", "plo_tracker", "--version"],
                            env=dict(os.environ), capture_output=True, text=True, timeout=60,
                            cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"PLO Tracker {__version__}"
    assert not plo_home.exists()  # asking the version creates no data folder


def test_a_locked_database_is_explained_without_a_traceback(demo_url, capsys, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from plo_tracker.services.caseload import CaseloadService

    def locked(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("database is locked"))

    monkeypatch.setattr(CaseloadService, "families", locked)
    code, out, err = _run(capsys, "--db", demo_url, "--user", "admin", "families")
    assert code == 2 and out == ""
    assert err == ("plo-tracker: The database is busy with another change. Nothing was changed: "
                   "try again in a moment.\n")


def test_an_unexpected_fault_is_one_sentence_and_a_safe_report_in_the_log(
        demo_url, home, capsys, monkeypatch):
    from plo_tracker.services.caseload import CaseloadService

    def broken(*_args, **_kwargs):
        raise KeyError("Kylie Smith")  # a message that could name someone

    monkeypatch.setattr(CaseloadService, "families", broken)
    code, out, err = _run(capsys, "--db", demo_url, "--user", "admin", "families")
    assert code == 1 and out == ""
    assert "Traceback" not in err and "Kylie" not in err
    first, second = err.splitlines()
    assert first.startswith("plo-tracker: Something went wrong on our side; nothing was changed.")
    assert "IT service desk" in second
    log = (home / "data").rglob("*.log")
    text = "".join(path.read_text() for path in log)
    assert "KeyError" in text and "Kylie" not in text
