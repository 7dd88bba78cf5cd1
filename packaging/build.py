"""Build the installable PLO Tracker from a clean checkout, on Linux or Windows.

    python packaging/build.py [--python-env PATH] [--installer]

1. A build virtual environment: build/venv, made on the first run and reused after; or the
   one given with --python-env (CI reuses .venv). The app and its [package] extra
   (PyInstaller) are installed into it.
2. The app's icon, drawn from resources/icons/plo-tracker.svg: PNGs at 16 to 512 px and a
   Windows .ico, in build/icons/.
3. PyInstaller with packaging/plo-tracker.spec: the app in dist/plo-tracker/.
4. On Linux, dist/plo-tracker-<version>-linux-x86_64.tar.gz, with install.sh.
5. On Windows, the installer dist/PLO-Tracker-<version>-setup.exe, made by NSIS's makensis if
   it is installed. --installer makes it a failure when makensis is missing, and on Linux
   compiles the script too, as a check (build/installer-check/; it holds the Linux files).
6. The packaged app checks itself (--self-test); the build fails, saying what failed.
7. What was made, with sizes.

Only the standard library is used here, so any Python 3.11 or newer runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
APP_DIR = DIST / "plo-tracker"
ICONS = BUILD / "icons"
APP_ID = "uk.gov.plotracker.PLOTracker"
IS_WINDOWS = sys.platform == "win32"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DEMO_PASSWORD = "northshire settings"  # the demo's administrator (README, "Demo accounts")


class BuildFailed(Exception):
    """A step failed; the message says which and why."""


def version() -> str:
    text = (ROOT / "plo_tracker" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if not found:
        raise BuildFailed("plo_tracker/__init__.py does not say the version (__version__).")
    return found.group(1)


STARTED = time.perf_counter()


def step(text: str) -> None:
    print(f"\n== {text} (at {time.perf_counter() - STARTED:.0f} s)", flush=True)


def run(command: list[str], what: str, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, its output shown; a non-zero exit is a BuildFailed naming ``what``."""
    print("$ " + " ".join(f'"{part}"' if " " in part else part for part in command), flush=True)
    done = subprocess.run(command, check=False, **kwargs)
    if done.returncode != 0:
        raise BuildFailed(f"{what} failed (exit code {done.returncode}); its output is above.")
    return done


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def build_environment(given: Path | None) -> Path:
    """The Python of the build environment, with the app and [package] installed."""
    env = given or BUILD / "venv"
    python = venv_python(env)
    if given is not None and not python.exists():
        raise BuildFailed(f"--python-env {given}: there is no virtual environment there "
                          f"({python} is missing).")
    if not python.exists():
        step(f"Making the build environment {env}")
        run([sys.executable, "-m", "venv", str(env)], "Making the virtual environment")
    step("Installing the app and PyInstaller into it")
    run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", f"{ROOT}[package]"], "Installing the app and its [package] extra")
    return python


