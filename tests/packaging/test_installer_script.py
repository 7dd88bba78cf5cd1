"""The Windows installer script compiles with the real makensis (NSIS also runs on Linux)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "plo-tracker.nsi"


def _fake_dist(folder: Path) -> Path:
    """A folder shaped like PyInstaller's on Windows: both programs and _internal."""
    dist = folder / "plo-tracker"
    (dist / "_internal" / "PySide6").mkdir(parents=True)
    (dist / "plo-tracker.exe").write_bytes(b"MZ console")
    (dist / "PLO Tracker.exe").write_bytes(b"MZ windowed")
    (dist / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"MZ qt")
    return dist


def _makensis(*defines: str) -> subprocess.CompletedProcess:
    # -V4 lists each file packed.
    return subprocess.run(["makensis", "-V4", *defines, str(SCRIPT)], capture_output=True,
                          text=True, check=False)


def test_the_installer_script_compiles_into_the_named_installer(tmp_path: Path) -> None:
    dist = _fake_dist(tmp_path)
    out = tmp_path / "PLO-Tracker-9.8.7-setup.exe"
    done = _makensis("-DVERSION=9.8.7", f"-DDIST={dist}", f"-DOUTFILE={out}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"
    for packed in ('File: "plo-tracker.exe"', 'File: "PLO Tracker.exe"', 'File: "Qt6Core.dll"'):
        assert packed in done.stdout


def test_the_installer_script_refuses_to_build_without_a_version(tmp_path: Path) -> None:
    done = _makensis(f"-DDIST={_fake_dist(tmp_path)}", f"-DOUTFILE={tmp_path / 'x.exe'}")
    assert done.returncode != 0
    assert "Give the version" in done.stdout + done.stderr


def test_the_installer_writes_every_entry_apps_and_features_shows() -> None:
    script = SCRIPT.read_text()
    for value in ("DisplayName", "DisplayVersion", "Publisher", "DisplayIcon",
                  "UninstallString", "QuietUninstallString", "EstimatedSize", "NoModify",
                  "NoRepair"):
        assert f'"{value}"' in script, value
    assert "RequestExecutionLevel admin" in script
    assert "$PROGRAMFILES64" in script
    # The uninstaller deletes named program files, and the folder only when empty.
    uninstall = script.split('Section "Uninstall"')[1]
    assert 'RMDir "$INSTDIR"' in uninstall and 'RMDir /r "$INSTDIR"' not in uninstall
