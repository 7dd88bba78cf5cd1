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
    assert not services.users.has_users()

    qtbot.keyClicks(dialog.full_name, "Alex Byrne")
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "A.Byrne")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    account = services.users.accounts()[0]
    assert (account.username, account.role) == ("a.byrne", Role.ADMINISTRATOR)


def test_a_named_account_signs_in_without_a_dialog(services):
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.services.users import NewUser

    services.users.create(SYSTEM, NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER))
    actor = application.sign_in(services, "sam")
    assert actor is not None and actor.display_name == "Sam Okafor"
