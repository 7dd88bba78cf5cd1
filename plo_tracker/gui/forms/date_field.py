"""A date typed as dd/mm/yyyy or picked from a calendar, shown back as "Tue 3 Mar 2026"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from plo_tracker.domain.date_text import parse_date, short_date

TYPED_FORMAT = "%d/%m/%Y"


class DateField(QWidget):
    """A line edit for the date, a calendar button, and the date read back in words.

    Args:
        today: the day the calendar opens on when the field is empty.
        past_only: the calendar offers no day after ``today`` (typed dates are checked by
            the form, which says why a future date is refused).

    ``changed`` is emitted whenever the text changes, typed or picked.
    """

    changed = Signal()

    def __init__(self, today: date, past_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("dd/mm/yyyy")
        # Room for "28/11/2026" and a little over, so a typo is still visible.
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.edit.setMaximumWidth(self.edit.minimumWidth() + 24)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        if past_only:
            self.calendar.setMaximumDate(_qdate(today))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)
        self._menu.aboutToShow.connect(self._open_calendar)
        self.pick_button = QToolButton()
        self.pick_button.setText("Calendar")
        self.pick_button.setToolTip("Choose the date from a calendar")
        self.pick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick_button.setMenu(self._menu)
        # The word says what the button does; the style's menu arrow would only crowd it.
        self.pick_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.read_back = QLabel()
        self.read_back.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.pick_button)
        layout.addSpacing(6)
        layout.addWidget(self.read_back, 1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._text_changed)
        self.set_accessible_name("Date")

    # -- what forms read ------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def date(self) -> date | None:
        """The date typed, or None when the field is empty or not a date."""
        if not self.edit.text().strip():
            return None
        try:
            return parse_date(self.edit.text())
        except ValueError:
            return None

    def problem(self) -> str | None:
        """Why the text is not a date, or None when it is one (or the field is empty)."""
        if not self.edit.text().strip():
            return None
        try:
            parse_date(self.edit.text())
        except ValueError as error:
            return str(error)
        return None

    def is_empty(self) -> bool:
        return not self.edit.text().strip()

    def form_state(self) -> str:
        return self.edit.text().strip()

    def focus_chain(self) -> list[QWidget]:
        return [self.edit, self.pick_button]

    # -- what forms set -------------------------------------------------------------------
    def set_date(self, day: date | None) -> None:
        self.edit.setText(day.strftime(TYPED_FORMAT) if day else "")

    def clear(self) -> None:
        self.edit.clear()

    def set_accessible_name(self, name: str) -> None:
        """Name the parts for screen readers after the form's label for this date."""
        self.edit.setAccessibleName(name)
        self.pick_button.setAccessibleName(f"Choose {name[:1].lower() + name[1:]} from a calendar")
        self.calendar.setAccessibleName(f"Calendar for {name[:1].lower() + name[1:]}")
        self.read_back.setAccessibleName(f"{name}, as read")

    # -- inside ---------------------------------------------------------------------------
    def _text_changed(self) -> None:
        day = self.date()
        self.read_back.setText(short_date(day) if day else "")
        # Screen readers hear the date in words as well as the digits typed.
        self.edit.setAccessibleDescription(short_date(day) if day else "Type day/month/year")
        self.changed.emit()

    def _open_calendar(self) -> None:
        self.calendar.setSelectedDate(_qdate(self.date() or self._today))
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        self.set_date(date(picked.year(), picked.month(), picked.day()))
        self._menu.hide()
        self.edit.setFocus()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
