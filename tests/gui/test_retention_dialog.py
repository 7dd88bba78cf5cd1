"""The retention dialog and the retention settings, as an administrator uses them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from plo_tracker.domain.clock import FixedClock
from plo_tracker.gui.case_header import header_texts
from plo_tracker.gui.case_tabs.case_data import CaseData
from plo_tracker.gui.retention_dialog import COL_DAYS, COL_FAMILY, COL_UNTIL, RetentionDialog
from plo_tracker.gui.settings_dialog import SettingsDialog
from plo_tracker.services.registry import Services
from tests.conftest import dump_tables
from tests.services.conftest import build_world

# world.stepped_down(): closed 2 Nov 2026, kept until 2 Nov 2061; on 3 Nov 2061, 1 day past.
LATER = date(2061, 11, 3)


@pytest.fixture
def world(tmp_path):
    built = build_world(tmp_path / "db", dump_tables, families=2)
    yield built
    built.database.dispose()


def _dialog(qtbot, world, tmp_path, day: date = LATER) -> RetentionDialog:
    services = Services.build(world.database, FixedClock(day))
    dialog = RetentionDialog(services, world.actor("admin"), tmp_path / "backups")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _row_of(dialog: RetentionDialog, plo_id: str) -> int:
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, COL_FAMILY).text() == plo_id:
            return row
    raise AssertionError(f"{plo_id} is not listed")


def _plo_id(world, family_id: int) -> str:
    return world.services.case_detail.family(world.actor("admin"), family_id,
                                             record_view=False).plo_family_id


def test_an_empty_report_says_so(qtbot, world, tmp_path):
    dialog = _dialog(qtbot, world, tmp_path, date(2026, 11, 26))
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    assert dialog.empty.text() == "No family is past its retention period on Thu 26 Nov 2026."
    assert not dialog.delete_button.isEnabled()


def test_hold_release_and_delete_from_the_dialog(qtbot, world, tmp_path):
    family = world.stepped_down()
    plo_id = _plo_id(world, family)
    dialog = _dialog(qtbot, world, tmp_path)
    row = _row_of(dialog, plo_id)
    # 2 Nov 2026 is a Monday; 35 years on is 12,784 days (9 leap days), 2 days of the week on.
    assert dialog.table.item(row, COL_UNTIL).text() == "Wed 2 Nov 2061"
    assert dialog.table.item(row, COL_DAYS).text() == "1"
    dialog.table.selectRow(row)
    assert not dialog.hold_button.isEnabled()  # a reason first
    dialog.reason.setText("Complaint to the ombudsman")
    assert dialog.hold_button.isEnabled()
    dialog.hold_button.click()
    assert dialog.message.text() == f"Family {plo_id} is on legal hold."
    dialog.table.selectRow(_row_of(dialog, plo_id))
    assert not dialog.delete_button.isEnabled()
    assert dialog.delete_button.toolTip() == "A family on legal hold cannot be deleted"

    # The header of the family shows the hold.
    detail = world.services.case_detail.family(world.actor("admin"), family, record_view=False)
    texts = header_texts(CaseData(detail, (), date(2026, 11, 26), 10, 16))
    assert texts.legal_hold == "On legal hold"
    assert "Placed by admin" in texts.legal_hold_tip
    assert "Complaint to the ombudsman" in texts.legal_hold_tip

    dialog.reason.setText("Complaint closed")
    dialog.release_button.click()
    dialog.table.selectRow(_row_of(dialog, plo_id))
    dialog.delete_button.click()
    box = dialog.confirm_box
    assert box is not None and "cannot be brought back except from that backup" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert plo_id in [dialog.table.item(r, COL_FAMILY).text()
                      for r in range(dialog.table.rowCount())]

    dialog.table.selectRow(_row_of(dialog, plo_id))
    dialog.delete_button.click()
    delete = next(b for b in dialog.confirm_box.buttons()
                  if dialog.confirm_box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    delete.click()
    assert dialog.message.text().startswith(f"Deleted family {plo_id}. The backup taken first")
    assert list((tmp_path / "backups").iterdir())
    assert plo_id not in [dialog.table.item(r, COL_FAMILY).text()
                          for r in range(dialog.table.rowCount())]


def test_retention_settings_are_checked_and_saved(qtbot, world):
    dialog = SettingsDialog(world.services, world.actor("admin"))
    qtbot.addWidget(dialog)
    spin = dialog.retention["child_protection_years"]
    assert spin.value() == 35
    spin.setValue(0)
    assert dialog.retention_errors["child_protection_years"].text() == \
        "Enter a number of years from 1 to 100."
    assert not dialog.save_button.isEnabled()
    spin.setValue(40)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    assert world.services.settings.current().retention.child_protection_years == 40


def test_retention_settings_are_read_only_for_others(qtbot, world):
    dialog = SettingsDialog(world.services, world.actor("manager"))
    qtbot.addWidget(dialog)
    assert all(spin.isReadOnly() for spin in dialog.retention.values())
