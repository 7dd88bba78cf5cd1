"""When Qt cannot open its window on Linux: no display, or a system library missing under
Qt's X11 plugin. The person reads which library and the command that installs it, and the
exit code is 2, never Qt's abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plo_tracker.gui import qt_preflight
from plo_tracker.gui.qt_preflight import (
    NO_DISPLAY,
    PACKAGES,
    check_qt_can_start,
    missing_libraries,
    missing_sentence,
    parse_ldd,
    qt_start_problem,
    stop_if_a_library_is_missing,
    xcb_plugin,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ldd"
SCRIPT = Path(sys.executable).with_name("plo-tracker")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="Qt's X11 plugin is Linux's")
# Building a library whose dependency is gone needs a C compiler (.ci/run installs gcc).
needs_gcc = pytest.mark.skipif(shutil.which("gcc") is None,
                               reason="gcc is not installed: no library can be built to test")


def test_real_ldd_output_names_each_missing_library_once():
    # ldd of PySide6's libqxcb.so with three libraries hidden (saved from a real run).
    output = (FIXTURES / "libqxcb-three-missing.txt").read_text(encoding="utf-8")
    assert parse_ldd(output) == ["libxkbcommon-x11.so.0", "libxcb-cursor.so.0",
                                 "libxcb-icccm.so.4"]
    assert missing_sentence(parse_ldd(output)) == (
        "PLO Tracker cannot open its window because the system libraries "
        "libxkbcommon-x11.so.0, libxcb-cursor.so.0 and libxcb-icccm.so.4 are missing. "
        "Install them with: sudo apt-get install libxkbcommon-x11-0 libxcb-cursor0 "
        "libxcb-icccm4")


def test_nothing_missing_in_ldd_output_is_nothing():
    assert parse_ldd("\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)\n") == []


def test_one_missing_library_is_one_sentence_with_its_package():
    assert missing_sentence(["libxcb-cursor.so.0"]) == (
        "PLO Tracker cannot open its window because the system library libxcb-cursor.so.0 "
        "is missing. Install it with: sudo apt-get install libxcb-cursor0")


def test_a_library_of_no_known_package_is_named_for_the_it_team():
    assert missing_sentence(["libxcb-cursor.so.0", "libodd.so.3"]) == (
        "PLO Tracker cannot open its window because the system libraries libxcb-cursor.so.0 "
        "and libodd.so.3 are missing. Ask your IT team for the package that holds "
        "libodd.so.3. Install them with: sudo apt-get install libxcb-cursor0")


@linux_only
@pytest.mark.parametrize("environ", [
    {"QT_QPA_PLATFORM": "offscreen"},  # the tests and the self-test
    {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
    {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},  # Qt picks Wayland
    {"WAYLAND_DISPLAY": "wayland-0"},  # no X11 display to check against
])
def test_other_platforms_are_left_to_qt(environ):
    assert qt_start_problem(environ) is None


@linux_only
@pytest.mark.parametrize("environ", [{}, {"QT_QPA_PLATFORM": "xcb"},
                                     {"QT_QPA_PLATFORM": "xcb;wayland"}])
def test_no_display_at_all_says_so(environ):
    assert qt_start_problem(environ) == NO_DISPLAY


def test_windows_and_macos_are_never_checked(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert qt_start_problem({}) is None


@linux_only
def test_pyside6s_own_plugin_is_found_and_what_it_misses_is_named():
    plugin = xcb_plugin({})
    assert plugin is not None and plugin.name == "libqxcb.so" and plugin.is_file()
    assert xcb_plugin({}, ask_qt=False) == plugin  # found the same way when Qt cannot load
    # Nothing is missing where README's packages are installed; the tests need only the
    # offscreen ones (.ci/run), and whatever a machine lacks has its package named.
    missing = missing_libraries(plugin)
    assert [name for name in missing if name not in PACKAGES] == []
    expected = missing_sentence(missing) if missing else None
    assert qt_start_problem({"DISPLAY": ":99"}) == expected


def test_the_packaged_apps_copy_of_the_plugin_is_found(monkeypatch, tmp_path):
    # PyInstaller puts PySide6 under sys._MEIPASS (the _internal folder of dist/plo-tracker).
    plugin = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert xcb_plugin({}) == plugin


def _library_needing_what_is_gone(folder: Path, gone: list[str]) -> Path:
    """A shared library linked against stubs ``gone`` (e.g. "plomissing1"), which are then
    deleted: what the loader sees when a system package is not installed."""
    stubs = folder / "stubs"
    stubs.mkdir()
    for name in gone:
        (stubs / f"{name}.c").write_text(f"int {name}_answer(void) {{ return 42; }}\n")
        subprocess.run(["gcc", "-shared", "-fPIC", f"-Wl,-soname,lib{name}.so.1", "-o",
                        str(stubs / f"lib{name}.so"), str(stubs / f"{name}.c")], check=True)
    source = folder / "plugin.c"
    source.write_text("".join(f"int {name}_answer(void);\n" for name in gone)
                      + "int plugin_answer(void) { return "
                      + " + ".join(f"{name}_answer()" for name in gone) + "; }\n")
    library = folder / "plugins" / "platforms" / "libqxcb.so"
    library.parent.mkdir(parents=True)
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(library), str(source), f"-L{stubs}",
                    *(f"-l{name}" for name in gone)], check=True)
    shutil.rmtree(stubs)
    return library


@linux_only
@needs_gcc
def test_a_library_whose_dependencies_are_gone_names_them(tmp_path, monkeypatch):
    library = _library_needing_what_is_gone(tmp_path, ["plomissing1", "plomissing2"])
    assert missing_libraries(library) == ["libplomissing1.so.1", "libplomissing2.so.1"]
    # Without ldd the loader's own error names the first.
    monkeypatch.setattr(qt_preflight.shutil, "which", lambda _name: None)
    assert missing_libraries(library) == ["libplomissing1.so.1"]


def _stopped(capsys, call) -> str:
    """What ``call`` printed to stderr before ending the process with exit code 2."""
    with pytest.raises(SystemExit) as ended:
        call()
    assert ended.value.code == 2
    return capsys.readouterr().err


@linux_only
@needs_gcc
def test_the_check_ends_the_process_with_the_sentence(tmp_path, capsys):
    library = _library_needing_what_is_gone(tmp_path, ["plomissing"])
    environ = {"DISPLAY": ":99", "QT_PLUGIN_PATH": str(library.parents[1])}
    assert _stopped(capsys, lambda: check_qt_can_start(environ)) == (
        "PLO Tracker cannot open its window because the system library libplomissing.so.1 "
        "is missing. Ask your IT team for the package that holds libplomissing.so.1.\n")


EGL_MISSING = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")


@linux_only
def test_qt_itself_failing_to_load_names_the_library(monkeypatch, capsys):
    # What `from PySide6.QtGui import ...` raises on a machine without libegl1.
    monkeypatch.setattr(qt_preflight, "xcb_plugin", lambda *_args, **_kwargs: None)
    assert _stopped(capsys, lambda: stop_if_a_library_is_missing(EGL_MISSING)) == (
        "PLO Tracker cannot open its window because the system library libEGL.so.1 is "
        "missing. Install it with: sudo apt-get install libegl1\n")


@linux_only
@needs_gcc
def test_qt_failing_to_load_names_what_the_plugin_misses_too(tmp_path, monkeypatch, capsys):
    library = _library_needing_what_is_gone(tmp_path, ["plomissing"])
    monkeypatch.setenv("QT_PLUGIN_PATH", str(library.parents[1]))
    said = _stopped(capsys, lambda: stop_if_a_library_is_missing(EGL_MISSING))
    assert "libraries libplomissing.so.1 and libEGL.so.1 are missing" in said


def test_another_import_error_is_left_to_raise():
    assert stop_if_a_library_is_missing(ImportError("No module named 'PySide6'")) is None


def _run_window(home: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "PLO_TRACKER_DB",
                        "QT_PLUGIN_PATH"}}
    env.update(PLO_TRACKER_HOME=str(home), **environ)
    return subprocess.run([str(SCRIPT), "--demo"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def _log(home: Path) -> str:
    return (home / "logs" / "plo-tracker.log").read_text(encoding="utf-8")


@linux_only
def test_the_window_without_a_display_says_so_and_exits_2(tmp_path):
    done = _run_window(tmp_path / "home")
    assert done.returncode == 2, done.stderr
    assert done.stderr == NO_DISPLAY + "\n"
    assert "Traceback" not in done.stderr and "qt.qpa" not in done.stderr
    assert NO_DISPLAY in _log(tmp_path / "home")
    assert not (tmp_path / "home" / "demo").exists()  # stopped before any database


@linux_only
@needs_gcc
def test_the_window_with_a_library_missing_names_it_and_exits_2(tmp_path):
    library = _library_needing_what_is_gone(tmp_path, ["plomissing"])
    # The display is never reached: the check comes first.
    done = _run_window(tmp_path / "home", DISPLAY=":99", QT_PLUGIN_PATH=str(library.parents[1]))
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "PLO Tracker cannot open its window because the system library libplomissing.so.1 is "
        "missing. Ask your IT team for the package that holds libplomissing.so.1."]
    assert "libplomissing.so.1" in _log(tmp_path / "home")
