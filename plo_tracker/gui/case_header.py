"""The header card of a case: who, stage, week of pre-proceedings, status, next due, worker."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import DueStatus, Rule
from plo_tracker.domain.stages import Stage
from plo_tracker.services.family_access import restricted_words

from .case_tabs.case_data import CaseData, days_text, due_text, family_title
from .elided_label import ElidedLabel
from .theme import STATUS_COLOURS, status_icon

CAPTION = "Public Law Outline (PLO) family"


@dataclass(frozen=True)
class HeaderTexts:
    """Every line of the header, worked out from one load of the case."""

    title: str
    children: str
    stage: str
    week: str
    week_tip: str
    week_fraction: float | None  # share of the time to the end used; None outside it
    status: DueStatus
    next_due: str
    next_due_note: str  # the next item's deadline falls on a day nobody works: act earlier
    next_due_tip: str
    worker: str
    legal_hold: str = ""  # "On legal hold", or empty when there is none
    legal_hold_tip: str = ""
    # "Restricted: seen only by 3 named people", or empty for a family everyone may see.
    restricted: str = ""


def _legal_hold(data: CaseData) -> tuple[str, str]:
    detail = data.detail
    if not detail.legal_hold:
        return "", ""
    placed = f"Placed by {detail.legal_hold_by}" if detail.legal_hold_by else "Placed"
    if detail.legal_hold_at:
        placed += f" on {short_date(detail.legal_hold_at.date())}"
    return "On legal hold", (f"{placed}: {detail.legal_hold_reason}.\nThe family's record "
                             "cannot be deleted while the hold is in place.")


def _children(data: CaseData) -> str:
    people = [f"{c.first_name} ({c.age_text})" for c in data.detail.children]
    return "Children: " + ", ".join(people) if people else "No children recorded"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _week(data: CaseData) -> tuple[str, str, float | None]:
    """The week line, its tooltip and the bar's fraction."""
    episode = data.detail.episode
    if episode is None:
        return "No PLO episode yet", "", None
    week = data.detail.week
    if episode.stage is Stage.PRE_PROCEEDINGS and week is not None and episode.gateway_date:
        # "Week 9 of 16 (day 58)", "3 weeks past the 16-week target (day 133)"
        text = f"{_capitalised(week.text())} (day {week.day:,})"
        if week.extended and not week.days_past and episode.target_end:
            text += f", extended to {short_date(episode.target_end)}"
        tip = (f"Pre-proceedings started {short_date(episode.gateway_date)}, which counts as "
               f"day 1: today is day {week.day:,}.")
        if episode.target_end:
            tip += (f"\nExtended end: {short_date(episode.target_end)}." if week.extended
                    else f"\nTarget end: {short_date(episode.target_end)} "
                    f"({week.target_weeks} weeks beginning with the start).")
        if week.days_past:
            tip += f"\nPast {week.end_name} by {days_text(week.days_past)}."
        return text, tip, week.fraction
    if episode.stage is Stage.AWAITING_GATEWAY:
        return "Waiting for the gateway panel's decision", "", None
    if episode.stage is Stage.DECIDED_TO_ISSUE:
        return "Court application not yet made", "", None
    if episode.stage is Stage.PROCEEDINGS_ISSUED:
        if episode.court_application_date:
            return f"Court application {short_date(episode.court_application_date)}", "", None
        return "Court application not yet recorded", "", None
    ended = episode.closed_date or episode.outcome_date
    return (f"Ended {short_date(ended)}" if ended else "Ended"), "", None


def _stage(data: CaseData) -> str:
    episode = data.detail.episode
    if episode is None:
        return "Stage: no episode yet"
    text = f"Stage: {episode.stage.label}"
    if episode.stage is Stage.DECIDED_TO_ISSUE:
        if episode.decided_to_issue:
            text += f" on {short_date(episode.decided_to_issue)}"
        applications = data.due_for(Rule.COURT_APPLICATION)
        text += (f"; court application due by {short_date(applications[0].due)}"
                 if applications else "; court application to be made")
    return text


def _worker(data: CaseData) -> str:
    detail = data.detail
    text = (f"Social worker: {detail.social_worker}" if detail.social_worker
            else "No social worker allocated")
    if detail.team:
        text += f", {detail.team} team"
    if detail.team_manager:
        text += f"; team manager: {detail.team_manager}"
    return text


def header_texts(data: CaseData) -> HeaderTexts:
    """The header's words for a loaded case."""
    detail = data.detail
    week, week_tip, fraction = _week(data)
    hold, hold_tip = _legal_hold(data)
    item = detail.due[0] if detail.due else None
    note = (item.deadline_note or "") if item else ""
    tip = ""
    if item:
        tip = f"{item.title}\nDue {short_date(item.due)}. Why: {item.reason}."
        if note:
            tip += f"\n{note}."
    return HeaderTexts(
        title=family_title(detail),
        children=_children(data),
        stage=_stage(data),
        week=week,
        week_tip=week_tip,
        week_fraction=fraction,
        status=detail.status,
        next_due=(f"Next: {due_text(item, data.today, with_note=False)}" if item
                  else "Nothing is due"),
        next_due_note=_capitalised(note),
        next_due_tip=tip,
        worker=_worker(data),
        legal_hold=hold,
        legal_hold_tip=hold_tip,
        restricted=restricted_words(detail.seen_by) if detail.restricted else "",
    )


