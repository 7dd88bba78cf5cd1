"""The Linux menu entry and AppStream data pass the freedesktop tools and match the app."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import plo_tracker

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "uk.gov.plotracker.PLOTracker"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _entries() -> dict[str, str]:
    return dict(line.split("=", 1) for line in DESKTOP.read_text().splitlines() if "=" in line)


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_metainfo_names_this_version_and_the_desktop_file() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("releases/release").get("version") == plo_tracker.__version__
    assert component.findtext("launchable") == DESKTOP.name


def test_the_desktop_entry_starts_the_command_with_the_apps_icon() -> None:
    entries = _entries()
    assert entries["Exec"] == "plo-tracker"
    assert entries["Icon"] == APP_ID
    assert entries["Categories"] == "Office;"


def test_qt_gives_the_window_the_desktop_files_name() -> None:
    # Desktops match a window to its menu entry by this name (Wayland's app id).
    source = (ROOT / "plo_tracker" / "gui" / "application.py").read_text()
    assert re.search(r'setDesktopFileName\("' + re.escape(APP_ID) + r'"\)', source)
    # On X11, by the window's class, which Qt takes from the application's name.
    assert 'setApplicationName("' + _entries()["StartupWMClass"] + '")' in source
