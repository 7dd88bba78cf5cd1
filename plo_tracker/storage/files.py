"""Files and folders the app writes are its owner's alone: 0600 and 0700.

The database, its -wal and -shm files, backups, letters and logs hold the most sensitive
records a council keeps; another local account must not read them. The command line and
the window also set the umask at start (paths.keep_files_private), so SQLite's own files
are made private; these functions make sure of the files the app creates itself, whoever
calls it (a test, a script).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


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
