"""The letters kept for a family: re-open them exactly as made, save a copy, record as sent,
and keep the translated copies sent with them (each one of the family's documents)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.services.actor import Actor
from plo_tracker.services.document_views import DocumentView
from plo_tracker.services.letter_translation_views import TranslationView
from plo_tracker.services.letters import GeneratedLetterView
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..case_tabs.case_data import local_time
from ..case_tabs.record_table import Column, RecordTable, RecordTableModel
from ..forms.date_field import DateField
from ..forms.fields import ProblemLabel
from ..icons import icon
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .pdf_preview import PdfPreview
from .send_method_choice import SendMethodChoice
from .translation_dialog import TranslationDialog

EMPTY = "No letters have been made for this family yet. Letters appear here once generated."
LOADING = "Loading the letters…"

def sent_text(letter: GeneratedLetterView) -> str:
    if letter.sent_date is None:
        return "Not sent yet"
    method = f", {letter.method.label.lower()}" if letter.method else ""
    return f"{short_date(letter.sent_date)}{method}"


def made_text(letter: GeneratedLetterView) -> str:
    return f"{letter.created_by}, {local_time(letter.created_at)}"


def describe(letter: GeneratedLetterView) -> str:
    """One line naming a letter, for dialog titles and messages."""
    return (f"{letter.letter_type.title} to {letter.recipient_name}, dated "
            f"{short_date(letter.letter_date)}")


COLUMNS: tuple[Column[GeneratedLetterView], ...] = (
    Column("Letter", "The kind of letter", lambda x: x.letter_type.title,
           "Letter before proceedings (unborn baby)"),
    Column("To", "Who the letter is addressed to", lambda x: x.recipient_name,
           "Georgina Middleton"),
    Column("Dated", "The date written on the letter", lambda x: short_date(x.letter_date),
           "Tue 30 Sep 2026"),
    Column("Template", "The version of the letter template it was made from",
           lambda x: f"Version {x.template_version}", "Version 10"),
    Column("Pages", "How many pages it has", lambda x: str(x.pages)),
    Column("Made by", "Who made it, and when", made_text, "alex, Tue 30 Sep 2026 12:00"),
    Column("Sent", "When and how it was sent", sent_text, "Thu 26 Nov 2026, post"),
    Column("Translations", "The languages of the translated copies sent with it",
           lambda x: ", ".join(t.language for t in x.translations), "Romanian"),
)
(COL_LETTER, COL_TO, COL_DATED, COL_TEMPLATE, COL_PAGES, COL_MADE, COL_SENT,
 COL_TRANSLATED) = range(len(COLUMNS))
COMPACT_HIDDEN = (COL_DATED, COL_TEMPLATE, COL_PAGES, COL_MADE, COL_TRANSLATED)
NO_COPIES = "No translated copy has been recorded for this letter."


class LetterViewer(QDialog):
    """A kept letter, shown exactly as it was made (the stored bytes, not a new render)."""

    def __init__(self, letter: GeneratedLetterView, pdf: bytes,
                 parent: QWidget | None = None,
                 save: Callable[[Path, QLabel], None] | None = None) -> None:
        super().__init__(parent)
        self.letter = letter
        self._pdf = pdf
        self._save_to = save  # saves through the service, so the copy is audited
        self.setWindowTitle(describe(letter))
        self.preview = PdfPreview()
        self.preview.set_pdf(pdf)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save a copy…",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"{describe(letter)}. Made from template version {letter.template_version}."))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 700)

    def _save(self) -> None:
        path = choose_save_path(self, self.letter.file_name)
        if path is not None and self._save_to is not None:
            self._save_to(path, self.status)


def choose_save_path(parent: QWidget, suggested: str) -> Path | None:
    """Ask where to save a copy; None if the user changed their mind."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Save a copy of the letter", str(Path.home() / suggested), "PDF files (*.pdf)")
    return Path(name) if name else None


