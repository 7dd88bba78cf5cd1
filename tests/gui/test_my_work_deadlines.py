"""My work on the deadline rules: items listed under the working day to act by, the note
that says why, lateness counted from that day, and families named as workers know them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from plo_tracker.domain.vocabulary import AssessmentKind
from plo_tracker.gui.my_work_view import (
    ACT_BY_ROLE,
    COL_DUE,
    COL_FAMILY,
    COL_LATE,
    COL_WHAT,
    MyWorkView,
    Scope,
)

from .views_world import ViewsWorld, add_deadline_families, shown, world_fixture


def _prepare(world: ViewsWorld) -> None:
    add_deadline_families(world)
    # Due on Sunday 22 November, so to be done by Friday 20th: six days late, not four.
    world.services.milestones.commission_assessment(
        world.admin, world.ids["Grant"], AssessmentKind.DNA, "Father", date(2026, 11, 20),
        date(2026, 11, 22))


world = world_fixture("my-work-deadlines", _prepare)


@pytest.fixture
def view(qtbot, world) -> MyWorkView:
    view = shown(qtbot, MyWorkView(world.services, world.sam), 1300, 600)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    return view


def rows_by_group(view: MyWorkView) -> dict[str, list[tuple[str, ...]]]:
    return {group.title: [row.texts for row in group.rows] for group in view.model.groups()}


def test_a_sunday_deadline_is_listed_under_the_friday_with_its_note(view, world):
    groups = rows_by_group(view)
    friday = groups["Tomorrow, Fri 27 Nov 2026"]
    grant = [row for row in friday if row[COL_FAMILY].endswith(" Grant")]
    assert len(grant) == 1
    assert grant[0][COL_DUE] == "Sun 29 Nov 2026"
    assert grant[0][COL_WHAT] == ("Parenting assessment due (Mother) \u2013 Sun 29 Nov 2026 is a "
                                  "Sunday: finish it by Fri 27 Nov")
    assert "Sun 29 Nov 2026" not in groups  # nothing waits for the Sunday itself
    model = view.model
    friday_row = [g.title for g in model.groups()].index("Tomorrow, Fri 27 Nov 2026")
    parent = model.index(friday_row, 0)
    for row in range(model.rowCount(parent)):
        index = model.index(row, COL_WHAT, parent)
        if index.data().startswith("Parenting"):
            assert index.data(ACT_BY_ROLE) == date(2026, 11, 27)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert tip.startswith("Parenting assessment due (Mother)\nDue Sun 29 Nov 2026: ")
            assert tip.endswith("\nSun 29 Nov 2026 is a Sunday: finish it by Fri 27 Nov.")


def test_lateness_counts_from_the_day_to_act_by(view):
    overdue = rows_by_group(view)["Overdue"]
    dna = [row for row in overdue if row[COL_WHAT].startswith("DNA")]
    assert dna[0][COL_DUE] == "Sun 22 Nov 2026"
    assert dna[0][COL_LATE] == "6 calendar days"  # from Friday 20 November


def test_the_family_is_named_by_id_and_surname_and_what_stretches(view, world):
    families = {row[COL_FAMILY] for rows in rows_by_group(view).values() for row in rows}
    plo_ids = {f.surname: f.plo_family_id for f in world.families()}
    assert f"{plo_ids['Grant']} Grant" in families
    assert f"{plo_ids['Irwin']} Irwin" in families
    header = view.tree.header()
    assert header.sectionResizeMode(COL_WHAT) == QHeaderView.ResizeMode.Stretch
    # The longest item shows in full at a laptop's width.
    longest = max((row[COL_WHAT] for rows in rows_by_group(view).values() for row in rows),
                  key=len)
    assert header.sectionSize(COL_WHAT) > view.tree.fontMetrics().horizontalAdvance(longest)
    assert view.scope() is Scope.MINE
