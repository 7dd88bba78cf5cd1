"""Finding and running the optional programs (Tesseract, LibreOffice) safely.

Each run has a time limit and is asked about cancelling while it works; a program
that overruns or is cancelled is ended with everything it started, so nothing hangs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# Where the Windows installers put the programs when they are not on PATH, which is
# usual on a council desktop.
_WINDOWS_PLACES = {
    "tesseract": ("Tesseract-OCR/tesseract.exe",),
    "soffice": ("LibreOffice/program/soffice.exe",),
}
_POLL_SECONDS = 0.2


class ToolFailed(Exception):
    """A program exited with an error, ran out of time or could not start."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def find_program(name: str) -> Path | None:
    """The program ``name`` on PATH, or in its usual Windows folder; None if neither."""
    found = shutil.which(name)
    if found:
        return Path(found)
    if sys.platform == "win32":
        for root in filter(None, (os.environ.get("PROGRAMFILES"),
                                  os.environ.get("PROGRAMFILES(X86)"))):
            for place in _WINDOWS_PLACES.get(name, ()):
                candidate = Path(root) / place
                if candidate.is_file():
                    return candidate
    return None


def run_program(arguments: Sequence[str | os.PathLike[str]], *, timeout: float,
                stop_if_cancelled: Callable[[], None] | None = None,
                env: dict[str, str] | None = None) -> str:
    """Run a program to its end and return its output (standard output and error).

    Raises:
        ToolFailed: it could not start, exited with an error or ran past ``timeout``.
        Whatever ``stop_if_cancelled`` raises, after the program has been ended.
    """
    options: dict[str, object] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(
            subprocess, "CREATE_NO_WINDOW", 0)
    else:
        # Its own process group, so ending it ends whatever it started too
        # (LibreOffice's soffice starts soffice.bin).
        options["start_new_session"] = True
    try:
        process = subprocess.Popen(  # noqa: S603 - a fixed program, arguments as a list
            [str(argument) for argument in arguments], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, **options)
    except OSError as error:
        raise ToolFailed(f"it could not be started ({error.strerror or error})") from error
    waited = 0.0
    try:
        while True:
            try:
                output, _ = process.communicate(timeout=_POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                waited += _POLL_SECONDS
                if stop_if_cancelled is not None:
                    stop_if_cancelled()
                if waited >= timeout:
                    raise ToolFailed(f"it did not finish within {int(timeout)} seconds") \
                        from None
    finally:
        if process.poll() is None:
            _end(process)
    text = output.decode("utf-8", "replace")
    if process.returncode != 0:
        raise ToolFailed(f"it stopped with error {process.returncode}")
    return text


def _end(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)],  # noqa: S607
                       capture_output=True, check=False)
    else:
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
