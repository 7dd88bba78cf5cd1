"""A new court bundle for a family's hearing, and opening a family's bundle from its page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.bundle_views import BundleForm
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel
from ..forms.form_dialog import heading_label
from .hearing_form import HearingForm, hearing_text

NEW_TEXT = "New bundle for a hearing…"
NEW_INTRO = ("A bundle is made for one hearing. Its sections (A to F unless your administrator "
             "set others) come from the settings; you place the family's documents next.")


class NewBundleDialog(QDialog):
    """The hearing's details; Create makes the bundle. ``bundle_id`` is set once made."""

    def __init__(self, services: Services, actor: Actor, family_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.family_id = services, actor, family_id
        self.bundle_id: int | None = None
        self.setWindowTitle("New court bundle")
        self.form = HearingForm(services.context.clock.today())
        intro = QLabel(NEW_INTRO)
        intro.setWordWrap(True)
        self.problem = ProblemLabel("the new bundle")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("Create bundle",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("New bundle for a hearing"))
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def create(self) -> bool:
        problems = self.form.typing_problems()
        self.form.show_problems(problems)
        if problems:
            return False
        hearing = self.form.hearing()
        try:
            bundle = self.services.bundles.create(self.actor, self.family_id, BundleForm(
                court=hearing.court, case_number=hearing.case_number,
                hearing_at=hearing.hearing_at, judge=hearing.judge))
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.problem.set_problem(self.form.show_refusal(error, "The bundle was not made."))
            return False
        self.bundle_id = bundle.bundle_id
        self.accept()
        return True


class ChooseBundleDialog(QDialog):
    """A family with several bundles (one per hearing): which one to open, or a new one."""

    def __init__(self, bundles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Court bundles")
        self.chosen: int | None = None
        self.new = False
        self.list = QListWidget()
        self.list.setAccessibleName("The family's bundles")
        for bundle in bundles:
            item = QListWidgetItem(f"{hearing_text(bundle.hearing_at)} \u00b7 {bundle.court} "
                                   f"\u00b7 {bundle.case_number}")
            item.setData(Qt.ItemDataRole.UserRole, bundle.bundle_id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self._open())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        open_button = buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        open_button.setDefault(True)
        open_button.clicked.connect(self._open)
        new_button: QPushButton = buttons.addButton(NEW_TEXT,
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        new_button.clicked.connect(self._new)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Choose the hearing's bundle:"))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()

    def _new(self) -> None:
        self.new = True
        self.accept()
