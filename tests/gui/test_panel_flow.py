"""The gateway panel through the window, as a chair would run it: a meeting with members, the
proposed families and one more, reordered, attendance (not quorate, then quorate), the panel
view recording decisions with actions, closing the meeting and reading its minutes back."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from plo_tracker.domain.panel import AgendaReason, PanelDecision
from plo_tracker.domain.vocabulary import StepDownPlan
from plo_tracker.gui.main_window import PAGE_PANEL, MainWindow
from plo_tracker.gui.panel.attendance_box import NOT_QUORATE
from plo_tracker.gui.panel.panel_page import EMPTY_PAGE
from tests.gui.panel_world import manager, panel_world_fixture, when_dialog_opens

world = panel_world_fixture("panel-flow")


def activate(qtbot, window) -> None:
    """Make ``window`` the active one, as clicking on it would: shortcuts go to it (the
    offscreen platform hands activation back to the main window now and then)."""
    with qtbot.waitActive(window):
        window.activateWindow()


def agenda_families(view) -> list[str]:
    tree = view.agenda.tree
    return [tree.topLevelItem(n).text(1).split(" ", 1)[1] for n in range(tree.topLevelItemCount())]


def fill_meeting(dialog) -> None:
    """26 Nov 2026 at 10:00 in Room 2: Morgan (an account) chairs, Priya Shah (no account)
    is the lawyer, Lee Carter (an account) sits as a manager."""
    dialog.date.edit.setText("26/11/2026")
    dialog.time.setText("10:00")
    dialog.place.setText("Room 2, County Hall")
    for person, role in (("Morgan Hale", "Chair"), ("Priya Shah", "Local authority lawyer"),
                         ("Lee Carter", "Manager")):
        dialog.members.add_button.click()
        row = dialog.members.rows[-1]
        index = row.person.findText(person, Qt.MatchFlag.MatchStartsWith)
        if index >= 0:
            row.person.setCurrentIndex(index)
        else:
            row.person.setEditText(person)
        row.role.setCurrentIndex(row.role.findText(role, Qt.MatchFlag.MatchStartsWith))
    dialog.save_button.click()


def test_a_meeting_from_agenda_to_minutes(qtbot, world, tmp_path):
    window = MainWindow(world.services, manager(world), "This computer")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    window.navigation.setFocus()
    page = window.panel_page
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == PAGE_PANEL
    assert page.empty.isVisible() and page.empty.text() == EMPTY_PAGE

    # New meeting…: the dialog takes the date, time, place and three members.
    view = page.meeting_view
    when_dialog_opens(qtbot, fill_meeting)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        page.new_button.click()
    meeting = view.meeting
    assert (meeting.meeting_date, meeting.place) == (date(2026, 11, 26), "Room 2, County Hall")
    assert [(m.name, m.panel_role.label) for m in meeting.members] == [
        ("Morgan Hale", "Chair"), ("Priya Shah", "Local authority lawyer"),
        ("Lee Carter", "Manager")]
    assert view.heading.text() == "Panel meeting on Thu 26 Nov 2026 at 10:00, Room 2, County Hall"

    # The proposed families: Evans awaits the gateway, Hughes is past 16 weeks.
    def tick_all(dialog) -> None:
        assert [p.family_text.split(" ", 1)[1] for p in dialog.proposed] == ["Evans", "Hughes"]
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, tick_all)
    view.agenda.proposed_button.click()
    assert agenda_families(view) == ["Evans", "Hughes"]
    assert [i.reason for i in view.meeting.items] == [AgendaReason.GATEWAY, AgendaReason.OUTCOME]

    # Add a family…: found by name, Enter adds it at the end.
    def find_adams(dialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
        qtbot.keyClicks(dialog.search, "adams")
        assert dialog.tree.topLevelItemCount() == 1
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)

    when_dialog_opens(qtbot, find_adams)
    view.agenda.find_button.click()
    assert agenda_families(view) == ["Evans", "Hughes", "Adams"]

    # Ctrl+Up moves the chosen family up, and it stays chosen.
    tree = view.agenda.tree
    activate(qtbot, window)  # the offscreen platform leaves no window active after a dialog
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(2))
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert agenda_families(view) == ["Evans", "Adams", "Hughes"]
    assert tree.currentItem().text(1).endswith("Adams")

    # Attendance: the chair alone is not quorate, and the banner says what that means.
    ticks = list(view.attendance.ticks.values())
    ticks[0].click()
    assert view.attendance.quorum.text() == (
        "Not quorate: no lawyer attended; 1 member attended, 2 needed")
    assert view.attendance.banner.isVisible()
    assert view.attendance.banner.text() == NOT_QUORATE
    ticks[1].click()
    assert view.attendance.quorum.text() == "Quorate: chair and lawyer present, 2 members"
    assert not view.attendance.banner.isVisible()

    # F5 starts the meeting (the window's own F5, Reload, does not take it here).
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F5)
    panel = view.panel_view
    assert panel is not None and panel.isVisible()
    assert panel.current().family_text.endswith("Evans")

    # Evans: B, a letter on the decisions, is the second at the gateway, "Enter
    # pre-proceedings".
    activate(qtbot, panel)
    form = panel.forms_stack.currentWidget()
    assert panel.focusWidget() is form.decision.buttons()[0], panel.focusWidget()  # on the decision
    qtbot.keyClick(form.decision.buttons()[0], Qt.Key.Key_B)
    assert form.decision.value() is PanelDecision.ENTER_PRE_PROCEEDINGS
    qtbot.keyClicks(form.reasons, "Neglect has continued despite the child in need plan.")
    form.actions.add_button.click()
    action = form.actions.rows[0]
    qtbot.keyClicks(action.text, "Send the letter before proceedings")
    action.owner.setCurrentIndex(action.owner.findText("Sam Okafor", Qt.MatchFlag.MatchStartsWith))
    action.due.edit.setText("03/12/2026")
    activate(qtbot, panel)
    with qtbot.waitSignal(panel.decided, timeout=5_000):
        qtbot.keyClick(form.reasons, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.current().family_text.endswith("Adams")  # the view moved on

    # Adams stays in pre-proceedings: the review date is needed, and must be after the day.
    form = panel.forms_stack.currentWidget()
    form.decision.set_value(PanelDecision.STAY)
    qtbot.keyClicks(form.reasons, "Progress on the plan; parenting assessment due.")
    form.record_button.click()
    assert form.fields.shown_problems() == {
        "next_review_date": "Give the date the panel next reviews the family."}
    form.review.edit.setText("26/11/2026")
    form.record_button.click()
    assert form.fields.shown_problems() == {
        "next_review_date": "The next review must be after the meeting."}
    assert panel.current().family_text.endswith("Adams")  # refused: still here, text kept
    assert form.reasons.toPlainText() == "Progress on the plan; parenting assessment due."
    form.review.edit.setText("10/12/2026")
    with qtbot.waitSignal(panel.decided, timeout=5_000):
        form.record_button.click()

    # Hughes steps down to a child protection plan.
    assert panel.current().family_text.endswith("Hughes")
    form = panel.forms_stack.currentWidget()
    form.decision.set_value(PanelDecision.STEP_DOWN)
    assert form.plan.isVisibleTo(form)
    form.plan.set_value(StepDownPlan.CHILD_PROTECTION)
    qtbot.keyClicks(form.reasons, "The mother has engaged; risks are managed.")
    with qtbot.waitSignal(panel.decided, timeout=5_000):
        form.record_button.click()

    # PageUp goes back: a decided family shows its decision.
    activate(qtbot, panel)
    qtbot.keyClick(panel, Qt.Key.Key_PageUp)
    assert panel.current().family_text.endswith("Adams")
    shown = panel.forms_stack.currentWidget().text()
    assert "Stay in pre-proceedings" in shown and "Next review: 10 Dec 2026" in shown
    panel.close_button.click()
    qtbot.waitUntil(lambda: view.panel_view is None)
    assert [i.decided for i in view.meeting.items] == [True, True, True]

    # Close meeting, after saying yes.
    def say_yes(box) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    when_dialog_opens(qtbot, say_yes)
    view.close_button.click()
    assert view.meeting.status == "held"
    assert view.minutes_button.isEnabled()

    # The minutes, saved on a worker thread and read back.
    from pypdf import PdfReader

    out = tmp_path / "minutes.pdf"
    with qtbot.waitSignal(view.saver.saved, timeout=20_000) as saved:
        view.minutes_to(out)
    assert saved.args[0] == (out,)
    assert "minutes.pdf" in view.status.text()
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    for words in ("Enter pre-proceedings", "Stay in pre-proceedings", "Step down",
                  "Send the letter before proceedings"):
        assert words in " ".join(text.split()), words

    # Back on the lists, the meeting is a past one, quorate, with all three decided.
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        view.back_button.click()
        page.reload()
    past = page.past.tree.topLevelItem(0)
    assert [past.text(n) for n in range(6)] == [
        "Thu 26 Nov 2026", "10:00", "Room 2, County Hall", "3", "3 of 3", "Quorate"]
