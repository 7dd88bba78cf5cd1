"""The versions of what the app runs on: one list for About, the self-test and support reports."""

from __future__ import annotations

import platform
import sqlite3

import pikepdf
from PySide6.QtCore import qVersion

import plo_tracker
from plo_tracker import versions as versions_module
from plo_tracker.versions import versions, versions_line
from tests.test_startup_imports import DATABASE, DOCUMENTS, QT, loaded_after


def test_every_library_is_named_with_its_version_and_the_c_libraries_under_it():
    found = {version.name: version.version for version in versions()}
    assert list(found)[:2] == ["PLO Tracker", "Python"]
    assert found["PLO Tracker"] == plo_tracker.__version__
    assert found["Python"] == platform.python_version()
    assert found["Qt"] == qVersion()
    assert found["SQLite"] == sqlite3.sqlite_version
    assert found["pikepdf"] == f"{pikepdf.__version__} (qpdf {pikepdf.__libqpdf_version__})"
    assert found["pypdfium2"].split(" (PDFium ")[1].rstrip(")").count(".") == 3
    assert " (libpq " in found["psycopg"]
    assert "not available" not in found.values()
    assert list(found)[-1] == platform.system()


def test_a_library_that_cannot_load_is_named_not_available(monkeypatch):
    def load():
        import plo_tracker_no_such_module  # noqa: F401 - not installed: the import fails

    monkeypatch.setattr(versions_module, "_LIBRARIES", (
        ("Team server driver", "plo_tracker_no_such_module", load, lambda m: m.__version__),))
    assert "Team server driver not available" in versions_line()


def test_without_loading_only_what_is_loaded_is_named_and_nothing_more_loads():
    code = """
from plo_tracker.versions import versions_line
line = versions_line(load=False)
assert "Qt" not in line and "SQLAlchemy" not in line and "pikepdf" not in line, line
assert line.startswith("PLO Tracker "), line
"""
    assert loaded_after(code) & (QT | DATABASE | DOCUMENTS) == set()
    loaded = loaded_after("import sqlalchemy\nfrom plo_tracker.versions import versions_line\n"
                          "assert ', SQLAlchemy 2.' in versions_line(load=False)")
    assert "pikepdf" not in loaded and "PySide6" not in loaded
