"""The Panel page's parts one at a time: who sees it, the meeting dialog's refusals, the
agenda's keys, attendance before the day, a decision at a meeting that was not quorate, the
panel view keeping what was typed, and the papers (summary sheet, agenda pack, letters)."""

from __future__ import annotations

from datetime import date, time

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from plo_tracker.domain.panel import PanelDecision, PanelRole
from plo_tracker.gui.main_window import PAGE_PANEL, MainWindow
from plo_tracker.gui.panel.meeting_dialog import MeetingDialog
from plo_tracker.gui.panel.meeting_view import MeetingView
from plo_tracker.services.panel_views import (
    PanelDecisionForm,
    PanelMeetingForm,
    PanelMemberForm,
)
from tests.gui.panel_world import manager, panel_world_fixture, when_dialog_opens

world = panel_world_fixture("panel-page")


def new_meeting(world, day: date = date(2026, 11, 26), families=("Adams", "Brown"),
                lawyer: bool = True) -> int:
    """A meeting (through the service: what is tested here comes after) with its agenda."""
    services, chair = world.services, manager(world)
    members = [PanelMemberForm(chair.user_id, "", PanelRole.CHAIR)]
    if lawyer:
        members.append(PanelMemberForm(None, "Priya Shah", PanelRole.LEGAL))
    meeting = services.panel.create_meeting(chair, PanelMeetingForm(
        day, time(14, 0), "Room 4", tuple(members)))
    for surname in families:
        services.panel.add_to_agenda(chair, meeting.meeting_id, world.ids[surname])
    return meeting.meeting_id


def opened(qtbot, world, meeting_id: int) -> MeetingView:
    view = MeetingView(world.services, manager(world))
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load(meeting_id)
    return view


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_panel_page_is_shown_only_to_roles_that_run_the_panel(qtbot, world):
    for actor, shown in ((world.sam, False), (manager(world), True), (world.admin, True)):
        window = MainWindow(world.services, actor, "This computer")
        qtbot.addWidget(window)
        assert (PAGE_PANEL in [p.key for p in window.pages]) is shown
        assert hasattr(window, "panel_page") is shown


def test_the_meeting_dialog_says_what_is_missing_and_keeps_a_refused_entry(qtbot, world):
    dialog = MeetingDialog(world.services, manager(world))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()
    assert dialog.still_needed.text() == "Still needed before you can save: date."
    dialog.date.edit.setText("03/12/2026")
    dialog.time.setText("25:00")
    assert not dialog.save_button.isEnabled()
    dialog.time.setText("14:30")
    # The same account twice: the service refuses, under the members, and nothing is lost.
    for _ in range(2):
        dialog.members.add_button.click()
        row = dialog.members.rows[-1]
        row.person.setCurrentIndex(row.person.findText("Lee Carter", Qt.MatchFlag.MatchStartsWith))
        row.role.set_value(PanelRole.MANAGER)
    dialog.save_button.click()
    assert dialog.saved is None and dialog.isVisible()
    assert dialog.members.problem.text() == "Someone is listed twice: list each member once."
    assert [r.person.currentText() for r in dialog.members.rows] == [
        "Lee Carter (gateway panel member)"] * 2
    dialog.members.remove_row(dialog.members.rows[1])
    dialog.save_button.click()
    assert dialog.saved is not None
    assert dialog.saved.start_time == time(14, 30)


def test_delete_takes_a_family_off_the_agenda_but_not_once_decided(qtbot, world):
    meeting_id = new_meeting(world)
    view = opened(qtbot, world, meeting_id)
    tree = view.agenda.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(1))
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert [i.family_text.split()[1] for i in view.meeting.items] == ["Adams"]
    chair = manager(world)
    world.services.panel.record_attendance(chair, meeting_id, {
        m.member_id: True for m in view.meeting.members})
    world.services.panel.record_decision(chair, view.meeting.items[0].item_id, PanelDecisionForm(
        PanelDecision.DEFERRED, "The parenting assessment is not back yet."))
    view.refresh()
    tree.setCurrentItem(tree.topLevelItem(0))
    assert not view.agenda.remove_button.isEnabled()
    assert tree.topLevelItem(0).text(7) == "Deferred to the next meeting"


