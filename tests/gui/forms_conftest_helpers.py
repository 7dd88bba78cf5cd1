"""Shared by the forms' tests: a database with an account per role, families, and form driving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox

from plo_tracker.domain.vocabulary import GatewayDecision, Role
from plo_tracker.gui.forms.actions import build_dialog
from plo_tracker.gui.forms.date_field import DateField
from plo_tracker.gui.forms.form_dialog import FormDialog
from plo_tracker.gui.forms.inputs import RadioChoice
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser
from plo_tracker.storage.unit_of_work import Database
from tests.support import open_test_database

GATEWAY_DAY = date(2026, 9, 1)


@dataclass
class FormsWorld:
    """One database with a signed-in account of each role the forms care about."""

    services: Services
    database: Database
    admin: Actor
    manager: Actor  # Morgan Patel, team manager
    worker: Actor  # Sam Okafor, social worker
    panel: Actor
    reader: Actor

    def family(self, gateway: GatewayDecision | None = GatewayDecision.ENTER_PRE_PROCEEDINGS,
               surname: str = "Testcase", team: str = "North") -> int:
        """A family with Ruby (born) and her mother Jade and father Liam, both with PR; in
        the North team it is allocated to Sam, the social worker, in another to nobody."""
        return self.services.families.create(self.manager, NewFamilyForm(
            children=(ChildForm("Ruby", surname, date_of_birth=date(2019, 4, 2)),),
            adults=(AdultForm("Jade", surname, "mother"), AdultForm("Liam", surname, "father")),
            team=team, social_worker_id=self.worker.user_id if team == "North" else None,
            gateway=GatewayForm(gateway, GATEWAY_DAY) if gateway else None,
        ))

    def detail(self, family_id: int) -> FamilyDetail:
        return self.services.case_detail.family(self.admin, family_id)


def build_forms_world(folder: Path) -> FormsWorld:
    """A fresh database in ``folder``, with accounts made through the user service."""
    services = open_test_database(folder, "forms")
    database = services.context.database
    services.users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR))
    admin = services.users.trusted_actor("admin")
    for username, name, role in (("morgan", "Morgan Patel", Role.TEAM_MANAGER),
                                 ("sam", "Sam Okafor", Role.SOCIAL_WORKER),
                                 ("pat", "Pat Quinn", Role.PANEL_MEMBER),
                                 ("robin", "Robin Reid", Role.READ_ONLY)):
        services.users.create(admin, NewUser(username, name, role, "North"))
    sign_in = services.users.trusted_actor
    return FormsWorld(services, database, admin, sign_in("morgan"), sign_in("sam"),
                      sign_in("pat"), sign_in("robin"))


# -- driving forms as a user would ---------------------------------------------------------

def open_form(qtbot, world: FormsWorld, key: str, family_id: int,
              actor: Actor | None = None) -> FormDialog:
    """Open an action's dialog on a family as read now, shown (not modal, so a test can drive
    it)."""
    dialog = build_dialog(key, None, world.services, actor or world.worker,
                          world.detail(family_id))
    qtbot.addWidget(dialog)
    dialog.show()
    # Shortcuts and focus changes need the active window, as on a real desktop.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_date(qtbot, field: DateField, text: str) -> None:
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick(qtbot, choice: RadioChoice, value) -> None:
    click(qtbot, choice.button_for(value))


def choose(combo: QComboBox, text: str) -> None:
    """Choose the item showing ``text``, as picking it from the drop-down list does."""
    index = combo.findText(text)
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert index >= 0, f"{text!r} is not offered: {offered}"
    combo.setCurrentIndex(index)


def save(qtbot, dialog: FormDialog) -> None:
    assert dialog.save_button.isEnabled(), dialog.still_needed.text()
    click(qtbot, dialog.save_button)


def saved(dialog: FormDialog) -> bool:
    return dialog.result() == QDialog.DialogCode.Accepted and dialog.saved is not None


def problem(dialog: FormDialog, name: str) -> str:
    """The message shown under a field ('' when none is shown)."""
    return dialog.fields.shown_problems().get(name, "")


def never_block(monkeypatch) -> list[str]:
    """A question left unanswered would hang a test: "discard your changes?" is answered
    Discard, and "save with these dates?" Save as it is. Returns the questions' details."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.informativeText())
        if box.button(QMessageBox.StandardButton.Save) is not None:
            return QMessageBox.StandardButton.Save.value
        return QMessageBox.StandardButton.Discard.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def answer_discard(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    """Make the "discard your changes?" question answer itself; returns the questions asked."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        return answer.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked
