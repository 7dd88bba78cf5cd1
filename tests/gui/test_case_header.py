"""The case header card: the week from WeekCount, a decision to issue, the next item's
deadline note, and lines that shorten rather than widen the window."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from plo_tracker.gui.case_header import CaseHeader
from plo_tracker.gui.case_workspace import load_case
from plo_tracker.gui.elided_label import ElidedLabel

from .views_world import LONG_SURNAME, ViewsWorld, add_deadline_families, world_fixture


def _prepare(world: ViewsWorld) -> None:
    add_deadline_families(world)
    world.set_surname(world.ids["Foster"], LONG_SURNAME)


world = world_fixture("case-header", _prepare)


def header_for(qtbot, world: ViewsWorld, surname: str, today: date | None = None,
               width: int = 1200) -> CaseHeader:
    data = load_case(world.services, world.admin, world.ids[surname], record_view=False)
    if today is not None:
        data = dataclasses.replace(data, today=today)
    header = CaseHeader()
    qtbot.addWidget(header)
    header.show_case(data)
    header.resize(width, header.sizeHint().height())
    header.show()
    qtbot.waitExposed(header)
    return header


def test_week_line_and_bar_in_pre_proceedings(qtbot, world):
    header = header_for(qtbot, world, "Adams")
    assert header.week.text() == "Week 13 of 16 (day 87)"
    assert header.week_bar.fraction == pytest.approx(87 / 112)
    assert "started Tue 1 Sep 2026, which counts as day 1" in header.week.toolTip()
    assert "Target end: Mon 21 Dec 2026 (16 weeks beginning with the start)" in (
        header.week.toolTip())


def test_week_line_past_the_target_and_when_extended(qtbot, world):
    past = header_for(qtbot, world, "Hughes")
    assert past.week.text() == "5 weeks past the 16-week target (day 149)"
    assert past.week_bar.fraction > 1  # drawn full, in the late colour
    assert "Past the 16-week target by 37 calendar days." in past.week.toolTip()
    extended = header_for(qtbot, world, "Davies")
    assert extended.week.text() == "Week 22 of 29 (day 149), extended to Fri 15 Jan 2027"
    assert extended.week_bar.fraction == pytest.approx(149 / 199)


def test_a_decision_to_issue_says_when_and_that_the_application_is_due(qtbot, world):
    header = header_for(qtbot, world, "Irwin")
    assert header.stage.text() == ("Stage: Decided to issue on Mon 23 Nov 2026; court "
                                   "application due by Mon 30 Nov 2026")
    assert header.week.text() == "Court application not yet made"
    assert header.week_bar.isHidden()
    assert header.next_due.text() == "Next: Make the court application, by Mon 30 Nov 2026"


def test_the_next_item_shows_its_deadline_note(qtbot, world):
    header = header_for(qtbot, world, "Grant")
    assert header.next_due.text() == ("Next: Parenting assessment due (Mother), by Sun 29 Nov "
                                      "2026")
    assert not header.next_due_note.isHidden()
    assert header.next_due_note.text() == "Sun 29 Nov 2026 is a Sunday: finish it by Fri 27 Nov"
    assert header.next_due.toolTip().endswith("Sun 29 Nov 2026 is a Sunday: finish it by Fri "
                                              "27 Nov.")
    assert header_for(qtbot, world, "Adams").next_due_note.isHidden()  # a working day


def test_lateness_counts_from_the_day_to_act_by(qtbot, world):
    # On Saturday 28 November the Sunday deadline has already been missed: act by Friday.
    header = header_for(qtbot, world, "Grant", today=date(2026, 11, 28))
    assert header.next_due.text().endswith("by Sun 29 Nov 2026 (1 calendar day overdue)")
    friday = header_for(qtbot, world, "Grant", today=date(2026, 11, 27))
    assert friday.next_due.text().endswith("by Sun 29 Nov 2026 (act today)")


def test_long_lines_shorten_with_the_full_text_in_a_tooltip(qtbot, world):
    header = header_for(qtbot, world, "Foster", width=1000)
    assert header.minimumSizeHint().width() < 700
    assert header.width() == 1000
    title = header.title
    assert isinstance(title, ElidedLabel)
    assert title.text().endswith(LONG_SURNAME)  # the whole name, for the tab and tests
    assert title.is_elided() and title.shown_text().endswith("…")
    assert title.toolTip().startswith(title.text())
    assert title.toolTip().endswith("PLO (Public Law Outline) family id "
                                    + title.text().split()[0])
    assert header.worker.minimumSizeHint().width() < 100
    # The long name takes its share only: the lines beside it keep their whole text.
    world.set_surname(world.ids["Davies"], LONG_SURNAME)
    try:
        davies = header_for(qtbot, world, "Davies", width=1250)
    finally:
        world.set_surname(world.ids["Davies"], "Davies")
    assert davies.title.is_elided()
    assert not any(line.is_elided() for line in (davies.stage, davies.week, davies.next_due))
    adams = header_for(qtbot, world, "Adams", width=1000)
    assert not adams.title.is_elided()
    assert adams.title.toolTip().startswith("PLO (Public Law Outline) family id")
