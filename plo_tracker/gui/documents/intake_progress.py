"""Hearing how an intake running in the background is going, showing it, and asking it to stop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from plo_tracker.documents.intake.errors import DocumentRefused, IntakeCancelled
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.services.document_intake_job import Cancelled, Progress

from ..problem_text import problem_text
from ..workers import BackgroundTask

if TYPE_CHECKING:
    from ..forms.fields import FieldSet, ProblemLabel


class IntakeProgress(QObject):
    """Carries the service's progress reports from the worker thread to the window.

    Made without a parent on the GUI thread, so ``moved`` (emitted from the worker) is
    queued to the GUI thread; the work holds it, so it lives as long as the work does.
    ``cancelled`` is what the service asks between steps.
    """

    moved = Signal(object)  # the arguments of one report, as a tuple

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()

    def report(self, *args: object) -> None:
        self.moved.emit(args)

    def cancel(self) -> None:
        self._stop.set()

    def cancelled(self) -> bool:
        return self._stop.is_set()


def show_report(report: tuple, bar: QProgressBar, label: QLabel, stopping: bool) -> None:
    """Show one report from the intake: how far it is on the bar, and the sentence of what
    it is doing on the label (unless it is being stopped, which the label says already)."""
    numbers = [value for value in report if isinstance(value, int)]
    words = [value for value in report if isinstance(value, str)]
    if len(numbers) >= 2 and numbers[1] > 0:
        bar.setRange(0, numbers[1])
        bar.setValue(min(numbers[0], numbers[1]))
    if words and not stopping:
        label.setText(words[0])


class IntakeRun(QObject):
    """A dialog's file going through the intake on a worker thread: the line saying what it
    does, the progress bar, and Cancel, which asks it to stop (it then leaves nothing).

    ``succeeded`` gives the service's answer and whether Cancel came too late to stop it;
    ``failed`` gives the error and whether the person had asked to stop.
    """

    succeeded = Signal(object, bool)
    failed = Signal(object, bool)

    def __init__(self, adding: str, parent: QObject | None = None) -> None:
        """``adding`` names what goes in, for screen readers: "the documents"."""
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("What is happening")
        self.bar = QProgressBar()
        self.bar.setAccessibleName(f"Progress of adding {adding}")
        self.bar.hide()
        self._task: BackgroundTask | None = None
        self._progress: IntakeProgress | None = None

    def is_running(self) -> bool:
        return self._task is not None

    def start(self, work: Callable[[Progress, Cancelled], object], doing: str) -> None:
        """Run ``work(progress, cancelled)`` in the background, saying ``doing`` meanwhile."""
        progress = IntakeProgress()
        progress.moved.connect(self._moved)
        # The work holds the progress object (no widget): it lives as long as the work.
        self._task = BackgroundTask(lambda: work(progress.report, progress.cancelled))
        self._progress = progress
        # Bound methods only: Qt drops them if the dialog goes before the task reports.
        self._task.succeeded.connect(self._done)
        self._task.failed.connect(self._refused)
        self.label.setText(doing)
        self.bar.setRange(0, 0)
        self._task.start()

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
            self.label.setText("Stopping…")

    def stop(self) -> None:
        """The dialog is closing: the intake stops, and its answer is not wanted."""
        if self._task is not None and self._progress is not None:
            self._progress.cancel()
            self._task.discard()
        self._task = self._progress = None

    def show_running(self, running: bool, fields: FieldSet, cancel_button: QPushButton,
                     ) -> None:
        """While a file goes in the entries are held still and Cancel stops the intake."""
        self.bar.setVisible(running)
        for name in fields.names():
            fields.widget(name).setEnabled(not running)
        if not running:
            self.bar.reset()
        cancel_button.setEnabled(True)
        cancel_button.setText("Cancel adding" if running else "Cancel")

    def _moved(self, report: tuple) -> None:
        show_report(report, self.bar, self.label,
                    self._progress is None or self._progress.cancelled())

    def _done(self, value: object) -> None:
        self.succeeded.emit(value, self._finished())

    def _refused(self, error: object) -> None:
        self.failed.emit(error, self._finished())

    def _finished(self) -> bool:
        """Forget the finished work; True if the person had asked it to stop."""
        cancelled = self._progress is not None and self._progress.cancelled()
        self._task = self._progress = None
        return cancelled


def cancelled_words(error: BaseException, cancelled: bool, otherwise: str) -> str | None:
    """The words for an intake the person stopped (their own choice, said plainly, not as a
    problem), or None when it failed for another reason."""
    if isinstance(error, IntakeCancelled):
        return error.message
    return otherwise if cancelled else None


def show_refusal(error: BaseException, fields: FieldSet, problem: ProblemLabel,
                 revalidate: Callable[[], None], failed: str, *,
                 see_fields: str | None = None) -> None:
    """Put what the service refused where it belongs, then move to the first field with a
    problem: a refused file under the "file" field, a form's problems under their fields
    (any with no field here, or ``see_fields``, in ``problem``), anything else in
    ``problem`` after ``failed``."""
    if isinstance(error, DocumentRefused):
        fields.set_server_problems({"file": error.message})
    elif isinstance(error, ValidationFailed):
        loose = fields.set_server_problems(error.problems)
        problem.set_problem(" ".join(loose.values()) if loose else see_fields)
    else:
        problem.set_problem(problem_text(error, failed))
    revalidate()
    target = fields.first_with_problem()
    if target is not None:
        target.setFocus()
