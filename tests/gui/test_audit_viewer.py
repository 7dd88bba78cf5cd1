"""The audit log window: newest first, filters, the selected entry's changes, a check of the
chain, and a CSV export; offered only to those who may read the whole log."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import QThreadPool

from plo_tracker.domain.vocabulary import Role
from plo_tracker.gui.audit_viewer import COL_FAMILY, COL_WHAT, COL_WHO, EMPTY, AuditLogDialog
from plo_tracker.gui.main_window import MainWindow
from plo_tracker.services.users import NewUser

from .views_world import world_fixture

gui_data = world_fixture("audit-viewer")
WAIT = 10_000
AUDREYS_PASSWORD = "quiet ledger of lamps"


@pytest.fixture(scope="module")
def auditor(gui_data):
    admin = gui_data.admin
    gui_data.services.users.create(admin, NewUser("audrey", "Audrey Kent", Role.READ_ONLY),
                                   password=AUDREYS_PASSWORD)
    return gui_data.services.users.sign_in("audrey", AUDREYS_PASSWORD).actor


def _opened(qtbot, gui_data, actor) -> AuditLogDialog:
    dialog = AuditLogDialog(gui_data.services, actor)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    return dialog


def _column(dialog: AuditLogDialog, column: int) -> list[str]:
    return [dialog.model.text(row, column) for row in range(dialog.model.rowCount())]


def test_newest_first_with_words_and_the_selected_entrys_changes(qtbot, gui_data, auditor):
    # Signed in again, as a person would, so the newest entry is her sign-in whatever the
    # module's other tests (exports among them) wrote before.
    gui_data.services.users.sign_in("audrey", AUDREYS_PASSWORD)
    dialog = _opened(qtbot, gui_data, auditor)
    lines = [dialog.model.line(r) for r in range(dialog.model.rowCount())]
    assert [x.entry_id for x in lines] == sorted((x.entry_id for x in lines), reverse=True)
    assert _column(dialog, COL_WHAT)[0] == "Signed in"
    assert _column(dialog, COL_WHO)[0] == "Audrey Kent"
    assert "Created the family's record" in _column(dialog, COL_WHAT)
    assert dialog.details.text().startswith(f"Entry {lines[0].entry_id}: Signed in, ")
    assert dialog.export_button.isEnabled() and dialog.verify_button.isEnabled()


def test_filters_by_person_family_and_action(qtbot, gui_data, auditor):
    dialog = _opened(qtbot, gui_data, auditor)
    plo_id = next(f.plo_family_id for f in gui_data.families()
                  if f.family_id == gui_data.ids["Davies"])
    dialog.family.setText(plo_id)
    dialog.apply_filters()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    assert set(_column(dialog, COL_FAMILY)) == {plo_id}
    assert set(_column(dialog, COL_WHAT)) == {"Created the family's record",
                                              "Extended pre-proceedings"}
    dialog.clear_filters()
    dialog.person.setText("sam")
    dialog.action.setCurrentIndex(dialog.action.findText("Signed in"))
    dialog.apply_filters()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    assert _column(dialog, COL_WHO) == ["Sam Okafor"]


def test_no_match_says_how_to_see_everything(qtbot, gui_data, auditor):
    dialog = _opened(qtbot, gui_data, auditor)
    dialog.date_to.set_date(date(2020, 1, 1))
    dialog.apply_filters()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    assert dialog.model.rowCount() == 0
    assert dialog.empty.text() == EMPTY and dialog.empty.isVisibleTo(dialog)


def test_a_date_the_wrong_way_round_is_refused_in_words(qtbot, gui_data, auditor):
    dialog = _opened(qtbot, gui_data, auditor)
    dialog.date_from.set_date(date(2026, 11, 20))
    dialog.date_to.set_date(date(2026, 11, 1))
    assert dialog.wanted() is None
    assert dialog.problem.text() == "To is before From: give the earlier day first."


def test_check_of_the_chain_and_export_from_the_window(qtbot, gui_data, auditor, tmp_path):
    dialog = _opened(qtbot, gui_data, auditor)
    dialog.verify()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    assert dialog.status.text().startswith("The audit log's ")
    assert dialog.status.text().endswith(" entries are intact.")
    dialog.person.setText("jo")
    dialog.apply_filters()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    shown = dialog.model.rowCount()
    out = tmp_path / "jo.csv"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: "Wrote" in dialog.status.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert len(rows) - 1 == shown and {r[2] for r in rows[1:]} == {"jo"}
    dialog.clear_filters()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT)
    assert _column(dialog, COL_WHAT)[0] == "Exported records"


@pytest.mark.parametrize(("who", "offered"), [("admin", True), ("auditor", True),
                                               ("sam", False)])
def test_the_menu_item_is_offered_only_to_those_allowed(qtbot, gui_data, auditor, who, offered):
    actor = {"admin": gui_data.admin, "auditor": auditor, "sam": gui_data.sam}[who]
    window = MainWindow(gui_data.services, actor, "This computer")
    qtbot.addWidget(window)
    assert window.audit_log_action.isVisible() is offered
    QThreadPool.globalInstance().waitForDone(WAIT)
