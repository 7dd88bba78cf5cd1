"""The unexpected-error dialog and hook: plain words, and a report with nothing personal in it."""

from __future__ import annotations

import logging
import os
import platform
import sys
import sysconfig
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

import plo_tracker

from .theme import standard_icon

_log = logging.getLogger(__name__)

MESSAGE = (
    "PLO Tracker hit a problem it did not expect. The last thing you did may not have been "
    "saved, so please check it.\n\n"
    "You can carry on working. If this keeps happening, copy the report and send it to your "
    "IT service desk. The report says where in the program the problem happened; it holds no "
    "names or case details."
)

# Folders whose part of a file name is dropped: a full path can hold a person's user name.
_ROOTS = tuple(
    os.path.normcase(str(Path(folder).resolve())) + os.sep
    for folder in (
        Path(plo_tracker.__file__).parent.parent,
        sysconfig.get_paths().get("purelib", ""),
        sysconfig.get_paths().get("platlib", ""),
        sysconfig.get_paths().get("stdlib", ""),
    )
    if folder
)


def _short_file(filename: str) -> str:
    """A file name without the folders above the package or library it belongs to."""
    if filename.startswith("<"):
        return filename
    normal = os.path.normcase(os.path.abspath(filename))
    for root in sorted(_ROOTS, key=len, reverse=True):
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


def build_report(kind: type[BaseException], error: BaseException | None,
                 trace: TracebackType | None) -> str:
    """The text to send to support: versions, exception types, and file/line/function only.

    The exception's message and local values are left out: they may name a child or parent.
    """
    lines = [
        f"PLO Tracker {plo_tracker.__version__}",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}, "
        f"{platform.system()} {platform.release()}",
    ]
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


class ErrorDialog(QDialog):
    """Says what happened in plain words; the report is copied, not shown, unless asked for."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.report = report

        icon = QLabel()
        icon.setPixmap(standard_icon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        message = QLabel(MESSAGE)
        message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0)
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
