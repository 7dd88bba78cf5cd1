"""Start-up: the real app to a usable sign-in list, against a bare PySide6 window process.

Each figure is the wall time of a whole process, from starting it until it ends, taken in
rounds that run each kind in turn (so a slow spell of a shared machine falls on all of
them), and given as median, min and max:

  (a) bare: a PySide6 process that shows a QMainWindow holding a QListWidget and processes
      events until the window is exposed, then ends;
  (b) app: ``plo-tracker --demo`` on a prepared demo database, the real start path, ending
      once the sign-in list is on screen and has answered a key press
      (PLO_TRACKER_MEASURE_START=1; see gui/application.py);
  (c) ``plo-tracker --version``, in absolute seconds;
  and, for reference, ``python -c pass``.

(a) and (b) end with os._exit the moment their window is usable, so neither counts the
tearing down of its modules at a normal exit (which takes the app 0.2 to 0.3 s more here,
after its window has gone).

    python benchmarks/bench_startup.py [--runs 7]
    QT_QPA_PLATFORM=xcb xvfb-run -s "-screen 0 1600x1000x24" python benchmarks/bench_startup.py

The platform is QT_QPA_PLATFORM as given, else offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import os
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QListWidget())
window.show()
while window.windowHandle() is None or not window.windowHandle().isExposed():
    app.processEvents()
os._exit(0)
"""

BARE = "(a) bare PySide6 window, exposed"
APP = "(b) plo-tracker --demo to a usable sign-in list"
VERSION = "(c) plo-tracker --version"
PYTHON = "python -c pass (for reference)"
TIMEOUT = 120  # seconds; the app run hangs at the sign-in list if the measuring hook fails


def plo_tracker_command() -> list[str]:
    """The installed console script beside this Python, else ``python -m plo_tracker``."""
    folder = Path(sys.executable).parent
    for name in ("plo-tracker", "plo-tracker.exe"):
        if (folder / name).exists():
            return [str(folder / name)]
    return [sys.executable, "-m", "plo_tracker"]


def run_seconds(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one process from start to exit; a failed run stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return took


def prepare_demo(home: Path, env: dict[str, str]) -> None:
    """Make and fill the demo database once, as the first ``--demo`` run would (signed in as
    the demo's administrator: commands ask who you are)."""
    subprocess.run([*plo_tracker_command(), "--demo", "--user", "admin", "users"],
                   env=dict(env, PLO_TRACKER_PASSWORD="northshire settings"), check=True,
                   capture_output=True, timeout=TIMEOUT)
    assert (home / "demo").is_dir()


def describe(name: str, times: list[float]) -> str:
    return (f"{name:<48} median {statistics.median(times):.3f} s  "
            f"(min {min(times):.3f}, max {max(times):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="run with this environment's bytecode setting as it is")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="plo-bench-start-"))
    env = dict(os.environ, PLO_TRACKER_HOME=str(home))
    if not args.no_bytecode_cache:
        # An installed app runs from compiled bytecode. Where PYTHONDONTWRITEBYTECODE is set
        # (or the source folder is read-only) the app's own modules would be compiled on
        # every run, which a bare PySide6 process never pays: keep every process's bytecode
        # in a folder of the run instead (the warm-up rounds fill it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        prepare_demo(home, env)
        app_env = dict(env, PLO_TRACKER_MEASURE_START="1")
        kinds = {
            BARE: ([sys.executable, "-c", BARE_WINDOW], env),
            APP: ([*plo_tracker_command(), "--demo"], app_env),
            VERSION: ([*plo_tracker_command(), "--version"], env),
            PYTHON: ([sys.executable, "-c", "pass"], env),
        }
        for _ in range(args.warmups):
            for command, kind_env in kinds.values():
                run_seconds(command, kind_env)
        times: dict[str, list[float]] = {name: [] for name in kinds}
        for _ in range(args.runs):
            for name, (command, kind_env) in kinds.items():
                times[name].append(run_seconds(command, kind_env))
    finally:
        shutil.rmtree(home, ignore_errors=True)

    cache = ("environment's own bytecode setting" if args.no_bytecode_cache
             else "bytecode cached")
    print(f"platform {env['QT_QPA_PLATFORM']}; {args.runs} rounds after {args.warmups} "
          f"warm-up rounds; {cache}; Python {sys.version.split()[0]}")
    for name, taken in times.items():
        print(describe(name, taken))
    ratio = statistics.median(times[APP]) / statistics.median(times[BARE])
    best = min(times[APP]) / min(times[BARE])
    print(f"(b)/(a), the app's start against the bare window: {ratio:.2f}x median "
          f"({best:.2f}x fastest against fastest)")
    print(f"(c) plo-tracker --version: {statistics.median(times[VERSION]):.3f} s median")


if __name__ == "__main__":
    main()