def render_icons(python: Path) -> None:
    step("Drawing the icons from resources/icons/plo-tracker.svg")
    shutil.rmtree(ICONS, ignore_errors=True)
    run([str(python), str(PACKAGING / "render_icons.py"), str(ICONS)], "Drawing the icons",
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


def pyinstaller(python: Path) -> Path:
    step("Bundling the app with PyInstaller")
    run([str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
         str(PACKAGING / "plo-tracker.spec")], "PyInstaller")
    exe = APP_DIR / ("plo-tracker.exe" if IS_WINDOWS else "plo-tracker")
    if not exe.exists():
        raise BuildFailed(f"PyInstaller finished but {exe} is missing.")
    return exe


def linux_tarball(release: str) -> Path:
    """dist/plo-tracker-<version>-linux-x86_64.tar.gz: the app, its desktop files, install.sh."""
    name = f"plo-tracker-{release}-linux-x86_64"
    step(f"Making {name}.tar.gz")
    stage = BUILD / "tarball" / name
    shutil.rmtree(stage.parent, ignore_errors=True)
    shutil.copytree(APP_DIR, stage / "plo-tracker", symlinks=True)
    share = stage / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy2(PACKAGING / "linux" / f"{APP_ID}.desktop", share / "applications")
    shutil.copy2(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(ICONS / "png" / f"plo-tracker-{size}.png", folder / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "plo-tracker.svg", scalable / f"{APP_ID}.svg")
    shutil.copy2(PACKAGING / "linux" / "install.sh", stage / "install.sh")
    (stage / "install.sh").chmod(0o755)
    out = DIST / f"{name}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name)
    return out


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "NSIS" / "makensis.exe").exists():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def windows_installer(release: str, makensis: str) -> Path:
    """The NSIS installer; on Linux a compile check of the script, not for shipping."""
    if IS_WINDOWS:
        out = DIST / f"PLO-Tracker-{release}-setup.exe"
        step(f"Making the installer {out.name}")
    else:
        out = BUILD / "installer-check" / f"PLO-Tracker-{release}-setup.exe"
        step("Compiling the Windows installer script (a check: it holds the Linux files)")
        out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    quick = [] if IS_WINDOWS else ["-DQUICK_CHECK"]  # uncompressed: a check needs no small file
    run([makensis, "-V2", *quick, f"-DVERSION={release}", f"-DDIST={APP_DIR}",
         f"-DOUTFILE={out}", f"-DICON={ICONS / 'plo-tracker.ico'}",
         str(PACKAGING / "windows" / "plo-tracker.nsi")], "makensis")
    if not out.exists():
        raise BuildFailed(f"makensis finished but {out} is missing.")
    return out


def self_test(exe: Path, release: str) -> None:
    """The packaged app's own self-test, or, where it has none yet, the same ground covered
    by real commands on a temporary data folder. Raises BuildFailed naming what failed."""
    step("Checking the packaged app")
    home = Path(tempfile.mkdtemp(prefix="plo-tracker-build-check-"))
    env = dict(os.environ, PLO_TRACKER_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    for name in ("PLO_TRACKER_DB", "PLO_TRACKER_USER", "PLO_TRACKER_PASSWORD"):
        env.pop(name, None)
    try:
        helped = subprocess.run([str(exe), "--help"], capture_output=True, text=True, env=env,
                                timeout=120, check=False)
        if "--self-test" in helped.stdout:
            run([str(exe), "--self-test"], "The packaged app's self-test", env=env, timeout=600)
        else:
            _command_checks(exe, release, env, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _app(exe: Path, env: dict[str, str], *args: str) -> str:
    """Run one command of the packaged app; its output, or BuildFailed with its words."""
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env,
                          timeout=600, check=False)
    if done.returncode != 0:
        log = Path(env["PLO_TRACKER_HOME"]) / "logs" / "plo-tracker.log"
        details = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""
        raise BuildFailed(f"FAILED  plo-tracker {' '.join(args)} (exit code "
                          f"{done.returncode}):\n{done.stdout}{done.stderr}{details}")
    return done.stdout


def _command_checks(exe: Path, release: str, env: dict[str, str], home: Path) -> None:
    """Real commands of the packaged app: the store, a letter, a bundle, the census, a window."""
    out = home / "out"
    out.mkdir()
    env = dict(env, PLO_TRACKER_PASSWORD=DEMO_PASSWORD)
    admin = ["--demo", "--user", "admin"]

    shown = _app(exe, env, "--version").strip()
    if release not in shown:
        raise BuildFailed(f"FAILED  --version: it says {shown!r}, not version {release}.")
    print(f"ok      --version: {shown}")
    _app(exe, env, *admin, "demo-data", "--families", "3")
    print("ok      demo-data: the demo database made and 3 families added")
    listed = _app(exe, env, *admin, "families")
    families = re.findall(r"^(PLO-\d{4}-\d{4})\s.*Pre-proceedings", listed, re.MULTILINE)
    if not families:
        raise BuildFailed("FAILED  families: no family in pre-proceedings was listed.")
    print(f"ok      families: {len(listed.splitlines()) - 1} lines")
    letter = _first_letter(exe, env, admin, families, out)
    print(f"ok      letters generate: {letter}")
    bundle = _app(exe, env, *admin, "bundle", "build", "--family", families[0],
                  "--out", str(out / "bundle.pdf"))
    print(f"ok      bundle build: {bundle.splitlines()[0]}")
    _app(exe, env, *admin, "export", "cin", "--year", "2026", "--out", str(out / "cin.csv"),
         "--allow-failures")
    rows = len((out / "cin.csv").read_text(encoding="utf-8").splitlines())
    print(f"ok      export cin: {rows} lines")
    started = time.perf_counter()
    _app(exe, dict(env, PLO_TRACKER_MEASURE_START="1"), "--demo")
    print(f"ok      window: the sign-in list answered offscreen in "
          f"{time.perf_counter() - started:.1f} s")


def _first_letter(exe: Path, env: dict[str, str], admin: list[str], families: list[str],
                  out: Path) -> str:
    """The first letter the demo's pre-proceedings families have all they need for."""
    for family in families[:10]:
        for kind in ("review-invite", "ppm-invite", "lbp"):
            done = subprocess.run([str(exe), *admin, "letters", "generate", "--family", family,
                                   "--type", kind, "--out", str(out)], capture_output=True,
                                  text=True, env=env, timeout=300, check=False)
            if done.returncode == 0 and list(out.glob("*.pdf")):
                return done.stdout.strip().splitlines()[0]
            if done.returncode != 2:  # 2: refused in words (the case lacks something)
                raise BuildFailed(f"FAILED  letters generate --family {family} --type {kind}:"
                                  f"\n{done.stdout}{done.stderr}")
    raise BuildFailed("FAILED  letters generate: no demo family had what a letter needs.")


def size_text(path: Path) -> str:
    if path.is_dir():
        total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()
                    and not f.is_symlink())
    else:
        total = path.stat().st_size
    return f"{total / 1e6:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-env", type=Path, metavar="PATH",
                        help="an existing virtual environment to build with (e.g. .venv)")
    parser.add_argument("--installer", action="store_true",
                        help="make the Windows installer (on Linux: compile it as a check); "
                             "fails if NSIS's makensis is not installed")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    made: list[tuple[Path, str]] = []
    try:
        release = version()
        python = build_environment(args.python_env.resolve() if args.python_env else None)
        render_icons(python)
        exe = pyinstaller(python)
        made.append((APP_DIR, "the app (run " + str(exe.relative_to(ROOT)) + ")"))
        if not IS_WINDOWS:
            made.append((linux_tarball(release), "for Linux: unpack, then run install.sh"))
        makensis = find_makensis()
        if args.installer and makensis is None:
            raise BuildFailed("--installer: NSIS's makensis was not found. Install NSIS 3 "
                              "(Windows: nsis.sourceforge.io; Debian: apt-get install nsis).")
        if makensis and (IS_WINDOWS or args.installer):
            installer = windows_installer(release, makensis)
            made.append((installer, "the Windows installer" if IS_WINDOWS
                         else "a compile check of the Windows installer script; not for use"))
        elif IS_WINDOWS:
            print("\nNSIS's makensis was not found: no installer was made. Install NSIS 3 "
                  "and build again (or run dist\\plo-tracker\\plo-tracker.exe as it is).")
        self_test(exe, release)
    except BuildFailed as failure:
        print(f"\nThe build failed: {failure}", file=sys.stderr)
        return 1
    print(f"\n== Made in {time.perf_counter() - started:.0f} s")
    for path, what in made:
        print(f"{size_text(path):>8}  {path.relative_to(ROOT)}  ({what})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
