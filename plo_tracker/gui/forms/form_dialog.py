"""The one base class of every form that changes a family: check, save, refuse, reload."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.error_words import words_for
from plo_tracker.services.errors import ConflictingEdit
from plo_tracker.services.registry import Services

from ..database_wait import showing_waits
from ..error_dialog import build_report
from ..icons import icon
from .date_field import DateField
from .family_changes import describe_changes
from .fields import FieldSet, problem_colour

_log = logging.getLogger(__name__)

ENTRIES_KEPT = "Your entries are still here."
REFUSED_SEE_FIELDS = "Some entries were not accepted: see the messages under the fields."
DISCARD_QUESTION = "Discard your changes?"


def ask_discard(parent: QWidget, what: str = "this form") -> bool:
    """Ask before throwing away what the user typed; True means throw it away."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(DISCARD_QUESTION)
    box.setText(DISCARD_QUESTION)
    box.setInformativeText(f"What you entered in {what} has not been saved.")
    box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Discard).setText("Discard changes")
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep editing")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Discard


CONFIRM_QUESTION = "Save with these dates?"
NOT_SAVED_CHECK = "Not saved yet: check the dates, then save again."


def ask_confirm(parent: QWidget, warnings: list[str]) -> bool:
    """Ask before saving something allowed but unusual; True means save it as it is."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(CONFIRM_QUESTION)
    box.setText(CONFIRM_QUESTION)
    box.setInformativeText("\n".join(warnings))
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Save).setText("Save as it is")
    box.button(QMessageBox.StandardButton.Cancel).setText("Go back and check")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Save


def unexpected_problem(error: Exception) -> str:
    """What a form says when saving fails for a reason that is not about the entries."""
    return f"{words_for(error)} {ENTRIES_KEPT}"


def log_unexpected(error: Exception, doing: str) -> None:
    """Log where an unexpected error happened, without its message (it may name a person)."""
    _log.error("%s failed unexpectedly\n%s", doing,
               build_report(type(error), error, error.__traceback__))


def fit_height(dialog: QDialog) -> None:
    """Grow a dialog to fit the messages shown, so wrapped words never squeeze the fields."""
    layout = dialog.layout()
    layout.activate()
    needed = (layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth()
              else layout.totalMinimumSize().height())
    dialog.setMinimumHeight(needed)
    if dialog.height() < needed:
        dialog.resize(dialog.width(), needed)


def heading_label(text: str) -> QLabel:
    """A dialog's heading: its title, larger and bold."""
    heading = QLabel(text)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    heading.setFont(font)
    return heading


def save_and_cancel(dialog: QDialog, save: Callable[[], None],
                    ) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """Save (the default button) and Cancel, wired to ``save`` and the dialog's reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
    save_button.setDefault(True)
    save_button.setToolTip("Save (Ctrl+S)")
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save_button, buttons.button(QDialogButtonBox.StandardButton.Cancel)


class Banner(QFrame):
    """The general message at the top of a form: a problem, or news after a reload."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._icon = QLabel()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Message about this form")
        self.reload_button = QPushButton("&Reload the family")
        self.reload_button.setAccessibleName("Reload the family")
        self.reload_button.setToolTip(
            "Read the family again as it is now; your entries in this form are kept")
        self.reload_button.setAutoDefault(False)
        self.reload_button.hide()
        layout = QHBoxLayout(self)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def show_problem(self, message: str, offer_reload: bool = False) -> None:
        self._show(message, icon("warning"), problem_colour(self))
        self.reload_button.setVisible(offer_reload)
        self.changed.emit()

    def show_news(self, message: str) -> None:
        self._show(message, icon("information"), None)
        self.reload_button.hide()

    def clear(self) -> None:
        self.label.clear()
        self.reload_button.hide()
        self.hide()
        self.changed.emit()

    def _show(self, message: str, sign: QIcon, colour: str | None) -> None:
        self._icon.setPixmap(sign.pixmap(24, 24))
        self.label.setStyleSheet(f"color: {colour};" if colour else "")
        self.label.setText(message)
        self.show()
        self.changed.emit()


