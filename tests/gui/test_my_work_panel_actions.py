"""My work's "Actions from the panel": the person's own open actions, opened by
double-click, marked done on a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.panel import PanelDecision, PanelRole
from plo_tracker.gui.my_work_view import MyWorkView
from plo_tracker.gui.panel_actions_list import COL_ACTION, COL_DUE, COL_FAMILY
from plo_tracker.services.panel_views import (
    PanelActionForm,
    PanelDecisionForm,
    PanelMeetingForm,
    PanelMemberForm,
)

from .test_my_work_view import DueWorld, build_due_world, open_view


@pytest.fixture
def world(tmp_path: Path) -> DueWorld:
    built = build_due_world(tmp_path)
    panel = built.services.panel
    meeting = panel.create_meeting(built.admin, PanelMeetingForm(
        date(2026, 11, 19), None, "", (PanelMemberForm(built.lee.user_id, "", PanelRole.CHAIR),)))
    panel.record_attendance(built.admin, meeting.meeting_id,
                            {m.member_id: True for m in meeting.members})
    item = panel.add_to_agenda(built.admin, meeting.meeting_id, built.ids["Adams"])
    panel.record_decision(built.admin, item.item_id, PanelDecisionForm(
        PanelDecision.STAY, "Progress.", next_review_date=date(2026, 12, 17),
        actions=(PanelActionForm("Book the review meeting", built.jo.user_id, date(2026, 12, 1)),
                 PanelActionForm("Chase the school report", built.jo.user_id,
                                 date(2026, 11, 20)))))
    yield built
    built.database.dispose()


def _shown(view: MyWorkView) -> list[tuple[str, str, str]]:
    tree = view.panel_actions.tree
    return [tuple(tree.topLevelItem(row).text(c) for c in (COL_DUE, COL_FAMILY, COL_ACTION))
            for row in range(tree.topLevelItemCount())]


def _wait(qtbot, view: MyWorkView) -> None:
    qtbot.waitUntil(lambda: view.panel_actions._task is None, timeout=5000)


def test_the_owner_sees_their_actions_earliest_first(qtbot, world):
    view = open_view(qtbot, world, world.jo)
    _wait(qtbot, view)
    assert view.panel_actions.isVisibleTo(view)
    adams = world.plo_ids["Adams"]
    assert _shown(view) == [("Fri 20 Nov 2026 (overdue)", adams, "Chase the school report"),
                            ("Tue 1 Dec 2026", adams, "Book the review meeting")]


def test_someone_without_actions_sees_no_list(qtbot, world):
    view = open_view(qtbot, world, world.kim)
    _wait(qtbot, view)
    assert not view.panel_actions.isVisibleTo(view)


def test_double_click_opens_the_family_and_mark_done_removes_it(qtbot, world):
    view = open_view(qtbot, world, world.jo)
    _wait(qtbot, view)
    tree = view.panel_actions.tree
    with qtbot.waitSignal(view.family_activated) as opened:
        tree.itemActivated.emit(tree.topLevelItem(0), 0)
    assert opened.args == [world.ids["Adams"]]
    view.panel_actions.done_on.set_date(date(2026, 11, 25))
    with qtbot.waitSignal(view.panel_actions.loaded, timeout=5000):
        qtbot.mouseClick(view.panel_actions.done_button, Qt.MouseButton.LeftButton)
    assert [row[2] for row in _shown(view)] == ["Book the review meeting"]
    done = world.services.panel.actions(world.jo, open_only=False)
    assert [(a.text, a.done_on) for a in done if a.done_on] == [
        ("Chase the school report", date(2026, 11, 25))]