class WeekBar(QWidget):
    """A thin bar: the share of the 16 weeks (or the extension) used; late past the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        # It gives way before the words beside it do.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(40)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, 6)

    def set_fraction(self, fraction: float) -> None:
        self.fraction = fraction
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(self.rect())
        late = self.fraction > 1
        painter.setBrush(STATUS_COLOURS[DueStatus.OVERDUE if late else DueStatus.ON_TIME])
        painter.drawRect(QRectF(0, 0, self.width() * min(1.0, self.fraction), self.height()))
        painter.end()


# The most room a line asks for, in average characters: who the family is on the left,
# where it stands (wider) on the right. A very long name then takes no more than its share.
_WHO_CHARS = 48
_WHERE_CHARS = 120


def _label(most_chars: int = _WHERE_CHARS, selectable: bool = True) -> ElidedLabel:
    # One line each, shortened with "…" when narrow: a long name never widens the window.
    label = ElidedLabel(most_chars=most_chars)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CaseHeader(QFrame):
    """The card at the top of a case workspace."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Family summary")
        self.caption = QLabel(CAPTION)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.restricted = QLabel()
        self.restricted.setToolTip(
            "Only the people named for this family, its social worker and its team manager "
            "see it. Team managers and administrators change who: Record… > Restrict access…")
        font = self.restricted.font()
        font.setBold(True)
        self.restricted.setFont(font)
        self.restricted.hide()
        self.title = _label(_WHO_CHARS)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.children_label = _label(_WHO_CHARS)
        self.worker = _label(_WHO_CHARS)
        self.stage = _label()
        self.week = _label()
        # Its words are short and bounded ("12 weeks past the 16-week target (day 197)"):
        # they stay whole, and the bar beside them gives way instead.
        self.week.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.week_bar = WeekBar()
        self.status_icon = QLabel()
        self.status = QLabel()
        bold = self.status.font()
        bold.setBold(True)
        self.status.setFont(bold)
        self.next_due = _label()
        self.next_due_note = _label()
        self.next_due_note.setAccessibleDescription("When the deadline falls on a day nobody "
                                                    "works, the day to act by")
        self.legal_hold = QLabel()
        self.legal_hold.setFont(bold)
        self.legal_hold.hide()

        week_row = QHBoxLayout()
        week_row.setSpacing(8)
        week_row.addWidget(self.week)
        week_row.addWidget(self.week_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        week_row.addStretch(1)
        status_row = QHBoxLayout()
        status_row.setSpacing(4)
        status_row.addStretch(1)  # kept to the right above the restriction's longer line
        status_row.addWidget(self.status_icon)
        status_row.addWidget(self.status)
        status_row.addSpacing(12)
        status_row.addWidget(self.legal_hold)

        grid = QGridLayout(self)
        grid.setContentsMargins(10, 4, 10, 4)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.caption, 0, 0)
        grid.addWidget(self.title, 1, 0)
        grid.addWidget(self.children_label, 2, 0)
        grid.addWidget(self.worker, 3, 0)
        # The right-hand column starts level with the caption, so the deadline note needs no
        # fifth line: every line the header saves goes to the timeline on a small screen.
        grid.addWidget(self.stage, 0, 1)
        grid.addLayout(week_row, 1, 1)
        grid.addWidget(self.next_due, 2, 1, 1, 2)
        grid.addWidget(self.next_due_note, 3, 1, 1, 2)
        # A restriction is said under the status: the lines to its left shorten with "…"
        # to make room, where beside the caption it would push the second column along.
        status_box = QVBoxLayout()
        status_box.setSpacing(2)
        status_box.addLayout(status_row)
        status_box.addWidget(self.restricted, 0, Qt.AlignmentFlag.AlignRight)
        grid.addLayout(status_box, 0, 2, 2, 1, Qt.AlignmentFlag.AlignRight)
        # Spare room goes to the right-hand lines (the due item is the longest); when the card
        # is narrow both columns give way and shorten with "…".
        grid.setColumnStretch(1, 1)
        # The second column starts at the same place for every family of usual length.
        grid.setColumnMinimumWidth(0, self.fontMetrics().averageCharWidth() * 40)

    def show_case(self, data: CaseData) -> HeaderTexts:
        """Fill the card from a loaded case; returns the words shown (for tests and tooltips)."""
        texts = header_texts(data)
        self.title.setText(texts.title)
        self.title.setToolTip(f"PLO (Public Law Outline) family id {data.detail.plo_family_id}")
        self.children_label.setText(texts.children)
        self.worker.setText(texts.worker)
        self.restricted.setText(texts.restricted)
        self.restricted.setAccessibleName(texts.restricted)
        self.restricted.setVisible(bool(texts.restricted))
        self.stage.setText(texts.stage)
        self.week.setText(texts.week)
        self.week.setToolTip(texts.week_tip)
        self.week_bar.setVisible(texts.week_fraction is not None)
        self.week_bar.set_fraction(texts.week_fraction or 0.0)
        self.week_bar.setToolTip(texts.week_tip)
        size = self.status.fontMetrics().height()
        self.status_icon.setPixmap(status_icon(texts.status).pixmap(size, size))
        self.status.setText(texts.status.value)
        self.status.setAccessibleName(f"Status: {texts.status.value}")
        self.next_due.setText(texts.next_due)
        self.next_due.setToolTip(texts.next_due_tip)
        self.next_due_note.setText(texts.next_due_note)
        self.next_due_note.setToolTip(texts.next_due_tip)
        self.next_due_note.setVisible(bool(texts.next_due_note))
        self.legal_hold.setText(texts.legal_hold)
        self.legal_hold.setToolTip(texts.legal_hold_tip)
        self.legal_hold.setAccessibleName(texts.legal_hold)
        self.legal_hold.setVisible(bool(texts.legal_hold))
        return texts
