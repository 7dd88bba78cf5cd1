"""The unexpected-error dialog and hook: plain words, and a report with nothing personal in it."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.error_report import safe_report

from .icons import icon

_log = logging.getLogger(__name__)

MESSAGE = (
    "PLO Tracker hit a problem it did not expect. The last thing you did may not have been "
    "saved, so please check it.\n\n"
    "You can carry on working. If this keeps happening, copy the report and send it to your "
    "IT service desk. The report says where in the program the problem happened; it holds no "
    "names or case details."
)

def build_report(kind: type[BaseException], error: BaseException | None,
                 trace: TracebackType | None) -> str:
    """The report for support; its versions line names Qt's, as the window has loaded it."""
    return safe_report(kind, error, trace)


class ErrorDialog(QDialog):
    """Says what happened in plain words; the report is copied, not shown, unless asked for."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.report = report

        sign = QLabel()
        sign.setPixmap(icon("error").pixmap(32, 32))
        message = QLabel(MESSAGE)
        message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(sign, 0)
        top.addWidget(message, 1)

        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Error report")
        self.details.hide()
        self.copied_label = QLabel("")

        self.copy_button = QPushButton("&Copy report")
        self.copy_button.clicked.connect(self.copy_report)
        self.show_button = QPushButton("&Show report")
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._show_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.copied_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.adjustSize()

    def add_report(self, report: str) -> None:
        """Another error while this dialog is open: add it rather than open a second dialog."""
        self.report += "\n\nAnother error:\n" + report
        self.details.setPlainText(self.report)

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report)
        self.copied_label.setText(
            "Report copied. Paste it into an email to your IT service desk.")


class ErrorReporter:
    """A ``sys.excepthook`` that logs the report and shows it in an ErrorDialog.

    Qt carries on after a slot raises, so showing the dialog (not quitting) keeps the app
    running.

    Args:
        parent: a function returning the window to show the dialog over (or None).
    """

    def __init__(self, parent: Callable[[], QWidget | None] | None = None) -> None:
        self._parent = parent
        self.dialog: ErrorDialog | None = None

    def __call__(self, kind: type[BaseException], error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error or kind(), trace)
            return
        report = build_report(kind, error, trace)
        _log.error("Unexpected error\n%s", report)
        if QApplication.instance() is None:
            print(report, file=sys.stderr)
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_report(report)
            return
        self.dialog = ErrorDialog(report, self._parent() if self._parent else None)
        self.dialog.open()


def install_exception_hook(parent: Callable[[], QWidget | None] | None = None) -> ErrorReporter:
    """Make every unexpected exception show the error dialog; returns the hook installed."""
    reporter = ErrorReporter(parent)
    sys.excepthook = reporter
    return reporter
