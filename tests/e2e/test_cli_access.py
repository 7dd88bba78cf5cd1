"""plo-tracker access: restrict a family, name and remove people, lift the restriction."""

from __future__ import annotations

import pytest

from tests.support.demo_cli import demo_database, run_cli


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A demo database of 5 families; its first family (PLO-2026-0001) is held by worker02
    and manager.east."""
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PLO_TRACKER_DB", raising=False)
    monkeypatch.delenv("PLO_TRACKER_USER", raising=False)
    return demo_database(tmp_path / "access.sqlite3", 5, seed=3)


def run(capsys, db: str, user: str, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--db", db, "--user", user, *argv)


def families_seen(capsys, db: str, user: str) -> set[str]:
    _code, out, _err = run(capsys, db, user, "families")
    return {line.split()[0] for line in out.splitlines() if line.startswith("PLO-")}


FAMILY = "PLO-2026-0001"


def test_restrict_grant_revoke_and_lift(db, capsys):
    assert run(capsys, db, "manager", "access", "show", "--family", FAMILY)[1] == (
        f"Family {FAMILY} is not restricted: everyone who may see families sees it.\n")
    code, out, err = run(capsys, db, "manager", "access", "restrict", "--family", FAMILY)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Family {FAMILY}. Restricted: seen only by 3 named people:"
    assert [line.split()[0] for line in lines[1:]] == ["worker02", "manager.east", "manager"]
    assert lines[1].endswith("allocated social worker") and lines[2].endswith("team manager")
    assert "named by manager on " in lines[3]
    assert FAMILY not in families_seen(capsys, db, "panel")
    assert FAMILY in families_seen(capsys, db, "manager")

    code, out, _err = run(capsys, db, "manager", "access", "grant", "--family", FAMILY,
                          "--person", "panel")
    assert code == 0 and "seen only by 4 named people" in out
    assert FAMILY in families_seen(capsys, db, "panel")
    code, out, _err = run(capsys, db, "manager", "access", "revoke", "--family", FAMILY,
                          "--person", "panel")
    assert code == 0 and "seen only by 3 named people" in out
    assert FAMILY not in families_seen(capsys, db, "panel")

    code, out, _err = run(capsys, db, "manager", "access", "unrestrict", "--family", FAMILY)
    assert (code, out) == (0, f"Family {FAMILY} is not restricted: everyone who may see "
                              "families sees it.\n")
    assert FAMILY in families_seen(capsys, db, "panel")


def test_an_administrator_not_named_finds_the_list_but_not_the_family(db, capsys):
    run(capsys, db, "manager", "access", "restrict", "--family", FAMILY)
    assert FAMILY not in families_seen(capsys, db, "admin")
    code, out, _err = run(capsys, db, "admin", "access", "show", "--family", FAMILY)
    assert code == 0 and out.startswith(f"Family {FAMILY}. Restricted:")
    # Anyone else gets the answer of a family that does not exist.
    for family in (FAMILY, "PLO-1999-0001"):
        code, _out, err = run(capsys, db, "readonly", "letters", "generate", "--family", family,
                              "--type", "lbp", "--out", "letters")
        assert (code, err) == (2, f"plo-tracker: No family has the id {family}. Use "
                                  "'plo-tracker families' to list them.\n")


@pytest.mark.parametrize(("user", "argv", "says"), [
    ("readonly", ("show",), "Your role (read only) does not allow you to decide who may see "
                            "a restricted family. Ask a team manager or administrator."),
    ("manager", ("grant", "--person", "nobody"), "No active account is called 'nobody'. "
                                                 "'plo-tracker users' lists them."),
    ("manager", ("grant", "--person", "worker02"),
     f"Paige Coleman already sees family {FAMILY} (allocated social worker)."),
    ("manager", ("revoke", "--person", "panel"), f"'panel' is not named for family {FAMILY}."),
    ("manager", ("revoke", "--person", "manager"),
     "You would no longer see this family after this change. Keep yourself named, or ask an "
     "administrator to make it."),
])
def test_refusals_are_sentences(db, capsys, user, argv, says):
    run(capsys, db, "manager", "access", "restrict", "--family", FAMILY)
    action, *rest = argv
    code, out, err = run(capsys, db, user, "access", action, "--family", FAMILY, *rest)
    assert (code, out, err) == (2, "", f"plo-tracker: {says}\n")