class RecordSentDialog(QDialog):
    """The date a kept letter was sent and how; a letter before proceedings sets the milestone.

    ``recorded`` is emitted once the service has stored it; the dialog then closes.
    """

    recorded = Signal()

    def __init__(self, services: Services, actor: Actor, letter: GeneratedLetterView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.letter = letter
        self._today = services.context.clock.today()
        self._task: BackgroundTask | None = None
        self.setWindowTitle("Record a letter as sent")
        intro = QLabel(f"{describe(letter)}.")
        intro.setWordWrap(True)
        self.date = DateField(self._today, past_only=True)
        self.date.set_date(self._today)
        self.date.set_accessible_name("Date sent")
        self.date_problem = ProblemLabel("the date sent")
        self.methods = SendMethodChoice()
        self.method_problem = ProblemLabel("how it was sent")
        self.problem = ProblemLabel("recording the letter")
        form = QFormLayout()
        date_cell = QVBoxLayout()
        date_cell.addWidget(self.date)
        date_cell.addWidget(self.date_problem)
        form.addRow("Date sent", date_cell)
        method_cell = QVBoxLayout()
        method_cell.addWidget(self.methods)
        method_cell.addWidget(self.method_problem)
        form.addRow("How it was sent", method_cell)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if letter.letter_type.is_letter_before_proceedings:
            milestone = QLabel(f"This also records the date the letter before proceedings was "
                               f"sent to {letter.recipient_name}, and the offer of a family "
                               "group decision-making meeting it makes.")
            milestone.setWordWrap(True)
            layout.addWidget(milestone)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.date.changed.connect(self._check)
        self.methods.changed.connect(self._check)
        self._check()

    def method(self) -> SendMethod | None:
        return self.methods.method()

    def set_method(self, method: SendMethod) -> None:
        self.methods.set_method(method)

    def _date_problem(self) -> str | None:
        if self.date.is_empty():
            return "Enter the date the letter was sent."
        if self.date.problem():
            return self.date.problem()
        sent = self.date.date()
        assert sent is not None
        if sent > self._today:
            return "The date sent cannot be in the future."
        if sent < self.letter.letter_date:
            return (f"The letter is dated {short_date(self.letter.letter_date)}; it cannot "
                    "have been sent before then.")
        return None

    def _check(self) -> None:
        problem = self._date_problem()
        # An empty field is not shouted about; Save stays off until it is filled in.
        self.date_problem.set_problem(None if self.date.is_empty() else problem)
        self.method_problem.set_problem(None)
        self.save_button.setEnabled(problem is None and self.method() is not None
                                    and self._task is None)

    def save(self) -> None:
        sent, method = self.date.date(), self.method()
        if self._date_problem() is not None or sent is None or method is None:
            return
        self.problem.set_problem(None)
        record, actor, letter_id = self._services.letters.record_sent, self._actor, \
            self.letter.letter_id
        self._task = BackgroundTask(lambda: record(actor, letter_id, sent, method))
        self._task.succeeded.connect(self._saved)
        self._task.failed.connect(self._refused)
        self._task.start()
        self._check()

    def _saved(self, _saved: object) -> None:
        self._task = None
        self.recorded.emit()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._task = None
        if isinstance(error, ValidationFailed) and "sent_date" in error.problems:
            self.date_problem.set_problem(error.problems.pop("sent_date"))
            rest = " ".join(error.problems.values())
            self.problem.set_problem(rest or None)
        else:
            self.problem.set_problem(problem_text(error))
        self._check()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.discard()  # the service still records it; nobody is left to tell
            self._task = None
        super().done(result)


class GeneratedLettersView(QWidget):
    """Every letter kept for one family, newest first, with what can be done to each.

    ``changed`` is emitted after a letter is recorded as sent (the family's record changed).
    """

    changed = Signal()
    loaded = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None,
                 compact: bool = False) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._family_id: int | None = None
        self._only: frozenset[int] | None = None
        self._load: BackgroundTask | None = None
        self._pending: dict[object, Callable[[bytes], None]] = {}
        self._saving: dict[object, QLabel] = {}
        self.viewers: list[LetterViewer] = []
        self._filing: BackgroundTask | None = None
        self.record_dialog: RecordSentDialog | None = None
        self.translation_dialog: TranslationDialog | None = None
        self.copy_viewers: list[QDialog] = []
        self.model: RecordTableModel[GeneratedLetterView] = RecordTableModel(COLUMNS)
        self.records = RecordTable(self.model, "Letters kept for this family", EMPTY)
        self.table = self.records.table
        self.table.setWordWrap(False)
        if compact:
            # Beside a preview there is room for little; these letters were all made just now.
            for column in COMPACT_HIDDEN:
                self.table.setColumnHidden(column, True)
            self.table.horizontalHeader().resizeSection(
                COL_LETTER, self.table.fontMetrics().horizontalAdvance(
                    "Letter before proceedings") + 16)
        self.open_button = QPushButton("Open")
        self.open_button.setIcon(icon("open"))
        self.save_button = QPushButton("Save a copy…")
        self.save_button.setIcon(icon("save"))
        self.sent_button = QPushButton("Record as sent…")
        self.file_button = QPushButton("Add to documents")
        self.file_button.setToolTip("Keep the letter among the family's documents, ready "
                                    "for a court bundle")
        self.file_button.setVisible(allows(actor, Permission.EDIT_CASES))
        self.translate_button = QPushButton("Add translated copy…")
        self.translate_button.setToolTip(
            "Keep the translated copy sent with this letter (a PDF, Word document or "
            "picture) among the family's documents, with its language and when it was sent")
        self.translate_button.setVisible(allows(actor, Permission.EDIT_CASES))
        # The selected letter's translated copies, in words, each opened as documents are.
        self.copies_label = QLabel(NO_COPIES)
        self.copies_label.setWordWrap(True)
        self.copies = QListWidget()
        self.copies.setAccessibleName("Translated copies of the letter")
        self.copies.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.copies.hide()
        self.open_copy_button = QPushButton("Open the copy")
        self.open_copy_button.setIcon(icon("open"))
        self.open_copy_button.setToolTip("Show the translated copy as it is kept")
        self.open_copy_button.setVisible(allows(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES))
        self.open_button.setToolTip("Show the letter exactly as it was made")
        self.save_button.setToolTip("Save the letter as a PDF file, to print or send by email")
        self.sent_button.setToolTip("Record the date the letter was sent and how")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Letters status")
        row = QHBoxLayout()
        for button in (self.open_button, self.save_button, self.sent_button, self.file_button,
                       self.translate_button):
            row.addWidget(button)
        row.addStretch(1)
        copies_row = QHBoxLayout()
        copies_row.addWidget(self.copies, 1)
        copies_row.addWidget(self.open_copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.records, 1)
        layout.addLayout(row)
        layout.addWidget(self.copies_label)
        layout.addLayout(copies_row)
        layout.addWidget(self.status)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self._save_selected)
        self.sent_button.clicked.connect(self.record_selected)
        self.file_button.clicked.connect(self.add_selected_to_documents)
        self.translate_button.clicked.connect(self.add_translation)
        self.open_copy_button.clicked.connect(self.open_copy)
        self.copies.itemActivated.connect(lambda _item: self.open_copy())
        self.copies.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._show_copies)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._show_copies()

    # -- what callers use -----------------------------------------------------------------
    def set_family(self, family_id: int, only: Sequence[int] | None = None) -> None:
        """Load the letters kept for a family (or only those with the ids given)."""
        self._family_id = family_id
        self._only = frozenset(only) if only is not None else None
        self.reload()

    def reload(self) -> None:
        if self._family_id is None:
            return
        if self._load is not None:
            self._load.discard()
        family_id = self._family_id
        self.status.setText(LOADING)
        generated, actor = self._services.letters.generated, self._actor
        self._load = BackgroundTask(lambda: generated(actor, family_id))
        self._load.succeeded.connect(self._loaded)
        self._load.failed.connect(self._load_failed)
        self._load.start()

    def letters(self) -> list[GeneratedLetterView]:
        return [self.model.record(row) for row in range(self.model.rowCount())]

    def select(self, letter_id: int) -> None:
        for row, letter in enumerate(self.letters()):
            if letter.letter_id == letter_id:
                self.table.selectRow(row)
                return

    def selected(self) -> GeneratedLetterView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        letter = self.selected()
        if letter is not None:
            self._fetch(letter, lambda pdf: self._show(letter, pdf))

    def save_copy(self, letter: GeneratedLetterView, path: Path,
                  status: QLabel | None = None) -> None:
        """Write the kept letter to ``path``, in the background; saving a copy is audited
        (it is how letters are printed). ``status`` says how it went (this view's own line
        by default)."""
        save, actor, letter_id = self._services.letter_prints.save_copy, self._actor, \
            letter.letter_id
        self._save_in_background(lambda: save(actor, letter_id, path), status)

    def _save_in_background(self, work: Callable[[], Path], status: QLabel | None) -> None:
        task = BackgroundTask(work)
        task.succeeded.connect(self._saved_copy)
        task.failed.connect(self._copy_failed)
        self._saving[task] = status or self.status
        task.start()

    def _saved_copy(self, path: Path) -> None:
        status = self._saving.pop(self.sender(), None)
        if status is not None:
            status.setText(f"Saved a copy as {path.name}.")

    def _copy_failed(self, error: BaseException) -> None:
        status = self._saving.pop(self.sender(), None)
        if status is None:
            return
        if isinstance(error, OSError):
            status.setText(f"The copy could not be saved there ({error.strerror}). "
                           "Choose another folder.")
        else:
            status.setText(f"The copy could not be saved. {problem_text(error)}")

    def record_selected(self) -> None:
        letter = self.selected()
        if letter is None or letter.sent_date is not None:
            return
        dialog = RecordSentDialog(self._services, self._actor, letter, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda: self._recorded(letter))
        dialog.finished.connect(lambda _r: setattr(self, "record_dialog", None))
        self.record_dialog = dialog
        dialog.open()

    def add_translation(self) -> TranslationDialog | None:
        """Open the dialog that keeps a translated copy of the chosen letter."""
        letter = self.selected()
        if letter is None or self.translate_button.isHidden():
            return None
        dialog = TranslationDialog(self._services, self._actor, letter, describe(letter),
                                   self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._translated)
        dialog.finished.connect(lambda _r: setattr(self, "translation_dialog", None))
        self.translation_dialog = dialog
        dialog.open()
        return dialog

    def selected_copy(self) -> TranslationView | None:
        item = self.copies.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_copy(self) -> None:
        """Show the chosen translated copy in the documents' viewer (looking is audited)."""
        copy = self.selected_copy()
        if copy is None or self.open_copy_button.isHidden():
            return
        documents, actor, document_id = self._services.documents, self._actor, copy.document_id
        task = BackgroundTask(lambda: (documents.get(actor, document_id),
                                       documents.pdf_path(actor, document_id).read_bytes()))
        task.succeeded.connect(self._show_copy)
        task.failed.connect(self._copy_open_failed)
        self._pending[task] = lambda _pdf: None  # held until it reports
        task.start()

    def add_selected_to_documents(self) -> None:
        """Keep the chosen letter as one of the family's documents, in one step."""
        letter = self.selected()
        if letter is None or not self.file_button.isVisible():
            return
        add, actor, letter_id = self._services.documents.add_letter, self._actor, \
            letter.letter_id
        self.file_button.setEnabled(False)
        task = BackgroundTask(lambda: add(actor, letter_id))
        task.succeeded.connect(self._filed)
        task.failed.connect(self._file_refused)
        self._filing = task
        task.start()

    # -- inside ---------------------------------------------------------------------------
    def _filed(self, document: DocumentView) -> None:
        self._filing = None
        self._update_buttons()
        self.status.setText(
            f"Added to the family's documents as “{document.title}”, in bundle section "
            f"{document.default_section}. It is listed on the family's Documents tab.")
        self.changed.emit()

    def _file_refused(self, error: BaseException) -> None:
        self._filing = None
        self._update_buttons()
        self.status.setText(problem_text(error, "The letter was not added to the documents."))

    def _loaded(self, letters: list[GeneratedLetterView]) -> None:
        self._load = None
        chosen = self.selected()
        if self._only is not None:
            letters = [x for x in letters if x.letter_id in self._only]
        self.records.set_records(letters)
        if chosen is not None:
            self.select(chosen.letter_id)
        elif letters:
            self.table.selectRow(0)
        if self.status.text() == LOADING:
            self.status.clear()
        self._show_copies()  # the list is new even when the same letter stays selected
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._load = None
        self.status.setText(f"The letters could not be loaded. {problem_text(error)}")

    def _save_selected(self) -> None:
        letter = self.selected()
        if letter is None:
            return
        path = choose_save_path(self, letter.file_name)
        if path is not None:
            self.save_copy(letter, path)

    def _fetch(self, letter: GeneratedLetterView, then: Callable[[bytes], None]) -> None:
        fetch, actor, letter_id = self._services.letters.open, self._actor, letter.letter_id
        task = BackgroundTask(lambda: fetch(actor, letter_id))
        # Bound methods only: Qt drops them if this view is deleted before the task reports.
        task.succeeded.connect(self._fetched)
        task.failed.connect(self._fetch_failed)
        self._pending[task] = then
        task.start()

    def _fetched(self, pdf: bytes) -> None:
        then = self._pending.pop(self.sender(), None)
        if then is not None:
            then(pdf)

    def _fetch_failed(self, error: BaseException) -> None:
        self._pending.pop(self.sender(), None)
        self.status.setText(f"The letter could not be opened. {problem_text(error)}")

    def _show(self, letter: GeneratedLetterView, pdf: bytes) -> None:
        viewer = LetterViewer(letter, pdf, self.window(),
                              lambda path, status: self.save_copy(letter, path, status))
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.finished.connect(lambda _r: self.viewers.remove(viewer))
        self.viewers.append(viewer)
        viewer.show()

    def _show_copies(self) -> None:
        """The selected letter's translated copies, in words, under the list."""
        letter = self.selected()
        copies = letter.translations if letter is not None else ()
        self.copies.clear()
        for copy in copies:
            item = QListWidgetItem(f"{copy.words()} (recorded by {copy.recorded_by})")
            item.setData(Qt.ItemDataRole.UserRole, copy)
            self.copies.addItem(item)
        if copies:
            self.copies.setCurrentRow(0)
            self.copies_label.setText("Translated copies of this letter:")
        else:
            self.copies_label.setText(NO_COPIES)
        self.copies_label.setVisible(letter is not None)
        self.copies.setVisible(bool(copies))
        self.open_copy_button.setVisible(
            bool(copies) and allows(self._actor, Permission.SEE_CONFIDENTIAL_ADDRESSES))
        self._update_buttons()

    def _show_copy(self, found: tuple[DocumentView, bytes]) -> None:
        from ..documents.document_viewer import show_viewer

        self._pending.pop(self.sender(), None)
        document, pdf = found
        documents, actor = self._services.documents, self._actor
        show_viewer(document, pdf, lambda path, status: self._save_in_background(
            lambda: documents.save_copy(actor, document.document_id, path), status),
            self.window(), self.copy_viewers)

    def _copy_open_failed(self, error: BaseException) -> None:
        self._pending.pop(self.sender(), None)
        self.status.setText(problem_text(error, "The translated copy could not be opened."))

    def _translated(self, copy: TranslationView) -> None:
        letter = self.selected()
        about = describe(letter) if letter is not None else "the letter"
        self.reload()  # first: loading shows its own words until the list is back
        self.status.setText(f"Kept: {copy.words()}, for {about}. It is listed on the "
                            "family's Documents tab.")
        self.changed.emit()

    def _recorded(self, letter: GeneratedLetterView) -> None:
        self.reload()  # first: loading shows its own words until the list is back
        self.status.setText(f"Recorded as sent: {describe(letter)}.")
        self.changed.emit()

    def _update_buttons(self) -> None:
        letter = self.selected()
        can_edit = allows(self._actor, Permission.EDIT_CASES)
        self.open_button.setEnabled(letter is not None)
        self.save_button.setEnabled(letter is not None)
        self.sent_button.setEnabled(letter is not None and letter.sent_date is None and can_edit)
        self.file_button.setEnabled(letter is not None and self._filing is None)
        self.translate_button.setEnabled(letter is not None and can_edit)
        self.open_copy_button.setEnabled(self.selected_copy() is not None)
        if letter is not None and letter.sent_date is not None:
            self.sent_button.setToolTip(f"Already recorded as sent on "
                                        f"{short_date(letter.sent_date)}")
        else:
            self.sent_button.setToolTip("Record the date the letter was sent and how")

