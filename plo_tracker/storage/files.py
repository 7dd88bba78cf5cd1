"""Files and folders the app writes are its owner's alone: 0600 and 0700.

The database, its -wal and -shm files, backups, letters and logs hold the most sensitive
records a council keeps; another local account must not read them. The command line and
the window also set the umask at start (paths.keep_files_private), so SQLite's own files
are made private; these functions make sure of the files the app creates itself, whoever
calls it (a test, a script).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# Tried as "name (2).pdf", "name (3).pdf"… while the plain name is taken. The bound only stops
# a folder that refuses every name (it should never be reached).
MOST_NUMBERS = 10_000


def private_file(path: Path) -> None:
    """Make a file the app wrote readable and writable by its owner only."""
    with contextlib.suppress(OSError):  # not ours to change (a shared folder's rules win)
        os.chmod(path, FILE_MODE)


def private_folder(path: Path) -> None:
    """Create a folder (and its parents) readable by its owner only; leave an existing
    parent as the user made it, but make the folder itself private if the app made it."""
    if path.is_dir():
        return
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened


def writable(path: Path) -> bool:
    """True when the file or folder may be written, by its permission bits as well as by
    the operating system's answer (an administrator account may write where the owner
    said no: a file marked read-only is still treated as read-only)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & stat.S_IWUSR)


def write_new_file(wanted: Path, write: Callable[[IO[Any]], object], *,
                   text: bool = False) -> Path:
    """Write a new file at ``wanted``, or at "name (2).ext", "name (3).ext"… when that name
    is taken; returns the file written. Letters and returns saved to a folder go through
    here, so a file already there (even one put there a moment ago by someone else) is never
    replaced.

    The file is private before a byte of it is written; ``write`` fills it (a text file, as
    UTF-8 with newline="" for csv, when ``text``). A file half written is removed: half a
    letter or return would be worse than none.

    Raises:
        FileExistsError: every name was taken.
        OSError: the folder refused the file, or writing it failed.
    """
    for number in range(1, MOST_NUMBERS):
        path = wanted if number == 1 else wanted.with_name(
            f"{wanted.stem} ({number}){wanted.suffix}")
        try:
            # "x" creates the file only if no file has that name, in one step.
            file = (path.open("x", newline="", encoding="utf-8") if text
                    else path.open("xb"))
        except FileExistsError:
            continue
        private_file(path)
        try:
            with file:
                write(file)
        except OSError:
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        return path
    raise FileExistsError(errno.EEXIST, "every name is taken")
