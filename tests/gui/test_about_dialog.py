"""Help > About: the version, the licence, what the app runs on and where its files are, and
details to copy for the IT service desk with no one's name in them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import create_engine

import plo_tracker
from plo_tracker import paths
from plo_tracker.gui.about_dialog import COPYRIGHT, AboutDialog, about_dialog, database_place

ROOT = Path(__file__).resolve().parents[2]


def _texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_about_shows_the_version_the_licence_and_the_versions_it_runs_on(qtbot, gui_data):
    dialog = about_dialog(gui_data.services, "This computer")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "About PLO Tracker"
    assert dialog.version_label.text() == f"Version {plo_tracker.__version__}"
    assert "MIT licence" in dialog.licence_label.text()
    assert COPYRIGHT in dialog.licence_label.text()
    shown = _texts(dialog)
    for name in ("Qt:", "PySide6:", "SQLite:", "SQLAlchemy:", "reportlab:", "pikepdf:",
                 "pypdfium2:", "psycopg:"):
        assert name in shown
    assert "(qpdf " in shown and "(PDFium " in shown
    # A file by its path; a team server by its host and database (tested further below).
    database = str(gui_data.services.context.database.engine.url.database)
    assert "This computer: " in shown and database in shown
    assert str(paths.log_file()) in shown


def test_the_copyright_line_is_the_licence_files():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert f"\n{COPYRIGHT}\n" in licence


def test_copy_details_puts_the_versions_and_places_on_the_clipboard(qtbot, gui_data):
    dialog = about_dialog(gui_data.services, "Demo data")
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0] == f"PLO Tracker {plo_tracker.__version__}"
    assert any(line.startswith("Qt 6.") for line in copied)
    assert any(line.startswith("SQLite 3.") for line in copied)
    assert any("(qpdf " in line for line in copied)
    assert any("(PDFium " in line for line in copied)
    assert copied[-2].startswith("Database: Demo data: ")
    assert copied[-1].startswith("Log file: ")
    assert "Details copied" in dialog.copied_label.text()


def test_the_copied_details_name_no_home_folder(qtbot, monkeypatch, tmp_path):
    home = tmp_path / "jane.smith"
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    dialog = AboutDialog(f"This computer: {home / 'data' / 'plo.sqlite3'}",
                         home / "logs" / "plo-tracker.log")
    qtbot.addWidget(dialog)
    details = dialog.details_text()
    assert "jane.smith" not in details
    assert f"Database: This computer: {Path('~') / 'data' / 'plo.sqlite3'}" in details
    assert f"Log file: {Path('~') / 'logs' / 'plo-tracker.log'}" in details


def test_a_team_server_is_named_without_its_account_or_password():
    engine = create_engine("postgresql+psycopg://alice:s3cret@db.council.local:5433/plo")
    services = SimpleNamespace(context=SimpleNamespace(database=SimpleNamespace(engine=engine)))
    place = database_place(services, "Team server")
    assert place == "Team server: postgresql on db.council.local:5433, database plo"
    engine.dispose()
