"""A family's actions in one line: the likely next few as buttons, every one in a menu."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .forms.actions import CaseAction
from .icons import icon

SUGGESTED = 3  # buttons for the first actions of the journey that can be done now
MENU_TEXT = "Record…"
MENU_TIP = "Everything you can record on this family, in the order of the PLO journey"
WHY_TEXT = "Why are some unavailable?"
NOTHING_TEXT = "You cannot record anything on this family."
NOT_NOW = "Not available now."
# Icons for the menu's actions that are looked for most; the others are found by their words.
ACTION_ICONS = {
    "write_letters": "write-letters",
    "schedule_meeting": "meeting",
    "meeting_held": "meeting",
    "note": "note",
    "court_bundle": "bundles",
    "restrict_access": "lock",
}


def _button(text: str = "") -> QPushButton:
    button = QPushButton(text)
    # Outside a dialog a button only takes Enter and Return when it is an auto-default one.
    button.setAutoDefault(True)
    return button


class ActionsToolbar(QWidget):
    """The actions of ``case_actions``: a few buttons, a "Record…" menu, and the reasons.

    The buttons are the first few actions of the journey that can be done now (as many as
    the width has room for). The menu lists every action in journey order; those that
    cannot be done are greyed, with the reason as their tooltip and status tip. A greyed
    item cannot take the keyboard focus, so "Why are some unavailable?" (a button, and the
    menu's last item) shows every reason in words. When nothing at all can be done, it says
    so and why instead of showing greyed items.

    Emits ``triggered(key)`` when an action is chosen.
    """

    triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Actions")
        self._keys: list[str] = []  # the action each suggestion button stands for
        self._pool = [_button() for _ in range(SUGGESTED)]
        for number, button in enumerate(self._pool):
            button.clicked.connect(lambda _checked=False, n=number: self._suggested(n))
            button.hide()
        self.menu = QMenu(MENU_TEXT, self)
        self.menu.setToolTipsVisible(True)
        self.menu.triggered.connect(self._chosen)
        self.menu_button = _button(MENU_TEXT)
        self.menu_button.setIcon(icon("record"))
        self.menu_button.setMenu(self.menu)
        self.menu_button.setToolTip(MENU_TIP)
        self.menu_button.setAccessibleDescription(MENU_TIP)
        self.why_button = _button(WHY_TEXT)
        self.why_button.setIcon(icon("question"))
        self.why_button.setCheckable(True)
        self.why_button.setFlat(True)
        self.why_button.hide()
        self.message = QLabel()  # when nothing can be done: that, and why
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons.hide()
        self.why_button.toggled.connect(self.reasons.setVisible)

        line = self._line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        for button in self._pool:
            line.addWidget(button)
        line.addWidget(self.menu_button)
        line.addWidget(self.why_button)
        line.addWidget(self.message, 1)
        line.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.reasons)
        self.menu_actions: dict[str, QAction] = {}
        self.why_action: QAction | None = None

    @property
    def buttons(self) -> dict[str, QPushButton]:
        """The suggestion buttons shown, by action key, left to right."""
        return {key: button for key, button in zip(self._keys, self._pool, strict=False)
                if not button.isHidden()}

    def set_actions(self, actions: Sequence[CaseAction]) -> None:
        """Show these actions (in journey order), each enabled or not."""
        focused = next((key for key, button in zip(self._keys, self._pool, strict=False)
                        if button.hasFocus()), None)
        reasons = {a.key: a.why_disabled or NOT_NOW for a in actions if not a.enabled}
        self._fill_menu(actions, reasons)
        suggested = [a for a in actions if a.enabled][:SUGGESTED]
        self._keys = [a.key for a in suggested]
        for button, action in zip(self._pool, suggested, strict=False):
            button.setText(action.label)

        # One line per reason, naming the actions it holds back.
        why: dict[str, list[str]] = {}
        for action in actions:
            if action.key in reasons:
                why.setdefault(reasons[action.key], []).append(action.label)
        nothing = not suggested
        self.menu_button.setVisible(not nothing)
        if nothing:
            # Nothing is possible (a read-only role, say): that in words, not greyed items.
            self.why_button.hide()
            self.reasons.hide()
            # The reason holding back the most actions; every reason in the tooltip.
            main = max(why, key=lambda reason: len(why[reason]), default="")
            self.message.setText(f"{NOTHING_TEXT} {main}".strip())
            self.message.setToolTip("\n".join(why))
            self.message.show()
        else:
            self.message.hide()
            self.reasons.setText("\n".join(f"{', '.join(labels)}: {reason}"
                                            for reason, labels in why.items()))
            self.why_button.setVisible(bool(why))
            self.reasons.setVisible(bool(why) and self.why_button.isChecked())
        self._fit()
        self._keep_focus(focused)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # The suggestions give way when the room is short (they are all in the menu too), so
        # they do not make the window wider than it must be.
        hint = super().minimumSizeHint()
        shown = [b for b in self._pool if not b.isHidden()]
        spare = sum(b.sizeHint().width() + self._line.spacing() for b in shown)
        return QSize(max(0, hint.width() - spare), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits here, in reading order."""
        return [*self._pool, self.menu_button, self.why_button]

    def _fill_menu(self, actions: Sequence[CaseAction], reasons: dict[str, str]) -> None:
        self.menu.clear()
        self.menu_actions = {}
        for action in actions:
            item = self.menu.addAction(action.label)
            if action.key in ACTION_ICONS:
                item.setIcon(icon(ACTION_ICONS[action.key]))
            item.setData(action.key)
            item.setEnabled(action.enabled)
            reason = reasons.get(action.key, "")
            if reason:
                item.setToolTip(reason)
                item.setStatusTip(reason)
            self.menu_actions[action.key] = item
        self.why_action = None
        if reasons:
            self.menu.addSeparator()
            self.why_action = self.menu.addAction(icon("question"), WHY_TEXT)
            self.why_action.setToolTip("Show why the greyed items cannot be used now")

    def _fit(self) -> None:
        """Show as many of the suggestions, from the first, as the width has room for."""
        gap = self._line.spacing()
        used = gap  # before the stretch at the end of the line
        if not self.menu_button.isHidden():
            used += self.menu_button.sizeHint().width()
        if not self.why_button.isHidden():
            used += gap + self.why_button.sizeHint().width()
        fits = True
        for number, button in enumerate(self._pool):
            used += button.sizeHint().width() + gap
            fits = fits and number < len(self._keys) and used <= self.width()
            if button.isHidden() == fits:
                button.setVisible(fits)

    def _keep_focus(self, key: str | None) -> None:
        """After new actions, focus stays on the same action's button, or moves to the menu
        rather than resting on a button that now does something else."""
        if key is None:
            return
        if key in self._keys:
            self._pool[self._keys.index(key)].setFocus()
        elif not self.menu_button.isHidden():
            self.menu_button.setFocus()

    def _suggested(self, number: int) -> None:
        if number < len(self._keys):
            self.triggered.emit(self._keys[number])

    def _chosen(self, item: QAction) -> None:
        if item is self.why_action:
            self.why_button.setChecked(True)
            self.why_button.setFocus()
            return
        key = item.data()
        if isinstance(key, str) and item.isEnabled():
            self.triggered.emit(key)
