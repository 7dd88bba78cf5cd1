"""A report of an unexpected failure that is safe to send: where it happened, never what it held.

The window's error dialog and the command line both write it; neither ever shows a traceback.
"""

from __future__ import annotations

import os
import sysconfig
import traceback
from functools import cache
from pathlib import Path
from types import TracebackType

import plo_tracker
from plo_tracker.versions import versions


@cache
def _roots() -> tuple[str, ...]:
    """Folders whose part of a file name is dropped: a full path can hold a person's user
    name. Worked out on the first report (asking sysconfig takes a while), longest first."""
    paths = sysconfig.get_paths()
    folders = (Path(plo_tracker.__file__).parent.parent, paths.get("purelib", ""),
               paths.get("platlib", ""), paths.get("stdlib", ""))
    roots = {os.path.normcase(str(Path(f).resolve())) + os.sep for f in folders if f}
    return tuple(sorted(roots, key=len, reverse=True))


def _short_file(filename: str) -> str:
    """A file name without the folders above the package or library it belongs to."""
    if filename.startswith("<"):
        return filename
    normal = os.path.normcase(os.path.abspath(filename))
    for root in _roots():
        if normal.startswith(root):
            return Path(normal[len(root):]).as_posix()
    return Path(filename).name


def _type_name(kind: type[BaseException]) -> str:
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _chain(error: BaseException | None) -> list[BaseException]:
    """The error and those it arose from, oldest first, as Python prints them."""
    seen: list[BaseException] = []
    while error is not None and not any(error is s for s in seen):
        seen.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return list(reversed(seen))


def safe_report(kind: type[BaseException], error: BaseException | None,
                trace: TracebackType | None) -> str:
    """The text to send to support: versions, exception types, and file/line/function only.

    The exception's message and local values are left out: they may name a child or parent.
    The versions are those of the libraries this process had loaded (the window's name Qt's).
    """
    found = versions(load=False)
    lines = [found[0].text(), ", ".join(version.text() for version in found[1:])]
    chain = _chain(error)
    if not chain:
        lines.append(f"Error type: {_type_name(kind)}")
    for position, link in enumerate(chain):
        tb = trace if link is error else link.__traceback__
        if position:
            lines.append("which led to:")
        lines.append(f"Error type: {_type_name(type(link))}")
        for frame in traceback.extract_tb(tb):
            lines.append(f"  {_short_file(frame.filename)}, line {frame.lineno}, in {frame.name}")
    return "\n".join(lines)
