"""Edit details… on the Documents tab: a document's title, date, author, type and section."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.services.actor import Actor
from plo_tracker.services.document_views import DocumentView
from plo_tracker.services.registry import Services

from ..forms.fields import FieldSet, ProblemLabel
from ..forms.form_dialog import ask_discard, heading_label, save_and_cancel
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .document_fields import DocumentFields

TITLE = "Document details"


class EditDocumentDialog(QDialog):
    """Changes the details of one document; the file itself stays as it was added.

    ``saved`` is emitted with the document as the service kept it; the dialog then closes.
    """

    saved = Signal(object)  # DocumentView

    def __init__(self, services: Services, actor: Actor, document: DocumentView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.document = document
        self._task: BackgroundTask | None = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        about = QLabel(f"{document.original_name}, {document.page_count:,} "
                       f"page{'' if document.page_count == 1 else 's'}. Only the details "
                       "change here; the file stays as it was added.")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        self.fields = FieldSet(form, self)
        self.details = DocumentFields(self.fields, services.context.clock.today(),
                                      services.settings.current().bundles.sections, self)
        self.details.show_document(document)
        self.problem = ProblemLabel("saving the details")
        self.buttons, self.save_button, self.cancel_button = save_and_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(TITLE))
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._initial = self.fields.snapshot()
        self.fields.changed.connect(self.revalidate)
        self.revalidate()
        self.details.title.setFocus()

    def revalidate(self) -> None:
        problems = self.fields.local_problems()
        self.fields.show_problems(problems)
        self.save_button.setEnabled(not problems and not self.fields.has_server_problems()
                                    and self._task is None)

    def save(self) -> None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        self.problem.set_problem(None)
        update, actor, document_id = self._services.documents.update, self._actor, \
            self.document.document_id
        form = self.details.form()
        self._task = BackgroundTask(lambda: update(actor, document_id, form))
        self._task.succeeded.connect(self._saved)
        self._task.failed.connect(self._refused)
        self._task.start()
        self.revalidate()

    def _saved(self, document: DocumentView) -> None:
        self._task = None
        self.saved.emit(document)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._task = None
        if isinstance(error, ValidationFailed):
            loose = self.fields.set_server_problems(error.problems)
            self.problem.set_problem(" ".join(loose.values()) or None)
        else:
            self.problem.set_problem(problem_text(error, "The details were not saved."))
        self.revalidate()

    def reject(self) -> None:
        if self.fields.snapshot() != self._initial and not ask_discard(self, "this form"):
            return
        super().reject()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.discard()  # the service still saves it; nobody is left to tell
            self._task = None
        super().done(result)
