"""The Documents tab: the family's statements, reports, plans and letters kept for court.

Adding, opening and removing go through the document service in the background; what
the service refuses is said in words under the buttons. Opening a document (unredacted
evidence) and the confidential details register need a role that may see confidential
addresses; roles that may not see neither button.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from plo_tracker.services.actor import Actor
from plo_tracker.services.document_views import DocumentView
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..documents.add_document_dialog import AddDocumentDialog
from ..documents.confidential_register_dialog import ConfidentialRegisterDialog
from ..documents.copy_path import choose_copy_path
from ..documents.document_rows import describe, document_columns
from ..documents.edit_document_dialog import EditDocumentDialog
from ..icons import icon
from ..problem_text import problem_text
from ..workers import NamedTasks
from .case_data import CaseData, family_title
from .case_tab import CaseTab
from .record_table import RecordTable, RecordTableModel

if TYPE_CHECKING:
    from ..documents.document_viewer import DocumentViewer
    from ..documents.kept_letters_dialog import KeptLettersDialog

EMPTY_EDITOR = ("No documents yet. Use Add… to attach statements, assessments, care plans and "
                "other files (PDF, images or Word documents), or Add a letter… for a letter "
                "made here.")
EMPTY_READER = "No documents have been added for this family yet."


class DocumentsTab(CaseTab):
    """The family's documents, with what the user's role lets them do to each.

    ``changed`` is emitted after a document is added, changed or removed (the workspace
    reloads the family, so this tab and the history show it).
    """

    title = "Documents"
    changed = Signal()

    def __init__(self, services: Services, actor: Actor, family_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._family_id = family_id
        self._family_name = ""
        self._read_only_reason: str | None = None  # another team's family, say
        self._titles: dict[int, str] = {}
        self._tasks = NamedTasks(self)
        self._saving_to: QLabel | None = None
        # The document each running call is about, by the call's name (bound methods
        # only as callbacks: Qt drops them if the tab goes first).
        self._about: dict[str, DocumentView] = {}
        self.viewers: list[DocumentViewer] = []
        can_edit = allows(actor, Permission.EDIT_CASES)
        can_see = allows(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES)
        self.empty_text = EMPTY_EDITOR if can_edit else EMPTY_READER
        self.model: RecordTableModel[DocumentView] = RecordTableModel(
            document_columns(self._titles))
        self.table = RecordTable(self.model, "Documents", self.empty_text)
        self.view = self.table.table

        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Add files to the family's documents")
        self.letter_button = QPushButton("Add a letter…")
        self.letter_button.setToolTip("Add a letter made for this family to its documents")
        self.edit_button = QPushButton("Edit details…")
        self.edit_button.setToolTip("Change the title, date, author, type or bundle section")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Take the document out of the family's documents")
        self.open_button = QPushButton("Open")
        self.open_button.setIcon(icon("open"))
        self.open_button.setToolTip("Show the document as it is kept")
        self.save_button = QPushButton("Save a copy…")
        self.save_button.setIcon(icon("save"))
        self.save_button.setToolTip("Save the document as a PDF file")
        self.register_button = QPushButton("Confidential details…")
        self.register_button.setToolTip(
            "The addresses, phone numbers, schools and other details that must never reach "
            "a party: bundles are checked for them before they are made")
        for button, shown in ((self.add_button, can_edit), (self.letter_button, can_edit),
                              (self.edit_button, can_edit),
                              (self.remove_button, can_edit), (self.open_button, can_see),
                              (self.save_button, can_see), (self.register_button, can_see)):
            button.setVisible(shown)
        self._tips = {button: button.toolTip() for button in (
            self.add_button, self.letter_button, self.edit_button, self.remove_button)}
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Documents status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        row = QHBoxLayout()
        for button in (self.add_button, self.letter_button, self.open_button,
                       self.edit_button, self.save_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self.add_button.clicked.connect(self.add_documents)
        self.letter_button.clicked.connect(self.add_letter)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.register_button.clicked.connect(self.open_register)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.view, self.open_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view,
                  self.remove_selected, context=Qt.ShortcutContext.WidgetShortcut)
        self._update_buttons()

    # -- what the workspace uses ----------------------------------------------------------
    def show_case(self, data: CaseData) -> None:
        chosen = self.selected()
        self._family_name = family_title(data.detail)
        self._read_only_reason = data.detail.read_only_reason
        documents = data.documents
        # The columns read this map for "same file as …"; it is filled before the rows.
        self._titles.clear()
        self._titles.update({d.document_id: d.title for d in documents})
        self.table.set_records(documents)
        if chosen is not None:
            self.select(chosen.document_id)
        self._update_buttons()

    def count(self) -> int:
        return self.model.rowCount()

    # -- what the user does ---------------------------------------------------------------
    def documents(self) -> list[DocumentView]:
        return [self.model.record(row) for row in range(self.model.rowCount())]

    def selected(self) -> DocumentView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select(self, document_id: int) -> None:
        for row, document in enumerate(self.documents()):
            if document.document_id == document_id:
                self.view.selectRow(row)
                return

    def add_documents(self) -> AddDocumentDialog:
        """Open the add dialog (window-modal, so the tab's other families stay usable)."""
        dialog = AddDocumentDialog(self._services, self._actor, self._family_id,
                                   self._family_name, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._added)
        dialog.open()
        return dialog

    def add_letter(self) -> KeptLettersDialog:
        # The letters' code and the PDF viewer (QtPdf) load when first used, not with
        # every family's workspace.
        from ..documents.kept_letters_dialog import KeptLettersDialog

        dialog = KeptLettersDialog(self._services, self._actor, self._family_id,
                                   self._family_name, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.changed)
        dialog.open()
        return dialog

    def edit_selected(self) -> EditDocumentDialog | None:
        document = self.selected()
        if document is None:
            return None
        dialog = EditDocumentDialog(self._services, self._actor, document, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._edited)
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        document = self.selected()
        if document is None or not self.remove_button.isVisible() \
                or not confirm_remove(self, document):
            return
        remove, actor, document_id = self._services.documents.remove, self._actor, \
            document.document_id
        self.status.setText(f"Removing {describe(document)}…")
        self._about["remove"] = document
        self._tasks.run("remove", lambda: remove(actor, document_id), self._removed,
                        self._remove_failed)

    def open_selected(self) -> None:
        document = self.selected()
        if document is None or not self.open_button.isVisible():
            return
        pdf_path, actor, document_id = self._services.documents.pdf_path, self._actor, \
            document.document_id
        self.status.setText(f"Opening {describe(document)}…")
        self._about["open"] = document
        self._tasks.run("open", lambda: pdf_path(actor, document_id).read_bytes(),
                        self._show, self._open_failed)

    def save_selected(self) -> None:
        document = self.selected()
        if document is None or not self.save_button.isVisible():
            return
        path = choose_copy_path(self, document)
        if path is not None:
            self.save_copy(document, path)

    def save_copy(self, document: DocumentView, path: Path,
                  status: QLabel | None = None) -> None:
        """Write a copy of the document to ``path`` in the background (audited)."""
        save, actor, document_id = self._services.documents.save_copy, self._actor, \
            document.document_id
        self._saving_to = status or self.status
        self._tasks.run("save", lambda: save(actor, document_id, path),
                        self._saved_copy, self._copy_failed)

    def open_register(self) -> ConfidentialRegisterDialog:
        dialog = ConfidentialRegisterDialog(self._services, self._actor, self._family_id,
                                            self._family_name, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- what comes back ------------------------------------------------------------------
    def _added(self, document: DocumentView) -> None:
        pages = f"{document.page_count:,} page{'' if document.page_count == 1 else 's'}"
        notes = " ".join(document.intake_notes)
        self.status.setText(f"Added {describe(document)}: {pages}, in section "
                            f"{document.default_section}. {notes}".strip())
        self.changed.emit()

    def _edited(self, document: DocumentView) -> None:
        self.status.setText(f"Saved the details of {describe(document)}.")
        self.changed.emit()

    def _removed(self, _none: None) -> None:
        document = self._about.pop("remove")
        self.status.setText(f"Removed {describe(document)} from the family's documents.")
        self.changed.emit()

    def _remove_failed(self, error: BaseException) -> None:
        self.status.setText(problem_text(error, "The document was not removed."))

    def _show(self, pdf: bytes) -> None:
        from ..documents.document_viewer import show_viewer

        document = self._about.pop("open")
        self.status.clear()
        show_viewer(document, pdf, lambda path, status: self.save_copy(document, path, status),
                    self.window(), self.viewers)

    def _open_failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            self.status.setText("The document's file could not be read. Ask IT to run "
                                "“plo-tracker check”, which says which files are missing.")
        else:
            self.status.setText(problem_text(error, "The document could not be opened."))

    def _saved_copy(self, path: Path) -> None:
        if self._saving_to is not None:
            self._saving_to.setText(f"Saved a copy as {path.name} in {path.parent}.")

    def _copy_failed(self, error: BaseException) -> None:
        if self._saving_to is None:
            return
        if isinstance(error, OSError):
            self._saving_to.setText(f"The copy could not be saved there "
                                    f"({error.strerror}). Choose another folder.")
        else:
            self._saving_to.setText(problem_text(error, "The copy could not be saved."))

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.save_button):
            button.setEnabled(chosen)
        # A family this person may only read: the changes stay in view, greyed, saying why
        # (the service refuses them all the same).
        may_change = self._read_only_reason is None
        for button, needs_choice in ((self.add_button, False), (self.letter_button, False),
                                     (self.edit_button, True), (self.remove_button, True)):
            button.setEnabled(may_change and (chosen or not needs_choice))
            button.setToolTip(self._read_only_reason or self._tips[button])


def confirm_remove(parent: QWidget, document: DocumentView) -> bool:
    """Ask before a document is taken out of the family's documents; True means remove."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Remove the document?")
    box.setText(f"Remove {describe(document)} from this family's documents?")
    box.setInformativeText("It will no longer be offered for bundles. The history keeps a "
                           "record that it was removed, and by whom.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("Remove")
    box.button(QMessageBox.StandardButton.No).setText("Keep it")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Yes
