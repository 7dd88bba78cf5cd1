"""The scratch folder of one preparation, and putting its finished PDF in place.

Everything is made in a private folder inside the caller's work folder and only the
finished PDF is moved out, under a name nobody else holds, so a failure or a cancel
leaves nothing behind and two preparations never write over each other.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Characters Windows (and some shared drives) refuse in a name, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')
_LONGEST_STEM = 80


@contextmanager
def scratch_folder(work_dir: Path) -> Iterator[Path]:
    """A new private folder inside ``work_dir``, removed with all it holds on leaving."""
    work_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".preparing-", dir=work_dir))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(finished: Path, work_dir: Path, source_name: str) -> Path:
    """Move ``finished`` into ``work_dir`` as "<source name>.pdf", "<... (2)>.pdf", ...

    The move is a rename within one folder, so the PDF appears complete or not at all.
    """
    stem = _UNSAFE.sub("_", Path(source_name).stem).strip(" .") or "document"
    stem = stem[:_LONGEST_STEM]
    number = 1
    while True:
        target = work_dir / (f"{stem}.pdf" if number == 1 else f"{stem} ({number}).pdf")
        try:
            _claim(finished, target)
        except FileExistsError:
            number += 1
            continue
        return target


def _claim(finished: Path, target: Path) -> None:
    """Give ``finished`` the name ``target`` unless that name is already taken."""
    try:
        # A hard link fails if the name exists, so two preparations cannot both take it.
        os.link(finished, target)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links (FAT, some network drives).
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(finished, target)
        return
    finished.unlink()
