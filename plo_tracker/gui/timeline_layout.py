"""Where every piece of the timeline strip goes at a given width, worked out without painting."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from plo_tracker.domain.date_text import day_month, short_date
from plo_tracker.domain.timeline import Mark, Milestone, Timeline
from plo_tracker.domain.week_count import weeks_on

from .case_tabs.case_data import days_text

NO_TIMELINE_TEXT = "The timeline starts when the gateway decision is recorded."
LATE_WORD = "late"
# Rows by kind, in the order of the journey; within a kind, by date.
ROW_ORDER = (Mark.DECISION, Mark.LETTER, Mark.MEETING, Mark.ASSESSMENT, Mark.UNBORN, Mark.COURT,
             Mark.FOLLOW_UP)
# Weeks between labelled ticks: the first of these whose labels do not touch is used.
_LABEL_STEPS = (1, 2, 4, 8, 13, 26, 52)


class TextRole(enum.Enum):
    """What a piece of text is, which decides how it is painted."""

    ROW = "row"  # a milestone's name, left of its row
    NOTE = "note"  # how late a milestone is, beside its marks
    WEEK = "week"  # "wk 3" on the axis
    DATE = "date"  # "15 Sep" under it
    MARK = "mark"  # the label of a vertical line: today, target, extension, birth
    MESSAGE = "message"  # no timeline yet


class Line(enum.Enum):
    """The vertical lines across the rows, in the order their labels are placed."""

    TODAY = "today"
    EXTENSION = "extension"
    TARGET = "target"
    BIRTH = "birth"


@dataclass(frozen=True)
class Text:
    """One piece of text and the rectangle it is painted in."""

    text: str
    rect: QRectF
    role: TextRole


@dataclass(frozen=True)
class Row:
    """One milestone's row: its band (for hovering), its centre line, its texts."""

    milestone: Milestone
    band: QRectF
    y: float
    late: int  # calendar days late, 0 if on time
    label: Text
    note: Text | None  # "3 calendar days late" beside the marks, when late and there is room


@dataclass(frozen=True)
class Tick:
    """The start of a week of the episode: a grid line, and perhaps its labels."""

    week: int  # 1 for the week the gateway decision starts
    day: date
    x: float
    labels: tuple[Text, ...]  # week and date, or none when the labels would be too close


@dataclass(frozen=True)
class VerticalMark:
    """A line across every row (today, the target, an extension, a birth) and its label."""

    line: Line
    day: date
    x: float
    top: float
    bottom: float  # the line goes on below the rows down to its label
    label: Text
    tip: str


@dataclass(frozen=True)
class Metrics:
    """Sizes derived from the font, so a bigger font (or 150% scaling) gets room to match."""

    line: float  # height of a line of text
    margin: float
    gap: float  # between a mark and a text beside it
    row: float  # height of a row
    radius: float  # of a milestone's marker

    @classmethod
    def of(cls, font_metrics: QFontMetricsF) -> Metrics:
        line = font_metrics.height()
        return cls(line=line, margin=max(6.0, round(line * 0.5)), gap=max(3.0, round(line / 5)),
                   row=max(16.0, round(line + 3)), radius=max(4.0, round(line / 3)))


