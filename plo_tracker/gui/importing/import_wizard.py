"""The import wizard: choose the spreadsheet, see the preview with every problem by row and
column, import all or nothing on a worker thread, and open the families list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.import_files import write_problems, write_template
from plo_tracker.services.imports import ImportPreview, ImportRefused, ImportResult
from plo_tracker.services.registry import Services

from ..icons import icon
from ..problem_text import problem_text
from ..workers import BackgroundTask

PAGE_FILE, PAGE_PREVIEW, PAGE_IMPORT, PAGE_DONE = range(4)
SPREADSHEETS = "Spreadsheets (*.csv *.xlsx *.xlsm);;CSV files (*.csv);;Excel workbooks (*.xlsx)"
CHECKING = "Checking the file…"


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FilePage(QWizardPage):
    """Which file: typed or chosen; a blank template to start one."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Choose the spreadsheet")
        self.setSubTitle("One row per child per episode, with the CIN census columns; names, "
                         "dates of birth, team, social worker and adults may follow. A .csv "
                         "file or an Excel workbook (.xlsx; its first sheet is read).")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("No file chosen yet")
        self.path_edit.textChanged.connect(self.completeChanged)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        self.template_button = QPushButton("Save a blank template…")
        self.template_button.setToolTip("A CSV file with every column's heading, to fill in")
        self.template_button.clicked.connect(self._choose_template)
        self.message = _wrapped()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.path() is not None

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Choose the spreadsheet to import",
                                                    str(Path.home()), SPREADSHEETS)
        if name:
            self.path_edit.setText(name)

    def _choose_template(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save a blank template", str(Path.home() / "plo-import-template.csv"),
            "CSV files (*.csv)")
        if name:
            self.save_template_to(Path(name))

    def save_template_to(self, path: Path) -> None:
        try:
            write_template(path)
        except OSError as error:
            self.message.setText(problem_text(error, "The template could not be saved."))
            return
        self.message.setText(f"Blank template saved as {path.name}: fill in one row per "
                             "child per episode, then choose it here.")


class PreviewPage(QWizardPage):
    """What the file would add and every problem in it, checked on a worker thread."""

    def __init__(self, services: Services, actor: Actor) -> None:
        super().__init__()
        self.services, self.actor = services, actor
        self.preview: ImportPreview | None = None
        self._task: BackgroundTask | None = None
        self.setTitle("Preview")
        self.setCommitPage(True)  # after the import there is no going back
        self.summary = _wrapped(CHECKING)
        self.verdict = _wrapped()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Row", "Column", "Problem"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton("Save problems as CSV…")
        self.save_button.setIcon(icon("save"))
        self.save_button.clicked.connect(self._choose_problems_file)
        self.again_button = QPushButton("Check again")
        self.again_button.setToolTip("Read the file again, after fixing it in the spreadsheet")
        self.again_button.clicked.connect(self.check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.check()

    def path(self) -> Path:
        return self.wizard().file_page.path()  # type: ignore[attr-defined]

    def check(self) -> None:
        """Read and check the file in the background; the page fills in when it answers."""
        self.preview = None
        self.summary.setText(CHECKING)
        self.verdict.clear()
        self.table.setRowCount(0)
        self._set_busy(True)
        services, actor, path = self.services, self.actor, self.path()
        self._task = BackgroundTask(lambda: services.imports.preview(actor, path))
        self._task.succeeded.connect(self.show_preview)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(lambda: self._set_busy(False))
        self._task.start()
        self.completeChanged.emit()

    def is_checking(self) -> bool:
        return self._task is not None and not self._task.is_done()

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.setSubTitle(preview.file_name)
        self.summary.setText(f"The file has {preview.summary()}")
        errors = len(preview.errors)
        if errors:
            self.verdict.setText(
                f"{errors:,} problem{'s' if errors != 1 else ''} to fix. Nothing is imported "
                "until there are none: correct the spreadsheet, save it, and press Check again.")
        elif preview.families == 0:
            self.verdict.setText("There are no families in this file to import.")
        else:
            self.verdict.setText("No problems: press Import to add these families. Every "
                                 "family is added, or none.")
        self.table.setRowCount(len(preview.problems))
        for row, problem in enumerate(preview.problems):
            kind = "" if problem.is_error else "Note: "
            for column, text in enumerate((str(problem.row or ""), problem.column or "",
                                           kind + problem.message)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.save_button.setEnabled(bool(preview.problems))
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(problem_text(error, "The file could not be checked."))
        self.completeChanged.emit()

    def _set_busy(self, busy: bool) -> None:
        self.again_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and bool(self.preview and self.preview.problems))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.preview is not None and self.preview.can_import

    def _choose_problems_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the problems", str(Path.home() / "import-problems.csv"),
            "CSV files (*.csv)")
        if name:
            self.save_problems_to(Path(name))

    def save_problems_to(self, path: Path) -> None:
        if self.preview is None:
            return
        try:
            write_problems(self.preview.problems, path)
        except OSError as error:
            self.verdict.setText(problem_text(error, "The problems could not be saved."))
            return
        self.verdict.setText(f"{self.verdict.text()} The problems are saved in {path.name}.")


