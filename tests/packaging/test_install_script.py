"""install.sh (in the Linux archive) puts the app, command, menu entry and icons in place,
and --uninstall takes them away again, here under a staging --root."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "uk.gov.plotracker.PLOTracker"


def _unpacked_archive(folder: Path) -> Path:
    """A folder laid out as packaging/build.py lays out the archive, with a stand-in app."""
    unpacked = folder / "plo-tracker-9.8.7-linux-x86_64"
    app = unpacked / "plo-tracker"
    (app / "_internal").mkdir(parents=True)
    (app / "plo-tracker").write_text("#!/bin/sh\necho 'PLO Tracker 9.8.7'\n")
    (app / "plo-tracker").chmod(0o755)
    share = unpacked / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    (share / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / f"{APP_ID}.desktop", share / "applications")
    shutil.copy(ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo")
    (share / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").write_bytes(b"png")
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", unpacked)
    return unpacked


def _install(unpacked: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(unpacked / "install.sh"), *args], capture_output=True,
                          text=True, check=False)


def test_install_then_uninstall_for_everyone(tmp_path: Path) -> None:
    unpacked, root = _unpacked_archive(tmp_path), tmp_path / "root"
    done = _install(unpacked, "--root", str(root))
    assert done.returncode == 0, done.stderr
    command = root / "usr" / "local" / "bin" / "plo-tracker"
    assert command.is_symlink() and str(command.readlink()) == "/opt/plo-tracker/plo-tracker"
    assert (root / "opt" / "plo-tracker" / "plo-tracker").exists()
    desktop = root / "usr" / "local" / "share" / "applications" / f"{APP_ID}.desktop"
    assert "Exec=/opt/plo-tracker/plo-tracker\n" in desktop.read_text()
    assert (root / "usr/local/share/icons/hicolor/48x48/apps" / f"{APP_ID}.png").exists()
    assert (root / "usr/local/share/metainfo" / f"{APP_ID}.metainfo.xml").exists()

    done = _install(unpacked, "--root", str(root), "--uninstall")
    assert done.returncode == 0, done.stderr
    assert [path for path in root.rglob("*") if not path.is_dir()] == []


def test_an_unknown_option_is_refused_in_words(tmp_path: Path) -> None:
    done = _install(_unpacked_archive(tmp_path), "--everywhere")
    assert done.returncode == 2
    assert "unknown option --everywhere" in done.stderr
