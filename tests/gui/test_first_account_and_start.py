"""A new database's first account, and signing in when the window starts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.vocabulary import Role
from plo_tracker.gui import application
from plo_tracker.gui.first_account_dialog import FirstAccountDialog
from plo_tracker.gui.password_fields import NOT_THE_SAME
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.users import NewUser
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

    assert "at least 12 characters" in dialog.password.error.text()

    qtbot.keyClicks(dialog.full_name, "Alex Byrne")
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "A.Byrne")
    qtbot.keyClicks(dialog.password.new, "quiet harbour lantern")
    qtbot.keyClicks(dialog.password.again, "quiet harbour lanterns")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.password.error.text() == NOT_THE_SAME
    assert not services.users.has_users()
    qtbot.keyClicks(dialog.password.new, "quiet harbour lantern")
    qtbot.keyClicks(dialog.password.again, "quiet harbour lantern")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    account = services.users.accounts()[0]
    assert (account.username, account.role) == ("a.byrne", Role.ADMINISTRATOR)
    assert dialog.signed_in.actor.username == "a.byrne"
    assert not dialog.signed_in.must_choose_password
    assert services.users.sign_in("a.byrne", "quiet harbour lantern").actor.username == "a.byrne"


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


def _sign_in_as(monkeypatch, password: str, seen: list) -> None:
    """The sign-in dialog, answered as a person would: the password typed, Sign in pressed."""
    def answer(dialog):
        seen.append(dialog.selected_username())
        dialog.password.setText(password)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(application.SignInDialog, "exec", answer)


def _choose_password(monkeypatch, new: str | None, seen: list) -> None:
    from plo_tracker.gui.change_password_dialog import ChangePasswordDialog

    def answer(dialog):
        seen.append((dialog.windowTitle(), dialog.current_edit.isVisibleTo(dialog)))
        if new is None:
            dialog.reject()
        else:
            dialog.fields.new.setText(new)
            dialog.fields.again.setText(new)
            dialog._save()
        return dialog.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", answer)


@pytest.fixture
def team(services):
    services.users.create(SYSTEM, NewUser("alex", "Alex Byrne", Role.ADMINISTRATOR),
                          "quiet harbour lantern")
    services.users.create(services.users.trusted_actor("alex"),
                          NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER), "given by the desk")
    return services


def test_a_named_account_is_chosen_but_still_asked_for_its_password(team, monkeypatch):
    seen: list = []
    _sign_in_as(monkeypatch, "quiet harbour lantern", seen)
    actor = application.sign_in(team, "alex")
    assert seen == ["alex"]
    assert actor is not None and actor.display_name == "Alex Byrne"


def test_after_an_administrators_reset_a_new_password_is_chosen_first(team, monkeypatch):
    seen: list = []
    _sign_in_as(monkeypatch, "given by the desk", seen)
    _choose_password(monkeypatch, "purple kettle meadow", seen)
    actor = application.sign_in(team, "sam")
    assert actor is not None and actor.username == "sam"
    # Forced, and the password just typed is not asked for again.
    assert seen == ["sam", ("Choose a new password", False)]
    assert not team.users.sign_in("sam", "purple kettle meadow").must_choose_password


def test_an_account_from_before_passwords_chooses_one_at_sign_in(team, monkeypatch):
    from sqlalchemy import update

    from plo_tracker.storage.models import User

    with team.context.database.engine.begin() as conn:
        conn.execute(update(User).where(User.username == "sam").values(password_hash=None))
    seen: list = []
    _sign_in_as(monkeypatch, "", seen)
    _choose_password(monkeypatch, "purple kettle meadow", seen)
    assert application.sign_in(team, "sam").username == "sam"
    assert team.users.sign_in("sam", "purple kettle meadow").actor.username == "sam"


def test_not_choosing_the_forced_password_does_not_sign_in(team, monkeypatch):
    seen: list = []
    _sign_in_as(monkeypatch, "given by the desk", seen)
    _choose_password(monkeypatch, None, seen)
    assert application.sign_in(team, "sam") is None