@dataclass(frozen=True)
class TimelineLayout:
    """Every rectangle of the timeline for one width; paintEvent draws exactly these."""

    width: float
    height: float
    first: date
    last: date
    plot: QRectF  # where the rows' marks go: dates run from its left edge to its right
    axis_top: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    marks: tuple[VerticalMark, ...]
    message: Text | None
    metrics: Metrics

    def x_of(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return self.plot.left() + self.plot.width() * (day - self.first).days / span

    def texts(self) -> list[Text]:
        """Every piece of text painted, in painting order."""
        found: list[Text] = []
        for tick in self.ticks:
            found.extend(tick.labels)
        found.extend(mark.label for mark in self.marks)
        for row in self.rows:
            found.append(row.label)
            if row.note is not None:
                found.append(row.note)
        if self.message is not None:
            found.append(self.message)
        return found

    def row_at(self, point: QPointF) -> Row | None:
        return next((row for row in self.rows if row.band.contains(point)), None)

    def mark_at(self, point: QPointF) -> VerticalMark | None:
        """The mark whose label is under the point, or whose line is within a few pixels."""
        for mark in self.marks:
            if mark.label.rect.contains(point):
                return mark
        near = [m for m in self.marks if m.top <= point.y() <= m.bottom
                and abs(m.x - point.x()) <= self.metrics.gap]
        return min(near, key=lambda m: abs(m.x - point.x()), default=None)

    def tick_at(self, point: QPointF) -> Tick | None:
        """The week under the point on the axis."""
        if not (self.axis_top <= point.y() < self.plot.top()):
            return None
        before = [tick for tick in self.ticks if tick.x <= point.x()]
        return before[-1] if before and point.x() <= self.plot.right() else None


def ordered_rows(timeline: Timeline) -> list[Milestone]:
    """Milestones in drawing order: by kind, then by date."""
    return sorted(timeline.milestones, key=lambda m: (
        ROW_ORDER.index(m.mark), m.actual or m.target or date.max))


def row_label(milestone: Milestone, late: int) -> str:
    return milestone.label + (f" ({LATE_WORD})" if late else "")


def _short_name(milestone: Milestone, late: int, room: float, fm: QFontMetricsF) -> str:
    """The row's name cut to the room, keeping "(late)": the name is shortened, not that."""
    suffix = row_label(milestone, late)[len(milestone.label):]
    name = fm.elidedText(milestone.label, Qt.TextElideMode.ElideRight,
                         room - fm.horizontalAdvance(suffix))
    shown = name + suffix
    return shown if fm.horizontalAdvance(shown) <= room else fm.elidedText(
        shown, Qt.TextElideMode.ElideRight, room)


def late_note(milestone: Milestone, late: int) -> str:
    """How late, in words: "3 calendar days late", or "overdue" when still not done."""
    return f"{days_text(late)} {'late' if milestone.actual else 'overdue'}"


def mark_tip(line: Line, day: date, timeline: Timeline, label: str = "") -> str:
    """What a vertical line means, in a sentence."""
    weeks = timeline.target_weeks
    if line is Line.TODAY:
        if timeline.issued_at_gateway:
            return f"Today, {short_date(day)}."
        if day < timeline.start:
            return f"Today, {short_date(day)}: before pre-proceedings started."
        week = weeks_on(timeline.start, timeline.end, timeline.end != timeline.original_end,
                        day, weeks).week
        return f"Today, {short_date(day)}: week {week} of pre-proceedings."
    if line is Line.TARGET:
        return (f"The {weeks}-week target: {short_date(day)}, the last day of the {weeks} "
                f"weeks beginning with the gateway decision on {short_date(timeline.start)} "
                "(that day is day 1).")
    if line is Line.EXTENSION:
        return (f"Extended to {short_date(day)} (the {weeks}-week target was "
                f"{short_date(timeline.original_end)}).")
    return f"{label}: {short_date(day)}."


def _target_days(timeline: Timeline) -> list[date]:
    """The target's lines (moved by an extension); none when the gateway went straight to court."""
    return [] if timeline.issued_at_gateway else [timeline.end, timeline.original_end]


def _span(timeline: Timeline, today: date) -> tuple[date, date]:
    dates = [timeline.start, *_target_days(timeline), today] + [
        d for m in timeline.milestones for d in (m.target, m.actual) if d is not None
    ] + [d for _label, d in timeline.expected_births]
    return min(dates) - timedelta(days=3), max(dates) + timedelta(days=7)


def _message_layout(width: float, fm: QFontMetricsF, metrics: Metrics) -> TimelineLayout:
    inner = max(1.0, width - 2 * metrics.margin)
    flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    needed = fm.boundingRect(QRectF(0, 0, inner, 10_000), flags, NO_TIMELINE_TEXT)
    text_width = min(inner, needed.width())
    rect = QRectF((width - text_width) / 2, metrics.margin, text_width, needed.height())
    height = rect.bottom() + metrics.margin
    return TimelineLayout(width, height, date.min, date.min, QRectF(), 0.0, (), (), (),
                          Text(NO_TIMELINE_TEXT, rect, TextRole.MESSAGE), metrics)


def lay_out(timeline: Timeline | None, today: date, width: float,
            fm: QFontMetricsF) -> TimelineLayout:
    """Place every row, axis label and mark label of ``timeline`` in a strip ``width`` wide.

    No two texts intersect and all lie inside ``width`` by the returned height: labels too
    long for the room are shortened with "…" (the tooltips keep the whole text).
    """
    metrics = Metrics.of(fm)
    if timeline is None:
        return _message_layout(width, fm, metrics)
    m = metrics
    milestones = ordered_rows(timeline)
    lates = [ms.days_late(today) for ms in milestones]
    labels = [row_label(ms, late) for ms, late in zip(milestones, lates, strict=True)]

    # The names' column takes what the longest name needs, but leaves the dates most of it.
    widest = max((fm.horizontalAdvance(text) for text in labels), default=0.0)
    column = min(widest, max(fm.horizontalAdvance("M") * 8, width * 0.4))
    plot_left = m.margin + column + 2 * m.margin
    plot_right = max(plot_left + 1, width - m.margin - m.radius)
    axis_top = m.margin
    rows_top = axis_top + 2 * m.line + m.gap
    rows_bottom = rows_top + len(milestones) * m.row
    plot = QRectF(QPointF(plot_left, rows_top), QPointF(plot_right, rows_bottom))
    first, last = _span(timeline, today)
    frame = TimelineLayout(width, 0.0, first, last, plot, axis_top, (), (), (), None, m)

    ticks = _ticks(frame, timeline, fm)
    lines = [frame.x_of(day) for day in (today, *_target_days(timeline))] + [
        frame.x_of(day) for _label, day in timeline.expected_births]
    rows = []
    for index, (milestone, late) in enumerate(zip(milestones, lates, strict=True)):
        top = rows_top + index * m.row
        y = top + m.row / 2
        shown = _short_name(milestone, late, column, fm)
        label_rect = QRectF(m.margin, y - m.line / 2, fm.horizontalAdvance(shown), m.line)
        note = _note(frame, milestone, late, y, today, lines, fm) if late else None
        rows.append(Row(milestone, QRectF(0, top, width, m.row), y, late,
                        Text(shown, label_rect, TextRole.ROW), note))
    marks, lanes = _marks(frame, timeline, today, fm)
    height = rows_bottom + m.gap + lanes * (m.line + m.gap) + m.margin
    return TimelineLayout(width, height, first, last, plot, axis_top, tuple(rows), ticks,
                          marks, None, m)


def _ticks(frame: TimelineLayout, timeline: Timeline, fm: QFontMetricsF) -> tuple[Tick, ...]:
    """A grid line every week from the start; labels on as many as have room."""
    m = frame.metrics
    starts = []
    week = 0
    while (day := timeline.start + timedelta(weeks=week)) <= frame.last:
        if day >= frame.first:
            starts.append((week + 1, day))
        week += 1
    texts = [(f"wk {number}", day_month(day)) for number, day in starts]
    widest = max((fm.horizontalAdvance(t) for pair in texts for t in pair), default=0.0)
    week_px = frame.plot.width() * 7 / max(1, (frame.last - frame.first).days)
    step = next((s for s in _LABEL_STEPS if s * week_px >= widest + 2 * m.gap),
                _LABEL_STEPS[-1])
    ticks = []
    for (number, day), (week_text, date_text) in zip(starts, texts, strict=True):
        x = frame.x_of(day)
        labels: tuple[Text, ...] = ()
        wide = max(fm.horizontalAdvance(week_text), fm.horizontalAdvance(date_text))
        if (number - 1) % step == 0 and x + m.gap + wide <= frame.width - 1:
            labels = (
                Text(week_text, QRectF(x + m.gap, frame.axis_top,
                                       fm.horizontalAdvance(week_text), m.line), TextRole.WEEK),
                Text(date_text, QRectF(x + m.gap, frame.axis_top + m.line,
                                       fm.horizontalAdvance(date_text), m.line), TextRole.DATE),
            )
        ticks.append(Tick(number, day, x, labels))
    return tuple(ticks)


def _note(frame: TimelineLayout, milestone: Milestone, late: int, y: float, today: date,
          lines: list[float], fm: QFontMetricsF) -> Text | None:
    """Words for lateness beside the row's marks: after them, or before them, preferably
    across none of the vertical lines; None when neither side has room."""
    m = frame.metrics
    text = late_note(milestone, late)
    days = [d for d in (milestone.target, milestone.actual or today) if d is not None]
    wide = fm.horizontalAdvance(text)
    right = max(frame.x_of(d) for d in days) + m.radius + m.gap
    left = min(frame.x_of(d) for d in days) - m.radius - m.gap - wide
    # Just after the marks, just before them, or further right past a line in the way.
    starts = [right, left] + [x + m.gap for x in sorted(lines) if x > right]
    places = [QRectF(x, y - m.line / 2, wide, m.line) for x in starts
              if frame.plot.left() <= x and x + wide <= frame.plot.right()]
    if not places:
        return None  # the row's name still says "(late)"
    clear = [r for r in places if not any(r.left() - m.gap <= x <= r.right() + m.gap
                                          for x in lines)]
    return Text(text, (clear or places)[0], TextRole.NOTE)


def _marks(frame: TimelineLayout, timeline: Timeline, today: date,
           fm: QFontMetricsF) -> tuple[tuple[VerticalMark, ...], int]:
    """The vertical lines, each labelled in the first lane below the rows with room for it.

    A line runs on below the rows down to its label, so a label may sit neither on another
    label nor across another line's way down; labels of lines on nearby days go in
    different lanes.
    """
    weeks = timeline.target_weeks
    wanted: list[tuple[Line, date, str, str]] = [
        (Line.TODAY, today, f"Today, {short_date(today)}", mark_tip(Line.TODAY, today, timeline))]
    extended = timeline.end != timeline.original_end
    if extended and not timeline.issued_at_gateway:
        wanted.append((Line.EXTENSION, timeline.end, f"Extended to {short_date(timeline.end)}",
                       mark_tip(Line.EXTENSION, timeline.end, timeline)))
    if not timeline.issued_at_gateway:
        wanted.append((Line.TARGET, timeline.original_end,
                       f"{'Original ' if extended else ''}{weeks}-week target, "
                       f"{short_date(timeline.original_end)}",
                       mark_tip(Line.TARGET, timeline.original_end, timeline)))
    for label, day in timeline.expected_births:
        wanted.append((Line.BIRTH, day, f"{label}, {short_date(day)}",
                       mark_tip(Line.BIRTH, day, timeline, label)))

    # Labels placed first get the nearest lanes, and which go first decides how many lanes
    # are needed and whether a line must pass under a label: try a few orders, keep the best.
    indices = range(len(wanted))
    orders = [list(indices), sorted(indices, key=lambda i: wanted[i][1]),
              sorted(indices, key=lambda i: wanted[i][1], reverse=True)]
    best_order, (marks, lanes, _crossings) = min(
        ((order, _placed(frame, [wanted[i] for i in order], fm)) for order in orders),
        key=lambda found: (found[1][2], found[1][1]))
    placed = dict(zip(best_order, marks, strict=True))
    return tuple(placed[i] for i in indices), lanes


def _placed(frame: TimelineLayout, wanted: list[tuple[Line, date, str, str]],
            fm: QFontMetricsF) -> tuple[list[VerticalMark], int, int]:
    """Labels placed in this order: the marks, how many lanes, how many lines under labels."""
    m = frame.metrics
    lanes_top = frame.plot.bottom() + m.gap
    labels: list[QRectF] = []
    ways_down: list[QRectF] = []  # each placed line from the rows down to its label
    marks = []
    lanes = 0
    for number, (line, day, text, tip) in enumerate(wanted):
        x = frame.x_of(day)
        # Lines still to be placed, except those on this one (a label beside it is beside them).
        others = [o for o in (frame.x_of(later[1]) for later in wanted[number + 1:])
                  if abs(o - x) > 1]
        rect, lane = _place(frame, x, text, labels, ways_down, others, lanes, fm)
        y = lanes_top + lane * (m.line + m.gap)
        shown = text if rect.width() >= fm.horizontalAdvance(text) else fm.elidedText(
            text, Qt.TextElideMode.ElideRight, rect.width())
        labels.append(rect)
        ways_down.append(_way_down(frame, x, y))
        lanes = max(lanes, lane + 1)
        marks.append(VerticalMark(line, day, x, frame.plot.top(), y + m.line,
                                  Text(shown, rect, TextRole.MARK), tip))
    crossings = sum(1 for mark, way in zip(marks, ways_down, strict=True) for other in marks
                    if other is not mark and way.intersects(other.label.rect))
    return marks, lanes, crossings


def _way_down(frame: TimelineLayout, x: float, lane_y: float) -> QRectF:
    bottom = frame.plot.bottom()
    return QRectF(x - 1, bottom, 2, lane_y + frame.metrics.line - bottom)


def _place(frame: TimelineLayout, x: float, text: str, labels: list[QRectF],
           ways_down: list[QRectF], others: list[float], lanes: int,
           fm: QFontMetricsF) -> tuple[QRectF, int]:
    """The first lane, nearest the rows, where a label fits just right or just left of its line.

    Best: on no other label, across no line, and its own line reaches it across no label.
    Failing that its label may cross a line still to be placed; then its own line may run
    under another label (labels are painted over lines). A fresh lane always has room, if
    need be for a shortened label.
    """
    m = frame.metrics
    wide = fm.horizontalAdvance(text)
    lanes_top = frame.plot.bottom() + m.gap
    for avoid_lines, own_way_clear in ((True, True), (False, True), (False, False)):
        for lane in range(lanes + 1):
            y = lanes_top + lane * (m.line + m.gap)
            if own_way_clear and any(_way_down(frame, x, y).intersects(r) for r in labels):
                break  # deeper lanes are blocked the same way
            for rect in (QRectF(x + m.gap, y, wide, m.line),
                         QRectF(x - m.gap - wide, y, wide, m.line)):
                padded = rect.adjusted(-m.gap, 0, m.gap, 0)
                if rect.left() < 1 or rect.right() > frame.width - 1:
                    continue
                if any(padded.intersects(r) for r in labels + ways_down):
                    continue
                if avoid_lines and any(padded.left() <= o <= padded.right() for o in others):
                    continue
                return rect, lane
    y = lanes_top + lanes * (m.line + m.gap)
    room_right = frame.width - 1 - (x + m.gap)
    room_left = x - m.gap - 1
    if room_right >= room_left:
        return QRectF(x + m.gap, y, max(0.0, room_right), m.line), lanes
    return QRectF(x - m.gap - room_left, y, max(0.0, room_left), m.line), lanes
