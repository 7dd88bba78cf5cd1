"""Letters for many families at once, made in the background: one PDF to print, one per letter."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
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
from plo_tracker.services.letters import BatchResult
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..case_tabs.record_table import Column, RecordTable, RecordTableModel
from ..forms.fields import ProblemLabel
from ..workers import BackgroundTask
from .generated_letters_view import problem_text

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
ALL_STAGES = "All stages"
NO_FAMILIES_SHOWN = "No families match. Clear the search or choose another stage."
NO_FAMILIES = "There are no families yet."


def _family_text(family: FamilySummary) -> str:
    week = f", week {family.week[0]} of {family.week[1]}" if family.week else ""
    worker = f", {family.social_worker}" if family.social_worker else ""
    return f"{family.plo_family_id}  {family.surname}: {family.stage_label}{week}{worker}"


class FamilyChoiceModel(QAbstractListModel):
    """Families with a tick each; filtering keeps the ticks of families it hides."""

    chosen_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[FamilySummary] = []
        self._texts: dict[int, str] = {}
        self._keys: dict[int, str] = {}
        self._shown: list[FamilySummary] = []
        self._chosen: set[int] = set()
        self._search = ""
        self._stage: Stage | None = None

    def set_families(self, families: list[FamilySummary]) -> None:
        self._all = sorted(families, key=lambda f: f.plo_family_id)
        # Worked out once: filtering thousands of families must not rebuild every string.
        self._texts = {f.family_id: _family_text(f) for f in self._all}
        self._keys = {f.family_id: " ".join((f.plo_family_id, f.surname, *f.adults,
                                             *(c.name for c in f.children),
                                             f.social_worker)).lower()
                      for f in self._all}
        known = set(self._texts)
        self._chosen &= known
        self._refilter()

    def set_filter(self, search: str, stage: Stage | None) -> None:
        self._search, self._stage = search.strip().lower(), stage
        self._refilter()

    def _refilter(self) -> None:
        words = self._search.split()
        self.beginResetModel()
        self._shown = [f for f in self._all
                       if (self._stage is None or f.stage is self._stage)
                       and all(w in self._keys[f.family_id] for w in words)]
        self.endResetModel()

    def total(self) -> int:
        return len(self._all)

    def shown(self) -> list[FamilySummary]:
        return list(self._shown)

    def chosen(self) -> list[int]:
        """The ids of the ticked families, in the list's order."""
        return [f.family_id for f in self._all if f.family_id in self._chosen]

    def choose_shown(self, chosen: bool) -> None:
        ids = {f.family_id for f in self._shown}
        self._chosen = self._chosen | ids if chosen else self._chosen - ids
        if self._shown:
            self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()

    def choose(self, family_ids: list[int]) -> None:
        self._chosen = set(family_ids) & set(self._texts)
        self._refilter()
        self.chosen_changed.emit()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        family = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[family.family_id]
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if family.family_id in self._chosen
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Children: {family.children_text}" if family.children else None
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        family_id = self._shown[index.row()].family_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._chosen.add(family_id)
        else:
            self._chosen.discard(family_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)


SKIPPED_COLUMNS: tuple[Column[tuple[str, str]], ...] = (
    Column("Family and recipient", "The family's PLO reference, and who the letter was for",
           lambda row: row[0], "PLO-2026-0042, Georgina Middleton"),
    # The service writes reasons to follow a name ("missing the ..."); here each is a line.
    Column("Why no letter was made", "What the family's record needs before the letter can "
           "be made", lambda row: row[1][:1].upper() + row[1][1:], wrap=True),
)


class SkippedModel(RecordTableModel[tuple[str, str]]):
    """Who was left out of a batch, and why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SKIPPED_COLUMNS, parent=parent)

    def rows(self) -> list[tuple[str, str]]:
        return [self.record(row) for row in range(self.rowCount())]


@dataclass(frozen=True)
class Written:
    """What a finished batch put in the folder (or why it could not)."""

    combined: Path | None
    letters: tuple[Path, ...]
    problem: str | None = None


def _free_name(folder: Path, name: str) -> Path:
    """A file name in ``folder`` not yet used: an earlier batch's file is never replaced."""
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
        number += 1
    return path


