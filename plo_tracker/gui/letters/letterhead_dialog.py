"""The letterhead: its logo, who signs, and the local solicitors listed; the council shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.actor import Actor
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services
from plo_tracker.settings import (
    LetterSettings,
    LocalSolicitor,
    Settings,
    address_problem,
    email_problem,
    phone_problem,
    text_value_problem,
)

from ..case_tabs.record_table import Column, RecordTable, RecordTableModel
from ..forms.fields import ProblemLabel, field_cell
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .council_details_box import CouncilDetailsBox

# reportlab draws these into the PDF; other picture formats would fail when a letter is made.
LOGO_FORMATS = frozenset({b"png", b"jpeg", b"jpg", b"gif"})
LOGO_FILTER = "Pictures (*.png *.jpg *.jpeg *.gif)"
THUMBNAIL = 96
READ_ONLY_NOTE = ("Only administrators can change the letterhead. If something here is wrong, "
                  "ask your PLO Tracker administrator.")
NO_SOLICITORS = ("Letters before proceedings must list local children-law solicitors; add at "
                 "least one before making them.")


# -- checks: the settings' own (settings.py), with what this dialog requires ----------------

def _text(required: str | None, what: str, kind: TextKind) -> Callable[[str], str | None]:
    return lambda value: text_value_problem(value, what, kind, required)


def logo_problem(path: str) -> str | None:
    """Why a file cannot be the logo, or None when it is a picture letters can show."""
    if not path:
        return None
    if not Path(path).is_file():
        return "The picture file cannot be found. Choose it again."
    reader = QImageReader(path)
    if bytes(reader.format()).lower() not in LOGO_FORMATS or not reader.canRead():
        return "That file is not a picture. Choose a PNG, JPEG or GIF image."
    return None


class _Form(QObject):
    """Labelled inputs, each with its problem shown directly under it."""

    changed = Signal()

    def __init__(self, layout: QFormLayout) -> None:
        super().__init__(layout)
        self.layout = layout
        self._checks: dict[str, tuple[QWidget, Callable[[str], str | None], ProblemLabel]] = {}
        self._touched: set[str] = set()

    def add(self, name: str, title: str, widget: QLineEdit | QPlainTextEdit,
            check: Callable[[str], str | None]) -> QWidget:
        widget.setAccessibleName(title)
        cell, problem = field_cell(widget, title)
        label = QLabel(title)
        label.setBuddy(widget)
        self.layout.addRow(label, cell)
        self._checks[name] = (widget, check, problem)
        widget.textChanged.connect(lambda: self._edited(name))
        return widget

    def value(self, name: str) -> str:
        widget = self._checks[name][0]
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        return text.strip()

    def set_value(self, name: str, value: str) -> None:
        widget = self._checks[name][0]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def problems(self) -> dict[str, str]:
        found = {}
        for name, (_widget, check, _label) in self._checks.items():
            problem = check(self.value(name))
            if problem:
                found[name] = problem
        return found

    def show(self, server: dict[str, str] | None = None) -> None:
        """Show each problem under its field: once the field is touched or holds something."""
        problems = self.problems()
        problems.update(server or {})
        for name, (_widget, _check, label) in self._checks.items():
            shown = name in self._touched or bool(self.value(name)) or name in (server or {})
            label.set_problem(problems.get(name) if shown else None)

    def names(self) -> list[str]:
        return list(self._checks)

    def widget(self, name: str) -> QWidget:
        return self._checks[name][0]

    def problem_label(self, name: str) -> ProblemLabel:
        return self._checks[name][2]

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self.show()
        self.changed.emit()


def _multiline(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves to the next field, as in every other form
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


# -- solicitors ---------------------------------------------------------------------------------

def _solicitor_column(header: str, tip: str, field: str, sample: str = "") -> Column:
    # One line in the table (an address's lines joined by commas); the whole value as its tip.
    return Column(header, tip, lambda s: ", ".join(getattr(s, field).splitlines()), sample,
                  tooltip=lambda s: getattr(s, field) or None)


SOLICITOR_COLUMNS: tuple[Column[LocalSolicitor], ...] = (
    _solicitor_column("Name", "The solicitor parents should contact", "name", "Georgina Middleton"),
    _solicitor_column("Firm", "The firm they work for", "firm", "Crowe & Mallard Family Law"),
    _solicitor_column("Address", "The firm's address", "address", "5 Quay Street, Westshire"),
    _solicitor_column("Phone", "The firm's phone number", "phone", "01632 960555"),
    _solicitor_column("Email", "The firm's email address, if given", "email"),
)


class SolicitorsModel(RecordTableModel[LocalSolicitor]):
    """The council's list of local children-law solicitors, in the order letters print it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SOLICITOR_COLUMNS, parent=parent)

    def solicitors(self) -> list[LocalSolicitor]:
        return [self.record(row) for row in range(self.rowCount())]


