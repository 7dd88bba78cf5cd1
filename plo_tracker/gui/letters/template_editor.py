"""Editing letter templates: the text, checks, a live preview, notes and versions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.documents.easy_read_pdf import render_easy_read
from plo_tracker.documents.letter_checks import LetterNotReady
from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.letter_pdf import render_letter
from plo_tracker.documents.letter_text import letter_readability
from plo_tracker.documents.templates import TemplateProblem
from plo_tracker.domain import easy_read
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.services.actor import Actor
from plo_tracker.services.caseload import FamilySummary
from plo_tracker.services.letter_templates import TemplateVersion
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..case_tabs.case_data import local_time
from ..case_tabs.record_table import RecordTable
from ..forms.fields import ProblemLabel
from ..icons import icon
from ..problem_text import problem_text
from ..workers import NamedTasks
from .pdf_preview import PdfPreview
from .readability_panel import ReadabilityPanel
from .template_help import SNIPPET_ROLE, TemplateHelpTabs
from .template_text_edit import TemplateTextEdit
from .template_versions_model import TemplateVersionsModel
from .version_note_dialog import VersionNoteDialog
from .version_text_dialog import VersionTextDialog

SAMPLE = "The fictional sample family"
# Typing pauses for this long before the preview is made again.
PREVIEW_DELAY_MS = 600
# The readability is scored again this long after typing pauses, away from the window's
# thread, so typing never waits for it.
READABILITY_DELAY_MS = 400
EASY_READ_PREVIEW = "Easy Read letters preview with the fictional sample family."
EASY_READ_SENT = (" Sent after the standard letter, in the same file, to adults with a learning "
                  "disability and to anyone it is asked for.")
READ_ONLY_NOTE = ("Only administrators can change letter templates. You can read, check and "
                  "preview them.")


class TemplateEditorDialog(QDialog):
    """Administrators change the letter templates; everyone else may read and preview them.

    ``saved`` is emitted with the new TemplateVersion after each save.
    """

    saved = Signal(object)
    preview_shown = Signal()
    versions_loaded = Signal()
    readability_shown = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.can_edit = allows(actor, Permission.MANAGE_SETTINGS)
        self._saved_source = ""
        self._tasks = NamedTasks(self)
        self._families: list[FamilySummary] = []
        self.note_dialog: VersionNoteDialog | None = None
        self.version_dialog: VersionTextDialog | None = None
        self.discard_box: QMessageBox | None = None
        self.setWindowTitle("Letter templates")
        self.setSizeGripEnabled(True)

        self.letter_type = QComboBox()
        for kind in LetterType:
            # Each Easy Read template right after its standard letter; the item's data is
            # the name the template is kept under ("lbp", "lbp-easy-read").
            for easy in (False, True) if easy_read.has_easy_read(kind) else (False,):
                self.letter_type.addItem(easy_read.template_title(kind, easy),
                                         easy_read.stored_code(kind, easy))
        self.letter_type.setAccessibleName("Letter")
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.read_only_note = QLabel(READ_ONLY_NOTE)
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self.can_edit)

        self.help_tabs = TemplateHelpTabs()
        self.fields_tree = self.help_tabs.fields_tree

        self.editor = TemplateTextEdit()
        self.editor.setAccessibleName("Template text")
        self.editor.setReadOnly(not self.can_edit)
        self.position = QLabel()
        self.problem = ProblemLabel("the template")
        self.go_to_problem = QPushButton("Go to the line")
        self.go_to_problem.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Template status")
        self.check_button = QPushButton("Check")
        self.check_button.setToolTip("Fill the template in with the sample family and say what, "
                                     "if anything, is wrong")
        self.save_button = QPushButton("Save…")
        self.save_button.setIcon(icon("save"))
        self.save_button.setDefault(True)
        self.save_button.setVisible(self.can_edit)
        self.revert_button = QPushButton("Undo all changes")
        self.revert_button.setVisible(self.can_edit)
        middle = QWidget()
        middle_column = QVBoxLayout(middle)
        middle_column.setContentsMargins(0, 0, 0, 0)
        middle_column.addWidget(self.editor, 1)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem, 1)
        problem_row.addWidget(self.go_to_problem)
        middle_column.addLayout(problem_row)
        middle_column.addWidget(self.message)
        edit_buttons = QHBoxLayout()
        edit_buttons.addWidget(self.position)
        edit_buttons.addStretch(1)
        edit_buttons.addWidget(self.revert_button)
        edit_buttons.addWidget(self.check_button)
        edit_buttons.addWidget(self.save_button)
        middle_column.addLayout(edit_buttons)

        self.preview_with = QComboBox()
        self.preview_with.setAccessibleName("Preview with")
        self.preview_with.addItem(SAMPLE, None)
        self.preview = PdfPreview("The preview appears here.")
        preview_page = QWidget()
        preview_column = QVBoxLayout(preview_page)
        with_row = QHBoxLayout()
        with_row.addWidget(QLabel("Preview with"))
        with_row.addWidget(self.preview_with, 1)
        preview_column.addLayout(with_row)
        preview_column.addWidget(self.preview, 1)
        self.versions_model = TemplateVersionsModel()
        self.versions_table = RecordTable(self.versions_model, "Versions",
                                          "Loading the versions…")
        self.versions = self.versions_table.table
        self.view_version = QPushButton("View this version")
        self.restore_version = QPushButton("Restore this version…")
        self.restore_version.setVisible(self.can_edit)
        versions_page = QWidget()
        versions_column = QVBoxLayout(versions_page)
        versions_column.addWidget(self.versions_table, 1)
        version_buttons = QHBoxLayout()
        version_buttons.addStretch(1)
        version_buttons.addWidget(self.view_version)
        version_buttons.addWidget(self.restore_version)
        versions_column.addLayout(version_buttons)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(preview_page, "Preview")
        self.side_tabs.addTab(versions_page, "Versions")
        self.readability = ReadabilityPanel()
        self.side_tabs.addTab(self.readability, "Readability")

        splitter = QSplitter()
        splitter.addWidget(self.help_tabs)
        splitter.addWidget(middle)
        splitter.addWidget(self.side_tabs)
        splitter.setSizes([260, 540, 480])
        splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("Letter"))
        top.addWidget(self.letter_type)
        top.addWidget(self.version_label, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.read_only_note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1300, 700)  # fits a 1366x768 laptop screen

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._readability_timer = QTimer(self)
        self._readability_timer.setSingleShot(True)
        self._readability_timer.setInterval(READABILITY_DELAY_MS)
        self._readability_timer.timeout.connect(self.refresh_readability)
        self.letter_type.currentIndexChanged.connect(self._type_changed)
        self.editor.textChanged.connect(self._text_changed)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self.fields_tree.itemDoubleClicked.connect(self._insert_field)
        self.check_button.clicked.connect(self.check)
        self.save_button.clicked.connect(self.ask_to_save)
        self.revert_button.clicked.connect(self._revert)
        self.go_to_problem.clicked.connect(self._go_to_problem)
        self.preview_with.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.view_version.clicked.connect(self.show_version)
        self.restore_version.clicked.connect(self._restore_selected)
        self.versions.doubleClicked.connect(lambda _index: self.show_version())
        self._problem_line = 0
        self._loaded_message = ""
        self._run("families", lambda: services.caseload.families(actor), self._families_loaded,
                  lambda _error: None)
        self._type_changed()

    # -- what callers and tests use -------------------------------------------------------
    def chosen_type(self) -> LetterType:
        return easy_read.from_stored_code(self.letter_type.currentData())[0]

    def chosen_easy_read(self) -> bool:
        """True when the template chosen is a letter's Easy Read version."""
        return easy_read.from_stored_code(self.letter_type.currentData())[1]

    def set_letter_type(self, letter_type: LetterType, easy: bool = False) -> None:
        self.letter_type.setCurrentIndex(
            self.letter_type.findData(easy_read.stored_code(letter_type, easy)))

    def source(self) -> str:
        return self.editor.toPlainText()

    def is_changed(self) -> bool:
        return self.source() != self._saved_source

    def preview_family(self, family_id: int | None) -> None:
        """Preview with a family's case (None: the fictional sample)."""
        self.preview_with.setCurrentIndex(max(0, self.preview_with.findData(family_id)))

    def check(self) -> bool:
        """Say whether the template renders; a problem names its line and moves there."""
        try:
            self._services.templates.check(self.chosen_type(), self.source(),
                                           self.chosen_easy_read())
        except TemplateProblem as problem:
            self._show_problem(problem)
            return False
        self._show_problem(None)
        self.message.setText("No problems found: the template fills in for the sample family, "
                             "both with every detail and with only what this letter needs.")
        return True

    def ask_to_save(self) -> None:
        """Check the template, then ask for a note; nothing that does not render is saved."""
        if not self.can_edit or not self.check():
            return
        if not self.is_changed():
            self.message.setText("Nothing has changed since the last version.")
            return
        self._ask_note("Save the template", "", self.source())

    def show_version(self) -> None:
        version = self._selected_version()
        if version is None:
            return
        dialog = VersionTextDialog(version, self.can_edit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self.restore)
        dialog.finished.connect(lambda _r: setattr(self, "version_dialog", None))
        self.version_dialog = dialog
        dialog.open()

    def restore(self, version: TemplateVersion) -> None:
        """Save an earlier version's text as the newest version, after asking for a note."""
        if self.can_edit:
            self._ask_note(f"Restore version {version.version}",
                           f"Restored version {version.version} ({version.note})",
                           version.source)

    def refresh_preview(self) -> None:
        """Make the preview again from the text as it is now."""
        self._preview_timer.stop()
        kind, source, easy = self.chosen_type(), self.source(), self.chosen_easy_read()
        family_id = self.preview_with.currentData()
        services, actor = self._services, self._actor
        if not source.strip():
            self.preview.show_message("The template is empty.")
            self.preview_shown.emit()
            return

        def work() -> bytes:
            if easy:  # the Easy Read letter alone, as it follows the standard one
                return render_easy_read(sample_context(kind), source)
            if family_id is None:
                return render_letter(sample_context(kind), source)
            checks = services.letters.check(actor, family_id, kind)
            return services.letters.preview(actor, family_id, kind, checks[0].adult_id,
                                            template_source=source)

        self.preview.set_busy(True)
        self._run("preview", work, self._previewed, self._preview_failed)

    def refresh_readability(self) -> None:
        """Score the text as it is now, filled in for the sample family, in the background."""
        self._readability_timer.stop()
        kind, source = self.chosen_type(), self.source()
        if not source.strip():
            self.readability.show_message("The template is empty.")
            self.readability_shown.emit()
            return
        settings = self._services.settings

        def work():
            target = settings.current().readability.target_grade
            return letter_readability(sample_context(kind), source), target

        self._run("readability", work, self._scored, self._score_failed)

    # -- inside ---------------------------------------------------------------------------
    def _scored(self, scored) -> None:
        result, target = scored
        self.readability.show_result(result, target)
        self.readability_shown.emit()

    def _score_failed(self, error: BaseException) -> None:
        if isinstance(error, TemplateProblem):
            text = (f"The template cannot be filled in, so it cannot be scored. Line "
                    f"{error.line}: {error.reason}")
        else:
            text = f"The readability could not be worked out. {problem_text(error)}"
        self.readability.show_message(text)
        self.readability_shown.emit()

    def _run(self, name: str, work, done, failed) -> None:
        # ``work`` must never hold this widget (callers pass plain values): see NamedTasks.
        self._tasks.run(name, work, done, failed)

    def _type_changed(self) -> None:
        shown = self.versions_model.versions()
        if shown and self.is_changed():
            # Stay on the letter being edited until the user says to drop the changes.
            wanted = self.chosen_type(), self.chosen_easy_read()
            self._select_quietly(shown[0].letter_type, shown[0].easy_read)
            self._ask_discard("Discard your changes to this template and open another?",
                              lambda: self._switch_to(*wanted))
            return
        self._switch_to(self.chosen_type(), self.chosen_easy_read())

    def _switch_to(self, kind: LetterType, easy: bool = False) -> None:
        self._select_quietly(kind, easy)
        self._saved_source = self.source()  # the edits are dropped: nothing to warn about
        self.help_tabs.show_fields(kind, easy)
        self._fill_families()
        self._load_template()

    def _select_quietly(self, kind: LetterType, easy: bool = False) -> None:
        self.letter_type.blockSignals(True)
        self.set_letter_type(kind, easy)
        self.letter_type.blockSignals(False)

    def _load_template(self, message: str = "") -> None:
        kind, easy = self.chosen_type(), self.chosen_easy_read()
        self._loaded_message = message  # shown once the versions are in
        self.editor.setEnabled(False)
        self.version_label.setText("Loading the template…")
        versions = self._services.templates.versions
        self._run("versions", lambda: versions(kind, easy),
                  self._versions_loaded, self._versions_failed)

    def _versions_failed(self, error: BaseException) -> None:
        self.version_label.setText(f"The template could not be loaded. {problem_text(error)}")

    def _versions_loaded(self, versions: list[TemplateVersion]) -> None:
        self.editor.setEnabled(True)
        self.versions_table.set_records(versions)
        current = versions[0]
        self._saved_source = current.source
        self.editor.blockSignals(True)
        self.editor.setPlainText(current.source)
        self.editor.blockSignals(False)
        self._show_version_label(current)
        self._show_problem(None)
        self.message.setText(self._loaded_message)
        if versions:
            self.versions.selectRow(0)
        self._update_title()
        self.versions_loaded.emit()
        self.refresh_preview()
        self.refresh_readability()

    def _show_version_label(self, current: TemplateVersion) -> None:
        sent = EASY_READ_SENT if current.easy_read else ""
        self.version_label.setText(
            f"In use: version {current.version}, saved by {current.created_by} on "
            f"{local_time(current.created_at)}.{sent}")

    def _ask_discard(self, question: str, then) -> None:
        """Ask before unsaved edits are thrown away; ``then`` runs only if the user agrees."""
        box = QMessageBox(QMessageBox.Icon.Question, "Discard your changes?", question,
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                          self)
        box.button(QMessageBox.StandardButton.Discard).setText("Discard changes")
        box.button(QMessageBox.StandardButton.Cancel).setText("Keep editing")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        discard = box.button(QMessageBox.StandardButton.Discard)
        box.buttonClicked.connect(lambda button: then() if button is discard else None)
        self.discard_box = box
        box.open()  # not exec(): the window (and closing it) never blocks on the question

    def _text_changed(self) -> None:
        self._update_title()
        self.message.clear()
        self._preview_timer.start()
        self._readability_timer.start()

    def _update_title(self) -> None:
        changed = " (not saved)" if self.is_changed() else ""
        title = easy_read.template_title(self.chosen_type(), self.chosen_easy_read())
        self.setWindowTitle(f"Letter templates: {title}{changed}")
        self.revert_button.setEnabled(self.is_changed())

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position.setText(f"Line {cursor.blockNumber() + 1}, "
                              f"column {cursor.positionInBlock() + 1}")

    def _show_problem(self, problem: TemplateProblem | None) -> None:
        if problem is None:
            self.problem.set_problem(None)
            self.go_to_problem.hide()
            self._problem_line = 0
            return
        self._problem_line = problem.line
        self.problem.set_problem(f"Line {problem.line}: {problem.reason}")
        self.go_to_problem.setText(f"Go to line {problem.line}")
        self.go_to_problem.show()
        self.message.clear()
        self.editor.go_to_line(problem.line)

    def _go_to_problem(self) -> None:
        if self._problem_line:
            self.editor.go_to_line(self._problem_line)

    def _insert_field(self, item: QTreeWidgetItem, _column: int) -> None:
        snippet = item.data(0, SNIPPET_ROLE)
        if snippet and self.can_edit:
            self.editor.insertPlainText(snippet)
            self.editor.setFocus()

    def _revert(self) -> None:
        self.editor.setPlainText(self._saved_source)

    def _families_loaded(self, families: list[FamilySummary]) -> None:
        self._families = sorted(families, key=lambda f: f.plo_family_id)
        self._fill_families()

    def _fill_families(self) -> None:
        """Offer the families whose stage calls for this letter, to preview with their case."""
        allowed = self.chosen_type().stages
        # An Easy Read letter previews with the sample only: a family's preview is made by
        # the letters service from the templates in use, not the text being edited.
        easy = self.chosen_easy_read()
        chosen = self.preview_with.currentData()
        self.preview_with.blockSignals(True)
        self.preview_with.clear()
        self.preview_with.addItem(SAMPLE, None)
        self.preview_with.setEnabled(not easy)
        self.preview_with.setToolTip(EASY_READ_PREVIEW if easy else "")
        for family in self._families if not easy else ():
            if family.stage in allowed:
                self.preview_with.addItem(f"{family.plo_family_id} {family.surname}",
                                          family.family_id)
        self.preview_with.setCurrentIndex(max(0, self.preview_with.findData(chosen)))
        self.preview_with.blockSignals(False)

    def _previewed(self, pdf: bytes) -> None:
        self.preview.set_pdf(pdf, keep_page=True)
        self.preview_shown.emit()

    def _preview_failed(self, error: BaseException) -> None:
        if isinstance(error, TemplateProblem):
            text = (f"The template cannot be filled in. Line {error.line}: {error.reason}")
        elif isinstance(error, LetterNotReady):
            text = ("This family's case cannot fill in the letter yet; it still needs: "
                    + "; ".join(error.missing) + ". Preview with another family or the sample.")
        else:
            text = f"The preview could not be made. {problem_text(error)}"
        self.preview.show_message(text)
        self.preview_shown.emit()

    def _selected_version(self) -> TemplateVersion | None:
        rows = self.versions.selectionModel().selectedRows()
        return self.versions_model.record(rows[0].row()) if rows else None

    def _restore_selected(self) -> None:
        version = self._selected_version()
        if version is not None:
            self.restore(version)

    def _ask_note(self, title: str, note: str, source: str) -> None:
        dialog = VersionNoteDialog(title, note, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save(source, dialog.text()))
        dialog.finished.connect(lambda _r: setattr(self, "note_dialog", None))
        self.note_dialog = dialog
        dialog.open()

    def _save(self, source: str, note: str) -> None:
        kind, easy = self.chosen_type(), self.chosen_easy_read()
        self.save_button.setEnabled(False)
        self.message.setText("Saving…")
        save, actor = self._services.templates.save, self._actor
        self._run("save", lambda: save(actor, kind, source, note, easy), self._saved,
                  self._save_failed)

    def _saved(self, version: TemplateVersion) -> None:
        self.save_button.setEnabled(True)
        self._load_template(f"Saved as version {version.version}. New letters use it from now "
                            "on; letters already made keep the version they were made with.")
        self.saved.emit(version)

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, TemplateProblem):
            self._show_problem(error)
            self.message.setText("Not saved: the template does not fill in.")
        elif isinstance(error, ValidationFailed):
            self.message.setText(f"Not saved. {error.message}")
        else:
            self.message.setText(f"Not saved. {problem_text(error)}")

    def reject(self) -> None:
        if self.can_edit and self.is_changed():
            self._ask_discard("The template has changes that are not saved. Close and "
                              "discard them?", self._close_now)
            return
        self._close_now()

    def _close_now(self) -> None:
        self._preview_timer.stop()
        self._readability_timer.stop()
        self._tasks.discard_all()
        super().reject()

