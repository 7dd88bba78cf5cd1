"""The national returns dialog driven as a team manager uses it, and the court application
form's details for the Standard Safeguarding Dataset."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from plo_tracker.domain.census import CENSUS_COLUMNS, RULES_BY_CODE
from plo_tracker.domain.ssd import SSD_HEADERS, Answer, CourtDetails, InitialCarePlan
from plo_tracker.domain.vocabulary import GatewayDecision, Outcome
from plo_tracker.gui.returns.failures_model import FailuresModel
from plo_tracker.gui.returns.returns_dialog import NO_FAILURES, NOT_CHECKED, ReturnsDialog
from tests.conftest import dump_tables
from tests.services.conftest import build_world
from tests.services.returns_world import Journey, build, later

from .forms_conftest_helpers import build_forms_world, choose, never_block, open_form, save


@pytest.fixture
def world(tmp_path):
    built = build_world(tmp_path / "db", dump_tables, families=2)
    yield built
    built.database.dispose()


def _dialog(qtbot, world) -> ReturnsDialog:
    dialog = ReturnsDialog(later(world), world.actor("manager"))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _click_and_wait(qtbot, dialog: ReturnsDialog, button) -> None:
    with qtbot.waitSignal(dialog.work_done, timeout=20_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _choose_ssd(qtbot, dialog: ReturnsDialog) -> None:
    # On the button's circle: a wide dialog stretches the button past the end of its words.
    button = dialog.ssd_choice
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def _cells(model: FailuresModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def test_check_fix_and_save_the_census(qtbot, world, tmp_path):
    # 2027-28: an FGDM meeting offered, whether it took place not recorded (rule 9011).
    family = build(world, Journey(start=date(2027, 5, 3), local_ids=("LC-1",),
                                  letters=(date(2027, 5, 5),), fgdm=(True, None)))
    dialog = _dialog(qtbot, world)
    assert dialog.year.currentText() == "2029-30 (1 April 2029 to 31 March 2030)"  # today's
    assert dialog.summary.text() == NOT_CHECKED
    choose(dialog.year, "2027-28 (1 April 2027 to 31 March 2028)")
    _click_and_wait(qtbot, dialog, dialog.check_button)
    assert dialog.model.rowCount() == 1
    rule = RULES_BY_CODE["9011"]
    assert _cells(dialog.model, 0) == [family.plo_family_id, "Child0 Returns (LC-1)", "9011",
                                       "FGDMMeetingFac", rule.message, rule.fix]
    assert dialog.summary.text() == (
        "The census return for 2027-28 (1 April 2027 to 31 March 2028) has 1 row (one per "
        "child per episode) from 1 family. 1 problem to fix before it is sent.")

    # The chosen failure in full, under the list.
    dialog.table.setCurrentIndex(dialog.model.index(0, 2))
    assert dialog.detail.text() == (f"{family.plo_family_id}, Child0 Returns: {rule.message} "
                                    f"{rule.fix}")
    # Double-clicking the failure asks to open its family.
    index = dialog.model.index(0, 0)
    with qtbot.waitSignal(dialog.family_activated) as opened:
        dialog.table.doubleClicked.emit(index)
    assert opened.args == [family.family_id]

    # Saving is refused while the problem remains: no file is even asked for.
    asked: list[str] = []
    out = tmp_path / "census.csv"
    dialog.ask_for_file = lambda suggested: asked.append(suggested) or out
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and not out.exists()
    assert "tick “Send with these failures”" in dialog.summary.text()

    # Sent with it: saved, and the summary says how many problems went with it.
    assert dialog.send_anyway.isEnabled()
    dialog.send_anyway.setChecked(True)
    _click_and_wait(qtbot, dialog, dialog.save_button)
    assert asked == ["cin-census-pre-proceedings-2027-28.csv"]
    assert dialog.summary.text() == ("Saved 1 row from 1 family in census.csv. It was saved "
                                     "with 1 problem not fixed.")
    rows = _read(out)
    assert rows[0] == list(CENSUS_COLUMNS)
    assert rows[1][2:8] == [family.plo_family_id, "03/05/2027", "05/05/2027", "1", "", ""]

    # Put right, the check finds nothing and the box to send anyway is off.
    later(world).milestones.record_fgdm(world.actor("manager"), family.family_id, True, True)
    _click_and_wait(qtbot, dialog, dialog.check_button)
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text().endswith("It passes the census rules. " + NO_FAILURES)
    assert not dialog.send_anyway.isEnabled() and not dialog.send_anyway.isChecked()
    dialog.grab().save(str(tmp_path / "returns-dialog.png"))


def test_the_ssd_table_is_saved_from_the_dialog(qtbot, world, tmp_path):
    build(world, Journey(start=date(2027, 5, 3), local_ids=("LC-2", "LC-3")))
    dialog = _dialog(qtbot, world)
    _choose_ssd(qtbot, dialog)
    assert not dialog.year.isEnabled() and not dialog.check_button.isEnabled()
    assert not dialog.table.isVisible()
    out = tmp_path / "ssd.csv"
    dialog.ask_for_file = lambda suggested: out
    _click_and_wait(qtbot, dialog, dialog.save_button)
    rows = _read(out)
    assert rows[0] == list(SSD_HEADERS)
    assert [row[1] for row in rows[1:] if row[1].startswith("LC-")] == ["LC-2", "LC-3"]
    assert dialog.summary.text().startswith(f"Saved {len(rows) - 1} rows from ")


def test_a_refusal_is_said_in_words(qtbot, world, tmp_path):
    dialog = _dialog(qtbot, world)
    _choose_ssd(qtbot, dialog)
    dialog.ask_for_file = lambda suggested: tmp_path / "no-such-folder" / "ssd.csv"
    _click_and_wait(qtbot, dialog, dialog.save_button)
    assert dialog.summary.text().startswith("The return was not made. The return could not "
                                            "be saved as ssd.csv")


# -- the court application's details ------------------------------------------------------
@pytest.fixture
def forms_world(tmp_path, monkeypatch):
    never_block(monkeypatch)
    built = build_forms_world(tmp_path / "forms")
    yield built
    built.database.dispose()


def test_the_court_application_records_the_ssd_details(qtbot, forms_world):
    world = forms_world
    family_id = world.family(gateway=GatewayDecision.ENTER_PRE_PROCEEDINGS)
    world.services.milestones.record_outcome(world.manager, family_id,
                                             Outcome.ISSUE_PROCEEDINGS, date(2026, 11, 20))
    dialog = open_form(qtbot, world, "court_application", family_id, world.manager)
    assert not dialog.ground.isVisibleTo(dialog)  # only with short notice
    dialog.applied_on.set_date(date(2026, 11, 24))
    choose(dialog.represented, Answer.YES.label)
    choose(dialog.hearings, "3")
    choose(dialog.initial_plan, InitialCarePlan.CARE_ORDER_AT_HOME.label)
    choose(dialog.initial_approved, Answer.UNKNOWN.label)
    save(qtbot, dialog)
    details = world.detail(family_id).episode.court_details
    assert details == CourtDetails(parents_represented=Answer.YES, hearings=3,
                                   initial_care_plan=InitialCarePlan.CARE_ORDER_AT_HOME,
                                   initial_plan_approved=Answer.UNKNOWN)
    # Opened again, the form shows them, so saving again keeps them.
    again = open_form(qtbot, world, "court_application", family_id, world.manager)
    assert (again.represented.currentText(), again.hearings.currentText(),
            again.final_plan.currentText()) == ("Yes", "3", "Not recorded")


# -- the settings' outcome codes ------------------------------------------------------------
def test_the_outcome_codes_are_typed_checked_and_saved_in_settings(qtbot, world):
    from plo_tracker.gui.settings_dialog import SettingsDialog
    from plo_tracker.settings import ReturnSettings

    dialog = SettingsDialog(world.services, world.actor("admin"))
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.returns_box
    assert {name: edit.text() for name, edit in box.codes.items()} == {
        "outcome_step_down": "A", "outcome_issue_proceedings": "B", "outcome_other": "C"}
    box.codes["outcome_other"].setText("a")
    assert box.errors["outcome_other"].isVisible()
    assert box.errors["outcome_other"].text() == "Each outcome needs a code of its own."
    assert not dialog.save_button.isEnabled()
    box.codes["outcome_other"].setText("C!")
    assert box.errors["outcome_other"].text() == ("An outcome code is 1 to 4 letters or "
                                                  "digits, such as A.")
    box.codes["outcome_other"].setText("x")
    assert not box.errors["outcome_other"].isVisible() and dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert world.services.settings.current().returns == ReturnSettings("A", "B", "X")
