"""Is a SQLite file in a network folder? Then it must not be used: use the team server.

SQLite's locks are not reliable over network file systems (NFS, SMB/CIFS, sshfs...), and
its write-ahead log, which the app uses so the window can read while a job writes, needs
memory shared by every program using the file, so it does not work across computers at
all. Two desktops writing to one file on a share can damage it, so such a file is refused
before anything is written, with the way to a team server (PostgreSQL).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

# File system types (as /proc/self/mountinfo names them) that live on another computer.
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "lustre", "gfs2", "ocfs2", "davfs", "fuse.sshfs", "sshfs", "fuse.glusterfs",
    "fuse.cephfs", "fuse.rclone", "fuse.davfs2", "fuse.s3fs", "fuse.gcsfuse",
})
_DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


def network_file_system(path: Path, mountinfo: str | None = None,
                        drive_type: Callable[[str], int] | None = None) -> str | None:
    """The kind of network folder ``path`` is in ("cifs", "a network share"), or None.

    ``mountinfo`` (Linux) and ``drive_type`` (Windows) stand in for the system's own
    answers in tests.
    """
    if sys.platform == "win32" or drive_type is not None:
        return _windows(str(path), drive_type or _get_drive_type)
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
        except OSError:
            return None  # not Linux (macOS): nothing reliable to read, so no refusal
    return _linux(path, mountinfo)


def _windows(path: str, drive_type: Callable[[str], int]) -> str | None:
    pure = PureWindowsPath(path)
    if path.startswith(("\\\\", "//")) and not path.startswith(("\\\\?\\", "\\\\.\\")):
        return "a network share"
    unc = pure.drive
    if unc.startswith("\\\\?\\UNC\\"):
        return "a network share"
    if len(unc) == 2 and unc[1] == ":" and drive_type(unc + "\\") == _DRIVE_REMOTE:
        return f"the network drive {unc}"
    return None


def _get_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def _linux(path: Path, mountinfo: str) -> str | None:
    # The mount holding the file is the one whose mount point is the longest prefix of it.
    target = _existing(path)
    best, best_type = "", None
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        mount_point = _unescape(fields[4])
        fs_type = line.split(" - ", 1)[1].split()[0]
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    if best_type is None:
        return None
    if best_type in NETWORK_TYPES or best_type.split(".")[0] in NETWORK_TYPES:
        return best_type
    return None


def _existing(path: Path) -> str:
    """The real path of the file (links followed as far as it exists: a new file's folder)."""
    path, missing = Path(os.path.abspath(path)), []
    while not path.exists() and path != path.parent:
        missing.insert(0, path.name)
        path = path.parent
    return str(path.resolve().joinpath(*missing))


def _unescape(field: str) -> str:
    # mountinfo writes a space as \040, a tab as \011, a newline as \012, a backslash as \134.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field
