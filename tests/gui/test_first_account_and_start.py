"""A new database's first account, and signing in when the window starts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.vocabulary import Role
from plo_tracker.gui import application
from plo_tracker.gui.first_account_dialog import FirstAccountDialog
from tests.support import open_test_database


@pytest.fixture
def services(tmp_path):
    built = open_test_database(tmp_path, "new")
    yield built
    built.context.database.dispose()


def test_the_first_account_is_an_administrator_and_bad_input_is_explained(qtbot, services):
    dialog = FirstAccountDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "A")  # one character: too short
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.name_error.isVisible() and "full name" in dialog.name_error.text()
    assert dialog.username_error.isVisible() and "2 to 64" in dialog.username_error.text()
    assert dialog.focusWidget() is dialog.full_name  # the first field to put right
    assert not services.users.has_users()

    qtbot.keyClicks(dialog.full_name, "Alex Byrne")
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "A.Byrne")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    account = services.users.accounts()[0]
    assert (account.username, account.role) == ("a.byrne", Role.ADMINISTRATOR)


def test_an_error_moves_and_squashes_nothing(qtbot, services):
    dialog = FirstAccountDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = (dialog.full_name, dialog.username, dialog.buttons)
    before = [field.geometry() for field in fields]
    size = dialog.size()
    assert dialog.name_error.text() == dialog.username_error.text() == ""
    qtbot.keyClicks(dialog.username, "A")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.wait(10)  # let any relayout happen
    assert dialog.name_error.text() and dialog.username_error.text()
    assert [field.geometry() for field in fields] == before
    assert dialog.size() == size
    # Each message is shown whole, under its own field and above the next.
    for error, field, below in ((dialog.name_error, dialog.full_name, dialog.username),
                                (dialog.username_error, dialog.username, dialog.buttons)):
        needed = error.heightForWidth(error.width())
        assert error.height() >= needed
        assert field.geometry().bottom() < error.geometry().top()
        assert error.geometry().bottom() < below.geometry().top()


def test_no_user_name_is_taken_from_the_computers_login(qtbot, services, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "jsmith")
    monkeypatch.setenv("USER", "jsmith")
    monkeypatch.setenv("USERNAME", "jsmith")
    dialog = FirstAccountDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == ""
    assert dialog.full_name.text() == ""


def test_a_named_account_signs_in_without_a_dialog(services):
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.services.users import NewUser

    services.users.create(SYSTEM, NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER))
    actor = application.sign_in(services, "sam")
    assert actor is not None and actor.display_name == "Sam Okafor"
