"""The self-test's own data folder, and what its checks hand on to each other.

Everything happens in a temporary folder that PLO_TRACKER_HOME points to for the run and
that is removed afterwards, so the user's database, backups and settings are never opened.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plo_tracker.services.actor import Actor
    from plo_tracker.services.registry import Services

# One fixed day, so the synthetic families (made from a seed and "today") are the same on
# every run: the checks then always find a family ready for a letter. Any working day does.
SELF_TEST_DAY = date(2026, 11, 26)
HOME_VARIABLE = "PLO_TRACKER_HOME"
PLATFORM_VARIABLE = "QT_QPA_PLATFORM"


@dataclass
class Workspace:
    """The temporary folder and the results later checks use (the databases, a letter)."""

    folder: Path
    # Set by the checks as they go; a check that needs one names its check in ``needs``.
    first_database: Services | None = None  # the new database with its first administrator
    demo: Services | None = None  # the database with the synthetic families
    admin: Actor | None = None  # the demo administrator, signed in with a password
    letter: tuple[str, bytes] | None = None  # a letter before proceedings: surname, PDF
    extra: dict[str, Any] = field(default_factory=dict)
    # Run before the databases close: the window, closed before its database.
    closing: list[Callable[[], None]] = field(default_factory=list)

    def path(self, name: str) -> Path:
        return self.folder / name

    def on_close(self, step: Callable[[], None]) -> None:
        self.closing.append(step)

    def close(self) -> None:
        """Close the window, then the databases, so the folder can be removed (Windows
        keeps open files)."""
        for step in reversed(self.closing):
            step()
        for services in (self.first_database, self.demo):
            if services is not None:
                services.context.database.dispose()


@contextmanager
def temporary_home() -> Iterator[Workspace]:
    """A new empty data folder for the run, removed afterwards with everything in it.

    PLO_TRACKER_HOME points to it while the run lasts, and Qt is told to draw offscreen
    (unless QT_QPA_PLATFORM already names a platform: then that one is tried).
    """
    saved = {name: os.environ.get(name) for name in (HOME_VARIABLE, PLATFORM_VARIABLE)}
    folder = Path(tempfile.mkdtemp(prefix="plo-tracker-self-test-"))
    workspace = Workspace(folder)
    os.environ[HOME_VARIABLE] = str(folder)
    os.environ.setdefault(PLATFORM_VARIABLE, "offscreen")
    try:
        yield workspace
    finally:
        workspace.close()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)
