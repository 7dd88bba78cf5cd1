"""The timeline strip: every text placed apart and inside, dates in words, lateness in words."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QScrollArea, QToolTip

from plo_tracker.domain.timeline import Mark, Milestone, Timeline
from plo_tracker.gui.timeline_layout import (
    NO_TIMELINE_TEXT,
    Line,
    TextRole,
    TimelineLayout,
    lay_out,
)
from plo_tracker.gui.timeline_widget import TimelineWidget, describe, milestone_tip

START = date(2026, 9, 1)  # a Tuesday: the gateway decision
# The 16 weeks beginning with Tue 1 Sep end on their 112th day, Mon 21 Dec 2026.
TARGET = date(2026, 12, 21)
EXTENDED = date(2027, 1, 15)
BIRTH = date(2027, 2, 10)
TODAY = date(2026, 12, 17)  # four days before the 16-week target
# What the timeline is given in the family's page in a 1366-pixel-wide window.
WIDE = 1190
NARROW = 560
LETTER_RULE = ("within 5 working days of the gateway decision on Tue 1 Sep 2026 "
               "(local practice)")
LONG_ASSESSMENT = ("Connected person / special guardianship assessment (Rosemary Smith, "
                   "maternal grandmother, and her partner)")


def busy_timeline(today_offset: int = 0, extended: date | None = EXTENDED) -> Timeline:
    """Letters to three people, the initial meeting, three reviews, four assessments with long
    names, an unborn baby and an extension: as crowded as a family's timeline gets."""
    m = Milestone
    letter = date(2026, 9, 8)
    return Timeline(START, TARGET, extended or TARGET, (
        m(Mark.DECISION, "Gateway decision", None, START),
        m(Mark.LETTER, "Letter to Jade Smith", letter, date(2026, 9, 3), LETTER_RULE),
        m(Mark.LETTER, "Letter to Liam Oakenfield-Smith", letter, date(2026, 9, 14), LETTER_RULE),
        m(Mark.LETTER, "Letter to Rosemary Smith", letter, None, LETTER_RULE),
        m(Mark.MEETING, "Initial meeting", date(2026, 9, 22), date(2026, 9, 17)),
        m(Mark.MEETING, "Review 1", date(2026, 10, 29), date(2026, 10, 29)),
        m(Mark.MEETING, "Review 2", date(2026, 12, 10), date(2026, 12, 14)),
        m(Mark.MEETING, "Review 3", date(2027, 1, 21), None),
        m(Mark.ASSESSMENT, LONG_ASSESSMENT, date(2026, 11, 30), None),
        m(Mark.ASSESSMENT, "Parenting assessment (Mother and father together)",
          date(2026, 11, 15), date(2026, 11, 20)),
        m(Mark.ASSESSMENT, "Psychological assessment (Liam Oakenfield-Smith)",
          date(2026, 12, 20) + timedelta(days=today_offset), None),
        m(Mark.ASSESSMENT, "Drug and alcohol testing (both parents, hair strand)",
          date(2026, 10, 10), date(2026, 10, 8)),
        m(Mark.UNBORN, "Pre-birth assessment shared (Baby Smith)", date(2026, 12, 30), None),
        m(Mark.DECISION, "Outcome decision", extended or TARGET, None),
    ), (("Expected birth (Baby Smith)", BIRTH),))


def show(qtbot, timeline: Timeline | None, today: date, width: int,
         scale: float = 1.0) -> TimelineWidget:
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    if scale != 1.0:
        # 150% scaling makes every text half as big again: a bigger font does the same here.
        font = widget.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        widget.setFont(font)
    widget.set_timeline(timeline, today)
    widget.resize(width, widget.heightForWidth(width))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def assert_apart_and_inside(layout: TimelineLayout, area: QRectF) -> None:
    texts = layout.texts()
    for number, text in enumerate(texts):
        assert text.text.strip(), text
        assert area.contains(text.rect), f"{text.text!r} at {text.rect} is outside {area}"
        for other in texts[number + 1:]:
            assert not text.rect.intersects(other.rect), (
                f"{text.text!r} {text.rect} meets {other.text!r} {other.rect}")


