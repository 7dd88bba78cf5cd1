"""`plo-tracker --self-test`: every check passes as a real process, on a temporary data
folder that leaves the user's own alone; a failing check is named and makes the exit 1."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

from plo_tracker.self_test import Check, CheckFailed, NotInstalled, run_self_test
from plo_tracker.self_test.checks import CHECKS
from plo_tracker.session import open_database
from plo_tracker.storage.engine import sqlite_url
from tests.test_startup_imports import DATABASE, DOCUMENTS, LATER, QT, loaded_after

SCRIPT = Path(sys.executable).with_name("plo-tracker.exe" if os.name == "nt" else "plo-tracker")


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under ``folder``: size, modification time and SHA-256."""
    return {path.relative_to(folder).as_posix(): (
        path.stat().st_size, path.stat().st_mtime_ns,
        hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted(folder.rglob("*")) if path.is_file()}


def test_every_check_passes_as_a_real_process_and_the_users_data_is_untouched(tmp_path):
    home, temp = tmp_path / "user data", tmp_path / "temp"
    temp.mkdir()
    own = open_database(sqlite_url(home / "plo-tracker.sqlite3"), home / "backups")
    own.context.database.dispose()
    (home / "logs").mkdir()
    (home / "logs" / "plo-tracker.log").write_text("an earlier run\n", encoding="utf-8")
    before = snapshot(home)
    env = {k: v for k, v in os.environ.items()
           if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "PLO_TRACKER_DB"}}
    # No display and no platform chosen: the self-test must choose offscreen by itself.
    env.update(PLO_TRACKER_HOME=str(home), TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    done = subprocess.run([str(SCRIPT), "--self-test"], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    for check in CHECKS:
        assert any(line.startswith((f"ok      {check.name}: ", f"note    {check.name}: "))
                   for line in lines), f"{check.name} is not listed:\n{done.stdout}"
    assert lines[-1] == f"Self-test passed: {len(CHECKS)} checks."
    # The header names what it runs on, as About does, every library found.
    versions = lines[1]
    for part in ("Versions: PLO Tracker ", ", Qt 6.", ", PySide6 6.", ", SQLite 3.",
                 ", SQLAlchemy 2.", " (qpdf ", " (PDFium ", " (libpq "):
        assert part in versions, versions
    assert "not available" not in versions
    assert "Traceback" not in done.stdout + done.stderr
    assert snapshot(home) == before  # not opened, not backed up, nothing logged
    assert list(temp.iterdir()) == []  # the temporary folder went with the run


def _fails(_workspace) -> str:
    raise CheckFailed("The letter could not be drawn.")


def _breaks(_workspace) -> str:
    raise ValueError("Ava Marsh, 14 Larch Close")  # a message that must reach no log


def _optional(_workspace) -> str:
    raise NotInstalled("not installed (optional: reads scanned pages)")


def _named(name: str) -> Check:
    return next(check for check in CHECKS if check.name == name)


def test_a_failing_check_is_named_its_dependants_not_run_and_the_exit_is_1(tmp_path,
                                                                             monkeypatch):
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "data"))
    out = io.StringIO()
    checks = [_named("database"), Check("letter", _fails), _named("letter batch"),
              _named("bank holidays"), Check("Tesseract", _optional)]
    assert run_self_test(checks, out) == 1
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("Versions: PLO Tracker ")
    assert lines[2].startswith("ok      database: made and migrated to the current version")
    assert lines[3:] == [
        "FAILED  letter: The letter could not be drawn.",
        "FAILED  letter batch: not run: needs letter",
        "ok      bank holidays: 25 Dec 2026 and Easter Monday 29 Mar 2027 are bank holidays; "
        "one working day after 24 Dec 2026 is 29 Dec 2026",
        "note    Tesseract: not installed (optional: reads scanned pages)",
        "Self-test FAILED: 2 of 5 checks failed: letter, letter batch.",
    ]
    assert not (tmp_path / "data").exists()  # an expected failure writes no log


def test_an_unforeseen_error_is_a_line_and_a_safe_report_in_the_log(tmp_path, monkeypatch):
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "data"))
    out = io.StringIO()
    assert run_self_test([Check("census", _breaks)], out) == 1
    text = out.getvalue()
    assert "FAILED  census: it stopped with an error nobody foresaw (ValueError)" in text
    assert "Traceback" not in text and "Ava Marsh" not in text
    log = (tmp_path / "data" / "logs" / "plo-tracker.log").read_text(encoding="utf-8")
    assert "Self-test check 'census' failed" in log and "Error type: ValueError" in log
    assert "Ava Marsh" not in log and "Larch" not in log
    assert text.splitlines()[-1] == "Self-test FAILED: 1 of 1 checks failed: census."


def test_the_self_test_sets_its_own_data_folder_and_puts_everything_back(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "data"))
    seen = {}

    def look(workspace) -> str:
        seen["home"] = os.environ["PLO_TRACKER_HOME"]
        seen["folder"] = workspace.folder
        return "looked"

    assert run_self_test([Check("where", look)], io.StringIO()) == 0
    assert Path(seen["home"]) == seen["folder"] != tmp_path / "data"
    assert not seen["folder"].exists()
    assert os.environ["PLO_TRACKER_HOME"] == str(tmp_path / "data")


def test_help_lists_the_self_test_and_still_loads_nothing_heavy():
    loaded = loaded_after("""
import contextlib, io
from plo_tracker import cli
shown = io.StringIO()
with contextlib.redirect_stdout(shown), contextlib.suppress(SystemExit):
    cli.main(["--help"])
assert "--self-test" in shown.getvalue()
""")
    assert loaded & (QT | DATABASE | DOCUMENTS | LATER) == set()
    assert "plo_tracker" in loaded