def test_attendance_waits_for_the_day_of_the_meeting(qtbot, world):
    view = opened(qtbot, world, new_meeting(world, day=date(2026, 12, 3), families=()))
    assert view.attendance.note.text() == (
        "Tick who attended on the day of the meeting, 3 Dec 2026.")
    assert not any(tick.isEnabled() for tick in view.attendance.ticks.values())
    assert view.agenda.empty.isVisibleTo(view)
    assert not view.start_button.isEnabled()


def test_a_decision_at_a_meeting_not_quorate_is_marked_so(qtbot, world):
    view = opened(qtbot, world, new_meeting(world, families=("Brown",), lawyer=False))
    list(view.attendance.ticks.values())[0].click()
    assert view.attendance.banner.isVisible()
    panel = view.start_meeting()
    qtbot.addWidget(panel)
    assert "Decisions will be marked as taken at a meeting that was not quorate" in \
        panel.quorum.text()
    form = panel.forms_stack.currentWidget()
    form.decision.set_value(PanelDecision.STAY)
    qtbot.keyClicks(form.reasons, "The letter went late; the plan has only just begun.")
    form.review.edit.setText("17/12/2026")
    with qtbot.waitSignal(panel.decided, timeout=5_000):
        form.record_button.click()
    shown = panel.forms_stack.currentWidget().text()
    assert "Taken at a meeting that was not quorate." in shown
    assert "Next review: 17 Dec 2026" in shown


def test_closing_the_panel_view_asks_before_losing_a_typed_decision(qtbot, world):
    view = opened(qtbot, world, new_meeting(world, families=("Adams",)))
    panel = view.start_meeting()
    qtbot.addWidget(panel)
    form = panel.forms_stack.currentWidget()
    qtbot.keyClicks(form.reasons, "Half a sentence")

    def keep_editing(box) -> None:
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_dialog_opens(qtbot, keep_editing)
    panel.close_button.click()
    assert panel.isVisible()
    assert form.reasons.toPlainText() == "Half a sentence"
    # Another family and back: what was typed is still there.
    panel.step(1)
    panel.step(-1)
    assert panel.forms_stack.currentWidget() is form

    def discard(box) -> None:
        box.button(QMessageBox.StandardButton.Discard).click()

    when_dialog_opens(qtbot, discard)
    panel.close_button.click()
    assert not panel.isVisible()


def test_summary_sheet_agenda_pack_and_decision_letters(qtbot, world, tmp_path):
    meeting_id = new_meeting(world, families=("Adams", "Brown"))
    view = opened(qtbot, world, meeting_id)
    adams = world.services.case_detail.family(world.admin, world.ids["Adams"], record_view=False)
    with qtbot.waitSignal(view.saver.saved, timeout=20_000):
        view.agenda.summary_sheet_to(view.meeting.items[0].item_id, tmp_path / "sheet.pdf")
    assert adams.plo_family_id in pdf_text(tmp_path / "sheet.pdf")
    assert "sheet.pdf" in view.status.text()
    with qtbot.waitSignal(view.saver.saved, timeout=20_000):
        view.agenda.pack_to(tmp_path / "pack.pdf")
    pack = pdf_text(tmp_path / "pack.pdf")
    assert adams.plo_family_id in pack and "Brown" in pack

    chair = manager(world)
    world.services.panel.record_attendance(chair, meeting_id, {
        m.member_id: True for m in view.meeting.members})
    for item in view.meeting.items:
        world.services.panel.record_decision(chair, item.item_id, PanelDecisionForm(
            PanelDecision.DEFERRED, "Waiting for the assessment."))
    view.refresh()
    assert view.close_meeting(confirmed=True)
    with qtbot.waitSignal(view.saver.saved, timeout=20_000) as saved:
        view.letters_to(tmp_path)
    names = sorted(path.name for path in saved.args[0])
    assert names == [f"Decision letter {view.meeting.items[n].family_text} 26 Nov 2026.pdf"
                     for n in (0, 1)]
    assert "Deferred to the next meeting" in pdf_text(saved.args[0][0])
    with qtbot.waitSignal(view.saver.saved, timeout=20_000):
        view.keep_letters()
    assert view.status.text().startswith("Added the decision letters to the families' documents")
    titles = [d.title for d in world.services.documents.list(world.admin, world.ids["Adams"])]
    assert "Gateway panel decision, 26 Nov 2026" in titles