def texts_of(layout: TimelineLayout, role: TextRole) -> list[str]:
    return [text.text for text in layout.texts() if text.role is role]


# Geometry -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("width", "scale"), [(WIDE, 1.0), (NARROW, 1.0), (WIDE, 1.5)],
                         ids=["1366x768", "narrow", "150%"])
def test_no_two_texts_meet_and_all_lie_inside(qtbot, width, scale):
    widget = show(qtbot, busy_timeline(), TODAY, width, scale)
    layout = widget.layout_for(widget.width())
    assert widget.height() == pytest.approx(layout.height, abs=1)
    assert_apart_and_inside(layout, QRectF(widget.rect()))
    # Every milestone has its row and its name; names are cut short only when too long.
    assert [row.milestone for row in layout.rows] == widget.rows()
    assert len(layout.rows) == len(busy_timeline().milestones)
    for row in layout.rows:
        name, full = row.label.text, row.milestone.label
        if row.late:
            # A late row says so even when its name is cut short.
            assert name.endswith(" (late)")
            name = name.removesuffix(" (late)")
        assert name == full or (name.endswith("…") and full.startswith(name[:-1])
                                and len(name) > 12)
    # Today, the target, the extension and the birth are each labelled, in words.
    marks = {mark.line: mark.label.text for mark in layout.marks}
    assert set(marks) == {Line.TODAY, Line.TARGET, Line.EXTENSION, Line.BIRTH}
    if width == WIDE and scale == 1.0:
        assert marks == {
            Line.TODAY: "Today, Thu 17 Dec 2026",
            Line.TARGET: "Original 16-week target, Mon 21 Dec 2026",
            Line.EXTENSION: "Extended to Fri 15 Jan 2027",
            Line.BIRTH: "Expected birth (Baby Smith), Wed 10 Feb 2027",
        }
        names = texts_of(layout, TextRole.ROW)
        assert sum(name.endswith("…") for name in names) <= 1  # only the very long one
    widget.grab()  # paints what was checked, without a warning


def test_at_1366x768_the_timeline_fits_a_crowded_family_in_one_screenful(qtbot):
    widget = show(qtbot, busy_timeline(), TODAY, WIDE)
    # Fourteen rows, the axis and four labelled lines in under 400 pixels.
    assert widget.height() < 400


@pytest.mark.parametrize("gap", [0, 1, 2, 5])
def test_labels_of_lines_on_nearby_days_are_set_apart(qtbot, gap):
    # Today on or just before the target, the extension two days after it.
    today = TARGET - timedelta(days=gap)
    timeline = busy_timeline(extended=TARGET + timedelta(days=2))
    widget = show(qtbot, timeline, today, WIDE)
    layout = widget.layout_for(widget.width())
    assert_apart_and_inside(layout, QRectF(widget.rect()))
    gap_px = layout.metrics.gap
    for mark in layout.marks:
        rect = mark.label.rect
        # Each label sits just beside its own line...
        assert (rect.left() == pytest.approx(mark.x + gap_px)
                or rect.right() == pytest.approx(mark.x - gap_px))
        # ...and no other line runs down through it.
        for other in layout.marks:
            if other is not mark:
                way_down = QRectF(other.x - 1, layout.plot.bottom(), 2,
                                  other.bottom - layout.plot.bottom())
                assert not way_down.intersects(rect), (mark.label.text, other.label.text)


def texts_never_meet_settings():
    return settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@texts_never_meet_settings()
@given(
    today=st.integers(min_value=-10, max_value=200),
    extension=st.one_of(st.none(), st.integers(min_value=1, max_value=120)),
    birth=st.one_of(st.none(), st.integers(min_value=-60, max_value=260)),
    width=st.integers(min_value=400, max_value=2000),
    point_size=st.sampled_from([8.0, 9.0, 12.0, 14.0]),
    kept=st.lists(st.booleans(), min_size=14, max_size=14),
)
def test_texts_never_meet_whatever_the_dates_and_width(qapp, today, extension, birth, width,
                                                        point_size, kept):
    base = busy_timeline(extended=TARGET + timedelta(days=extension) if extension else None)
    births = ((("Expected birth (Baby Smith)", TARGET + timedelta(days=birth)),)
              if birth is not None else ())
    milestones = tuple(m for m, keep in zip(base.milestones, kept, strict=True) if keep)
    timeline = Timeline(base.start, base.original_end, base.end, milestones, births)
    font = QApplication.font()
    font.setPointSizeF(point_size)
    layout = lay_out(timeline, START + timedelta(days=today), width, QFontMetricsF(font))
    assert_apart_and_inside(layout, QRectF(0, 0, width, layout.height))
    assert len(layout.marks) == 2 + (extension is not None) + (birth is not None)