def write_batch(folder: Path, letter_type: LetterType, day: date, result: BatchResult) -> Written:
    """Write the combined PDF and one file per letter into ``folder``."""
    try:
        combined = None
        if result.combined is not None:
            combined = _free_name(folder, f"{letter_type.code}-letters-{day:%Y-%m-%d}.pdf")
            combined.write_bytes(result.combined)
        letters = []
        for view, pdf in result.letters:
            path = _free_name(folder, view.file_name)
            path.write_bytes(pdf)
            letters.append(path)
        return Written(combined, tuple(letters))
    except OSError as error:
        return Written(None, (), error.strerror or str(error))


class _Progress(QObject):
    """Carries the batch's progress from the worker thread to the window (a queued signal)."""

    advanced = Signal(int, int)


class BatchLettersDialog(QDialog):
    """Choose a letter and families, then make every letter in the background.

    ``finished_batch`` is emitted with the BatchResult once a batch ends (made or cancelled).
    """

    finished_batch = Signal(object)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._today = services.context.clock.today()
        self._task: BackgroundTask | None = None
        self._cancel = threading.Event()
        self._close_when_done = False
        self._loaded = False
        self.result: BatchResult | None = None
        self.written: Written | None = None
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
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder.setText(documents)
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
        self.skipped_model = SkippedModel()
        self.skipped = RecordTable(self.skipped_model, "Families and recipients left out", "")
        self.skipped_heading = QLabel("Left out")
        self.skipped_heading.hide()
        self.skipped.hide()

        self.generate_button = QPushButton("Generate letters")
        self.generate_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop making the letters; none of them will be kept")
        self.cancel_button.hide()
        self.open_folder = QPushButton("Open the folder")
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
                       "to the folder as one PDF to print and one file per letter.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(choose)
        layout.addWidget(self.families, 3)
        layout.addWidget(self.empty)
        layout.addLayout(folder_form)
        layout.addWidget(self.status)
        layout.addWidget(self.skipped_heading)
        layout.addWidget(self.skipped, 2)
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
        folder = Path(self.folder.text().strip())
        self._cancel.clear()
        self.result = self.written = None
        self.status.setText(f"Making the {kind.title.lower()} for {len(ids)} "
                            f"{'family' if len(ids) == 1 else 'families'}…")
        self.skipped.set_records([])
        self.skipped_heading.hide()
        self.skipped.hide()
        self.open_folder.hide()
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        report, cancelled = self._progress.advanced.emit, self._cancel.is_set
        services, actor, today = self._services, self._actor, self._today

        def work() -> tuple[BatchResult, Written | None]:
            result = services.letters.batch(actor, kind, ids, progress=report,
                                            cancelled=cancelled)
            if result.cancelled or not result.letters:
                return result, None
            return result, write_batch(folder, kind, today, result)

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

    def _done(self, outcome: tuple[BatchResult, Written | None]) -> None:
        result, written = outcome
        self._task = None
        self.result, self.written = result, written
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(self._summary(result, written))
        if result.skipped and not result.cancelled:
            self.skipped.set_records(list(result.skipped))
            self.skipped_heading.setText(
                f"Left out ({len(result.skipped)}): add what is missing to each family's "
                "record, then make their letters from the family.")
            self.skipped_heading.show()
            self.skipped.show()
        self.open_folder.setVisible(written is not None and written.problem is None)
        self._update()
        self.finished_batch.emit(result)
        if self._close_when_done:
            self.reject()

    def _summary(self, result: BatchResult, written: Written | None) -> str:
        if result.cancelled:
            return "Cancelled. No letters were kept and nothing was written to the folder."
        made = len(result.letters)
        if not made:
            return ("No letters were made: none of the families chosen has everything the "
                    "letter needs. See the reasons below.")
        words = f"{made} {'letter' if made == 1 else 'letters'} made and kept with the " \
                "families' records."
        if written is None:
            return words
        if written.problem:
            return (f"{words} They could not be written to the folder ({written.problem}). "
                    "Open each family's letters to save copies, or choose another folder "
                    "next time.")
        combined = written.combined.name if written.combined else ""
        return (f"{words} Saved in the folder: {combined} (all the letters in one file, to "
                f"print) and {len(written.letters)} "
                f"{'file' if len(written.letters) == 1 else 'files'}, one per letter.")

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(f"No letters were made. {problem_text(error)}")
        self._update()
        if self._close_when_done:
            self.reject()

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save the letters in",
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))

    def reject(self) -> None:
        if self._task is not None:
            # Closing while letters are being made cancels them; the window closes once the
            # batch has stopped, so nothing is left half done behind it.
            self._close_when_done = True
            self.cancel()
            return
        super().reject()
