"""The settings dialog: the timescale rules and the council's details, changed by administrators."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.retention import RetentionPeriods
from plo_tracker.domain.timescales import TIMESCALES, Timescale, Timescales
from plo_tracker.services.actor import Actor
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services
from plo_tracker.settings import (
    AccountSettings,
    CouncilDetails,
    PanelSettings,
    ReadabilitySettings,
    Settings,
)

from .followup_settings import FollowUpSettingsBox
from .problem_text import problem_text
from .returns.return_settings_box import ReturnSettingsBox
from .workers import BackgroundTask

ERROR_COLOUR = "#b0306a"  # red-purple, the overdue colour; the words say what is wrong
INTRO_TEXT = (
    "These timescales set the due dates of every family. When you save a change, every "
    "family's due dates are worked out again."
)
READ_ONLY_TEXT = (
    "Only an administrator can change these settings. You are signed in as a {role}; if a "
    "timescale or the council's details need to change, ask your PLO Tracker administrator."
)
SAVED_RECALCULATED = (
    "Saved. The due dates of every family were recalculated with the new timescales."
)
SAVED = "Saved."
NOT_SAVED = "Not saved: put right the values marked below, then save again."
_BUSY_CURSOR_DELAY_MS = 300
_MAX_VALUE = 999  # wide enough to type a value out of range and be told why it is refused
# The retention settings (domain/retention.py): label, unit, and what the number governs.
RETENTION_FIELDS = (  # name, label, unit, the default in words, what it governs
    ("child_protection_years", "Child protection records", "years after closure",
     "Default: {} years",
     "A family's record is kept this many years after its last PLO episode closed."),
    ("looked_after_until_age", "Looked-after children", "until this birthday",
     "Default: the {}th birthday",
     "Where care proceedings were issued, the record is kept until the youngest child "
     "reaches this age, if that is later."),
    ("backup_days", "Backups", "days after the copy was made", "Default: {} days",
     "Backups older than this are listed in the retention report for removal."),
)
# The sign-in settings (settings.AccountSettings), in the same shape.
ACCOUNT_FIELDS = (
    ("lockout_minutes", "Lock-out after 5 wrong passwords", "minutes", "Default: {} minutes",
     "An account stays locked this long after five wrong passwords in a row (an "
     "administrator can unlock it sooner)."),
    ("idle_lock_minutes", "Lock the window after", "minutes without use",
     "Default: {} minutes",
     "The window covers itself and asks for the password again; open work is kept."),
)
# The gateway panel's settings (settings.PanelSettings); who must attend are tick boxes.
PANEL_FIELDS = (
    ("quorum_members", "Quorum", "members attending", "Default: {} members",
     "A meeting with fewer members attending is not quorate; its decisions are marked so."),
    ("near_end_weeks", "Propose families for a decision", "weeks before the end",
     "Default: {} weeks",
     "The agenda proposes a family in pre-proceedings from this many weeks before the end "
     "of its 16 weeks (or its extension)."),
)
# How easy letters should be to read (settings.ReadabilitySettings).
READABILITY_FIELDS = (
    ("target_grade", "Reading grade target", "or lower", "Default: grade {}",
     "Letters above this Flesch-Kincaid grade are flagged in the template editor and before "
     "a letter is made, naming the sentences to shorten; they can still be made. Grade 6 "
     "is a reading age of about 11."),
)
# Each section of whole-number settings: its fields, its defaults and its heading.
NUMBER_SECTIONS = {
    "readability": (READABILITY_FIELDS, ReadabilitySettings, "Letters"),
    "retention": (RETENTION_FIELDS, RetentionPeriods, "How long records are kept"),
    "accounts": (ACCOUNT_FIELDS, AccountSettings, "Signing in"),
    "panel": (PANEL_FIELDS, PanelSettings, "Gateway panel"),
}


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.hide()
    return label


def _hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    # The palette's placeholder colour: quieter than the text, in light and dark themes alike.
    palette = label.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        # The disabled colour stays the style's own, so it greys out with the rest.
        palette.setColor(group, QPalette.ColorRole.WindowText,
                         palette.color(group, QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


class _FormScrollArea(QScrollArea):
    """Asks for room for its whole form, so the dialog opens without scrolling if it can."""

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        form = self.widget().sizeHint()
        # A line to spare, so a message under a field does not bring in a scroll bar at once.
        spare = self.fontMetrics().lineSpacing() + 2 * self.frameWidth()
        return QSize(form.width() + self._bar(), form.height() + spare)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Never narrower than the form (no sideways scrolling); shorter is fine, it scrolls.
        form = self.widget().minimumSizeHint()
        return QSize(form.width() + self._bar(), min(form.height(), 160))


class TimescaleField:
    """One timescale's widgets: the number, its rule in words, its default and its problem.

    What each timescale means, its range, counting and source come from the domain's
    table (domain/timescales.py), so this dialog says exactly what the due dates do.
    """

    def __init__(self, timescale: Timescale, default: int) -> None:
        self.timescale, self.name, self.default = timescale, timescale.name, default
        self.label = QLabel(timescale.label)
        self.spin = QSpinBox()
        self.spin.setRange(0, _MAX_VALUE)
        self.spin.setAccessibleName(f"{timescale.label}, in {timescale.unit}")
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.label.setBuddy(self.spin)
        self.unit_label = QLabel()
        unit = timescale.unit_one if default == 1 else timescale.unit
        self.default_label = _hint_label(f"Default: {default} {unit}")
        tip = f"{timescale.counting.explained} Source: {timescale.source}."
        for widget in (self.label, self.spin, self.unit_label):
            widget.setToolTip(tip)
        self.error = _error_label()
        self.spin.textChanged.connect(self.show_unit)

    def value(self) -> int | None:
        """The whole number typed, or None while the box is empty."""
        text = self.spin.cleanText().strip()
        return int(text) if text.isdigit() else None

    def show_unit(self) -> None:
        """The rule in words with the number typed: "within 5 working days of the gateway
        decision"."""
        value = self.value()
        self.unit_label.setText(self.timescale.rule(value, self.timescale.event).strip()
                                if value is not None else self.timescale.unit)