def test_the_timeline_gets_its_whole_height_in_a_scroll_area(qtbot):
    area = QScrollArea()
    qtbot.addWidget(area)
    widget = TimelineWidget()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    widget.set_timeline(busy_timeline(), TODAY)
    area.resize(WIDE, 700)
    area.show()
    qtbot.waitExposed(area)
    qtbot.waitUntil(lambda: widget.height() == widget.heightForWidth(widget.width()))
    layout = widget.layout_for(widget.width())
    assert max(text.rect.bottom() for text in layout.texts()) <= widget.height()
    assert not area.verticalScrollBar().isVisible()  # 700 pixels are enough: nothing clipped
    # Narrower, the line labels may need more lanes: the height follows the width.
    area.resize(NARROW, 700)
    qtbot.waitUntil(lambda: widget.width() < WIDE / 2)
    qtbot.waitUntil(lambda: widget.height() == widget.heightForWidth(widget.width()))


# Words --------------------------------------------------------------------------------------

def test_axis_gives_weeks_and_dates_with_the_months_name(qtbot):
    widget = show(qtbot, busy_timeline(), TODAY, WIDE)
    layout = widget.layout_for(widget.width())
    labelled = [tick for tick in layout.ticks if tick.labels]
    assert len(labelled) >= 8
    assert labelled[0].week == 1 and labelled[0].day == START
    for tick in labelled:
        week, day = tick.labels
        assert week.text == f"wk {tick.week}"
        assert tick.day == START + timedelta(weeks=tick.week - 1)
        assert day.text == f"{tick.day.day} {tick.day:%b}"
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", day.text)  # never 03/04
        assert week.rect.bottom() <= day.rect.top()
    assert texts_of(layout, TextRole.DATE)[:3] == ["1 Sep", "15 Sep", "29 Sep"]


def test_late_milestones_say_so_in_words_beside_their_marks(qtbot):
    widget = show(qtbot, busy_timeline(), TODAY, WIDE)
    layout = widget.layout_for(widget.width())
    rows = {row.milestone.label: row for row in layout.rows}
    assert rows["Letter to Liam Oakenfield-Smith"].label.text == (
        "Letter to Liam Oakenfield-Smith (late)")
    assert rows["Letter to Liam Oakenfield-Smith"].note.text == "6 calendar days late"
    assert rows["Letter to Rosemary Smith"].note.text == "100 calendar days overdue"
    assert rows["Review 2"].note.text == "4 calendar days late"
    assert rows["Letter to Jade Smith"].late == 0 and rows["Letter to Jade Smith"].note is None
    assert rows["Letter to Jade Smith"].label.text == "Letter to Jade Smith"
    for row in layout.rows:
        if row.note is not None:
            assert layout.plot.left() <= row.note.rect.left()
            assert row.note.rect.right() <= layout.plot.right()


