"""Administrators' accounts dialog, and changing one's own password from the menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

from plo_tracker.domain.vocabulary import Role
from plo_tracker.gui.accounts_dialog import AccountsDialog, AddAccountDialog, ResetPasswordDialog
from plo_tracker.gui.change_password_dialog import ChangePasswordDialog
from plo_tracker.services.sign_in import WRONG, SignInRefused

from .views_world import PASSWORDS, build_views_world


@pytest.fixture
def world(tmp_path):
    built = build_views_world(tmp_path)
    yield built
    built.close()


def _dialog(qtbot, world) -> AccountsDialog:
    dialog = AccountsDialog(world.services, world.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _states(dialog: AccountsDialog) -> dict[str, str]:
    return {dialog.table.item(r, 1).text(): dialog.table.item(r, 4).text()
            for r in range(dialog.table.rowCount())}


def test_lists_every_account_with_its_state_and_disables_and_enables(qtbot, world):
    dialog = _dialog(qtbot, world)
    assert _states(dialog) == {"admin": "Active", "jo": "Active", "sam": "Active"}
    assert not dialog.buttons["disable"].isEnabled()  # nothing chosen yet
    dialog.choose("sam")
    dialog.buttons["disable"].click()
    assert _states(dialog)["sam"] == "Disabled"
    assert [a.username for a in world.services.users.accounts()] == ["admin", "jo"]
    assert dialog.buttons["enable"].isEnabled() and not dialog.buttons["disable"].isEnabled()
    dialog.buttons["enable"].click()
    assert _states(dialog)["sam"] == "Active"


def test_the_last_administrator_cannot_be_disabled_and_the_dialog_says_why(qtbot, world):
    dialog = _dialog(qtbot, world)
    dialog.choose("admin")
    dialog.buttons["disable"].click()
    assert dialog.problem.text().startswith("Alex Byrne is the last active administrator")
    assert _states(dialog)["admin"] == "Active"


def _roles(dialog: AccountsDialog) -> dict[str, str]:
    return {dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text()
            for r in range(dialog.table.rowCount())}


def test_change_role_offers_every_role_and_keeps_the_last_administrator(
        qtbot, world, monkeypatch):
    dialog = _dialog(qtbot, world)
    assert not dialog.buttons["role"].isEnabled()  # nothing chosen yet
    asked = []

    def pick(parent, title, label, items, current, editable):
        asked.append((label, list(items), items[current]))
        return Role.TEAM_MANAGER.label if "Sam" in label else Role.READ_ONLY.label, True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    dialog.choose("sam")
    dialog.buttons["role"].click()
    assert asked[0] == ("Role for Sam Okafor:", [r.label for r in Role], "Social worker")
    assert _roles(dialog)["sam"] == "Team manager"
    assert dialog.problem.text() == ""
    dialog.choose("admin")
    dialog.buttons["role"].click()
    assert dialog.problem.text().startswith("Alex Byrne is the last active administrator")
    assert _roles(dialog)["admin"] == "Administrator"


def test_a_locked_account_shows_until_when_and_is_unlocked(qtbot, world):
    for _attempt in range(5):
        with pytest.raises(SignInRefused, match="not right"):
            world.services.users.sign_in("jo", "wrong guess words")
    dialog = _dialog(qtbot, world)
    assert _states(dialog)["jo"] == "Locked until 12:15 on Thu 26 Nov 2026"
    dialog.choose("jo")
    dialog.buttons["unlock"].click()
    assert _states(dialog)["jo"] == "Active"
    assert world.services.users.sign_in("jo", PASSWORDS["jo"]).actor.username == "jo"


def test_reset_password_then_the_owner_must_choose_their_own(qtbot, world):
    reset = ResetPasswordDialog(world.services, world.admin, "sam")
    qtbot.addWidget(reset)
    reset.fields.new.setText("short")
    reset.fields.again.setText("short")
    reset._save()
    assert "at least 12 characters" in reset.fields.error.text()
    reset.fields.new.setText("given by the desk")
    reset.fields.again.setText("given by the desk")
    reset._save()
    assert reset.result() == QDialog.DialogCode.Accepted
    assert world.services.users.sign_in("sam", "given by the desk").must_choose_password
    assert _states(_dialog(qtbot, world))["sam"] == "Must choose a new password"


def test_add_an_account_with_a_first_password(qtbot, world):
    add = AddAccountDialog(world.services, world.admin)
    qtbot.addWidget(add)
    add.username.setText("kim")
    add.role.setCurrentIndex(add.role.findData(Role.READ_ONLY))
    add.password.new.setText("steady copper bridge")
    add.password.again.setText("steady copper bridge")
    add._save()
    assert add.errors["display_name"].text() == "Enter the person's full name."
    add.full_name.setText("Kim Lee")
    add.password.new.setText("steady copper bridge")
    add.password.again.setText("steady copper bridge")
    add._save()
    assert add.result() == QDialog.DialogCode.Accepted
    signed_in = world.services.users.sign_in("kim", "steady copper bridge")
    assert (signed_in.actor.role, signed_in.must_choose_password) == (Role.READ_ONLY, True)


def test_change_my_password_checks_the_current_one(qtbot, world):
    dialog = ChangePasswordDialog(world.services, "jo")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current_edit.isVisible()
    dialog.current_edit.setText("not my password")
    dialog.fields.new.setText("steady copper bridge")
    dialog.fields.again.setText("steady copper bridge")
    dialog._save()
    assert dialog.current_error.text() == WRONG and dialog.isVisible()
    dialog.current_edit.setText(PASSWORDS["jo"])
    dialog.fields.new.setText("steady copper bridge")
    dialog.fields.again.setText("steady copper bridge")
    dialog._save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert world.services.users.sign_in("jo", "steady copper bridge").actor.username == "jo"
