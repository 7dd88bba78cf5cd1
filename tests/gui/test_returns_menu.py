"""File > National returns…: offered to those who make returns, and a failure's family opens
in the window behind the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from plo_tracker.gui.case_workspace import CaseWorkspace
from plo_tracker.gui.main_window import MainWindow
from plo_tracker.gui.returns.returns_dialog import ReturnsDialog

from .views_world import world_fixture

gui_data = world_fixture("returns-menu")


@pytest.mark.parametrize(("who", "offered"), [("admin", True), ("sam", False)])
def test_the_menu_item_is_offered_only_to_those_who_make_returns(qtbot, gui_data, who,
                                                                  offered):
    window = MainWindow(gui_data.services, getattr(gui_data, who), "This computer")
    qtbot.addWidget(window)
    assert window.returns_action.isVisible() is offered
    QThreadPool.globalInstance().waitForDone(10_000)


def test_a_family_named_in_the_dialog_opens_in_its_tab(qtbot, gui_data):
    window = MainWindow(gui_data.services, gui_data.admin, "This computer")
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_returns()
    assert isinstance(dialog, ReturnsDialog) and dialog.isVisible() and not dialog.isModal()
    family_id = gui_data.services.caseload.families(gui_data.admin)[0].family_id
    dialog.family_activated.emit(family_id)
    workspace = window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace) and workspace.family_id == family_id
    dialog.close()
    QThreadPool.globalInstance().waitForDone(10_000)
