"""Restrict access…: restrict a family to named people, and choose them (team managers and
administrators; services/family_access.py holds the rules and audits every change)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.error_words import words_for
from plo_tracker.services.family_access import FamilyAccessView, Person, restricted_words
from plo_tracker.services.registry import Services

from .form_dialog import (
    Banner,
    _family_line,
    ask_discard,
    heading_label,
    log_unexpected,
    save_and_cancel,
)

TITLE = "Restrict access"
RESTRICT_TEXT = "&Restrict this family: only the people below may see it"
INTRO = ("For a staff member's relative or a high-profile case. Anyone not listed, "
         "administrators included, will not find this family in any list, search, due list "
         "or export, and cannot open it. Every change here is recorded in the audit log.")
NOT_RESTRICTED = "Not restricted: everyone who may see families sees this one."
NOBODY_ALWAYS = "No social worker or team manager is allocated."


def _who(person: Person) -> str:
    return f"{person.display_name} ({person.role.label.lower()})"


class AccessDialog(QDialog):
    """Who may see one family: the restriction, the people who always see it, and a list of
    every active account to name, with a box to find one by name.

    Shaped like the forms of gui/forms/actions.py: after ``exec()`` returns Accepted,
    ``saved`` holds what the service returned.
    """

    title = TITLE

    def __init__(self, services: Services, actor: Actor, detail: FamilyDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.detail = detail
        self.saved: FamilyAccessView | None = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.setMinimumWidth(560)

        heading = heading_label("Who may see this family")
        family = QLabel(_family_line(detail))
        family.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = Banner()
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.restricted = QCheckBox(RESTRICT_TEXT)
        self.always = QLabel()
        self.always.setWordWrap(True)
        self.always.setTextFormat(Qt.TextFormat.PlainText)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find a person by name")
        self.find.setAccessibleName("Find a person by name")
        self.find.setClearButtonEnabled(True)
        self.people = QListWidget()
        self.people.setAccessibleName("People named to see this family")
        self.people_label = QLabel("&Named people (tick each person who may see it):")
        self.people_label.setBuddy(self.people)
        self.summary = QLabel()
        bold = self.summary.font()
        bold.setBold(True)
        self.summary.setFont(bold)
        self.buttons, self.save_button, self.cancel_button = save_and_cancel(self, self.save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(family)
        layout.addWidget(self.banner)
        layout.addWidget(intro)
        layout.addWidget(self.restricted)
        layout.addWidget(self.always)
        layout.addWidget(self.people_label)
        layout.addWidget(self.find)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self._view: FamilyAccessView | None = None
        self._initial: tuple[bool, frozenset[int]] = (False, frozenset())
        self.restricted.toggled.connect(self._update)
        self.people.itemChanged.connect(self._update)
        self.find.textChanged.connect(self._filter)
        self._load()

    # -- what is shown --------------------------------------------------------------------
    def _load(self) -> None:
        try:
            view = self.services.family_access.show(self.actor, self.detail.family_id)
        except Exception as error:  # noqa: BLE001 - said in words; the form stays usable
            if not isinstance(error, DomainError):
                log_unexpected(error, "Reading who may see a family")
            self.banner.show_problem(words_for(error))
            self.save_button.setEnabled(False)
            return
        self._view = view
        self.always.setText("Always see it, as they hold the case: " + (
            "; ".join(f"{p.display_name} ({p.why})" for p in view.always) if view.always
            else NOBODY_ALWAYS))
        self.people.blockSignals(True)
        self.people.clear()
        named = {p.user_id for p in view.named}
        # The person making the change is offered ticked when restricting, so a family is
        # never restricted away from the one who restricted it by an oversight.
        ticked = named or ({self.actor.user_id} if not view.restricted else set())
        for person in sorted((*view.named, *view.others), key=lambda p: p.display_name.lower()):
            text = _who(person) + (f", {person.why}" if person.why else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person.user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.user_id in ticked
                               else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.blockSignals(False)
        self.restricted.setChecked(view.restricted)
        self._initial = (view.restricted, frozenset(named))
        self._update()

    def chosen(self) -> set[int]:
        """The people ticked in the list."""
        return {self.people.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.people.count())
                if self.people.item(row).checkState() == Qt.CheckState.Checked}

    def _update(self) -> None:
        restricted = self.restricted.isChecked()
        for widget in (self.people, self.people_label, self.find):
            widget.setEnabled(restricted)
        if self._view is None:
            return
        if restricted:
            seen = {p.user_id for p in self._view.always} | self.chosen()
            self.summary.setText(restricted_words(len(seen)))
        else:
            self.summary.setText(NOT_RESTRICTED)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.people.count()):
            item = self.people.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    # -- saving ---------------------------------------------------------------------------
    def has_changes(self) -> bool:
        restricted = self.restricted.isChecked()
        return (restricted, frozenset(self.chosen() if restricted else ())) != self._initial

    def save(self) -> None:
        if self._view is None:
            return
        restricted = self.restricted.isChecked()
        self.banner.clear()
        try:
            view = self.services.family_access.set_access(
                self.actor, self.detail.family_id, restricted,
                sorted(self.chosen()) if restricted else [])
        except ValidationFailed as refused:
            self.banner.show_problem(" ".join(refused.problems.values()))
        except DomainError as error:
            self.banner.show_problem(error.message)
        except Exception as error:  # noqa: BLE001 - said in words; the choices stay
            log_unexpected(error, "Saving who may see a family")
            self.banner.show_problem(words_for(error))
        else:
            self.saved = view
            self.accept()

    def reject(self) -> None:
        if self._view is not None and self.has_changes() and not ask_discard(self):
            return
        super().reject()
