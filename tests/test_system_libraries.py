"""README's system libraries for Debian and Ubuntu, checked against what the loader finds
under PySide6's X11 plugin and the Qt libraries the window loads on this machine.

What the window loads was read from /proc/PID/maps of the real window under Xvfb with the
xcb platform (the self-test and the sign-in list): libqxcb.so, libqsvg.so, the compose input
context, and Qt's Pdf, PdfWidgets, Charts, Svg and Widgets libraries.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from plo_tracker.gui.qt_preflight import PACKAGES, parse_ldd

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("ldd", "dpkg", "apt-cache")),
    reason="the package lists are Debian and Ubuntu's: no dpkg, apt-cache or ldd here")

QT = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)).parent
LOADED = ["plugins/platforms/libqxcb.so", "plugins/imageformats/libqsvg.so",
          "plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
          "lib/libQt6Pdf.so.6", "lib/libQt6PdfWidgets.so.6", "lib/libQt6Charts.so.6",
          "lib/libQt6Svg.so.6", "lib/libQt6Widgets.so.6"]
_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+(/\S+)", re.MULTILINE)


def readme_lists() -> tuple[list[str], list[str]]:
    """The README's two apt-get lines: the real window's, then the offscreen one's."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line.split()[2:] for line in re.findall(r"`(apt-get install lib[^`]*)`", text)]
    window = [names for names in lines if "libxcb-cursor0" in names]
    offscreen = [names for names in lines if "libxcb-cursor0" not in names
                 and "libegl1" in names]
    assert len(window) == 1 and len(offscreen) == 1, lines
    return window[0], offscreen[0]


@cache
def libraries_needed() -> tuple[dict[str, Path], list[str]]:
    """The system libraries under what the window loads: those found, by soname, and those
    the loader cannot find here."""
    done = subprocess.run(["ldd", *(str(QT / name) for name in LOADED)], capture_output=True,
                          text=True, check=True)
    found = {soname: Path(path) for soname, path in _FOUND.findall(done.stdout)
             if QT.parent.as_posix() not in Path(path).resolve().as_posix()}
    return found, parse_ldd(done.stdout)


def _candidates(path: Path) -> list[str]:
    """The names dpkg may know a library by: the link and its file, under /lib and /usr/lib
    (usr-merged systems list either)."""
    tries = {str(path), str(path.resolve())}
    tries |= {t.replace("/usr/lib/", "/lib/", 1) for t in tries}
    tries |= {t.replace("/lib/", "/usr/lib/", 1) for t in tries if t.startswith("/lib/")}
    return sorted(tries)


def package_of(paths: dict[str, Path]) -> dict[str, str]:
    """Each soname's Debian package, asked of dpkg in one call."""
    asked = sorted({name for path in paths.values() for name in _candidates(path)})
    done = subprocess.run(["dpkg", "-S", *asked], capture_output=True, text=True, check=False)
    owner_of = {}
    for line in done.stdout.splitlines():
        package, _, path = line.partition(": ")
        owner_of[path.strip()] = package.split(":")[0].split(",")[0].strip()
    owners = {}
    for soname, path in paths.items():
        known = [owner_of[name] for name in _candidates(path) if name in owner_of]
        assert known, f"no package holds {path}"
        owners[soname] = known[0]
    return owners


def with_dependencies(packages: list[str]) -> set[str]:
    done = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends",
                           "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces",
                           "--no-enhances", *packages], capture_output=True, text=True,
                          check=True)
    return {line.split(":")[0] for line in done.stdout.splitlines()
            if line and not line.startswith(" ")}


def test_the_real_window_needs_no_package_the_readme_leaves_out():
    window, _offscreen = readme_lists()
    found, missing = libraries_needed()
    owners = package_of(found)
    installed_by_readme = with_dependencies(window)
    left_out = {soname: package for soname, package in owners.items()
                if package not in installed_by_readme}
    assert left_out == {}
    # A library not installed here is one the README's list installs, by its known package.
    assert [name for name in missing if PACKAGES.get(name) not in installed_by_readme] == []


def test_each_package_listed_holds_a_library_the_window_loads():
    window, offscreen = readme_lists()
    found, missing = libraries_needed()
    holding = set(package_of(found).values()) | {PACKAGES[name] for name in missing}
    assert [package for package in window if package not in holding] == []
    assert set(offscreen) <= set(window)


def test_the_preflights_packages_are_those_that_hold_the_libraries_here():
    found, _missing = libraries_needed()
    owners = package_of({soname: path for soname, path in found.items()
                         if soname in PACKAGES})
    assert {soname: PACKAGES[soname] for soname in owners} == owners


def test_the_installation_guide_lists_the_same_packages_as_the_readme():
    guide = (ROOT / "docs" / "user-guide" / "installing.md").read_text(encoding="utf-8")
    lines = [line.split()[3:] for line in re.findall(r"sudo apt-get install lib.*", guide)]
    window = [names for names in lines if "libxcb-cursor0" in names]
    assert window == [readme_lists()[0]]
