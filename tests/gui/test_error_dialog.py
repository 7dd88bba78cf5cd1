"""The unexpected-error dialog: plain words, a report with nothing personal, the app runs on."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from plo_tracker.gui.error_dialog import ErrorReporter, build_report, install_exception_hook

SECRET = "Jane Doe, born 3 March 2019, 12 Acacia Avenue"


def raise_with_personal_data() -> None:
    try:
        {}[SECRET]
    except KeyError as error:
        raise ValueError(f"could not save {SECRET}") from error


def caught() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise_with_personal_data()
    except ValueError as error:
        return type(error), error, error.__traceback__
    raise AssertionError("nothing was raised")


def test_report_names_types_and_places_but_never_the_message():
    report = build_report(*caught())
    assert "Jane" not in report and "Acacia" not in report and "2019" not in report
    assert "Error type: KeyError" in report
    assert "which led to:\nError type: ValueError" in report
    assert "in raise_with_personal_data" in report
    assert "test_error_dialog.py, line" in report
    # No folders above the project: a home folder's name can be a person's name.
    assert "/home/" not in report and "\\Users\\" not in report


def test_reporter_shows_dialog_and_copies_the_report(qtbot):
    reporter = ErrorReporter()
    reporter(*caught())
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Something went wrong"
    assert not dialog.details.isVisible()  # no stack trace unless asked for
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == dialog.report
    assert SECRET not in QApplication.clipboard().text()
    reporter(*caught())  # a second error joins the open dialog
    assert reporter.dialog is dialog
    assert dialog.report.count("Error type: ValueError") == 2


@pytest.mark.qt_no_exception_capture
def test_installed_hook_keeps_the_app_running(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    reporter = install_exception_hook()
    assert sys.excepthook is reporter
    clicks: list[int] = []

    def fails() -> None:
        clicks.append(1)
        raise_with_personal_data()

    button = QPushButton("Save")
    qtbot.addWidget(button)
    button.clicked.connect(fails)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    qtbot.addWidget(reporter.dialog)
    assert SECRET not in reporter.dialog.report
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # still answering
    assert clicks == [1, 1]
