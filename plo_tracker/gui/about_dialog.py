"""Help > About PLO Tracker: what this is, its licence, what it runs on and where it keeps
its files, with the details to copy for the IT service desk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import plo_tracker
from plo_tracker import paths
from plo_tracker.services.registry import Services
from plo_tracker.versions import Version, versions

from .icons import app_icon

PURPOSE = ("Tracks families through PLO (Public Law Outline) pre-proceedings: letters before "
           "proceedings, pre-proceedings meetings, assessments and the 16-week timescale.")
# The copyright line of LICENSE at the top of the project (a test keeps the two the same: the
# packaged app has no LICENSE file to read it from).
COPYRIGHT = "Copyright (c) 2026 The PLO Tracker contributors"
LICENCE = ("Free software under the MIT licence: anyone may use, copy, change and share it. "
           "It comes with no warranty.")
COPIED = "Details copied. Paste them into an email to your IT service desk."


def _without_home(text: str) -> str:
    """The home folder written "~": a folder's name can be a person's, and the copied
    details name no one."""
    return text.replace(str(Path.home()), "~")


def database_place(services: Services, kind: str) -> str:
    """Where the window's database is: its file, or the team server's address without the
    account and password. ``kind`` is the window's own words ("This computer", "Demo data")."""
    url = services.context.database.engine.url
    if url.get_backend_name() == "sqlite":
        return f"{kind}: {url.database}"
    server = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"{kind}: {url.get_backend_name()} on {server}{port}, database {url.database}"


class AboutDialog(QDialog):
    """The About box.

    Args:
        database: where the database is (database_place), shown and copied.
        log_file: the log file.
        found: the versions to show (versions.versions() by default).
    """

    def __init__(self, database: str, log_file: Path, found: list[Version] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PLO Tracker")
        self.found = versions() if found is None else found
        self.database = database
        self.log_file = log_file

        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        licence = QLabel(f"{LICENCE}\n{COPYRIGHT}.")
        licence.setWordWrap(True)
        licence.setAccessibleName("Licence")
        self.licence_label = licence
        layout.addWidget(licence)
        layout.addWidget(self._versions_box())
        layout.addWidget(self._places_box())

        self.copied_label = QLabel("")
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setToolTip("Copies the versions and where the files are, for your IT "
                                    "service desk. Nothing about any family is copied.")
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(self.copied_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        picture = QLabel()
        picture.setPixmap(app_icon().pixmap(64, 64))
        row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        name = QLabel("PLO Tracker")
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        name.setFont(font)
        self.version_label = QLabel(f"Version {plo_tracker.__version__}")
        purpose = QLabel(PURPOSE)
        purpose.setWordWrap(True)
        words = QVBoxLayout()
        for label in (name, self.version_label, purpose):
            words.addWidget(label)
        row.addLayout(words, 1)
        return row

    def _versions_box(self) -> QGroupBox:
        box = QGroupBox("Runs on")
        form = QFormLayout(box)
        for version in self.found[1:]:  # the first is PLO Tracker itself, shown above
            value = QLabel(version.version)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{version.name}:", value)
        return box

    def _places_box(self) -> QGroupBox:
        box = QGroupBox("Files")
        form = QFormLayout(box)
        for name, place in (("Database", self.database), ("Log file", str(self.log_file))):
            value = QLabel(place)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{name}:", value)
        return box

    def details_text(self) -> str:
        """What Copy details copies: versions and places, with no one's name in them."""
        lines = [version.text() for version in self.found]
        lines += [f"Database: {self.database}", f"Log file: {self.log_file}"]
        return _without_home("\n".join(lines))

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details_text())
        self.copied_label.setText(COPIED)


def about_dialog(services: Services, kind: str, parent: QWidget | None = None) -> AboutDialog:
    """The About box for the window on ``services``' database."""
    return AboutDialog(database_place(services, kind), paths.log_file(), parent=parent)
