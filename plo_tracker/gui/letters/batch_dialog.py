"""Letters for many families at once, made in the background: one PDF to print, one per letter."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.services.actor import Actor
from plo_tracker.services.caseload import FamilySummary
from plo_tracker.services.letter_files import LettersNotWritten, WrittenBatch
from plo_tracker.services.letters import BatchResult
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel
from ..icons import icon
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .batch_results_tabs import BatchResultsTabs
from .family_choice_model import FamilyChoiceModel

ALL_STAGES = "All stages"
NO_FAMILIES_SHOWN = "No families match. Clear the search or choose another stage."
NO_FAMILIES = "There are no families yet."


def existing_folder(*candidates: str | Path | None) -> Path:
    """The first of the folders given that exists now, else the user's home folder."""
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


def documents_folder() -> str:
    """The user's Documents folder as the system names it (it may not exist)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class _Progress(QObject):
    """Carries the batch's progress from the worker thread to the window (a queued signal)."""

    advanced = Signal(int, int)


class BatchLettersDialog(QDialog):
    """Choose a letter and families, then make every letter in the background.

    ``finished_batch`` is emitted with the BatchResult once a batch ends (made or cancelled).
    """

    finished_batch = Signal(object)
    # The folder the last batch was saved in, offered first while the app runs.
    last_folder: Path | None = None

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._task: BackgroundTask | None = None
        self._cancel = threading.Event()
        self._close_when_done = False
        self._loaded = False
        self.result: BatchResult | None = None
        self.written: WrittenBatch | None = None
        self.write_problem: LettersNotWritten | None = None
        self._batch_folder: Path | None = None  # where the batch running (or last run) saves
        self._written_to: Path | None = None
        self.allowed = allows(actor, Permission.BATCH_LETTERS)
        self.setWindowTitle("Letters for many families")
        self.setSizeGripEnabled(True)

        self.letter_type = QComboBox()
        for kind in LetterType:
            self.letter_type.addItem(kind.title, kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Search by Public Law Outline (PLO) reference, surname or name")
        self.search.setClearButtonEnabled(True)
        self.stage = QComboBox()
        self.stage.addItem(ALL_STAGES, None)
        for stage in Stage:
            self.stage.addItem(stage.label, stage)
        self.model = FamilyChoiceModel(self)
        self.families = QListView()
        self.families.setModel(self.model)
        self.families.setUniformItemSizes(True)  # thousands of rows scroll smoothly
        self.families.setAccessibleName("Families")
        self.families.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.empty = QLabel("Loading the families…")
        self.select_shown = QPushButton("Select all shown")
        self.clear_shown = QPushButton("Clear all shown")
        self.chosen_label = QLabel()

        self.folder = QLineEdit()
        self.folder.setAccessibleName("Output folder")
        self.folder.setText(str(existing_folder(self.last_folder, documents_folder())))
        self.choose_folder = QPushButton("Choose…")
        self.choose_folder.setAccessibleName("Choose the output folder")
        self.folder_problem = ProblemLabel("the output folder")

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setFormat("%v of %m families")
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Batch status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = BatchResultsTabs()
        self.results.hide()

        self.generate_button = QPushButton("Generate letters")
        self.generate_button.setIcon(icon("write-letters"))
        self.generate_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop making the letters; none of them will be kept")
        self.cancel_button.hide()
        self.open_folder = QPushButton("Open the folder")
        self.open_folder.setIcon(icon("open"))
        self.open_folder.hide()
        self.close_button = QPushButton("Close")

        form = QFormLayout()
        form.addRow("Letter", self.letter_type)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.stage, 1)
        form.addRow("Find families", filters)
        choose = QHBoxLayout()
        choose.addWidget(self.select_shown)
        choose.addWidget(self.clear_shown)
        choose.addStretch(1)
        choose.addWidget(self.chosen_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        folder_cell = QVBoxLayout()
        folder_cell.addLayout(folder_row)
        folder_cell.addWidget(self.folder_problem)
        folder_form = QFormLayout()
        folder_form.addRow("Save the letters in", folder_cell)
        actions = QHBoxLayout()
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        actions.addStretch(0)
        actions.addWidget(self.open_folder)
        actions.addWidget(self.generate_button)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        intro = QLabel("Make one letter for every family ticked, one per person with parental "
                       "responsibility. They are kept with each family's record, and written "
                       "to the folder as one PDF to print and one file per letter. Files "
                       "already in the folder are never replaced.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(choose)
        layout.addWidget(self.families, 3)
        layout.addWidget(self.empty)
        layout.addLayout(folder_form)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 2)
        layout.addLayout(actions)
        self.resize(860, 660)

        self.letter_type.currentIndexChanged.connect(self._type_changed)
        self.search.textChanged.connect(self._filter)
        self.stage.currentIndexChanged.connect(self._filter)
        self.select_shown.clicked.connect(lambda: self.model.choose_shown(True))
        self.clear_shown.clicked.connect(lambda: self.model.choose_shown(False))
        self.model.chosen_changed.connect(self._update)
        self.model.modelReset.connect(self._update)
        self.folder.textChanged.connect(self._update)
        self.choose_folder.clicked.connect(self._pick_folder)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_folder.clicked.connect(self._open_folder)
        self.close_button.clicked.connect(self.reject)
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)
        self._type_changed()
        if not self.allowed:
            self.status.setText("Only administrators make letters for many families at once. "
                                "Make a family's letters from the family instead.")
        self._load = BackgroundTask(lambda: services.caseload.families(actor))
        self._load.succeeded.connect(self._families_loaded)
        self._load.failed.connect(self._families_failed)
        self._load.start()

    # -- what callers and tests use -------------------------------------------------------
    def chosen_type(self) -> LetterType:
        return self.letter_type.currentData()

    def set_letter_type(self, letter_type: LetterType) -> None:
        self.letter_type.setCurrentIndex(self.letter_type.findData(letter_type))

    def set_stage(self, stage: Stage | None) -> None:
        self.stage.setCurrentIndex(self.stage.findData(stage))

    def is_running(self) -> bool:
        return self._task is not None

    def generate(self) -> None:
        """Start the batch in the background; the window stays usable and can cancel it."""
        if not self.generate_button.isEnabled():
            return
        kind, ids = self.chosen_type(), self.model.chosen()
        folder = self._batch_folder = Path(self.folder.text().strip())
        self._cancel.clear()
        self.result = self.written = self.write_problem = None
        self.status.setText(f"Making the {kind.title.lower()} for {len(ids)} "
                            f"{'family' if len(ids) == 1 else 'families'}…")
        self.results.hide()
        self.open_folder.hide()
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        report, cancelled = self._progress.advanced.emit, self._cancel.is_set
        services, actor = self._services, self._actor

        def work() -> tuple[BatchResult, WrittenBatch | LettersNotWritten | None]:
            result = services.letters.batch(actor, kind, ids, progress=report,
                                            cancelled=cancelled)
            if result.cancelled or not result.letters:
                return result, None
            try:
                return result, services.letter_prints.save_batch(actor, folder, result)
            except LettersNotWritten as refused:
                return result, refused  # the letters are kept all the same: say both

        self._task = BackgroundTask(work)
        self._task.succeeded.connect(self._done)
        self._task.failed.connect(self._failed)
        self._task.start()
        self._update()

    def cancel(self) -> None:
        """Ask the batch to stop; it stops between families and keeps nothing."""
        if self._task is None:
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling… no letters will be kept.")

    # -- inside ---------------------------------------------------------------------------
    def _families_loaded(self, families: list[FamilySummary]) -> None:
        self._loaded = True
        self.model.set_families(families)
        self._filter()

    def _families_failed(self, error: BaseException) -> None:
        self.empty.setText(f"The families could not be loaded. {problem_text(error)}")

    def _type_changed(self) -> None:
        # Most letters suit one stage; show those families first (any stage can be chosen).
        stages = [s for s in Stage if s in self.chosen_type().stages]
        self.set_stage(stages[0] if stages else None)

    def _filter(self) -> None:
        self.model.set_filter(self.search.text(), self.stage.currentData())

    def _folder_problem(self) -> str | None:
        text = self.folder.text().strip()
        if not text:
            return "Choose the folder to save the letters in."
        if not Path(text).is_dir():
            return "That folder does not exist. Choose a folder that does."
        return None

    def _update(self) -> None:
        count, shown = len(self.model.chosen()), self.model.rowCount()
        self.chosen_label.setText(
            f"{count} {'family' if count == 1 else 'families'} chosen")
        self.empty.setVisible(shown == 0)
        if self._loaded and shown == 0:
            self.empty.setText(NO_FAMILIES_SHOWN if self.model.total() else NO_FAMILIES)
        problem = self._folder_problem()
        self.folder_problem.set_problem(problem)
        running = self._task is not None
        self.generate_button.setEnabled(self.allowed and count > 0 and problem is None
                                        and not running)
        self.generate_button.setText(
            f"Generate letters for {count} {'family' if count == 1 else 'families'}"
            if count else "Generate letters")
        for widget in (self.letter_type, self.search, self.stage, self.families,
                       self.select_shown, self.clear_shown, self.folder, self.choose_folder):
            widget.setEnabled(not running)
        self.close_button.setEnabled(not running)

    def _advanced(self, done: int, total: int) -> None:
        if self._task is None:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, outcome: tuple[BatchResult, WrittenBatch | LettersNotWritten | None]
              ) -> None:
        result, written = outcome
        self._task = None
        self.result = result
        self.written = written if isinstance(written, WrittenBatch) else None
        self.write_problem = written if isinstance(written, LettersNotWritten) else None
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(self._summary(result))
        if not result.cancelled and (result.letters or result.skipped):
            files = self.written.files() if self.written else (
                self.write_problem.written if self.write_problem else ())
            self.results.show_results(files, list(result.skipped))
            self.results.show()
        if self.written is not None:
            self._written_to = self._batch_folder
            BatchLettersDialog.last_folder = self._batch_folder
        self.open_folder.setVisible(self.written is not None)
        self._update()
        self.finished_batch.emit(result)
        if self._close_when_done:
            self.reject()

    def _summary(self, result: BatchResult) -> str:
        if result.cancelled:
            return "Cancelled. No letters were kept and nothing was written to the folder."
        made = len(result.letters)
        if not made:
            return ("No letters were made: none of the families chosen has everything the "
                    "letter needs. See the reasons below.")
        words = f"{made} {'letter' if made == 1 else 'letters'} made and kept with the " \
                "families' records."
        if self.write_problem is not None:
            return f"{words} {self.write_problem.message}"
        if self.written is None:
            return words
        count = len(self.written.files())
        saved = f"{words} {count} {'file' if count == 1 else 'files'} saved in the folder " \
                "(see “Saved in the folder” below)."
        renamed = sum(file.renamed for file in self.written.files())
        if renamed == 1:
            saved += (" A file with the same name was there already: it is left as it was, "
                      "and the new one has a number added.")
        elif renamed:
            saved += (" Files with the same names were there already: they are left as they "
                      "were, and the new ones have a number added.")
        return saved

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(f"No letters were made. {problem_text(error)}")
        self._update()
        if self._close_when_done:
            self.reject()

    def _pick_folder(self) -> None:
        # Never a missing folder to start in: some systems then open somewhere unexpected.
        start = existing_folder(self.folder.text().strip(), self.last_folder, documents_folder())
        folder = QFileDialog.getExistingDirectory(self, "Save the letters in", str(start))
        if folder:
            self.folder.setText(folder)

    def _open_folder(self) -> None:
        if self._written_to is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._written_to)))

    def reject(self) -> None:
        if self._task is not None:
            # Closing while letters are being made cancels them; the window closes once the
            # batch has stopped, so nothing is left half done behind it.
            self._close_when_done = True
            self.cancel()
            return
        super().reject()
