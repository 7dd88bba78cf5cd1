"""Writing a family's letters: choose the letter and recipients, preview live, generate, keep."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.documents.letter_checks import LetterNotReady
from plo_tracker.documents.templates import join_names
from plo_tracker.domain.easy_read import has_easy_read
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.letters import GeneratedLetterView, RecipientCheck
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..case_tabs.record_table import heading
from ..forms.fields import ProblemLabel
from ..icons import icon
from ..problem_text import problem_text
from ..workers import NamedTasks
from .generated_letters_view import GeneratedLettersView
from .pdf_preview import PdfPreview
from .readability_panel import GradeLines, grade_line

ADULT_ROLE = Qt.ItemDataRole.UserRole + 1
# Long enough to let a quick run through the recipient list settle before rendering.
PREVIEW_DELAY_MS = 150
NOT_READY_PREVIEW = ("This letter cannot be shown yet: the case still needs the details "
                     "listed under \"What the case still needs\". Add them to the family's "
                     "record, then come back to this letter.")
CHOOSE_RECIPIENT = "Choose a recipient to preview their letter."


def default_letter(detail: FamilyDetail) -> LetterType:
    """The letter a family most likely needs next, from its stage."""
    episode = detail.episodes[-1] if detail.episodes else None
    stage = episode.stage if episode else None
    if stage is Stage.PROCEEDINGS_ISSUED or stage is Stage.CLOSED:
        return LetterType.ISSUE
    if stage is Stage.STEPPED_DOWN:
        return LetterType.STEP_DOWN
    # PLO.md: pre-birth cases use the unborn baby's letter, which also names any older
    # brothers and sisters.
    if any(c.date_of_birth is None for c in detail.children):
        return LetterType.LBP_UNBORN
    return LetterType.LBP


def gap_lines(checks: list[RecipientCheck]) -> list[str]:
    """Each missing detail once, with whose letters need it."""
    needed: dict[str, list[str]] = {}
    for check in checks:
        for item in check.missing:
            needed.setdefault(item, []).append(check.name)
    lines = []
    for item, names in needed.items():
        letters = "letter" if len(names) == 1 else "letters"
        lines.append(f"{item[:1].upper()}{item[1:]} ({letters} to {join_names(names)})")
    return lines


class FamilyLettersDialog(QDialog):
    """One family's letters: what is missing is named before anything is made.

    ``changed`` is emitted when letters are generated or recorded as sent, so the case
    workspace can show them.
    """

    changed = Signal()
    checked = Signal()  # the recipients and what they lack have been read for the letter type
    preview_shown = Signal()  # a letter (or the reason there is none) is in the preview
    readability_shown = Signal()  # each ready letter's grade is listed

    def __init__(self, services: Services, actor: Actor, family_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.family_id = family_id
        self.detail: FamilyDetail | None = None
        self._checks: dict[int, RecipientCheck] = {}
        # Each letter made in this window, by kind and recipient: Generate never makes one
        # of them again (a second press would keep a second copy of the same letter).
        self._made: set[tuple[LetterType, int | None]] = set()
        self._tasks = NamedTasks(self)
        self._tasks.finished.connect(self._update_generate)
        self.setWindowTitle("Write letters")
        self.setSizeGripEnabled(True)

        self.family_label = QLabel("Loading the family…")
        self.family_label.setWordWrap(True)
        self.letter_type = QComboBox()
        for kind in LetterType:
            self.letter_type.addItem(kind.title, kind)
        self.letter_type.setAccessibleName("Letter")
        self.letter_type.setEnabled(False)
        self.type_problem = ProblemLabel("the letter chosen")

        self.recipients = QListWidget()
        self.recipients.setAccessibleName("Recipients")
        self.recipients.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        recipients_hint = QLabel("Everyone with parental responsibility gets their own letter. "
                                 "Untick anyone who should not get it now; click a name to "
                                 "preview their letter.")
        recipients_hint.setWordWrap(True)
        recipients_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        # Offered for anyone; an adult recorded with a learning disability gets it anyway.
        self.easy_read = QCheckBox("Add the Easy Read version for everyone")
        self.easy_read.setToolTip(
            "The standard letter is followed, in the same file, by an Easy Read version: "
            "short sentences, big print and a picture beside each part. It is added by "
            "itself for anyone recorded with a learning disability.")
        self.easy_read.toggled.connect(self._easy_read_toggled)

        self.missing_heading = heading("What the case still needs")
        self.missing_list = QListWidget()
        self.missing_list.setAccessibleName("What the case still needs")
        self.missing_list.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.missing_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.missing_list.setWordWrap(True)
        # How easy each ready letter is to read, against the council's target: a letter
        # above it is flagged, with the sentences to shorten, but can still be made.
        self.readability_heading = heading("How easy to read")
        self.readability_lines = GradeLines()
        self.readability_lines.setAccessibleName("How easy each letter is to read")
        self.ready_label = QLabel()  # whether Generate can be pressed, and if not why not
        self.ready_label.setWordWrap(True)
        self.ready_label.setAccessibleName("Generate letters")

        self.generate_button = QPushButton("Generate letters")
        self.generate_button.setIcon(icon("write-letters"))
        self.generate_button.setDefault(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Letters status")

        self.made_heading = heading("Letters made now")
        self.made = GeneratedLettersView(services, actor, compact=True)
        self.made.changed.connect(self.changed)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.family_label)
        column.addWidget(heading("Letter"))
        column.addWidget(self.letter_type)
        column.addWidget(self.type_problem)
        column.addWidget(heading("Recipients"))
        column.addWidget(recipients_hint)
        column.addWidget(self.recipients)
        column.addWidget(self.easy_read)
        column.addWidget(self.missing_heading)
        column.addWidget(self.missing_list, 1)
        column.addWidget(self.readability_heading)
        column.addWidget(self.readability_lines)
        column.addWidget(self.ready_label)
        column.addWidget(self.generate_button)
        column.addWidget(self.status)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        column.addWidget(line)
        column.addWidget(self.made_heading)
        column.addWidget(self.made, 1)
        # Takes the spare height while neither list is shown, so the rest stays together.
        self._filler = QWidget()
        self._filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        column.addWidget(self._filler, 1)

        self.preview_heading = heading("Preview")
        self.preview = PdfPreview(CHOOSE_RECIPIENT)
        right = QWidget()
        preview_column = QVBoxLayout(right)
        preview_column.setContentsMargins(8, 0, 0, 0)
        preview_column.addWidget(self.preview_heading)
        preview_column.addWidget(self.preview, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 650])
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1100, 700)  # fits a 1366x768 laptop screen

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self.letter_type.currentIndexChanged.connect(self._type_changed)
        self.recipients.itemChanged.connect(self._ticks_changed)
        self.recipients.currentItemChanged.connect(self._recipient_changed)
        self.generate_button.clicked.connect(self.generate)
        self._show_made([])
        self._update_generate()
        self._run("family", lambda: services.case_detail.family(actor, family_id),
                  self._family_loaded, self._family_failed)

    # -- what callers and tests use -------------------------------------------------------
    def chosen_type(self) -> LetterType:
        return self.letter_type.currentData()

    def set_letter_type(self, letter_type: LetterType) -> None:
        self.letter_type.setCurrentIndex(self.letter_type.findData(letter_type))

    def ticked(self) -> list[int]:
        return [item.data(ADULT_ROLE) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def missing(self) -> list[str]:
        return [self.missing_list.item(i).text() for i in range(self.missing_list.count())]

    def is_busy(self) -> bool:
        return self._tasks.running() or self._preview_timer.isActive()

    def to_make(self) -> list[int]:
        """The ticked recipients whose letter of the kind chosen was not made in this window."""
        kind = self.chosen_type()
        return [adult for adult in self.ticked() if (kind, adult) not in self._made]

    def generate(self) -> None:
        """Make and keep one letter for each ticked recipient not given it yet (all or none)."""
        if not self.generate_button.isEnabled():
            return
        kind, ids, easy = self.chosen_type(), self.to_make(), self.easy_read.isChecked()
        self.status.clear()
        make, actor, family_id = self._services.letters.generate, self._actor, self.family_id
        self._run("generate", lambda: make(actor, family_id, kind, ids, easy_read=easy),
                  self._generated,
                  self._generate_failed)
        self._update_generate()

    # -- loading --------------------------------------------------------------------------
    def _run(self, name: str, work, done, failed) -> None:
        """Run a service call in the background; a newer call of the same name replaces it."""
        # ``work`` must never hold this widget (callers pass plain values): see NamedTasks.
        self._tasks.run(name, work, done, failed)

    def _family_loaded(self, detail: FamilyDetail) -> None:
        self.detail = detail
        surname = detail.children[0].last_name if detail.children else ""
        family = f"The {surname} family" if surname else "The family"
        self.family_label.setText(f"{family}, Public Law Outline (PLO) reference "
                                  f"{detail.plo_family_id}.")
        self.setWindowTitle(f"Write letters: {detail.plo_family_id}")
        self.letter_type.setEnabled(True)
        self.letter_type.blockSignals(True)
        self.set_letter_type(default_letter(detail))
        self.letter_type.blockSignals(False)
        self._type_changed()

    def _family_failed(self, error: BaseException) -> None:
        self.family_label.setText(f"The family could not be loaded. {problem_text(error)}")

    def _type_changed(self) -> None:
        self._checks = {}
        self.type_problem.set_problem(None)
        self.recipients.clear()
        self.missing_list.clear()
        self._tasks.discard("readability")
        self._show_readability([])
        self.status.clear()
        self.preview.show_message("Checking the case for this letter…")
        self.preview_heading.setText("Preview")
        kind = self.chosen_type()
        self.easy_read.setEnabled(has_easy_read(kind))
        if not has_easy_read(kind):
            self.easy_read.setChecked(False)
        check, actor, family_id = self._services.letters.check, self._actor, self.family_id
        self._run("check", lambda: check(actor, family_id, kind), self._checked,
                  self._check_failed)

    def _checked(self, checks: list[RecipientCheck]) -> None:
        self._checks = {c.adult_id: c for c in checks}
        self.recipients.blockSignals(True)
        for check in checks:
            text = check.name + (" (large print)" if check.large_print else "") + \
                (" (with Easy Read)" if check.easy_read else "")
            item = QListWidgetItem(text)
            item.setData(ADULT_ROLE, check.adult_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            tip = "Their letter is printed in large print (16 point)." if check.large_print \
                else ""
            if check.easy_read:
                tip = (tip + " " if tip else "") + ("They are recorded with a learning "
                                                    "disability, so an Easy Read version "
                                                    "follows their letter.")
            item.setToolTip(tip)
            self.recipients.addItem(item)
        self.recipients.blockSignals(False)
        self._show_gaps()
        self._score_letters()
        if self.recipients.count():
            self.recipients.setCurrentRow(0)
        self.checked.emit()

    def _score_letters(self) -> None:
        """Score each ready recipient's letter in the background, as it will be sent."""
        ready = [(c.adult_id, c.name) for c in self._checks.values() if not c.missing]
        self._show_readability([])
        if not ready:
            return
        kind, actor, family_id = self.chosen_type(), self._actor, self.family_id
        letters, settings = self._services.letters, self._services.settings

        def work():
            target = settings.current().readability.target_grade
            return [(name, letters.readability(actor, family_id, kind, adult), target)
                    for adult, name in ready]

        self._run("readability", work, self._show_readability, self._score_failed)

    def _show_readability(self, scored: list) -> None:
        self._set_readability([grade_line(name, result, target)
                               for name, result, target in scored])

    def _score_failed(self, error: BaseException) -> None:
        self._set_readability([(f"How easy the letter is to read could not be worked out. "
                                f"{problem_text(error)}", False)])

    def _set_readability(self, lines: list[tuple[str, bool]]) -> None:
        self.readability_lines.set_lines(lines)
        self.readability_heading.setVisible(bool(lines))
        self.readability_lines.setVisible(bool(lines))
        if lines:
            self.readability_shown.emit()

    def _check_failed(self, error: BaseException) -> None:
        self.type_problem.set_problem(problem_text(error))
        self.preview.show_message("There is no letter of this kind to show for this family.")
        self._update_generate()
        self.checked.emit()
        self.preview_shown.emit()

    # -- recipients and gaps --------------------------------------------------------------
    def _items(self) -> list[QListWidgetItem]:
        return [self.recipients.item(i) for i in range(self.recipients.count())]

    def _ticks_changed(self, _item: QListWidgetItem) -> None:
        self._show_gaps()

    def _show_gaps(self) -> None:
        chosen = [self._checks[adult] for adult in self.ticked() if adult in self._checks]
        lines = gap_lines(chosen)
        self.missing_list.clear()
        self.missing_list.addItems(lines)
        warning = icon("warning")
        for i in range(self.missing_list.count()):
            self.missing_list.item(i).setIcon(warning)
        self.missing_heading.setVisible(bool(lines))
        self.missing_list.setVisible(bool(lines))
        rows = sum(self.missing_list.sizeHintForRow(i) for i in range(min(len(lines), 10)))
        self.missing_list.setMaximumHeight(rows + 2 * self.missing_list.frameWidth() + 4)
        self._update_filler()
        self._update_generate()

    def _update_generate(self) -> None:
        to_make = self.to_make()
        reason = self._not_ready()
        self.generate_button.setEnabled(reason is None)
        count = len(to_make)
        self.generate_button.setText(
            "Generate the letter" if count == 1 else f"Generate {count} letters" if count
            else "Generate letters")
        if reason is None:
            self.ready_label.setText(self._ready_text(to_make))
            self.generate_button.setToolTip("Make the letters and keep them with the family's "
                                            "record")
        else:
            self.ready_label.setText(reason)
            self.generate_button.setToolTip(reason)

    def _not_ready(self) -> str | None:
        """Why Generate cannot be pressed now, in words; None when it can."""
        chosen = [self._checks[adult] for adult in self.ticked() if adult in self._checks]
        if not allows(self._actor, Permission.EDIT_CASES):
            return "Your role can read letters but not make them."
        if self._tasks.running("generate"):
            return "Making the letters…"
        if self._tasks.running("check"):
            return "Checking the case for this letter…"
        if not self._checks:
            return ""  # nothing to make: the problem with the letter is shown above
        if not chosen:
            return "Tick at least one recipient."
        if any(c.missing for c in chosen):
            return "Add these to the family's record first: no letter is made with a gap in it."
        if not self.to_make():
            return ("Made just now: these letters are listed below. To make more, choose "
                    "another letter or tick someone else.")
        return None

    def _ready_text(self, to_make: list[int]) -> str:
        ready = "Everything these letters need is recorded."
        again = [self._checks[adult].name for adult in self.ticked() if adult not in to_make]
        if again:
            ready += (f" {join_names(again)} had their letter made just now, so it is not "
                      "made again." if len(again) == 1 else f" {join_names(again)} had theirs "
                      "made just now, so they are not made again.")
        return ready

    # -- preview --------------------------------------------------------------------------
    def _recipient_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        if current is None:
            self.preview.show_message(CHOOSE_RECIPIENT)
            return
        check = self._checks.get(current.data(ADULT_ROLE))
        if check is None:
            return
        large = ", large print" if check.large_print else ""
        self.preview_heading.setText(f"Preview: letter to {check.name}{large}")
        if check.missing:
            self._preview_timer.stop()
            self._tasks.discard("preview")
            self.preview.show_message(NOT_READY_PREVIEW)
            self.preview_shown.emit()
            return
        self.preview.set_busy(True)
        self._preview_timer.start()

    def _start_preview(self) -> None:
        current = self.recipients.currentItem()
        if current is None:
            return
        kind, adult = self.chosen_type(), current.data(ADULT_ROLE)
        easy = self.easy_read.isChecked()
        preview, actor, family_id = self._services.letters.preview, self._actor, self.family_id
        self._run("preview", lambda: preview(actor, family_id, kind, adult, easy_read=easy),
                  self._previewed,
                  self._preview_failed)

    def _easy_read_toggled(self, _on: bool) -> None:
        self._recipient_changed(self.recipients.currentItem())

    def _previewed(self, pdf: bytes) -> None:
        self.preview.set_pdf(pdf)
        self.preview_shown.emit()

    def _preview_failed(self, error: BaseException) -> None:
        if isinstance(error, LetterNotReady):
            text = "This letter cannot be shown yet. The case still needs: " + \
                "; ".join(error.missing) + "."
        else:
            text = f"The preview could not be made. {problem_text(error)}"
        self.preview.show_message(text)
        self.preview_shown.emit()

    # -- generating -----------------------------------------------------------------------
    def _generated(self, letters: list[GeneratedLetterView]) -> None:
        self._made |= {(x.letter_type, x.adult_id) for x in letters}
        names = ", ".join(x.recipient_name for x in letters)
        made = "1 letter" if len(letters) == 1 else f"{len(letters)} letters"
        self.status.setText(f"{made} made and kept with the family's record ({names}). Open "
                            "them, save a copy to print, and record each one when it is sent.")
        shown = {x.letter_id for x in self.made.letters()} | {x.letter_id for x in letters}
        self._show_made(sorted(shown))
        self.changed.emit()

    def _generate_failed(self, error: BaseException) -> None:
        if isinstance(error, LetterNotReady):
            # The record changed since it was checked: check again so the gaps are listed.
            self.status.setText("The case changed while the letters were being made, and "
                                "something they need is now missing. Nothing was kept.")
            self._type_changed()
        else:
            self.status.setText(f"No letters were made. {problem_text(error)}")

    def _show_made(self, letter_ids: list[int]) -> None:
        self.made_heading.setVisible(bool(letter_ids))
        self.made.setVisible(bool(letter_ids))
        self._update_filler()
        if letter_ids:
            self.made.set_family(self.family_id, only=letter_ids)

    def _update_filler(self) -> None:
        self._filler.setVisible(self.made.isHidden())

    def done(self, result: int) -> None:
        self._preview_timer.stop()
        self._tasks.discard_all()
        super().done(result)