class SolicitorDialog(QDialog):
    """One solicitor's details, as letters print them."""

    def __init__(self, solicitor: LocalSolicitor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit the solicitor" if solicitor else "Add a solicitor")
        form_layout = QFormLayout()
        self.form = _Form(form_layout)
        self.form.add("name", "Contact name", QLineEdit(),
                      _text("Enter the name of the solicitor to contact.", "name",
                            TextKind.FULL_NAME))
        self.form.add("firm", "Firm", QLineEdit(),
                      _text("Enter the name of the firm.", "firm's name", TextKind.SHORT))
        self.form.add("address", "Address", _multiline(4),
                      lambda value: address_problem(value, "Enter the firm's address."))
        self.form.add("phone", "Phone", QLineEdit(),
                      lambda value: phone_problem(value, "Enter the firm's phone number."))
        self.form.add("email", "Email (optional)", QLineEdit(), email_problem)
        if solicitor is not None:
            for name in ("name", "firm", "address", "phone", "email"):
                self.form.set_value(name, getattr(solicitor, name))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Keep these details")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(self.buttons)
        self.form.changed.connect(self._update)
        self.form.show()
        self._update()
        self.resize(440, 0)

    def solicitor(self) -> LocalSolicitor:
        v = self.form.value
        address = _clean_lines(v("address"))
        return LocalSolicitor(v("name"), v("firm"), address, v("phone"), v("email"))

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.form.problems())


# -- the dialog --------------------------------------------------------------------------------

