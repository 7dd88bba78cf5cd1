"""What this installation is made of: the app's version and those of Python, the system and the
libraries it runs on, in one list for the About dialog, the self-test and reports for support.

Nothing here is personal: versions only. It imports no library at module level, so `--help`
and `--version` stay light; ``versions(load=False)`` names only the libraries this process has
already loaded (a failure report must not load Qt or the PDF code just to name them). Qt is
never imported here (only the window's code, gui/, imports it): it is named once loaded.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import plo_tracker


@dataclass(frozen=True)
class Version:
    """One part of the installation, e.g. Version("Qt", "6.11.3")."""

    name: str
    version: str

    def text(self) -> str:
        return f"{self.name} {self.version}"


def _qt(module: ModuleType) -> str:
    return module.qVersion()


def _pikepdf(module: ModuleType) -> str:
    return f"{module.__version__} (qpdf {module.__libqpdf_version__})"


def _pypdfium2(module: ModuleType) -> str:
    # PDFIUM_INFO reads e.g. "159.0.8149.0@sourcebuild-toolchained": the part before "@".
    return f"{module.PYPDFIUM_INFO} (PDFium {str(module.PDFIUM_INFO).split('@')[0]})"


def _psycopg(module: ModuleType) -> str:
    # libpq gives its version as one number: 180006 is 18.6, 150012 is 15.12.
    libpq = module.pq.version()
    return f"{module.__version__} (libpq {libpq // 10000}.{libpq % 100})"


# Each library is imported by an ordinary statement, so a packaged app carries it (a module
# imported only by its name in a string would be left out of the bundle).
def _load_sqlite() -> ModuleType:
    import sqlite3

    return sqlite3


def _load_sqlalchemy() -> ModuleType:
    import sqlalchemy

    return sqlalchemy


def _load_reportlab() -> ModuleType:
    import reportlab

    return reportlab


def _load_pikepdf() -> ModuleType:
    import pikepdf

    return pikepdf


def _load_pypdfium2() -> ModuleType:
    import pypdfium2.version

    return pypdfium2.version


def _load_psycopg() -> ModuleType:
    import psycopg

    return psycopg


# (name, the module as sys.modules names it, how to load it, how to read its version),
# in the order they are shown. Qt has no loader: the window's code loads it (the self-test
# does so through gui/ before it names the versions).
_LIBRARIES: tuple[tuple[str, str, Callable[[], ModuleType] | None,
                        Callable[[ModuleType], str]], ...] = (
    ("Qt", "PySide6.QtCore", None, _qt),
    ("PySide6", "PySide6", None, lambda m: m.__version__),
    ("SQLite", "sqlite3", _load_sqlite, lambda m: m.sqlite_version),
    ("SQLAlchemy", "sqlalchemy", _load_sqlalchemy, lambda m: m.__version__),
    ("reportlab", "reportlab", _load_reportlab, lambda m: m.Version),
    ("pikepdf", "pikepdf", _load_pikepdf, _pikepdf),
    ("pypdfium2", "pypdfium2.version", _load_pypdfium2, _pypdfium2),
    ("psycopg", "psycopg", _load_psycopg, _psycopg),
)


def versions(*, load: bool = True) -> list[Version]:
    """The app, Python, each library and the operating system, in that order.

    Args:
        load: import each library to ask it (the About dialog, the self-test); when False,
            a library this process has not loaded is left out.

    A library that cannot be loaded is listed as "not available": the team server's driver
    is needed only for a team server, and the list must still come out when one is broken.
    """
    found = [Version("PLO Tracker", plo_tracker.__version__),
             Version("Python", platform.python_version())]
    for name, module_name, load_it, read in _LIBRARIES:
        module = sys.modules.get(module_name)
        if module is None and not load:
            continue
        if module is None and load_it is None:
            found.append(Version(name, "not loaded"))
            continue
        try:
            module = module or load_it()
            found.append(Version(name, read(module)))
        except Exception:  # noqa: BLE001 - ImportError, or a missing shared library (OSError)
            found.append(Version(name, "not available"))
    found.append(Version(platform.system() or "Operating system",
                         platform.release() or "unknown"))
    return found


def versions_line(*, load: bool = True) -> str:
    """The versions on one line: "PLO Tracker 0.7.0, Python 3.11.2, Qt 6.11.3, …"."""
    return ", ".join(version.text() for version in versions(load=load))
