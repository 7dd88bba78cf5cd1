"""What a build came to: the confidential details found (and a way to redact them), or the
build report with the two copies to open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..forms.form_dialog import heading_label
from .hearing_form import moment_text

HITS_HEADING = "Confidential details found: the parties' copy was not made"
HITS_TEXT = (
    "The family's confidential details (from its register, with the adults' confidential "
    "addresses) were found on these pages. Redacting removes the words and the image under "
    "them from the parties' copy for good; the court's copy keeps them. Redact and build "
    "again, or take the documents out of the bundle."
)
REDACT_TEXT = "Remove them (redact) and build again"

# Where a document's page falls in the bundle: its lettered number, e.g. "C14", or None.
LabelFor = Callable[[int, int], str | None]


def hit_line(title: str, page: int, label: str | None, kind: str) -> str:
    """"“Statement of M Smith”, page 3 (C14): an address". Never the detail itself."""
    where = f"page {page}" + (f" ({label})" if label else "")
    what = f": {kind}" if kind else ""
    return f"“{title}”, {where}{what}"


def _list(lines: Sequence[str], name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.addItems(list(lines))
    widget.setWordWrap(True)
    return widget


class BuildResultDialog(QDialog):
    """Shown when a build stops for confidential details, or when it is done."""

    redact_requested = Signal()
    issue_requested = Signal(int)  # the version's number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(560)
        self.layout_ = QVBoxLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.redact_button: QPushButton | None = None
        self.open_buttons: dict[str, QPushButton] = {}
        self.issue_button: QPushButton | None = None
        self.lists: dict[str, QListWidget] = {}

    # Confidential details ---------------------------------------------------------------------

    def show_hits(self, hits: Sequence[object], label_for: LabelFor) -> None:
        """Each hit (document_id, title, page, kind) by document and page, and Redact."""
        self.setWindowTitle("Confidential details found")
        lines = [hit_line(h.title, h.page, label_for(h.document_id, h.page),
                          getattr(h, "kind", "")) for h in hits]
        self.layout_.addWidget(heading_label(HITS_HEADING))
        text = QLabel(HITS_TEXT)
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        self.lists["hits"] = _list(lines, "Where confidential details were found")
        self.layout_.addWidget(self.lists["hits"], 1)
        self.redact_button = self.buttons.addButton(REDACT_TEXT,
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.redact_button.setDefault(True)
        self.redact_button.clicked.connect(self._redact)
        self.layout_.addWidget(self.buttons)

    def _redact(self) -> None:
        self.accept()
        self.redact_requested.emit()

    # The build report -------------------------------------------------------------------------

    def show_version(self, version: object) -> None:
        """The report of a finished build, the copies to open, and Issue."""
        number = version.number
        self.setWindowTitle(f"Version {number} built")
        self.layout_.addWidget(heading_label(f"Version {number} built"))
        summary = QLabel(
            f"{version.page_count:,} pages, built {moment_text(version.built_at)} by "
            f"{version.built_by_name}. Both copies have the same page numbers.")
        summary.setWordWrap(True)
        self.layout_.addWidget(summary)
        for key, heading, lines, empty in (
                ("redacted", "Redacted in the parties' copy", version.redacted,
                 "Nothing needed redacting."),
                ("unchecked", "Pages not checked for confidential details", version.unchecked,
                 "Every page was checked."),
                ("changes", "Changes since the previous version", version.changes,
                 "This is the first version." if number == 1 else "No changes."),
                ("warnings", "Warnings", version.warnings, "None.")):
            self.layout_.addWidget(QLabel(f"<b>{heading}</b>"))
            if lines:
                self.lists[key] = _list(lines, heading)
                self.lists[key].setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
                self.layout_.addWidget(self.lists[key])
            else:
                self.layout_.addWidget(QLabel(empty))
        for key, text, path in (("court", "Open the court's copy", version.court_path),
                                ("parties", "Open the parties' copy", version.parties_path)):
            if path is not None:
                button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
                button.setToolTip(str(path))
                button.clicked.connect(lambda _c=False, p=path: _open(p))
                self.open_buttons[key] = button
        if not version.issued:
            self.issue_button = self.buttons.addButton(
                "Issue this version…", QDialogButtonBox.ButtonRole.ActionRole)
            self.issue_button.clicked.connect(lambda: self.issue_requested.emit(number))
        self.layout_.addWidget(self.buttons)


def _open(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
