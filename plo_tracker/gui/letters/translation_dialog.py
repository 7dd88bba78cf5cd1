"""Add translated copy…: the translator's file for a kept letter, its language, and when and
how it was sent.

The file goes through the document intake (checked, converted, made searchable) on a worker
thread with a progress bar and Cancel, as adding a document does. What the service refuses
is shown under its field, and everything typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.actor import Actor
from plo_tracker.services.letter_translations import TranslationForm, sent_date_problem
from plo_tracker.services.letters import GeneratedLetterView
from plo_tracker.services.registry import Services

from ..documents.file_chooser import FileChooser
from ..documents.intake_progress import IntakeRun, cancelled_words, show_refusal
from ..forms.date_field import DateField
from ..forms.fields import FieldSet, ProblemLabel
from ..forms.form_dialog import ask_discard, fit_height, heading_label, save_and_cancel
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

        self.intake = IntakeRun("the translated copy", self)
        self.progress_label, self.progress_bar = self.intake.label, self.intake.bar
        self.intake.succeeded.connect(self._added)
        self.intake.failed.connect(self._failed)
        self.problem = ProblemLabel("adding the translated copy")
        self.buttons, self.save_button, self.cancel_button = save_and_cancel(self, self.save)

        layout = QVBoxLayout(self)
        for part in (heading_label(TITLE), intro):
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addStretch(1)
        for part in (self.problem, self.progress_label, self.progress_bar, self.buttons):
            layout.addWidget(part)
        self.setMinimumWidth(580)

        self._initial = self.fields.snapshot()
        self.fields.changed.connect(self.revalidate)
        self.revalidate()
        self.file.choose_button.setFocus()

    # -- what the view and tests use ------------------------------------------------------
    def is_running(self) -> bool:
        return self.intake.is_running()

    def problems(self) -> dict[str, str]:
        """Each field's problem found here, before the service is asked."""
        problems = self.fields.local_problems()
        sent = self.sent_date.date()
        if "sent_date" not in problems and sent is not None and (
                problem := sent_date_problem(sent, self.letter.letter_date, self._today)):
            problems["sent_date"] = problem
        return problems

    def revalidate(self) -> None:
        problems = self.problems()
        self.fields.show_problems(problems)
        self.save_button.setEnabled(not problems and not self.fields.has_server_problems()
                                    and not self.intake.is_running())
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
        add, actor, letter_id = self._services.letter_translations.add, self._actor, \
            self.letter.letter_id
        self.intake.start(lambda report, cancelled: add(actor, letter_id, path, form,
                                                        progress=report, cancelled=cancelled),
                          f"Adding {path.name}…")
        self._running(True)

    def cancel_intake(self) -> None:
        """Stop the file being added; the service leaves nothing of it behind."""
        if self.intake.is_running():
            self.intake.cancel()
            self.cancel_button.setEnabled(False)

    # -- what comes back ------------------------------------------------------------------
    def _added(self, translation: object, _too_late_to_cancel: bool) -> None:
        self.added.emit(translation)
        self.accept()

    def _failed(self, error: BaseException, cancelled: bool) -> None:
        self._running(False)
        words = cancelled_words(error, cancelled, "Cancelled. Nothing was added.")
        self.progress_label.setText(words or "")
        if words is not None:
            self.revalidate()
            return
        show_refusal(error, self.fields, self.problem, self.revalidate,
                     "The translated copy was not added.")

    def _running(self, running: bool) -> None:
        self.intake.show_running(running, self.fields, self.cancel_button)
        self.revalidate()

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel stops the intake while the file goes in; otherwise the dialog closes,
        asking first when something typed would be lost."""
        if self.intake.is_running():
            self.cancel_intake()
        elif self.fields.snapshot() == self._initial or ask_discard(self, "this form"):
            super().reject()

    def done(self, result: int) -> None:
        # Closed with the window (or saved): an intake still running stops, leaving nothing.
        self.intake.stop()
        super().done(result)