class _ImportProgress(QObject):
    """Carries the import's progress from the worker thread to the page (queued)."""

    moved = Signal(int, int, str)


class ImportPage(QWizardPage):
    """The import itself, on a worker thread, with its progress."""

    def __init__(self, services: Services, actor: Actor) -> None:
        super().__init__()
        self.services, self.actor = services, actor
        self.result: ImportResult | None = None
        self._task: BackgroundTask | None = None
        self.setTitle("Importing")
        self.bar = QProgressBar()
        self.step = _wrapped()
        self.message = _wrapped()
        self._progress = _ImportProgress(self)
        self._progress.moved.connect(self._moved)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        services, actor = self.services, self.actor
        path = self.wizard().file_page.path()  # type: ignore[attr-defined]
        moved = self._progress.moved
        self.setSubTitle(path.name)
        self._task = BackgroundTask(lambda: services.imports.run(
            actor, path, lambda done, steps, what: moved.emit(done, steps, what)))
        self._task.succeeded.connect(self._imported)
        self._task.failed.connect(self._failed)
        # Once started the import runs to its end (all or nothing): no Cancel meanwhile.
        self.wizard().button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self._task.start()

    def is_importing(self) -> bool:
        return self._task is not None and not self._task.is_done()

    def _moved(self, done: int, steps: int, what: str) -> None:
        self.bar.setRange(0, steps)
        self.bar.setValue(done)
        self.step.setText(f"{what}…" if done < steps else "Finished.")

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self.completeChanged.emit()
        self.wizard().next()

    def _failed(self, error: BaseException) -> None:
        self.wizard().button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        if isinstance(error, ImportRefused):
            lines = "\n".join(p.text for p in error.preview.errors[:20])
            self.message.setText(f"{error.message}\n{lines}")
        else:
            self.message.setText(problem_text(error, "Nothing was imported."))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.result is not None


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Imported")
        self.setFinalPage(True)
        self.message = _wrapped()
        self.open_button = QPushButton("Open the families list")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        result = self.wizard().import_page.result  # type: ignore[attr-defined]
        if result is None:
            return
        count = len(result.family_ids)
        self.message.setText(
            f"{count:,} famil{'y' if count == 1 else 'ies'} added from "
            f"{result.preview.file_name} ({result.preview.summary()[:-1]}). The import is "
            "recorded in the audit log.")


class ImportWizard(QWizard):
    """File > Import from a spreadsheet… (administrators)."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from a spreadsheet")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.open_families = False
        self.file_page = FilePage()
        self.preview_page = PreviewPage(services, actor)
        self.import_page = ImportPage(services, actor)
        self.done_page = DonePage()
        for number, page in ((PAGE_FILE, self.file_page), (PAGE_PREVIEW, self.preview_page),
                             (PAGE_IMPORT, self.import_page), (PAGE_DONE, self.done_page)):
            self.setPage(number, page)
        self.done_page.open_button.clicked.connect(self._open_families)
        self.resize(760, 560)

    def imported(self) -> ImportResult | None:
        return self.import_page.result

    def _open_families(self) -> None:
        self.open_families = True
        self.accept()
