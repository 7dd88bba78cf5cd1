"""Add translated copy…: the translator's file for a kept letter, its language, and when and
how it was sent.

The file goes through the document intake (checked, converted, made searchable) on a worker
thread with a progress bar and Cancel, as adding a document does. What the service refuses
is shown under its field, and everything typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.documents.intake.errors import DocumentRefused, IntakeCancelled
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.actor import Actor
from plo_tracker.services.letter_translations import TranslationForm
from plo_tracker.services.letters import GeneratedLetterView
from plo_tracker.services.registry import Services

from ..documents.file_chooser import FileChooser
from ..documents.intake_progress import IntakeProgress, show_report
from ..forms.date_field import DateField
from ..forms.fields import FieldSet, ProblemLabel
from ..forms.form_dialog import ask_discard, fit_height, heading_label
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .send_method_choice import SendMethodChoice

TITLE = "Add a translated copy"
FILE_NEEDED = "Choose the file of the translated copy that was sent."
LANGUAGE_NEEDED = "Say which language the copy is in, such as Polish."
DATE_NEEDED = "Enter the date the translated copy was sent."
METHOD_NEEDED = "Choose how the translated copy was sent."


class TranslationDialog(QDialog):
    """Records one translated copy of ``letter``; ``added`` (a TranslationView) is emitted
    once the service has kept it, and the dialog closes.

    Args:
        about: the letter in words ("Letter before proceedings to Sam Jones, dated …").
    """

    added = Signal(object)  # TranslationView

    def __init__(self, services: Services, actor: Actor, letter: GeneratedLetterView,
                 about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.letter = letter
        self._today = services.context.clock.today()
        self._task: BackgroundTask | None = None
        self._progress: IntakeProgress | None = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)

        intro = QLabel(f"{about}. Choose the translated file that was sent with it (PDF, "
                       "Word document or picture): it is kept among the family's documents, "
                       "as the record of what was sent.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        self.fields = FieldSet(form, self)
        self.file: FileChooser = self.fields.add("file", "File", FileChooser(single=True),
                                                 required=FILE_NEEDED)
        self.language: QLineEdit = self.fields.add(
            "language", "Language", QLineEdit(), required=LANGUAGE_NEEDED,
            text=TextKind.LANGUAGE,
            note=("The language recorded for the recipient." if letter.recipient_language
                  else None))
        self.language.setText(letter.recipient_language or "")
        self.sent_date: DateField = self.fields.add(
            "sent_date", "Date sent", DateField(self._today, past_only=True),
            required=DATE_NEEDED)
        self.sent_date.set_date(self._today)
        self.method: SendMethodChoice = self.fields.add(
            "method", "How it was sent", SendMethodChoice(), required=METHOD_NEEDED)
        if letter.method is not None:
            self.method.set_method(letter.method)  # usually with the English letter

        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setAccessibleName("What is happening")
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Progress of adding the translated copy")
        self.progress_bar.hide()
        self.problem = ProblemLabel("adding the translated copy")

        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(TITLE))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self._initial = self.fields.snapshot()
        self.fields.changed.connect(self.revalidate)
        self.revalidate()
        self.file.choose_button.setFocus()

    # -- what the view and tests use ------------------------------------------------------
    def is_running(self) -> bool:
        return self._task is not None

    def problems(self) -> dict[str, str]:
        """Each field's problem found here, before the service is asked."""
        problems = self.fields.local_problems()
        sent = self.sent_date.date()
        if "sent_date" not in problems and sent is not None:
            if sent > self._today:
                problems["sent_date"] = "The date sent cannot be in the future."
            elif sent < self.letter.letter_date:
                problems["sent_date"] = (
                    f"The letter is dated {short_date(self.letter.letter_date)}; its "
                    "translated copy cannot have been sent before then.")
        return problems

    def revalidate(self) -> None:
        problems = self.problems()
        self.fields.show_problems(problems)
        self.save_button.setEnabled(not problems and not self.fields.has_server_problems()
                                    and self._task is None)
        fit_height(self)

    def save(self) -> None:
        """Add the copy in the background; the dialog closes when it is kept."""
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        self.problem.set_problem(None)
        path = self.file.paths()[0]
        form = TranslationForm(self.language.text(), self.sent_date.date(),
                               self.method.method())
        progress = IntakeProgress()
        progress.moved.connect(self._moved)
        add, actor, letter_id = self._services.letter_translations.add, self._actor, \
            self.letter.letter_id
        # The work holds the progress object (no widget): it lives as long as the work.
        self._task = BackgroundTask(lambda: add(actor, letter_id, path, form,
                                                progress=progress.report,
                                                cancelled=progress.cancelled))
        self._progress = progress
        self._task.succeeded.connect(self._added)
        self._task.failed.connect(self._failed)
        self.progress_label.setText(f"Adding {path.name}…")
        self.progress_bar.setRange(0, 0)
        self._running(True)
        self._task.start()

    def cancel_intake(self) -> None:
        """Stop the file being added; the service leaves nothing of it behind."""
        if self._progress is not None:
            self._progress.cancel()
            self.progress_label.setText("Stopping…")
            self.cancel_button.setEnabled(False)

    # -- what comes back ------------------------------------------------------------------
    def _moved(self, report: tuple) -> None:
        show_report(report, self.progress_bar, self.progress_label,
                    self._progress is None or self._progress.cancelled())

    def _added(self, translation: object) -> None:
        self._task = None
        self._progress = None
        self.added.emit(translation)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self._progress = None
        self._running(False)
        self.progress_label.clear()
        if isinstance(error, IntakeCancelled):
            self.progress_label.setText(error.message)
        elif isinstance(error, DocumentRefused):
            self.fields.set_server_problems({"file": error.message})
        elif isinstance(error, ValidationFailed):
            loose = self.fields.set_server_problems(error.problems)
            self.problem.set_problem(" ".join(loose.values()) if loose else None)
        else:
            self.problem.set_problem(problem_text(error, "The translated copy was not added."))
        self.revalidate()
        target = self.fields.first_with_problem()
        if target is not None:
            target.setFocus()

    def _running(self, running: bool) -> None:
        """While the file goes in the entries are held still; Cancel stops the intake."""
        self.progress_bar.setVisible(running)
        for name in self.fields.names():
            self.fields.widget(name).setEnabled(not running)
        if not running:
            self.progress_bar.reset()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel adding" if running else "Cancel")
        self.revalidate()

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel while adding stops the intake; otherwise it closes (asking first if
        anything was typed)."""
        if self._task is not None:
            self.cancel_intake()
            return
        if self.fields.snapshot() != self._initial and not ask_discard(self, "this form"):
            return
        super().reject()

    def done(self, result: int) -> None:
        if self._task is not None and self._progress is not None:
            # Closed with the window: the intake stops and leaves nothing behind.
            self._progress.cancel()
            self._task.discard()
            self._task = None
        super().done(result)