class FormDialog(QDialog):
    """A dialog that records one change to a family through a service.

    A subclass adds its fields in ``build()``, may add checks across fields in ``check()``,
    and calls its service in ``submit()``. Everything else is here: problems under their
    fields as the user types, Save disabled until the form is valid, Ctrl+S, a warning before
    unsaved entries are thrown away, and a save that never loses what was typed, whatever the
    service says.

    Args:
        services: the open database's services.
        actor: who is making the change.
        detail: the family as read when the form opened; its version goes with the save.

    After ``exec()`` returns Accepted, ``saved`` holds what the service returned.
    """

    title = "Record a change"

    def __init__(self, services: Services, actor: Actor, detail: FamilyDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.detail = detail
        self.version = detail.version
        self.today = services.context.clock.today()
        self.saved: Saved | None = None
        self.setWindowTitle(self.title)
        self.setAccessibleName(self.title)

        heading = heading_label(self.title)
        self.family_label = QLabel(_family_line(detail))
        self.family_label.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = Banner()
        self.banner.reload_button.clicked.connect(self.reload_family)
        self.banner.changed.connect(self.fit_height)
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.PlainText)
        self.intro_label.hide()
        form = QFormLayout()
        self.fields = FieldSet(form, self)
        self.still_needed = QLabel()
        self.still_needed.setWordWrap(True)
        self.still_needed.setTextFormat(Qt.TextFormat.PlainText)
        self.still_needed.setAccessibleName("What is still needed before saving")
        self.buttons, self.save_button, self.cancel_button = save_and_cancel(self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.family_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.still_needed)
        layout.addWidget(self.buttons)

        self.setMinimumWidth(560)
        self.build()
        self._initial = self.fields.snapshot()
        self.fields.changed.connect(self.revalidate)
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save)
        self._set_tab_order()
        self.revalidate()
        chain = self.fields.focus_chain()
        if chain:
            chain[0].setFocus()

    # -- for subclasses -------------------------------------------------------------------
    def build(self) -> None:
        """Add the form's fields to ``self.fields``."""
        raise NotImplementedError

    def check(self) -> dict[str, str]:
        """Problems across fields (dates in order, say), by field name; run as the user types.

        Only called on what the fields hold now: a date not yet typed reads as None.
        """
        return {}

    def warnings(self) -> list[str]:
        """Values allowed but unusual (a meeting on a Sunday, say): asked about before saving.

        Only called once the form is valid.
        """
        return []

    def submit(self, version: int) -> Saved:
        """Call the service with the form's values and the family version given."""
        raise NotImplementedError

    def family_reloaded(self, detail: FamilyDetail) -> None:
        """The family was read again: refresh any lists drawn from it, keeping choices."""

    def set_intro(self, text: str | None) -> None:
        """A sentence or two under the heading: what this records, what is due."""
        self.intro_label.setText(text or "")
        self.intro_label.setVisible(bool(text))

    def date_field(self, past_only: bool = True) -> DateField:
        """A date input whose calendar opens on today (and offers no later day if past_only)."""
        return DateField(self.today, past_only=past_only)

    # -- checking -------------------------------------------------------------------------
    def problems(self) -> dict[str, str]:
        """Every problem the form can find by itself, by field name."""
        found = self.fields.local_problems()
        for name, message in self.check().items():
            if name not in self.fields.names() or self.fields.is_active(name):
                found.setdefault(name, message)
        return found

    def revalidate(self) -> None:
        """Show the problems as they stand and allow Save only when there are none."""
        problems = self.problems()
        loose = self.fields.show_problems(problems)
        missing = self.fields.missing(problems)
        notes = list(loose.values())
        if missing:
            notes.insert(0, "Still needed before you can save: "
                         + ", ".join(m[:1].lower() + m[1:] for m in missing) + ".")
        self.still_needed.setText(" ".join(notes))
        self.still_needed.setVisible(bool(notes))
        self.save_button.setEnabled(not problems and not self.fields.has_server_problems())
        self.fit_height()

    def fit_height(self) -> None:
        """Grow to fit the messages shown, so wrapped words never squeeze the fields."""
        fit_height(self)

    def has_changes(self) -> bool:
        return self.fields.snapshot() != self._initial

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Save through the service; on any refusal the form stays open with its entries."""
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        warnings = self.warnings()
        if warnings and not ask_confirm(self, warnings):
            self.banner.show_problem(NOT_SAVED_CHECK)
            return
        self.banner.clear()
        try:
            with showing_waits(self.banner.show_news, self.banner.clear):
                saved = self.submit(self.version)
        except ValidationFailed as refused:
            self._refused(refused.problems)
        except ConflictingEdit as conflict:
            self.banner.show_problem(conflict.message, offer_reload=True)
            self.banner.reload_button.setFocus()
        except DomainError as error:
            self.banner.show_problem(error.message)
        except Exception as error:
            log_unexpected(error, f"Saving '{self.title}'")
            self.banner.show_problem(unexpected_problem(error))
        else:
            self.saved = saved
            self.version = saved.family_version
            self.accept()

    def _refused(self, problems: dict[str, str]) -> None:
        loose = self.fields.set_server_problems(problems)
        self.banner.show_problem(" ".join(loose.values()) if loose else REFUSED_SEE_FIELDS)
        self.revalidate()
        target = self.fields.first_with_problem()
        if target is not None:
            target.setFocus()

    def reload_family(self) -> None:
        """Read the family again and save against its new version; the entries stay."""
        try:
            fresh = self.services.case_detail.family(self.actor, self.detail.family_id)
        except DomainError as error:
            self.banner.show_problem(error.message)
            return
        except Exception as error:
            log_unexpected(error, "Reloading a family")
            self.banner.show_problem(unexpected_problem(error))
            return
        changes = describe_changes(self.detail, fresh)
        self.detail = fresh
        self.version = fresh.version
        self.family_label.setText(_family_line(fresh))
        self.family_reloaded(fresh)
        self.revalidate()
        self.banner.show_news(
            "The family has been reloaded. Since you opened this form: " + " ".join(changes)
            + " Your entries are still here: check them against this, then save.")
        first = self.fields.focus_chain()
        if first:
            first[0].setFocus()

    def reject(self) -> None:
        """Esc, Cancel or the close button: ask first if anything was typed."""
        if self.saved is None and self.has_changes() and not ask_discard(self):
            return
        super().reject()

    def _set_tab_order(self) -> None:
        chain = [self.banner.reload_button, *self.fields.focus_chain(), self.save_button,
                 self.cancel_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)


def _family_line(detail: FamilyDetail) -> str:
    children = ", ".join(f"{c.first_name} {c.last_name}".strip() for c in detail.children)
    stage = detail.episode.stage.label if detail.episode else "No episode yet"
    return f"Family {detail.plo_family_id}: {children or 'no children recorded'}. {stage}."
