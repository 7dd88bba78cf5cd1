"""Add… on the Documents tab: choose files, say what they are, and add them in the background.

Each file goes through the service's intake (checked, mended, converted, made searchable)
on a worker thread, with a progress bar and Cancel, so the window never freezes. A refused
file's reason (which names it) is shown under the file field; everything typed stays.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.document_views import DocumentView
from plo_tracker.services.registry import Services

from ..forms.fields import FieldSet, ProblemLabel
from ..forms.form_dialog import ask_discard, fit_height, heading_label
from .document_fields import DocumentFields
from .document_rows import describe
from .file_chooser import FileChooser
from .intake_progress import IntakeRun, cancelled_words, show_refusal

TITLE = "Add documents"
FILE_NEEDED = "Choose the file to add."
SEVERAL_TITLES = ("Each document takes its title from its file's name; change a title "
                  "afterwards with Edit details… on the Documents tab.")
SEVERAL_PLACEHOLDER = "From each file's name"
REFUSED_SEE_FIELDS = "Some details were not accepted: see the messages under the fields."


def title_from_name(path: Path) -> str:
    """A title from a file's name: "care_plan-v2.pdf" gives "Care plan v2"."""
    words = " ".join(re.sub(r"[_]+|(?<=\w)-(?=\w)|\.+", " ", path.stem).split())
    return words[:1].upper() + words[1:]


class AddDocumentDialog(QDialog):
    """Adds one or more files to a family's documents with the details typed here.

    ``added`` is emitted for each document as the service keeps it; the dialog closes
    (Accepted) once every chosen file is in. ``added_documents`` lists them.
    """

    added = Signal(object)  # DocumentView

    def __init__(self, services: Services, actor: Actor, family_id: int, family_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._family_id = family_id
        self._queue: list[Path] = []
        self._auto_title = ""  # the title made from the file's name, while the user keeps it
        self._held_title: str | None = None  # the title typed, put aside while several files
        self.added_documents: list[DocumentView] = []
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)

        family = QLabel(f"For family {family_name}.")
        family.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        self.fields = FieldSet(form, self)
        self.files: FileChooser = self.fields.add("file", "File", FileChooser(),
                                                  required=FILE_NEEDED)
        self.details = DocumentFields(self.fields, services.context.clock.today(),
                                      services.settings.current().bundles.sections, self)
        self.several_note = QLabel(SEVERAL_TITLES)
        self.several_note.setWordWrap(True)
        self.several_note.hide()

        self.intake = IntakeRun("the documents", self)
        self.progress_label, self.progress_bar = self.intake.label, self.intake.bar
        self.intake.succeeded.connect(self._added)
        self.intake.failed.connect(self._failed)
        self.problem = ProblemLabel("adding the documents")

        self.buttons = QDialogButtonBox()
        self.add_button: QPushButton = self.buttons.addButton(
            "Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.add_button.clicked.connect(self.add)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(TITLE))
        layout.addWidget(family)
        layout.addLayout(form)
        layout.addWidget(self.several_note)
        layout.addStretch(1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)

        self._initial = self.fields.snapshot()
        self.files.changed.connect(self._files_changed)
        self.fields.changed.connect(self.revalidate)
        self.revalidate()
        self.files.choose_button.setFocus()

    # -- what the tab and tests use -------------------------------------------------------
    def is_running(self) -> bool:
        return self.intake.is_running()

    def add(self) -> None:
        """Add every chosen file, one after another, in the background."""
        self.revalidate()
        if not self.add_button.isEnabled():
            return
        self.problem.set_problem(None)
        self._queue = list(self.files.paths())
        self._next()

    def cancel_intake(self) -> None:
        """Stop the file being added; the service leaves nothing of it behind."""
        if self.intake.is_running():
            self.intake.cancel()
            self.cancel_button.setEnabled(False)

    # -- checking -------------------------------------------------------------------------
    def revalidate(self) -> None:
        problems = self.fields.local_problems()
        self.fields.show_problems(problems)
        self.add_button.setEnabled(not problems and not self.fields.has_server_problems()
                                   and not self.intake.is_running())
        fit_height(self)

    def _files_changed(self) -> None:
        paths = self.files.paths()
        several = len(paths) > 1
        title = self.details.title
        if several and self._held_title is None:
            # Each file names its own document; what was typed comes back for one file.
            self._held_title = title.text()
            title.clear()
            title.setPlaceholderText(SEVERAL_PLACEHOLDER)
        elif not several and self._held_title is not None:
            title.setText(self._held_title)
            title.setPlaceholderText("")
            self._held_title = None
        title.setEnabled(not several and not self.intake.is_running())
        self.several_note.setVisible(several)
        self.revalidate()  # the title's row is checked only while it is in use
        if len(paths) == 1:
            typed = self.details.title.text().strip()
            # A title the user typed is theirs; one made from the last file's name follows
            # the new file.
            if not typed or typed == self._auto_title:
                self._auto_title = title_from_name(paths[0])
                self.details.title.setText(self._auto_title)

    # -- adding ---------------------------------------------------------------------------
    def _next(self) -> None:
        if not self._queue:
            self._running(False)
            self.accept()
            return
        path = self._queue[0]
        several = len(self.files.paths()) > 1
        form = self.details.form(title_from_name(path) if several else None)
        add_file, actor, family_id = self._services.documents.add_file, self._actor, \
            self._family_id
        done = len(self.files.paths()) - len(self._queue)
        self.intake.start(
            lambda report, cancelled: add_file(actor, family_id, path, form, progress=report,
                                               cancelled=cancelled),
            f"Adding {path.name}…" if not several else
            f"Adding {path.name} ({done + 1} of {len(self.files.paths())})…")
        self._running(True)

    def _added(self, document: DocumentView, cancelled: bool) -> None:
        # Cancel pressed too late for this file (``cancelled``): it is in, and the rest are
        # not started.
        self._queue.pop(0)
        self.added_documents.append(document)
        self.added.emit(document)
        if cancelled and self._queue:
            self.files.set_paths(self._queue)
            self._queue = []
            self._running(False)
            self.progress_label.setText(f"Cancelled. {self._already_added()}")
            return
        self._next()

    def _failed(self, error: BaseException, cancelled: bool) -> None:
        self._running(False)
        # The files already in are not offered again; the rest stay chosen.
        if self.added_documents:
            self.files.set_paths(self._queue)
        self._queue = []
        self.progress_label.setText(self._already_added())
        words = cancelled_words(error, cancelled, "Cancelled. Nothing more was added.")
        if words is not None:
            self.progress_label.setText(f"{words} {self._already_added()}".strip())
            self.revalidate()
            return
        show_refusal(error, self.fields, self.problem, self.revalidate,
                     "The document was not added.", see_fields=REFUSED_SEE_FIELDS)

    def _already_added(self) -> str:
        if not self.added_documents:
            return ""
        return "Already added: " + ", ".join(describe(d) for d in self.added_documents) + "."

    def _running(self, running: bool) -> None:
        """While a file is going in the entries are held still; Cancel stops the intake."""
        self.intake.show_running(running, self.fields, self.cancel_button)
        if not running:
            self._files_changed()
        self.revalidate()

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel while adding stops the intake; otherwise it closes (asking first if
        anything was typed)."""
        if self.intake.is_running():
            self.cancel_intake()
            return
        if not self.added_documents and self.fields.snapshot() != self._initial \
                and not ask_discard(self, "this form"):
            return
        super().reject()

    def done(self, result: int) -> None:
        self.intake.stop()  # closed with the window: the intake leaves nothing behind
        super().done(result)
