"""Shared by the Panel page's tests: the views' families (views_world.py) with the deadline
families, a chair and a panel member with accounts, and helpers for modal dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.users import NewUser
from tests.gui.views_world import ViewsWorld, add_deadline_families, world_fixture

# Accounts that sit on the panel, by user name: (display name, role).
PANEL_ACCOUNTS = {"morgan": ("Morgan Hale", Role.TEAM_MANAGER),
                  "lee": ("Lee Carter", Role.PANEL_MEMBER)}


def add_panel_accounts(world: ViewsWorld) -> None:
    """The deadline families (Hughes is past 16 weeks) and the panel's accounts."""
    add_deadline_families(world)
    for username, (name, role) in PANEL_ACCOUNTS.items():
        world.services.users.create(world.admin, NewUser(username, name, role, "North"),
                                    "given by the desk")


def panel_world_fixture(folder: str):
    """A module-scoped world of the test module's own (meetings made by one module never
    reach another's lists)."""
    return world_fixture(folder, add_panel_accounts)


def manager(world: ViewsWorld):
    return world.services.users.trusted_actor("morgan")


def when_dialog_opens(qtbot, act: Callable[[QWidget], None]) -> list[QWidget]:
    """Run ``act`` on the next modal dialog, once it is open (a dialog's exec() blocks the
    test). Returns a list that holds the dialog afterwards."""
    seen: list[QWidget] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, check)
            return
        seen.append(dialog)
        try:
            act(dialog)
        except BaseException:
            dialog.done(0)  # a failed step must not leave the test waiting on the dialog
            raise

    QTimer.singleShot(0, check)
    return seen
