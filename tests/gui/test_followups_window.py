"""Recording a follow-up check after a step-down through the window: the action, the form's
messages by field, and the family's record, history and header afterwards."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from plo_tracker.domain.followups import Finding
from plo_tracker.domain.vocabulary import Outcome, StepDownPlan
from plo_tracker.gui.case_header import header_texts
from plo_tracker.gui.case_tabs.followups_section import COL_CHECKED, COL_FOUND, COL_NOTES
from plo_tracker.gui.case_tabs.history_tab import COL_CHANGES, COL_WHAT, HistoryTab
from plo_tracker.gui.case_tabs.meetings_tab import MeetingsTab
from plo_tracker.gui.case_workspace import CaseWorkspace
from plo_tracker.gui.forms.followup_form import REFERRED_BACK_NOTE, FollowUpDialog

from .forms_conftest_helpers import (
    build_forms_world,
    choose,
    click,
    never_block,
    open_form,
    pick,
    problem,
    save,
    saved,
    type_date,
)

LOAD_TIMEOUT = 10_000
STEPPED_DOWN_ON = date(2026, 11, 2)  # Mon: checks due Tue 2 Feb and Sun 2 May 2027


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("followups"))
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


def _stepped_down(world) -> int:
    family_id = world.family()
    world.services.milestones.record_outcome(world.manager, family_id, Outcome.STEP_DOWN,
                                             STEPPED_DOWN_ON, StepDownPlan.CHILD_IN_NEED)
    return family_id


def _open_workspace(qtbot, world, family_id: int) -> CaseWorkspace:
    workspace = CaseWorkspace(world.services, world.worker, family_id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitExposed(workspace)
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=LOAD_TIMEOUT)
    return workspace


def _page(workspace: CaseWorkspace, kind: type):
    return next(page for page in workspace.tab_pages if isinstance(page, kind))


def test_recording_a_finding_through_the_window(qtbot, world):
    family_id = _stepped_down(world)
    workspace = _open_workspace(qtbot, world, family_id)
    meetings = _page(workspace, MeetingsTab)
    section = meetings.followups
    assert section.isVisibleTo(meetings)
    table = section.table
    assert [table.model.text(r, COL_CHECKED) for r in range(table.model.rowCount())] == [
        "Not yet", "Not yet"]  # latest first, as every record table
    assert header_texts(workspace.case_data()).next_due.startswith(
        "Next: 3-month follow-up check due, by Tue 2 Feb 2027")

    button = workspace.actions_bar.buttons["follow_up"]
    filled: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, FollowUpDialog)
            qtbot.waitUntil(dialog.isActiveWindow)  # shown and laid out, as a user sees it
            filled.append(dialog.followup.currentText())
            type_date(qtbot, dialog.checked_on, "20/11/2026")
            dialog.finding.button_for(Finding.SOME_CONCERNS).click()
            qtbot.keyClicks(dialog.notes, "Missed one appointment at the family centre.")
            save(qtbot, dialog)
        finally:
            if dialog is not None and dialog.isVisible():  # never leave the test waiting
                filled.append(dialog.still_needed.text())
                dialog.done(0)

    QTimer.singleShot(0, fill)
    click(qtbot, button)
    assert filled == ["3-month follow-up, due Tue 2 Feb 2027"]
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=LOAD_TIMEOUT)

    table = _page(workspace, MeetingsTab).followups.table
    rows = [(table.model.text(r, COL_CHECKED), table.model.text(r, COL_FOUND),
             table.model.text(r, COL_NOTES)) for r in range(table.model.rowCount())]
    assert rows == [("Not yet", "", ""),
                    ("Fri 20 Nov 2026", "Some concerns",
                     "Missed one appointment at the family centre.")]
    assert header_texts(workspace.case_data()).next_due.startswith(
        "Next: 6-month follow-up check due, by Sun 2 May 2027")
    history = _page(workspace, HistoryTab)
    qtbot.waitUntil(lambda: history.count() > 0, timeout=LOAD_TIMEOUT)
    model = history.table.model
    rows = {model.text(r, COL_WHAT): model.text(r, COL_CHANGES) for r in range(model.rowCount())}
    assert rows["Recorded what a follow-up check after the step-down found"] == (
        "Checked on: Fri 20 Nov 2026 · Due date: Tue 2 Feb 2027 · Finding: Some concerns · "
        "Months after the step-down: 3 · Notes: Missed one appointment at the family centre. · "
        "Recorded by: Sam Okafor")


def test_the_form_refuses_bad_entries_next_to_the_fields(qtbot, world):
    family_id = _stepped_down(world)
    dialog = open_form(qtbot, world, "follow_up", family_id)
    assert not dialog.save_button.isEnabled()
    assert dialog.still_needed.text() == (
        "Still needed before you can save: date of the check, what was found.")
    type_date(qtbot, dialog.checked_on, "27/11/2026")
    assert problem(dialog, "checked_on") == (
        "The check cannot be in the future: Fri 27 Nov 2026 is after today.")
    type_date(qtbot, dialog.checked_on, "30/10/2026")
    assert problem(dialog, "checked_on") == (
        "The check cannot be before the step-down decision on Mon 2 Nov 2026.")
    type_date(qtbot, dialog.checked_on, "25/11/2026")
    assert problem(dialog, "checked_on") == ""
    pick(qtbot, dialog.finding, Finding.REFERRED_BACK)
    assert dialog.intro_label.text().endswith(REFERRED_BACK_NOTE)
    choose(dialog.followup, "6-month follow-up, due Sun 2 May 2027")
    save(qtbot, dialog)
    assert saved(dialog)
    six = world.services.followups.list(world.admin, family_id)[1]
    assert (six.months, six.checked_on, six.finding) == (
        6, date(2026, 11, 25), Finding.REFERRED_BACK)


def test_the_action_waits_for_a_step_down(qtbot, world):
    from plo_tracker.gui.forms.actions import case_actions

    family_id = world.family()
    action = next(a for a in case_actions(world.detail(family_id), world.worker)
                  if a.key == "follow_up")
    assert not action.enabled
    assert action.why_disabled == ("You can only record a follow-up check when the family's "
                                   "stage is stepped down. It is now: pre-proceedings.")
