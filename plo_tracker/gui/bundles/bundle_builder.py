"""The bundle builder: the hearing, the family's documents placed into sections by drag and
drop or by keyboard, the live page count and warnings, building, issuing and versions.

Every rule (where a document may go, page numbers, what stops a build) is the bundle
service's; this window shows its layout and asks it for each change, then shows the layout
it returns. A refusal is shown in words beside what it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.bundle_views import BundleForm
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel, problem_colour
from ..forms.form_dialog import heading_label
from ..problem_text import problem_text
from .build_job import BuildJob, BuildRequest
from .build_result import BuildResultDialog
from .documents_model import UnplacedDocumentsModel
from .hearing_form import Hearing, HearingForm, hearing_text, moment_text
from .sections_model import COL_COUNT, COL_TITLE, SectionsModel

NOTHING_UNPLACED = ("Every document of the family is in the bundle. Add documents on the "
                    "family's Documents tab; they appear here to place.")
NO_WARNINGS = "Nothing to look at before building."
PLACE_TIP = ("Put the chosen document in the section chosen here (Enter). You can also drag "
             "it onto a section.")
ISSUE_QUESTION = (
    "Issue version {number}? The court and the parties will have it: its documents keep their "
    "page numbers from now on, and any document placed later goes at the end of its section.")
UNCHECKED_QUESTION = (
    "These pages have no text, so they could not be checked for confidential details. Look "
    "at each one yourself before the parties' copy is served.")


def page_count_text(total: int, limit: int) -> str:
    """"312 of 350 pages", or "362 of 350 pages: 12 over the limit"."""
    text = f"{total:,} of {limit:,} pages"
    return f"{text}: {total - limit:,} over the limit" if total > limit else text


def _button(text: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter belongs to the list or tree with the focus
    if tip:
        button.setToolTip(tip)
    return button


class BundleBuilder(QDialog):
    """One bundle: place its documents, check the warnings, build, issue.

    ``changed`` after anything is saved (the Bundles page reads its lists again).
    """

    changed = Signal()
    build_finished = Signal(object)  # the version built, or the error that stopped it

    def __init__(self, services: Services, actor: Actor, bundle_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.bundle_id = services, actor, bundle_id
        self.can_edit = allows(actor, Permission.EDIT_CASES)
        self.layout_view = None
        self.job: BuildJob | None = None
        self.result_dialog: BuildResultDialog | None = None
        self._last_request: BuildRequest | None = None
        self.setWindowTitle("Court bundle")
        self.setAccessibleName("Court bundle builder")
        self.setSizeGripEnabled(True)

        self.heading = heading_label("Court bundle")
        self.hearing_line = QLabel()
        self.hearing_line.setTextFormat(Qt.TextFormat.PlainText)

        self.unplaced_model = UnplacedDocumentsModel(self)
        self.sections_model = SectionsModel(self)
        self.unplaced_view = QListView()
        self.sections_view = QTreeView()
        self.section_choice = QComboBox()
        self.place_button = _button("&Place in section", PLACE_TIP)
        self.up_button = _button("Move &up", "Move the document up (Ctrl+Up); from the top "
                                 "of a section it goes to the end of the one above")
        self.down_button = _button("Move &down", "Move the document down (Ctrl+Down)")
        self.out_button = _button("&Take out", "Take the document out of the bundle (Delete)")
        self.sort_button = _button("&Sort by date", "Put the chosen section in date order, "
                                   "earliest first")
        self.unplaced_empty = QLabel(NOTHING_UNPLACED)
        self.unplaced_heading = QLabel()
        self.layout_problem = ProblemLabel("placing documents")
        self.page_count = QLabel()
        self.page_count.setAccessibleName("Page count")
        self.warnings = QListWidget()
        self.warnings.setAccessibleName("Before you build")
        self.warnings.setWordWrap(True)

        self.hearing_form = HearingForm(services.context.clock.today())
        self.save_hearing_button = _button("Save &hearing details")
        self.hearing_status = QLabel()
        self.hearing_problem = ProblemLabel("the hearing")

        self.versions = QTreeWidget()
        self.versions.setHeaderLabels(["Version", "Built", "By", "Pages", "Issued"])
        self.versions.setRootIsDecorated(False)
        self.versions.setAccessibleName("Versions built")
        self.versions.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.versions_empty = QLabel("No version has been built yet. Press Build… when the "
                                     "documents are in place.")
        self.issue_button = _button("&Issue this version…",
                                    "Give this version to the court and the parties")
        self.versions_problem = ProblemLabel("issuing")

        self.build_button = _button("&Build…", "Make the court's copy and the parties' "
                                    "redacted copy; you choose where to save them")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Building")
        self.cancel_button = _button("Cancel build")
        self.build_status = QLabel()
        self.build_status.setWordWrap(True)
        self.build_status.setTextFormat(Qt.TextFormat.PlainText)
        self.build_problem = ProblemLabel("building")
        self.close_button = _button("Close")

        self._set_up_views()
        self._lay_out()
        self._connect()
        self._set_building(False)
        self.reload()
        self.resize(1180, 700)

    # Public ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the layout, hearing and versions again from the service."""
        try:
            layout = self.services.bundles.layout(self.actor, self.bundle_id)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.layout_problem.set_problem(problem_text(error, "The bundle could not be read."))
            return
        self._show_layout(layout)
        self.hearing_form.set_hearing(Hearing(layout.bundle.court, layout.bundle.case_number,
                                              layout.bundle.hearing_at, layout.bundle.judge))
        self._show_hearing_line(layout.bundle)
        self._load_versions()

    def place(self, document_id: int, section: str, position: int | None = None) -> bool:
        """Put a document in a section (at the end, or at ``position``); True if done."""
        return self._change(lambda b: b.place(self.actor, self.bundle_id, document_id, section,
                                              position), select=document_id)

    def move(self, document_id: int, section: str, position: int) -> bool:
        return self._change(lambda b: b.move(self.actor, self.bundle_id, document_id, section,
                                             position), select=document_id)

    def unplace(self, document_id: int) -> bool:
        return self._change(lambda b: b.unplace(self.actor, self.bundle_id, document_id),
                            unplaced=document_id)

    def sort_by_date(self, section: str) -> bool:
        return self._change(lambda b: b.sort_by_date(self.actor, self.bundle_id, section),
                            section=section)

    def place_chosen(self) -> None:
        """Place: the document chosen on the left into the section chosen under it."""
        row = self.unplaced_model.row_at(self.unplaced_view.currentIndex())
        if row is None:
            self.layout_problem.set_problem("Choose a document in the list first.")
            return
        self.place(row.document_id, self.section_choice.currentData())

    def move_chosen(self, step: int) -> None:
        """Ctrl+Up / Ctrl+Down: one place up or down, across into the next section at the
        ends."""
        document = self.sections_model.document_at(self.sections_view.currentIndex())
        if document is None:
            return
        letter, position = self.sections_model.where(document.document_id)
        sections = self.sections_model.sections()
        number = [s.letter for s in sections].index(letter)
        count = len(sections[number].documents)
        if 0 <= position + step < count:
            self.move(document.document_id, letter, position + step)
        elif step < 0 and number > 0:
            above = sections[number - 1]
            self.move(document.document_id, above.letter, len(above.documents))
        elif step > 0 and number + 1 < len(sections):
            self.move(document.document_id, sections[number + 1].letter, 0)

    def unplace_chosen(self) -> None:
        document = self.sections_model.document_at(self.sections_view.currentIndex())
        if document is not None:
            self.unplace(document.document_id)

    def sort_chosen(self) -> None:
        section = self.sections_model.section_at(self.sections_view.currentIndex())
        if section is None:
            self.layout_problem.set_problem("Choose a section (or a document in it) first.")
            return
        self.sort_by_date(section.letter)

    def save_hearing(self) -> bool:
        problems = self.hearing_form.typing_problems()
        self.hearing_form.show_problems(problems)
        if problems:
            return False
        hearing = self.hearing_form.hearing()
        form = BundleForm(court=hearing.court, case_number=hearing.case_number,
                          hearing_at=hearing.hearing_at, judge=hearing.judge,
                          page_limit=self.layout_view.page_limit)
        try:
            bundle = self.services.bundles.update_hearing(self.actor, self.bundle_id, form)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.hearing_problem.set_problem(self.hearing_form.show_refusal(
                error, "The hearing details were not saved."))
            self.hearing_status.clear()
            return False
        self.hearing_problem.set_problem(None)
        self.hearing_status.setText("Saved.")
        self._show_hearing_line(bundle)
        self.changed.emit()
        return True

    def build_to(self, court_out: Path, *, redact: bool = False,
                 confirm_unchecked: bool = False) -> BuildJob:
        """Start building into ``court_out`` (the parties' copy beside it)."""
        request = BuildRequest(self.bundle_id, court_out, redact, confirm_unchecked)
        self._last_request = request
        self.job = BuildJob(self.services, self.actor, request, self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._built)
        self.job.failed.connect(self._build_failed)
        self.job.cancelled.connect(self._build_cancelled)
        self.build_problem.set_problem(None)
        self.build_status.setText("Building… reading the documents.")
        self.progress.setRange(0, 0)
        self.job.start()
        self._set_building(True)
        return self.job

    def choose_and_build(self) -> None:
        """Build…: ask where to save the court's copy, then build."""
        bundle = self.layout_view.bundle
        suggested = f"Bundle {bundle.plo_family_id} {bundle.case_number}".strip() + ".pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the court's copy of the bundle", suggested, "PDF files (*.pdf)")
        if path:
            self.build_to(Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf"))

    def cancel_build(self) -> None:
        if self.job is not None and self.job.is_running():
            self.cancel_button.setEnabled(False)
            self.build_status.setText("Cancelling…")
            self.job.cancel()

    def issue(self, number: int, *, confirmed: bool = False) -> bool:
        """Issue a version, after asking (unless ``confirmed``)."""
        if not confirmed and QMessageBox.question(
                self, "Issue this version?", ISSUE_QUESTION.format(number=number),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.services.bundles.issue(self.actor, self.bundle_id, number)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.versions_problem.set_problem(problem_text(error, "Not issued."))
            return False
        self.versions_problem.set_problem(None)
        self.reload()
        self.changed.emit()
        return True

    def reject(self) -> None:
        # Closing while a build runs would leave it writing with nobody to hear the result.
        if self.job is not None and self.job.is_running():
            self.build_status.setText("Cancel the build, or wait for it, before closing.")
            return
        super().reject()

    # Changes ---------------------------------------------------------------------------------

    def _change(self, call: Callable, *, select: int | None = None,
                unplaced: int | None = None, section: str | None = None) -> bool:
        try:
            layout = call(self.services.bundles)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.layout_problem.set_problem(problem_text(error, "Not changed."))
            return False
        self.layout_problem.set_problem(None)
        if layout is None or not hasattr(layout, "sections"):
            layout = self.services.bundles.layout(self.actor, self.bundle_id)
        self._show_layout(layout)
        if select is not None:
            self._select_placed(self.sections_model.document_index(select))
        elif section is not None:
            self._select_placed(self.sections_model.section_index(section))
        elif unplaced is not None:
            self.unplaced_view.setCurrentIndex(self.unplaced_model.index_of(unplaced))
        self.changed.emit()
        return True

    def _select_placed(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sections_view.expand(index.parent())
            self.sections_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.sections_view.scrollTo(index)

    def _dropped(self, document_id: int, section: str, position: int) -> None:
        if self.sections_model.where(document_id) is None:
            self.place(document_id, section, position)
        else:
            self.move(document_id, section, position)

    # Showing ---------------------------------------------------------------------------------

    def _show_layout(self, layout) -> None:
        self.layout_view = layout
        expanded = {self.sections_model.section_at(self.sections_model.index(r, 0)).letter
                    for r in range(self.sections_model.rowCount())
                    if not self.sections_view.isExpanded(self.sections_model.index(r, 0))}
        self.sections_model.set_sections(layout.sections)
        for row, section in enumerate(self.sections_model.sections()):
            self.sections_view.setExpanded(self.sections_model.index(row, 0),
                                           section.letter not in expanded)
        self.unplaced_model.set_rows(layout.unplaced)
        count = len(layout.unplaced)
        self.unplaced_heading.setText(f"<b>Not yet in the bundle</b> ({count:,})")
        self.unplaced_view.setVisible(bool(count))
        self.unplaced_empty.setVisible(not count)
        chosen = self.section_choice.currentData()
        self.section_choice.clear()
        for section in layout.sections:
            self.section_choice.addItem(f"{section.letter}  {section.title}", section.letter)
        if chosen is not None:
            self.section_choice.setCurrentIndex(max(0, self.section_choice.findData(chosen)))
        over = layout.total_pages > layout.page_limit
        self.page_count.setText(page_count_text(layout.total_pages, layout.page_limit))
        # Over the limit: red-purple as well as the words saying so.
        self.page_count.setStyleSheet("font-weight: bold;" + (
            f" color: {problem_colour(self)};" if over else ""))
        self.page_count.setToolTip("The documents' pages; the front sheet and index come on "
                                   "top. PD27A allows 350 unless the court agrees more.")
        self.over_limit.setVisible(over)
        self.warnings.clear()
        self.warnings.addItems(list(layout.warnings) or [NO_WARNINGS])
        self.warnings_heading.setText(
            f"<b>Before you build</b> ({len(layout.warnings):,})" if layout.warnings
            else "<b>Before you build</b>")
        self._update_buttons()

    def _show_hearing_line(self, bundle) -> None:
        self.heading.setText(f"Court bundle \u2013 {bundle.plo_family_id}")
        parts = [bundle.court or "Court not set", bundle.case_number or "no case number",
                 hearing_text(bundle.hearing_at)]
        if bundle.judge:
            parts.append(bundle.judge)
        self.hearing_line.setText(" \u00b7 ".join(parts))
        self.setWindowTitle(f"Court bundle \u2013 {bundle.plo_family_id}")

    def _load_versions(self) -> None:
        try:
            versions = self.services.bundles.versions(self.actor, self.bundle_id)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.versions_problem.set_problem(problem_text(error, "The versions could not be "
                                                           "read."))
            return
        self.versions.clear()
        for version in sorted(versions, key=lambda v: v.number, reverse=True):
            item = QTreeWidgetItem([f"Version {version.number}", moment_text(version.built_at),
                                    version.built_by_name, f"{version.page_count:,}",
                                    "Issued" if version.issued else "Not issued"])
            item.setData(0, Qt.ItemDataRole.UserRole, version.number)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, version.issued)
            self.versions.addTopLevelItem(item)
        if versions:
            self.versions.setCurrentItem(self.versions.topLevelItem(0))
        self.versions.setVisible(bool(versions))
        self.versions_empty.setVisible(not versions)
        self.tabs.setTabText(2, f"Versions ({len(versions)})")
        self._update_buttons()

    def _update_buttons(self) -> None:
        placed = self.sections_model.document_at(self.sections_view.currentIndex())
        chosen = self.unplaced_model.row_at(self.unplaced_view.currentIndex())
        building = self.job is not None and self.job.is_running()
        edit = self.can_edit and not building
        self.place_button.setEnabled(edit and chosen is not None)
        for button in (self.up_button, self.down_button, self.out_button):
            button.setEnabled(edit and placed is not None)
        self.sort_button.setEnabled(
            edit and self.sections_model.section_at(self.sections_view.currentIndex())
            is not None)
        version = self.versions.currentItem()
        self.issue_button.setEnabled(
            self.can_edit and version is not None
            and not version.data(0, Qt.ItemDataRole.UserRole + 1))
        self.build_button.setEnabled(self.can_edit and not building)

    def _unplaced_chosen(self) -> None:
        row = self.unplaced_model.row_at(self.unplaced_view.currentIndex())
        if row is not None:
            # The section its type goes in, unless the worker chooses another.
            found = self.section_choice.findData(row.default_section)
            if found >= 0:
                self.section_choice.setCurrentIndex(found)
        self._update_buttons()

    # Building --------------------------------------------------------------------------------

    def _set_building(self, building: bool) -> None:
        self.progress.setVisible(building)
        self.cancel_button.setVisible(building)
        self.cancel_button.setEnabled(building)
        self._update_buttons()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.build_status.setText(f"Building… {done:,} of {total:,} documents.")

    def _built(self, version) -> None:
        self._set_building(False)
        self.build_status.setText(
            f"Version {version.number} built: {version.page_count:,} pages.")
        self.reload()
        self.changed.emit()
        self._show_result(lambda dialog: dialog.show_version(version))
        self.build_finished.emit(version)

    def _build_cancelled(self) -> None:
        self._set_building(False)
        self.build_status.setText("Build cancelled. Nothing was saved.")
        self.build_finished.emit(None)

    def _build_failed(self, error: BaseException) -> None:
        self._set_building(False)
        self.build_status.clear()
        request = self._last_request
        if getattr(error, "hits", None):
            self.build_problem.set_problem(error.message)
            self._show_result(lambda dialog: dialog.show_hits(error.hits, self.bundle_label))
            self.result_dialog.redact_requested.connect(
                lambda: self.build_to(request.court_out, redact=True,
                                      confirm_unchecked=request.confirm_unchecked))
        elif getattr(error, "unchecked", None):
            self.build_problem.set_problem(error.message)
            if self._confirm_unchecked(error.unchecked):
                self.build_to(request.court_out, redact=request.redact,
                              confirm_unchecked=True)
        else:
            self.build_problem.set_problem(problem_text(error, "The bundle was not built."))
        self.build_finished.emit(error)

    def _confirm_unchecked(self, unchecked) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Pages not checked",
                          UNCHECKED_QUESTION, parent=self)
        box.setInformativeText("\n".join(u.words for u in unchecked))
        build = box.addButton("I have looked at them: build",
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is build

    def _show_result(self, fill: Callable[[BuildResultDialog], None]) -> None:
        if self.result_dialog is not None:
            self.result_dialog.close()
            self.result_dialog.deleteLater()
        self.result_dialog = BuildResultDialog(self)
        fill(self.result_dialog)
        self.result_dialog.issue_requested.connect(self._issue_from_result)
        self.result_dialog.open()

    def _issue_from_result(self, number: int) -> None:
        if self.issue(number) and self.result_dialog is not None:
            self.result_dialog.accept()

    def bundle_label(self, document_id: int, page: int) -> str | None:
        """The lettered page number of a document's page in the layout, e.g. "C14"."""
        index = self.sections_model.document_index(document_id)
        document = self.sections_model.document_at(index)
        if document is None:
            return None
        letters = document.first_label.rstrip("0123456789")
        first = int(document.first_label[len(letters):])
        return f"{letters}{first + page - 1}"

    # Building the window ---------------------------------------------------------------------

    def _set_up_views(self) -> None:
        for view in (self.unplaced_view, self.sections_view):
            view.setDragEnabled(True)
            view.setAcceptDrops(True)
            view.setDropIndicatorShown(True)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            view.setDefaultDropAction(Qt.DropAction.MoveAction)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.unplaced_view.setModel(self.unplaced_model)
        self.unplaced_view.setAccessibleName("Documents not yet in the bundle")
        self.unplaced_view.setAlternatingRowColors(True)
        # Long titles wrap rather than run off under a scroll bar.
        self.unplaced_view.setWordWrap(True)
        self.unplaced_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unplaced_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.sections_view.setModel(self.sections_model)
        self.sections_view.setAccessibleName("Sections of the bundle")
        self.sections_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sections_view.setAlternatingRowColors(True)
        self.sections_view.setUniformRowHeights(True)
        header = self.sections_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in range(1, COL_COUNT + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.section_choice.setAccessibleName("Section to place the document in")
        self.unplaced_empty.setWordWrap(True)
        self.versions_empty.setWordWrap(True)
        self.over_limit = QLabel("Over the limit: the court must agree to a longer bundle.")
        self.over_limit.setWordWrap(True)
        self.warnings_heading = QLabel()
        lines = self.warnings.fontMetrics().lineSpacing()
        self.warnings.setMaximumHeight(lines * 6 + 8)
        for number, (keys, slot) in enumerate((
                ("Ctrl+Up", lambda: self.move_chosen(-1)),
                ("Ctrl+Down", lambda: self.move_chosen(1)),
                (QKeySequence.StandardKey.Delete, self.unplace_chosen))):
            action = QAction(self.sections_view)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            action.setObjectName(f"builder-key-{number}")
            self.sections_view.addAction(action)
        place = QAction(self.unplaced_view)
        place.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        place.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        place.triggered.connect(self.place_chosen)
        self.unplaced_view.addAction(place)

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.unplaced_heading)
        left_layout.addWidget(self.unplaced_view, 1)
        left_layout.addWidget(self.unplaced_empty)
        left_layout.addStretch(0)
        place_row = QHBoxLayout()
        into = QLabel("Section:")
        into.setBuddy(self.section_choice)
        place_row.addWidget(into)
        place_row.addWidget(self.section_choice, 1)
        place_row.addWidget(self.place_button)
        left_layout.addLayout(place_row)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Sections</b> (drag documents here, or use the "
                                      "buttons and keys below)"))
        right_layout.addWidget(self.sections_view, 1)
        moves = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.out_button, self.sort_button):
            moves.addWidget(button)
        moves.addStretch(1)
        right_layout.addLayout(moves)
        right_layout.addWidget(self.layout_problem)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        # Two fifths for the documents to place, so the Section box shows whole titles.
        splitter.setSizes([400, 600])

        documents = QWidget()
        documents_layout = QVBoxLayout(documents)
        documents_layout.addWidget(splitter, 1)
        documents_layout.addWidget(self.warnings_heading)
        documents_layout.addWidget(self.warnings)

        hearing = QWidget()
        hearing_layout = QVBoxLayout(hearing)
        hearing_layout.addWidget(self.hearing_form)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_hearing_button)
        save_row.addWidget(self.hearing_status, 1)
        hearing_layout.addLayout(save_row)
        hearing_layout.addWidget(self.hearing_problem)
        hearing_layout.addStretch(1)

        versions = QWidget()
        versions_layout = QVBoxLayout(versions)
        versions_layout.addWidget(self.versions, 1)
        versions_layout.addWidget(self.versions_empty)
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.issue_button)
        issue_row.addStretch(1)
        versions_layout.addLayout(issue_row)
        versions_layout.addWidget(self.versions_problem)
        versions_layout.addStretch(0)

        self.tabs = QTabWidget()
        self.tabs.addTab(documents, "Documents and sections")
        self.tabs.addTab(hearing, "Hearing")
        self.tabs.addTab(versions, "Versions")

        count_box = QVBoxLayout()
        count_box.addWidget(self.page_count)
        count_box.addWidget(self.over_limit)
        bottom = QHBoxLayout()
        bottom.addLayout(count_box, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.build_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hearing_line)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.build_status)
        layout.addWidget(self.build_problem)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.sections_model.drop_requested.connect(self._dropped)
        self.unplaced_model.unplace_requested.connect(self.unplace)
        self.unplaced_view.selectionModel().currentChanged.connect(self._unplaced_chosen)
        self.unplaced_view.doubleClicked.connect(lambda _index: self.place_chosen())
        self.sections_view.selectionModel().currentChanged.connect(self._update_buttons)
        self.versions.currentItemChanged.connect(self._update_buttons)
        self.place_button.clicked.connect(self.place_chosen)
        self.up_button.clicked.connect(lambda: self.move_chosen(-1))
        self.down_button.clicked.connect(lambda: self.move_chosen(1))
        self.out_button.clicked.connect(self.unplace_chosen)
        self.sort_button.clicked.connect(self.sort_chosen)
        self.save_hearing_button.clicked.connect(self.save_hearing)
        self.hearing_form.changed.connect(self.hearing_status.clear)
        self.build_button.clicked.connect(self.choose_and_build)
        self.cancel_button.clicked.connect(self.cancel_build)
        self.close_button.clicked.connect(self.reject)
        self.issue_button.clicked.connect(self._issue_chosen)

    def _issue_chosen(self) -> None:
        item = self.versions.currentItem()
        if item is not None:
            self.issue(item.data(0, Qt.ItemDataRole.UserRole))