class SettingsDialog(QDialog):
    """Administrators change the timescales and the council's details; others read them.

    Args:
        services: the open database's services.
        actor: the person signed in; only an administrator may save.

    Saving runs in the background (it rebuilds every family's due dates) and the dialog
    stays open afterwards, saying what happened; ``saved`` carries the settings now in force.
    """

    saved = Signal(object)  # Settings, after a successful save

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.can_edit = allows(actor, Permission.MANAGE_SETTINGS)
        self._stored = services.settings.current()
        self._task: BackgroundTask | None = None
        self.discard_box: QMessageBox | None = None
        self.setWindowTitle("Settings" if self.can_edit else "Settings (read only)")

        if self.can_edit:
            self.intro = QLabel(INTRO_TEXT)
        else:
            self.intro = QLabel(READ_ONLY_TEXT.format(role=actor.role.label.lower()))
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName("About these settings")

        defaults = Timescales()
        self.timescales = {t.name: TimescaleField(t, getattr(defaults, t.name))
                           for t in TIMESCALES}
        self.restore_button = QPushButton("&Restore default timescales")
        self.restore_button.setToolTip("Put every timescale back to its default; "
                                       "nothing is saved until you press Save")
        self.restore_button.clicked.connect(self.restore_defaults)
        self.council_name = QLineEdit()
        self.council_name.setPlaceholderText("For example, Northshire County Council")
        self.council_service = QLineEdit()
        self.council_address = QPlainTextEdit()
        self.council_address.setTabChangesFocus(True)  # Tab moves on, as in every other field
        lines = self.council_address.fontMetrics().lineSpacing()
        self.council_address.setFixedHeight(4 * lines + 12)
        self.council_phone = QLineEdit()
        self.council_email = QLineEdit()
        # The council's details check themselves (settings.py); each says why under it.
        self.council_errors = {name: _error_label() for name in
                               ("name", "service", "address", "phone", "email")}
        self.name_error = self.council_errors["name"]
        self.numbers = {section: {name: QSpinBox() for name, *_ in fields}
                        for section, (fields, _defaults, _heading) in NUMBER_SECTIONS.items()}
        self.number_errors = {section: {name: _error_label() for name, *_ in fields}
                              for section, (fields, _d, _h) in NUMBER_SECTIONS.items()}
        for section, (fields, _defaults, _heading) in NUMBER_SECTIONS.items():
            for name, label, unit, _default, tip in fields:
                spin = self.numbers[section][name]
                spin.setRange(0, 9999)  # wide enough to type a value out of range and be told
                spin.setAlignment(Qt.AlignmentFlag.AlignRight)
                spin.setAccessibleName(f"{label}: {unit}")
                spin.setToolTip(tip)
        self.retention, self.retention_errors = (self.numbers["retention"],
                                                 self.number_errors["retention"])

        self.needs_chair = QCheckBox("The &chair must attend")
        self.needs_lawyer = QCheckBox("The &lawyer (local authority legal) must attend")
        self.needs_lawyer.setToolTip("Without them the meeting is not quorate")
        self.needs_chair.setToolTip("Without them the meeting is not quorate")
        self.shared_folder = QLineEdit()
        self.shared_folder.setPlaceholderText("Beside the database file")
        self.shared_folder.setAccessibleName("Shared documents folder")
        self.shared_folder.setToolTip(
            "For a team server: a folder every computer reaches by the same path, such as "
            "\\\\server\\plo-documents. Leave empty to keep documents beside a database file.")
        self.shared_folder_error = _error_label()
        self.returns_box = ReturnSettingsBox(_error_label, _hint_label)

        self.problem_label = _error_label()
        self.problem_label.setAccessibleName("Problem saving")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Save status")
        # Room kept for the line, so saying "Saved." does not squeeze the form above.
        self.status_label.setMinimumHeight(self.status_label.fontMetrics().lineSpacing())
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no total known: a moving bar says "still working"
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Saving")
        self.busy.hide()
        self._busy_cursor = QTimer(self)
        self._busy_cursor.setSingleShot(True)
        self._busy_cursor.setInterval(_BUSY_CURSOR_DELAY_MS)
        self._busy_cursor.timeout.connect(
            lambda: self.setCursor(Qt.CursorShape.BusyCursor))

        if self.can_edit:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                            | QDialogButtonBox.StandardButton.Close)
            self.save_button: QPushButton | None = self.buttons.button(
                QDialogButtonBox.StandardButton.Save)
            self.save_button.setDefault(True)
            self.save_button.clicked.connect(self.save)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.save_button = None
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save)

        self.followups = FollowUpSettingsBox(_hint_label)
        # Values first: a layout measures its labels once, so they must hold their words.
        self._show(self._stored)
        self._lay_out()
        for field in self.timescales.values():
            field.spin.textChanged.connect(self._changed)
        for edit in (self.council_name, self.council_service, self.council_phone,
                     self.council_email):
            edit.textChanged.connect(self._changed)
        self.council_address.textChanged.connect(self._changed)
        self.shared_folder.textChanged.connect(self._changed)
        self.returns_box.changed.connect(self._changed)
        self.followups.changed.connect(self._changed)
        for spin in self._number_spins():
            spin.textChanged.connect(self._changed)
        self.needs_chair.toggled.connect(self._changed)
        self.needs_lawyer.toggled.connect(self._changed)
        if not self.can_edit:
            self._make_read_only()
        self._changed()
        self._fitted = False

    # Public ----------------------------------------------------------------------------------

    def form_settings(self) -> Settings:
        """The settings as the form shows them (timescales may be None while a box is empty).

        Sections the dialog does not show (such as the letters') are kept as stored.
        """
        values = {name: field.value() for name, field in self.timescales.items()}
        council = CouncilDetails(
            name=self.council_name.text().strip(),
            service=self.council_service.text().strip(),
            address=self.council_address.toPlainText().strip(),
            phone=self.council_phone.text().strip(),
            email=self.council_email.text().strip(),
        )
        numbers = {section: defaults(**{
            name: int(spin.cleanText()) if spin.cleanText().isdigit() else None
            for name, spin in self.numbers[section].items()})
            for section, (_fields, defaults, _heading) in NUMBER_SECTIONS.items()}
        numbers["panel"] = replace(numbers["panel"], quorum_needs_chair=self.needs_chair
                                   .isChecked(), quorum_needs_lawyer=self.needs_lawyer.isChecked())
        documents = replace(self._stored.documents,
                            shared_folder=self.shared_folder.text().strip())
        return self.followups.applied_to(replace(
            self._stored, timescales=Timescales(**values), council=council,
            documents=documents, returns=self.returns_box.value(), **numbers))

    def problems(self) -> dict[str, str]:
        """Field name ("timescales.x", "council.phone") to why its value is refused, as the
        settings' own checks say (the service refuses the same)."""
        return self.form_settings().problems()

    def has_changes(self) -> bool:
        """True when the form differs from the settings last stored."""
        return self.form_settings() != self._stored

    def is_saving(self) -> bool:
        return self._task is not None

    def restore_defaults(self) -> None:
        """Put every timescale back to its default (saved only when the user saves)."""
        for field in self.timescales.values():
            field.spin.setValue(field.default)
        self.status_label.setText("Default timescales restored. Save to use them.")

    def save(self) -> None:
        """Save in the background when the form is valid and changed; otherwise do nothing."""
        if self.save_button is None or not self.save_button.isEnabled():
            return
        settings = self.form_settings()
        recalculate = settings.timescales != self._stored.timescales
        services, actor = self._services, self._actor
        self._set_busy(True, "Saving, and working out every family's due dates again…"
                       if recalculate else "Saving…")
        self._task = BackgroundTask(lambda: services.settings.save(actor, settings))
        # Bound methods, not lambdas: Qt drops the connection if the dialog is deleted first.
        self._task.succeeded.connect(self._saved)
        self._task.failed.connect(self._save_failed)
        self._task.start()

    def reject(self) -> None:
        """Close, after asking when there are unsaved changes; never while saving."""
        if self.is_saving():
            return
        if self.can_edit and self.has_changes():
            self._ask_to_discard()
            return
        super().reject()

    # Building --------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(10)
        digits = self.fontMetrics().horizontalAdvance("0000") + 40
        row = 0
        for field in self.timescales.values():
            field.spin.setFixedWidth(digits)
            grid.addWidget(field.label, row, 0)
            grid.addWidget(field.spin, row, 1)
            grid.addWidget(field.unit_label, row, 2)
            grid.addWidget(field.default_label, row, 3)
            grid.addWidget(field.error, row + 1, 1, 1, 3)
            row += 2
        restore_row = QHBoxLayout()
        restore_row.addStretch(1)
        restore_row.addWidget(self.restore_button)
        timescales_box = QGroupBox("Timescales")
        timescales_layout = QVBoxLayout(timescales_box)
        timescales_layout.addLayout(grid)
        timescales_layout.addLayout(restore_row)

        council_box = QGroupBox("The council")
        form = QFormLayout(council_box)
        for label, widget, name in (("Council &name", self.council_name, "name"),
                                    ("&Service", self.council_service, "service"),
                                    ("&Address", self.council_address, "address"),
                                    ("&Phone", self.council_phone, "phone"),
                                    ("&Email", self.council_email, "email")):
            form.addRow(label, widget)
            form.addRow("", self.council_errors[name])
            widget.setAccessibleName(label.replace("&", ""))
        self.council_service.setToolTip("The department named on letters, for example "
                                        "Children's Services")
        self.council_address.setToolTip(
            "Printed on letters; write it as on an envelope, one part per line")

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.intro)
        body_layout.addWidget(timescales_box)
        body_layout.addWidget(council_box)
        for section in NUMBER_SECTIONS:
            box = self._numbers_box(section, digits)
            if section == "panel":
                box.layout().addWidget(self.needs_chair, 2 * len(PANEL_FIELDS), 0, 1, 4)
                box.layout().addWidget(self.needs_lawyer, 2 * len(PANEL_FIELDS) + 1, 0, 1, 4)
            body_layout.addWidget(box)
        body_layout.addWidget(self.followups)
        body_layout.addWidget(self._documents_box())
        body_layout.addWidget(self._bundles_box())
        body_layout.addWidget(self.returns_box)
        body_layout.addStretch(1)
        # Scrolls rather than running off a small screen at 150% scaling.
        scroll = _FormScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab goes straight to the fields; the area scrolls to whichever one has the focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._body = body

        status_row = QHBoxLayout()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem_label)
        layout.addLayout(status_row)
        layout.addWidget(self.buttons)

    def _documents_box(self) -> QGroupBox:
        box = QGroupBox("Documents")
        form = QFormLayout(box)
        form.addRow("Shared &documents folder", self.shared_folder)
        note = _hint_label("Where the files of families' documents are kept. A team server "
                           "needs one folder every computer can reach; back it up with the "
                           "database.")
        note.setWordWrap(True)
        form.addRow("", note)
        form.addRow("", self.shared_folder_error)
        return box

    def _bundles_box(self) -> QGroupBox:
        box = QGroupBox("Court bundles")
        row = QHBoxLayout(box)
        self.bundle_sections_button = QPushButton("Bundle &sections…")
        self.bundle_sections_button.setToolTip("The sections new court bundles start with")
        self.bundle_sections_button.clicked.connect(self.open_bundle_sections)
        self.bundle_sections_button.setEnabled(self.can_edit)
        row.addWidget(QLabel("The lettering and title of each section of a new bundle."), 1)
        row.addWidget(self.bundle_sections_button)
        return box

    def open_bundle_sections(self) -> None:
        from .bundles.section_template_dialog import SectionTemplateDialog

        dialog = SectionTemplateDialog(self._services, self._actor, self)
        if dialog.exec() and dialog.saved:
            # Saved on its own: this form keeps its other entries and must not store the old
            # sections back over the new ones when it is saved.
            self._stored = replace(self._stored,
                                   bundles=self._services.settings.current().bundles)
        dialog.deleteLater()

    def _numbers_box(self, section: str, width: int) -> QGroupBox:
        fields, defaults_of, heading = NUMBER_SECTIONS[section]
        box = QGroupBox(heading)
        grid = QGridLayout(box)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(10)
        defaults = defaults_of()
        spins, errors = self.numbers[section], self.number_errors[section]
        for row, (name, label, unit, default, tip) in enumerate(fields):
            words = QLabel(label)
            words.setBuddy(spins[name])
            words.setToolTip(tip)
            spins[name].setFixedWidth(width)
            grid.addWidget(words, 2 * row, 0)
            grid.addWidget(spins[name], 2 * row, 1)
            grid.addWidget(QLabel(unit), 2 * row, 2)
            grid.addWidget(_hint_label(default.format(getattr(defaults, name))), 2 * row, 3)
            grid.addWidget(errors[name], 2 * row + 1, 1, 1, 3)
        return box

    def _number_spins(self) -> list[QSpinBox]:
        return [spin for spins in self.numbers.values() for spin in spins.values()]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._fitted:
            # Measured once shown, when every layout has worked out its sizes.
            self._fitted = True
            room = self.screen().availableGeometry().size() - QSize(40, 60)
            self.resize(self.sizeHint().boundedTo(room).expandedTo(self.minimumSizeHint()))

    def _show(self, settings: Settings) -> None:
        for name, field in self.timescales.items():
            field.spin.setValue(getattr(settings.timescales, name))
            field.show_unit()
        council = settings.council
        self.council_name.setText(council.name)
        self.council_service.setText(council.service)
        self.council_address.setPlainText(council.address)
        self.council_phone.setText(council.phone)
        self.council_email.setText(council.email)
        self.shared_folder.setText(settings.documents.shared_folder)
        self.returns_box.show_settings(settings.returns)
        self.followups.show_settings(settings)
        for section, spins in self.numbers.items():
            for name, spin in spins.items():
                spin.setValue(getattr(getattr(settings, section), name))
        self.needs_chair.setChecked(settings.panel.quorum_needs_chair)
        self.needs_lawyer.setChecked(settings.panel.quorum_needs_lawyer)

    def _number_error(self, key: str) -> QLabel | None:
        """The problem label of a "section.name" whole-number setting, if it is one."""
        section, _dot, name = key.partition(".")
        return self.number_errors.get(section, {}).get(name)

    def _make_read_only(self) -> None:
        for field in self.timescales.values():
            field.spin.setReadOnly(True)
            field.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        for edit in (self.council_name, self.council_service, self.council_phone,
                     self.council_email, self.shared_folder):
            edit.setReadOnly(True)
        self.council_address.setReadOnly(True)
        for spin in self._number_spins():
            spin.setReadOnly(True)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.restore_button.hide()
        self.needs_chair.setEnabled(False)
        self.needs_lawyer.setEnabled(False)
        self.returns_box.set_read_only()
        self.followups.set_read_only()

    # Reactions -------------------------------------------------------------------------------

    def _changed(self) -> None:
        problems = self.problems() if self.can_edit else {}
        for name, field in self.timescales.items():
            self._show_problem(field.error, problems.get(f"timescales.{name}"))
        for name, label in self.council_errors.items():
            self._show_problem(label, problems.get(f"council.{name}"))
        self._show_problem(self.shared_folder_error, problems.get("documents.shared_folder"))
        self.returns_box.show_problems(problems)
        self.followups.show_problems(problems, ERROR_COLOUR)
        for section, labels in self.number_errors.items():
            for name, label in labels.items():
                self._show_problem(label, problems.get(f"{section}.{name}"))
        if self.save_button is None:
            return
        changed = self.has_changes()
        self.save_button.setEnabled(not problems and changed and not self.is_saving())
        if problems:
            self.save_button.setToolTip("Put right the values marked in red first")
        elif not changed:
            self.save_button.setToolTip("Nothing has changed yet")
        else:
            self.save_button.setToolTip("Save the settings (Ctrl+S)")
        if changed and self.status_label.text() in (SAVED, SAVED_RECALCULATED):
            self.status_label.clear()  # the last save is no longer what the form shows

    @staticmethod
    def _show_problem(label: QLabel, message: str | None) -> None:
        label.setText(message or "")
        label.setVisible(bool(message))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._body.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.status_label.setText(text)
        if busy:
            self.problem_label.hide()
            self._busy_cursor.start()
        else:
            self._busy_cursor.stop()
            self.unsetCursor()

    def _saved(self, settings: Settings) -> None:
        self._task = None
        recalculated = settings.timescales != self._stored.timescales
        self._stored = settings
        self._set_busy(False, SAVED_RECALCULATED if recalculated else SAVED)
        self._changed()
        self.close_button.setFocus()
        self.saved.emit(settings)

    def _save_failed(self, error: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self._changed()
        # Whatever went wrong, the form keeps what the user typed.
        if isinstance(error, ValidationFailed):
            for key, message in error.problems.items():
                name = key.removeprefix("timescales.")
                if name in self.timescales:
                    self._show_problem(self.timescales[name].error, message)
                elif (number := self._number_error(key)) is not None:
                    self._show_problem(number, message)
                elif key.removeprefix("council.") in self.council_errors:
                    self._show_problem(self.council_errors[key.removeprefix("council.")],
                                       message)
            self.followups.show_problems(error.problems, ERROR_COLOUR)
            self._show_problem(self.problem_label, NOT_SAVED)
        else:
            self._show_problem(self.problem_label, problem_text(error, "Not saved."))

    def _ask_to_discard(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Discard changes?",
                          "You have changed settings that are not saved. Discard the changes?",
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                          self)
        box.button(QMessageBox.StandardButton.Cancel).setText("Keep editing")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(self._discard_answered)
        self.discard_box = box
        box.open()

    def _discard_answered(self) -> None:
        box, self.discard_box = self.discard_box, None
        if box is None:
            return
        discard = box.clickedButton() is box.button(QMessageBox.StandardButton.Discard)
        box.deleteLater()
        if discard:
            super().reject()
