"""The Settings dialog's "Follow-up after step-down" group: typed, refused next to the field,
saved, and read only for those who may not change settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from plo_tracker.gui.followup_settings import parse_months

from .test_my_work_view import DueWorld
from .test_settings_dialog import _world, open_dialog

REFUSED = ("Give up to six different follow-ups, each from 1 to 36 months after the "
           "step-down, such as 3 and 6.")


@pytest.fixture
def own_world(tmp_path: Path) -> DueWorld:
    built = _world(tmp_path)
    yield built
    built.database.dispose()


@pytest.mark.parametrize(("text", "months"), [
    ("3, 6", (3, 6)), ("3,6,12", (3, 6, 12)), ("1 2", (1, 2)), ("", ()),
    ("3, six", (3, -1)),
])
def test_the_months_are_read_as_typed(text, months):
    assert parse_months(text) == months


def test_the_months_are_checked_as_typed_and_saved(qtbot, own_world):
    dialog = open_dialog(qtbot, own_world)
    box = dialog.followups
    assert box.months.text() == "3, 6"
    box.months.clear()
    qtbot.keyClicks(box.months, "3, 40")
    assert box.error.isVisibleTo(dialog) and box.error.text() == REFUSED
    assert not dialog.save_button.isEnabled()
    box.months.clear()
    qtbot.keyClicks(box.months, "3, six")
    assert box.error.text() == REFUSED
    box.months.clear()
    qtbot.keyClicks(box.months, "1, 3, 12")
    assert not box.error.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert own_world.services.settings.current().followups.months == (1, 3, 12)


def test_read_only_for_a_team_manager(qtbot, own_world):
    dialog = open_dialog(qtbot, own_world, own_world.lee)
    assert dialog.followups.months.isReadOnly()
