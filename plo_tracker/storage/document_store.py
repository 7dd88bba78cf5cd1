"""The folder where documents' files are kept, each under its SHA-256.

Content addressing means a file is stored once however many documents name it, and a
file that was changed no longer matches its name, so ``verify`` (and ``plo-tracker
check``) find it. Files are written under a temporary name and renamed when whole, so
the store never holds half a file, and are readable by their owner only (0600; the
folder 0700): they are evidence about children.

A file nobody names any more (its document removed, or left by an add that failed after
the file was stored) is harmless: it is deleted when no document names it
(``delete``, called by the services after removing the last row naming it).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class DocumentStore:
    """Files by SHA-256 under ``root``: ``root/ab/abcdef...`` (two letters per subfolder,
    so no folder holds hundreds of thousands of files)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the file with this SHA-256 is (or would be) kept."""
        if not _SHA256.match(sha256):
            raise ValueError("not a SHA-256 in hexadecimal")
        return self.root / sha256[:2] / sha256

    def put(self, path: Path) -> str:
        """Store a copy of the file; its SHA-256. Identical bytes are stored once."""
        sha256 = file_sha256(path)
        target = self.path(sha256)
        if not target.exists():
            with path.open("rb") as source:
                self._write(target, source.read)
        return sha256

    def put_bytes(self, data: bytes) -> str:
        """Store these bytes; their SHA-256. Identical bytes are stored once."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if not target.exists():
            chunks = iter((data,))
            self._write(target, lambda _size: next(chunks, b""))
        return sha256

    def verify(self, sha256: str) -> str | None:
        """None when the file is there with its bytes; else a sentence saying what is wrong."""
        target = self.path(sha256)
        if not target.is_file():
            return "its file is missing from the documents folder"
        if file_sha256(target) != sha256:
            return "its file was changed after it was stored"
        return None

    def delete(self, sha256: str) -> None:
        """Remove a file no document names any more (gone already is fine)."""
        self.path(sha256).unlink(missing_ok=True)

    def _write(self, target: Path, read) -> None:
        """Write to a temporary file beside ``target``, flush to disk, then rename."""
        self._make_folder(target.parent)
        handle, temporary = tempfile.mkstemp(prefix=".storing-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                os.chmod(temporary, 0o600)
                while chunk := read(_CHUNK):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _make_folder(self, folder: Path) -> None:
        for made in (self.root, folder):
            if not made.is_dir():
                made.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(made, 0o700)  # mkdir's mode is cut by the umask; this is not
