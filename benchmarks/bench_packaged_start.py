"""The packaged app (dist/plo-tracker) against the same code from the virtual environment.

  (a) venv: ``.venv/bin/plo-tracker --demo``, to a usable sign-in list;
  (b) packaged: ``dist/plo-tracker/plo-tracker --demo``, the same;
  both on one prepared demo database, with PLO_TRACKER_MEASURE_START=1 (the process ends
  once the sign-in list is on screen and has answered a key press; see gui/application.py),
  in rounds that run each in turn, as benchmarks/bench_startup.py does. The target: (b) at
  most 2 times (a), measured in one run.

Then the installed size (all of dist/plo-tracker), its 15 largest parts, the Qt modules
shipped, and a check that no tests and no Qt module the app does not use are among the files
(exit code 1 if any are).

    python packaging/build.py          # first, to make dist/plo-tracker
    .venv/bin/python benchmarks/bench_packaged_start.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import (  # noqa: E402
    describe,
    plo_tracker_command,
    prepare_demo,
    run_seconds,
)

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = ROOT / "dist" / "plo-tracker"
VENV = "(a) .venv/bin/plo-tracker --demo, to a usable sign-in list"
PACKAGED = "(b) dist/plo-tracker/plo-tracker --demo, the same"

# The Qt libraries and Python bindings the app uses (gui/: Core, Gui, Widgets, Pdf,
# PdfWidgets, Charts; Svg for the icons) and those they need (Pdf links Network, Charts
# links OpenGL; the platform plugins bring XcbQpa, Wayland, DBus for IBus; ICU for Core).
QT_USED = {"Core", "Gui", "Widgets", "Pdf", "PdfWidgets", "Charts", "Svg", "Network",
           "OpenGL", "OpenGLWidgets", "DBus", "XcbQpa", "WaylandClient", "WlShellIntegration"}
TEST_FOLDERS = {"tests", "test", "testing"}


def alternating_rounds(commands: dict[str, list[str]], env: dict[str, str], runs: int,
                       warmups: int) -> dict[str, list[float]]:
    """Each command's wall times over ``runs`` rounds that run every command in turn (a
    slow spell of a shared machine falls on all), after ``warmups`` rounds not kept."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for number in range(warmups + runs):
        for name, command in commands.items():
            took = run_seconds(command, env)
            if number >= warmups:
                times[name].append(took)
    return times


def sizes(folder: Path) -> dict[Path, int]:
    """The size of every file and folder under ``folder`` (symbolic links not followed)."""
    found: dict[Path, int] = {}
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_symlink() or path.is_dir():
            found.setdefault(path, 0)
            continue
        size = path.stat().st_size
        found[path] = size
        for parent in path.parents:
            if parent == folder:
                break
            found[parent] = found.get(parent, 0) + size
    return found


def largest_parts(folder: Path, count: int = 15) -> list[tuple[Path, int]]:
    """The largest files and folders; a folder that is almost all one child is left out
    for that child, so each line is a different part."""
    every = sizes(folder)
    shown = []
    for path, size in sorted(every.items(), key=lambda item: -item[1]):
        if path.is_dir() and any(every.get(child, 0) >= 0.9 * size
                                 for child in path.iterdir()):
            continue
        shown.append((path, size))
        if len(shown) == count:
            break
    return shown


def qt_modules(folder: Path) -> set[str]:
    """Qt module names shipped, from the libraries (libQt6X.so, Qt6X.dll) and bindings."""
    names = set()
    for path in folder.rglob("*"):
        found = re.match(r"(?:lib)?Qt6([A-Za-z0-9]+)\.(?:so|dll)", path.name) or \
            re.match(r"Qt([A-Za-z0-9]+)\.(?:abi3\.so|pyd)", path.name)
        if found:
            names.add(found.group(1))
    return names


def unwanted(folder: Path) -> list[str]:
    problems = [f"a test folder: {path.relative_to(ROOT)}" for path in folder.rglob("*")
                if path.is_dir() and path.name in TEST_FOLDERS]
    problems += [f"a Qt module the app does not use: Qt{name}"
                 for name in sorted(qt_modules(folder) - QT_USED)]
    return problems


def megabytes(size: int) -> str:
    return f"{size / 1e6:7.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed rounds first")
    args = parser.parse_args()
    packaged = APP_DIR / ("plo-tracker.exe" if sys.platform == "win32" else "plo-tracker")
    if not packaged.exists():
        sys.exit(f"{packaged} is missing: run python packaging/build.py first.")

    home = Path(tempfile.mkdtemp(prefix="plo-bench-packaged-"))
    env = dict(os.environ, PLO_TRACKER_HOME=str(home))
    # As bench_startup.py: the venv's own modules run from cached bytecode, as installed.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        prepare_demo(home, env)
        commands = {VENV: [*plo_tracker_command(), "--demo"],
                    PACKAGED: [str(packaged), "--demo"]}
        times = alternating_rounds(commands, dict(env, PLO_TRACKER_MEASURE_START="1"),
                                   args.runs, args.warmups)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    print(f"platform {env['QT_QPA_PLATFORM']}; {args.runs} rounds after {args.warmups} "
          f"warm-up rounds; Python {sys.version.split()[0]}")
    print("\n".join(describe(name, taken) for name, taken in times.items()))
    median = statistics.median(times[PACKAGED]) / statistics.median(times[VENV])
    fastest = min(times[PACKAGED]) / min(times[VENV])
    print(f"(b)/(a), packaged against the virtual environment: {median:.2f}x median "
          f"({fastest:.2f}x fastest against fastest; the target is at most 2x)")

    every = sizes(APP_DIR)
    print(f"\nInstalled size of {APP_DIR.relative_to(ROOT)}: "
          f"{megabytes(sum(s for p, s in every.items() if p.parent == APP_DIR)).strip()}")
    print("Largest parts:")
    for path, size in largest_parts(APP_DIR):
        print(f"  {megabytes(size)}  {path.relative_to(APP_DIR).as_posix()}")
    print("Qt modules shipped: " + ", ".join(f"Qt{name}" for name in sorted(qt_modules(APP_DIR))))
    problems = unwanted(APP_DIR)
    if problems:
        print("Shipped but never used:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("No tests and no unused Qt module are shipped.")


if __name__ == "__main__":
    main()
