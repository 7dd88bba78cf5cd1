"""Signing in: choose a name, type the password, press Enter or Sign in; a refusal shows
right under the password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit

from plo_tracker.gui.sign_in_dialog import SignInDialog
from plo_tracker.services.sign_in import WRONG

from .views_world import PASSWORDS, world_fixture

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


def test_lists_accounts_with_their_roles_and_hides_the_password(qtbot, gui_data):
    dialog = make(qtbot, gui_data)
    names = [dialog.accounts.item(r).text() for r in range(dialog.accounts.count())]
    assert names == ["Alex Byrne (Administrator)", "Jo Fielding (Social worker, North team)",
                     "Sam Okafor (Social worker, North team)"]
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    assert not dialog.error_label.isVisible()


def test_sign_in_button_signs_in_with_the_password(qtbot, gui_data):
    dialog = make(qtbot, gui_data)
    choose(dialog, "sam")
    qtbot.keyClicks(dialog.password, PASSWORDS["sam"])
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Sign in"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "sam"


def test_a_named_account_is_chosen_and_the_password_has_the_focus(qtbot, gui_data):
    dialog = make(qtbot, gui_data, username="jo")
    assert dialog.selected_username() == "jo"
    assert dialog.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.password, PASSWORDS["jo"])
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.display_name == "Jo Fielding"


def test_no_choice_asks_for_one(qtbot, gui_data):
    dialog = make(qtbot, gui_data)
    dialog.accounts.setCurrentRow(-1)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Choose your name from the list."


def test_enter_with_no_password_asks_for_it_and_counts_nothing(qtbot, gui_data):
    before = gui_data.services.users.all_accounts(
        gui_data.services.users.trusted_actor("admin"))
    dialog = make(qtbot, gui_data, username="jo")
    qtbot.keyClick(dialog.accounts, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_label.text() == "Type your password."
    assert gui_data.services.users.all_accounts(
        gui_data.services.users.trusted_actor("admin")) == before


def test_a_wrong_password_is_refused_beside_the_field_and_cleared(qtbot, gui_data):
    dialog = make(qtbot, gui_data, username="sam")
    qtbot.keyClicks(dialog.password, "not the password at all")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error_label.isVisible() and dialog.error_label.text() == WRONG
    assert dialog.password.text() == "" and dialog.focusWidget() is dialog.password
    # Right under the password box.
    assert dialog.error_label.geometry().top() > dialog.password.geometry().bottom()
    gui_data.services.users.unlock(gui_data.services.users.trusted_actor("admin"), "sam")