def test_describe_counts_calendar_days():
    late = Milestone(Mark.LETTER, "Letter to Jade Smith", date(2026, 9, 8), date(2026, 9, 9))
    assert describe(late, TODAY) == ("Letter to Jade Smith: done Wed 9 Sep 2026, target Tue 8 Sep "
                                     "2026 (1 calendar day late)")
    overdue = Milestone(Mark.MEETING, "Review 3", date(2026, 12, 10), None)
    assert describe(overdue, TODAY) == "Review 3: due Thu 10 Dec 2026 (7 calendar days overdue)"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_tooltips_give_the_rule_and_say_which_days_are_counted(qtbot):
    widget = show(qtbot, busy_timeline(), TODAY, WIDE)
    layout = widget.layout_for(widget.width())
    rows = {row.milestone.label: row for row in layout.rows}
    sent = rows["Letter to Liam Oakenfield-Smith"]
    tip = widget.tooltip_at(QPointF(sent.label.rect.center()))
    assert tip == ("Letter to Liam Oakenfield-Smith\n"
                   f"Target: Tue 8 Sep 2026, {LETTER_RULE}\n"
                   "Done: Mon 14 Sep 2026\n"
                   "Late: 6 calendar days after the target")
    # Anywhere along the row, not only on its name.
    assert widget.tooltip_at(QPointF(layout.plot.center().x(), sent.y)) == tip
    # No rule given: the target alone, and the count still says calendar days.
    review = rows["Review 3"].milestone
    assert milestone_tip(review, TODAY) == ("Review 3\nTarget: Thu 21 Jan 2027\nNot done yet\n"
                                            "Due in 35 calendar days")
    # The lines explain themselves; so does the axis.
    marks = {mark.line: mark for mark in layout.marks}
    target = marks[Line.TARGET]
    assert widget.tooltip_at(QPointF(target.label.rect.center())) == (
        "The 16-week target: Mon 21 Dec 2026, the last day of the 16 weeks beginning with "
        "the gateway decision on Tue 1 Sep 2026 (that day is day 1).")
    assert widget.tooltip_at(QPointF(marks[Line.BIRTH].label.rect.center())) == (
        "Expected birth (Baby Smith): Wed 10 Feb 2027.")
    week = next(tick for tick in layout.ticks if tick.labels)
    assert widget.tooltip_at(week.labels[0].rect.center()) == (
        "Week 1 of pre-proceedings, from Tue 1 Sep 2026")

    # The tooltip really shows when the mouse rests there.
    point = sent.label.rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == tip
    QToolTip.hideText()


def test_accessible_description_says_everything_in_words(qtbot):
    widget = show(qtbot, busy_timeline(), TODAY, WIDE)
    said = widget.accessibleDescription()
    assert "Letter to Rosemary Smith: due Tue 8 Sep 2026 (100 calendar days overdue)" in said
    assert "Letter to Jade Smith: done Thu 3 Sep 2026, target Tue 8 Sep 2026" in said


def test_issue_now_draws_no_pre_proceedings_target(qtbot):
    """The gateway went straight to court: only today and the application's date matter."""
    application_due = date(2026, 9, 8)  # 5 working days after Tue 1 Sep 2026
    timeline = Timeline(START, TARGET, TARGET, (
        Milestone(Mark.DECISION, "Gateway decision: issue care proceedings", None, START),
        Milestone(Mark.COURT, "Court application", application_due, None),
    ), issued_at_gateway=True)
    today = date(2026, 9, 3)
    widget = show(qtbot, timeline, today, WIDE)
    layout = widget.layout_for(widget.width())
    assert [mark.line for mark in layout.marks] == [Line.TODAY]
    assert layout.marks[0].tip == "Today, Thu 3 Sep 2026."
    assert layout.last < TARGET  # the strip spans the application, not 16 weeks
    assert_apart_and_inside(layout, QRectF(widget.rect()))


def test_without_a_timeline_it_says_when_one_starts(qtbot):
    widget = show(qtbot, None, TODAY, NARROW)
    layout = widget.layout_for(widget.width())
    assert texts_of(layout, TextRole.MESSAGE) == [NO_TIMELINE_TEXT]
    assert_apart_and_inside(layout, QRectF(widget.rect()))
    assert widget.rows() == []
    assert widget.tooltip_at(QPointF(10, 10)) == ""


def test_follows_a_dark_palette(qtbot):
    widget = show(qtbot, busy_timeline(), TODAY, WIDE)
    dark = QPalette(widget.palette())
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.AlternateBase, "#2a2b2e")):
        dark.setColor(role, QColor(colour))
    widget.setPalette(dark)
    widget.setAutoFillBackground(True)
    image = widget.grab().toImage()
    corner = image.pixelColor(QPoint(image.width() - 2, image.height() - 2))
    assert corner.lightness() < 80  # no white background painted over the palette
