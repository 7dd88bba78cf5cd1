"""Signing in: choose a name, press Enter or Sign in; a refusal shows under the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from plo_tracker.gui.sign_in_dialog import SignInDialog

from .views_world import world_fixture

gui_data = world_fixture("sign-in")


def choose(dialog: SignInDialog, username: str) -> None:
    for row in range(dialog.accounts.count()):
        if dialog.accounts.item(row).data(Qt.ItemDataRole.UserRole + 1) == username:
            dialog.accounts.setCurrentRow(row)


def make(qtbot, gui_data, **kwargs) -> SignInDialog:
    dialog = SignInDialog(gui_data.services, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_lists_accounts_with_their_roles(qtbot, gui_data):
    dialog = make(qtbot, gui_data)
    names = [dialog.accounts.item(r).text() for r in range(dialog.accounts.count())]
    assert names == ["Alex Byrne (Administrator)", "Jo Fielding (Social worker, North team)",
                     "Sam Okafor (Social worker, North team)"]
    assert not dialog.error_label.isVisible()


def test_sign_in_button_signs_in(qtbot, gui_data):
    dialog = make(qtbot, gui_data)
    choose(dialog, "sam")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Sign in"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "sam"


def test_enter_signs_in_the_chosen_account(qtbot, gui_data):
    dialog = make(qtbot, gui_data, username="jo")
    assert dialog.selected_username() == "jo"
    qtbot.keyClick(dialog.accounts, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.display_name == "Jo Fielding"


def test_no_choice_asks_for_one(qtbot, gui_data):
    dialog = make(qtbot, gui_data)
    dialog.accounts.setCurrentRow(-1)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Choose your name from the list."


def test_a_refused_account_shows_the_services_message(qtbot, gui_data, monkeypatch):
    users = gui_data.services.users
    real_sign_in = users.sign_in
    # As if the account were switched off after the list was shown.
    monkeypatch.setattr(users, "sign_in", lambda _username: real_sign_in("nobody"))
    dialog = make(qtbot, gui_data)
    choose(dialog, "sam")
    qtbot.keyClick(dialog.accounts, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("There is no active account called 'nobody'.")
