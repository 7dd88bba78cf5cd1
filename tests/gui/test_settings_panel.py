"""The settings dialog's Gateway panel group: the quorum and when families are proposed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from .test_settings_dialog import _world, open_dialog


@pytest.fixture
def own_world(tmp_path: Path):
    built = _world(tmp_path)
    yield built
    built.database.dispose()


def test_the_panel_settings_are_checked_under_their_field_and_saved(qtbot, own_world):
    dialog = open_dialog(qtbot, own_world)
    quorum = dialog.numbers["panel"]["quorum_members"]
    assert quorum.value() == 2 and dialog.numbers["panel"]["near_end_weeks"].value() == 2
    assert dialog.needs_chair.isChecked() and dialog.needs_lawyer.isChecked()
    quorum.setFocus()
    quorum.selectAll()
    qtbot.keyClick(quorum, Qt.Key.Key_Delete)
    qtbot.keyClicks(quorum, "0")
    problem = dialog.number_errors["panel"]["quorum_members"]
    assert problem.isVisibleTo(dialog)
    assert problem.text() == "The quorum must be from 1 to 20 members who attended."
    assert not dialog.save_button.isEnabled()
    quorum.selectAll()
    qtbot.keyClicks(quorum, "3")
    assert not problem.isVisibleTo(dialog)
    dialog.needs_lawyer.setFocus()
    qtbot.keyClick(dialog.needs_lawyer, Qt.Key.Key_Space)
    assert not dialog.needs_lawyer.isChecked()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    panel = own_world.services.settings.current().panel
    assert (panel.quorum_members, panel.quorum_needs_chair, panel.quorum_needs_lawyer,
            panel.near_end_weeks) == (3, True, False, 2)