class LetterheadDialog(QDialog):
    """What every letter says about who it is from; saved with the other settings unchanged.

    ``saved`` is emitted with the new Settings after a save.
    """

    saved = Signal(object)
    loaded = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.can_edit = allows(actor, Permission.MANAGE_SETTINGS)
        self._task: BackgroundTask | None = None
        self._stored: LetterSettings | None = None  # as last loaded or saved
        self.solicitor_dialog: SolicitorDialog | None = None
        self.setWindowTitle("Letterhead and solicitors")
        self.setSizeGripEnabled(True)

        self.council = CouncilDetailsBox()
        signature_layout = QFormLayout()
        self.signature = _Form(signature_layout)
        self.signature.add("letters.signatory_name", "Name", QLineEdit(),
                           _text("Enter the name of the person who signs the letters.", "name",
                                 TextKind.FULL_NAME))
        self.signature.add("letters.signatory_title", "Job title", QLineEdit(),
                           _text("Enter their job title, as it should appear under the name.",
                                 "job title", TextKind.SHORT))
        arrangements = _multiline(3)
        arrangements.setPlaceholderText(
            "For example: Our family group conference coordinator will ring you this week.")
        self.signature.add("letters.fgdm_arrangements",
                           "How family group meetings are arranged (optional)", arrangements,
                           _text(None, "arrangements", TextKind.REASON))

        self.logo_path = ""
        self.logo_thumbnail = QLabel()
        self.logo_thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.logo_thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_thumbnail.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_thumbnail.setAccessibleName("Logo")
        self.logo_name = QLabel()
        self.logo_name.setWordWrap(True)
        self.choose_logo = QPushButton("Choose a picture…")
        self.remove_logo = QPushButton("Remove the logo")
        self.logo_problem = ProblemLabel("the logo")
        logo_choose = QHBoxLayout()
        logo_choose.addWidget(self.choose_logo)
        logo_choose.addWidget(self.remove_logo)
        logo_choose.addStretch(1)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_name)
        logo_buttons.addLayout(logo_choose)
        logo_buttons.addWidget(self.logo_problem)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_thumbnail)
        logo_row.addLayout(logo_buttons, 1)

        self.solicitors_model = SolicitorsModel()
        self.solicitors_table = RecordTable(self.solicitors_model,
                                            "Local children-law solicitors", NO_SOLICITORS)
        self.solicitors_table.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.solicitors = self.solicitors_table.table
        self.add_solicitor = QPushButton("Add…")
        self.edit_solicitor = QPushButton("Edit…")
        self.remove_solicitor = QPushButton("Remove")
        self.move_up = QPushButton("Move up")
        solicitor_buttons = QHBoxLayout()
        for button in (self.add_solicitor, self.edit_solicitor, self.remove_solicitor,
                       self.move_up):
            solicitor_buttons.addWidget(button)
        solicitor_buttons.addStretch(1)

        def group(title: str, inner) -> QGroupBox:
            box = QGroupBox(title)
            if isinstance(inner, QWidget):
                column = QVBoxLayout(box)
                column.addWidget(inner)
            else:
                box.setLayout(inner)
            return box

        solicitors_box = QVBoxLayout()
        intro = QLabel("Listed in every letter before proceedings, so parents can get free "
                       "legal advice.")
        intro.setWordWrap(True)
        solicitors_box.addWidget(intro)
        solicitors_box.addWidget(self.solicitors_table, 1)
        solicitors_box.addLayout(solicitor_buttons)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        self.read_only_note = QLabel(READ_ONLY_NOTE)
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self.can_edit)
        page_layout.addWidget(self.read_only_note)
        page_layout.addWidget(self.council)
        page_layout.addWidget(group("Logo", logo_row))
        page_layout.addWidget(group("Who signs the letters", signature_layout))
        page_layout.addWidget(group("Local children-law solicitors", solicitors_box))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)

        self.status = QLabel("Loading the letterhead…")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Letterhead status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setVisible(self.can_edit)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(720, 660)

        self.signature.changed.connect(self._update)
        self.choose_logo.clicked.connect(self._pick_logo)
        self.remove_logo.clicked.connect(lambda: self.set_logo(""))
        self.add_solicitor.clicked.connect(lambda: self._edit_solicitor(None))
        self.edit_solicitor.clicked.connect(self._edit_selected)
        self.solicitors.doubleClicked.connect(lambda _index: self._edit_selected())
        self.remove_solicitor.clicked.connect(self._remove_selected)
        self.move_up.clicked.connect(self._move_selected_up)
        self.solicitors_model.modelReset.connect(self._update)
        self.solicitors.selectionModel().selectionChanged.connect(self._update)
        self._set_editable(False)
        self._load = BackgroundTask(services.settings.current)
        self._load.succeeded.connect(self._loaded)
        self._load.failed.connect(self._load_failed)
        self._load.start()

    # -- what callers and tests use -------------------------------------------------------
    def set_logo(self, path: str) -> None:
        """Use a picture as the logo (refused with a message if it is not one)."""
        problem = logo_problem(path)
        if problem and path != self.logo_path:
            self.logo_problem.set_problem(problem)
            return
        self.logo_problem.set_problem(problem)
        self.logo_path = path
        self.logo_name.setText(Path(path).name if path else "No logo: letters start with the "
                                                           "council's name.")
        pixmap = QPixmap(path) if path and not problem else QPixmap()
        if pixmap.isNull():
            self.logo_thumbnail.clear()
            self.logo_thumbnail.setText("No logo")
        else:
            self.logo_thumbnail.setPixmap(pixmap.scaled(
                THUMBNAIL - 8, THUMBNAIL - 8, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self.remove_logo.setEnabled(bool(path) and self.can_edit)
        self._update()

    def set_solicitors(self, solicitors: list[LocalSolicitor]) -> None:
        self.solicitors_table.set_records(solicitors)

    def letters(self) -> LetterSettings:
        v = self.signature.value
        return LetterSettings(v("letters.signatory_name"), v("letters.signatory_title"),
                              self.logo_path, tuple(self.solicitors_model.solicitors()),
                              v("letters.fgdm_arrangements"))

    def problems(self) -> dict[str, str]:
        found = self.signature.problems()
        problem = logo_problem(self.logo_path)
        if problem:
            found["letters.logo_path"] = problem
        return found

    def is_changed(self) -> bool:
        return self._stored is not None and self._stored != self.letters()

    def save(self) -> None:
        """Save the letterhead; the timescales and anything else stored are kept as they are."""
        if not self.save_button.isEnabled():
            return
        letters = self.letters()
        services, actor = self._services, self._actor

        def work() -> Settings:
            # Read again just before saving, so a change made elsewhere meanwhile is kept.
            current = services.settings.current()
            return services.settings.save(actor, replace(current, letters=letters))

        self.status.setText("Saving…")
        self._task = BackgroundTask(work)
        self._task.succeeded.connect(self._saved)
        self._task.failed.connect(self._save_failed)
        self._task.start()
        self._update()

    # -- inside ---------------------------------------------------------------------------
    def _loaded(self, settings: Settings) -> None:
        letters = settings.letters
        self.council.show_council(settings.council)
        self.signature.set_value("letters.signatory_name", letters.signatory_name)
        self.signature.set_value("letters.signatory_title", letters.signatory_title)
        self.signature.set_value("letters.fgdm_arrangements", letters.fgdm_arrangements)
        self.logo_path = letters.logo_path
        self.set_logo(letters.logo_path)
        self.set_solicitors(list(letters.solicitors))
        self._stored = self.letters()
        self.status.clear()
        self._set_editable(self.can_edit)
        self._update()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText(f"The letterhead could not be loaded. {problem_text(error)}")

    def _set_editable(self, editable: bool) -> None:
        for name in self.signature.names():
            self.signature.widget(name).setReadOnly(not editable)
        for button in (self.choose_logo, self.add_solicitor, self.edit_solicitor,
                       self.remove_solicitor, self.move_up):
            button.setEnabled(editable)
        self.remove_logo.setEnabled(editable and bool(self.logo_path))

    def _update(self) -> None:
        problems = self.problems()
        ready = self._stored is not None and self._task is None
        self.save_button.setEnabled(self.can_edit and ready and not problems
                                    and self.is_changed())
        if self.can_edit and ready and problems:
            self.save_button.setToolTip("Put right the entries marked in red first.")
        else:
            self.save_button.setToolTip("")
        has_row = bool(self.solicitors.selectionModel().selectedRows())
        editable = self.can_edit and self._stored is not None
        self.edit_solicitor.setEnabled(editable and has_row)
        self.remove_solicitor.setEnabled(editable and has_row)
        self.move_up.setEnabled(editable and has_row)

    def _saved(self, _settings: Settings) -> None:
        self._task = None
        self._stored = self.letters()
        self.status.setText("Saved. The next letter made uses this letterhead.")
        self._update()
        self.saved.emit(_settings)

    def _save_failed(self, error: BaseException) -> None:
        self._task = None
        if isinstance(error, ValidationFailed):
            self.signature.show({k: v for k, v in error.problems.items()
                                 if k.startswith("letters.")})
            self.status.setText("Not saved: put right the entries marked, then save again.")
        else:
            self.status.setText(f"Not saved. {problem_text(error)}")
        self._update()

    def _pick_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Choose the council's logo",
                                                    self.logo_path, LOGO_FILTER)
        if path:
            self.set_logo(path)

    def _selected_row(self) -> int | None:
        rows = self.solicitors.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _edit_selected(self) -> None:
        row = self._selected_row()
        if row is not None and self.can_edit:
            self._edit_solicitor(row)

    def _edit_solicitor(self, row: int | None) -> None:
        current = self.solicitors_model.solicitors()[row] if row is not None else None
        dialog = SolicitorDialog(current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._solicitor_edited(row, dialog.solicitor()))
        dialog.finished.connect(lambda _r: setattr(self, "solicitor_dialog", None))
        self.solicitor_dialog = dialog
        dialog.open()

    def _solicitor_edited(self, row: int | None, solicitor: LocalSolicitor) -> None:
        rows = self.solicitors_model.solicitors()
        if row is None:
            rows.append(solicitor)
            row = len(rows) - 1
        else:
            rows[row] = solicitor
        self.set_solicitors(rows)
        self.solicitors.selectRow(row)
        self._update()

    def _remove_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            rows = self.solicitors_model.solicitors()
            del rows[row]
            self.set_solicitors(rows)

    def _move_selected_up(self) -> None:
        row = self._selected_row()
        if row:
            rows = self.solicitors_model.solicitors()
            rows[row - 1], rows[row] = rows[row], rows[row - 1]
            self.set_solicitors(rows)
            self.solicitors.selectRow(row - 1)

    def reject(self) -> None:
        if self._task is not None:
            self._task.discard()
        super().reject()


def _clean_lines(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
