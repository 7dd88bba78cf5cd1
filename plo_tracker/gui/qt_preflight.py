"""Before Qt opens the window on Linux: is there a display, and are the system libraries that
Qt's X11 plugin (libqxcb.so) needs installed?

Without this check Qt says only "could not load the Qt platform plugin xcb" and aborts. Here
the person is told which library is missing and the Debian/Ubuntu command that installs it,
and the process ends with exit code 2 instead of Qt's abort.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

_log = logging.getLogger(__name__)

EXIT_CODE = 2  # as for a database that cannot be opened: the app said why it could not start

NO_DISPLAY = ("PLO Tracker needs a desktop session to open its window; no display was found. "
              "The commands work without one: plo-tracker --help.")

# Each library libqxcb.so and the Qt libraries under it need (readelf -d), with the Debian
# and Ubuntu package that has it. README.md's list of system libraries is the same.
PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}

# ldd's line for a library the loader cannot find: "\tlibxcb-cursor.so.0 => not found".
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)
# The loader's error, as ctypes passes it on: "libxcb-cursor.so.0: cannot open shared object
# file: No such file or directory".
_CANNOT_OPEN = re.compile(r"(\S+?\.so[.\d]*): cannot open shared object file")


def check_qt_can_start(environ: Mapping[str, str] | None = None) -> None:
    """Say why the window cannot open and end the process (exit 2) when it surely cannot;
    return at once for any platform other than X11 (offscreen, Wayland, Windows, macOS)."""
    problem = qt_start_problem(os.environ if environ is None else environ)
    if problem is not None:
        _stop(problem)


def stop_if_a_library_is_missing(error: ImportError) -> None:
    """Qt's own libraries could not load (libQt6Gui needs libEGL.so.1, say): name what is
    missing, as for the X11 plugin, and end the process (exit 2). Any other import error
    returns, for the caller to raise."""
    named = _CANNOT_OPEN.search(str(error))
    if named is None:
        return
    # The import names the first library missing; ldd of the X11 plugin, found without
    # asking Qt, names those under Qt's libraries too.
    plugin = xcb_plugin(os.environ, ask_qt=False)
    under_plugin = missing_libraries(plugin) if plugin is not None else []
    _stop(missing_sentence(list(dict.fromkeys([*under_plugin, named.group(1)]))))


def _stop(problem: str) -> None:
    # Library names only: nothing about the person or their cases.
    _log.error("The window could not open: %s", problem)
    print(problem, file=sys.stderr, flush=True)
    raise SystemExit(EXIT_CODE)


def qt_start_problem(environ: Mapping[str, str]) -> str | None:
    """The sentence saying why Qt cannot open its window here, or None when it can (or when
    the platform is not X11, which this does not check)."""
    if not _uses_xcb(environ):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return NO_DISPLAY
    if not environ.get("DISPLAY"):
        return None  # Wayland only: Qt may use its Wayland plugin instead
    plugin = xcb_plugin(environ)
    if plugin is None:
        return None  # not where PySide6 keeps it: leave it to Qt
    missing = missing_libraries(plugin)
    return missing_sentence(missing) if missing else None


def _uses_xcb(environ: Mapping[str, str]) -> bool:
    """True on Linux when Qt will choose X11: QT_QPA_PLATFORM unset or naming xcb first
    ("xcb", "xcb:option", "xcb;wayland"), and not a Wayland session left to choose."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return re.split(r"[;:]", chosen, maxsplit=1)[0].strip() == "xcb"
    # Left to choose, Qt prefers Wayland in a Wayland session.
    return not (environ.get("WAYLAND_DISPLAY")
                and environ.get("XDG_SESSION_TYPE", "").lower() == "wayland")


def plugin_folders(environ: Mapping[str, str], ask_qt: bool = True) -> list[Path]:
    """Where Qt looks for its plugins: QT_PLUGIN_PATH, the PyInstaller bundle's copy of
    PySide6 (sys._MEIPASS), then PySide6's own, as Qt says (``ask_qt``) or as the PySide6
    wheel lays it out (when Qt's libraries cannot load)."""
    folders = [Path(p) for p in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "PySide6" / "Qt" / "plugins")
    if ask_qt:
        from PySide6.QtCore import QLibraryInfo  # QtCore only: it needs no display library

        folders.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    else:
        from importlib.util import find_spec

        spec = find_spec("PySide6")
        folders += [Path(p) / "Qt" / "plugins"
                    for p in (spec.submodule_search_locations or []) if spec]
    return folders


def xcb_plugin(environ: Mapping[str, str], ask_qt: bool = True) -> Path | None:
    """Qt's X11 platform plugin, libqxcb.so, or None if it is in none of the folders."""
    for folder in plugin_folders(environ, ask_qt):
        plugin = folder / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that the system's loader cannot find.

    Loading it with ctypes comes first: a few milliseconds, and the libraries it loads are
    those Qt loads a moment later anyway. Only when that fails, ldd (a tenth of a second)
    lists every library missing, those under the ones it needs too; where ldd is not
    installed or says nothing, the loader's own error names the first one.
    """
    first = _first_missing_by_loading(library)
    if not first:
        return []
    return _missing_by_ldd(library) or first


def _first_missing_by_loading(library: Path) -> list[str]:
    import ctypes

    try:
        ctypes.CDLL(str(library))
    except OSError as error:
        named = _CANNOT_OPEN.search(str(error))
        # Another failure (a damaged file) is left for Qt to report.
        return [named.group(1)] if named else []
    return []


def _missing_by_ldd(library: Path) -> list[str]:
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        done = subprocess.run([ldd, str(library)], capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_ldd(done.stdout)


def parse_ldd(output: str) -> list[str]:
    """The libraries ldd's output says are "not found", each once, in ldd's order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(output)))


def missing_sentence(missing: list[str]) -> str:
    """What to tell the person: the libraries missing, and the command that installs them."""
    if len(missing) == 1:
        what = f"the system library {missing[0]} is missing"
    else:
        what = f"the system libraries {_and(missing)} are missing"
    sentence = f"PLO Tracker cannot open its window because {what}."
    unknown = [name for name in missing if name not in PACKAGES]
    if unknown:
        sentence += f" Ask your IT team for the package that holds {_and(unknown)}."
    packages = list(dict.fromkeys(PACKAGES[name] for name in missing if name in PACKAGES))
    if packages:
        one = "it" if len(missing) == 1 else "them"
        sentence += f" Install {one} with: sudo apt-get install {' '.join(packages)}"
    return sentence


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
