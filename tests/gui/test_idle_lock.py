"""The idle lock: after the set time without use every window is covered and the password
is asked again; open work is kept; a wrong password counts toward the lock-out.

Time is a clock the test moves (no real 15-minute waits); the check runs when called."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from plo_tracker.gui.idle_lock import IdleLock, UnlockDialog
from plo_tracker.gui.main_window import MainWindow
from plo_tracker.services.sign_in import WRONG

from .views_world import PASSWORDS, world_fixture

gui_data = world_fixture("idle-lock")
MINUTE = 60.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _window_with_open_form(qtbot) -> tuple[QWidget, QLineEdit, QDialog, QLineEdit]:
    window = QWidget()
    search = QLineEdit(window)
    QVBoxLayout(window).addWidget(search)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.keyClicks(search, "Adams")
    form = QDialog(window)  # a half-filled form, open on top
    note = QLineEdit(form)
    QVBoxLayout(form).addWidget(note)
    form.open()
    qtbot.waitExposed(form)
    qtbot.keyClicks(note, "Visited on Tuesday, the mother was")
    return window, search, form, note


def _make_lock(gui_data, clock, minutes=15) -> IdleLock:
    return IdleLock(gui_data.services, gui_data.services.users.trusted_actor("sam"),
                    minutes * MINUTE, clock=clock, check_ms=60_000)


def test_using_the_app_keeps_it_unlocked_and_idle_time_locks_it(qtbot, gui_data):
    clock = Clock()
    window, search, *_ = _window_with_open_form(qtbot)
    lock = _make_lock(gui_data, clock)
    try:
        clock.now += 14 * MINUTE
        # A key press is use of the app: the idle time starts again.
        QApplication.sendEvent(search, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                                 Qt.KeyboardModifier.NoModifier, "a"))
        clock.now += 14 * MINUTE
        lock.check()
        assert not lock.is_locked
        clock.now += 1 * MINUTE
        with qtbot.waitSignal(lock.locked):
            lock.check()
        assert lock.is_locked and isinstance(lock.dialog, UnlockDialog)
        assert "was locked after 15 minutes without use. Your open work is kept." in \
            lock.dialog.intro.text()
    finally:
        _finish(lock, qtbot)


def test_the_lock_covers_every_window_keeps_open_work_and_counts_wrong_passwords(
        qtbot, gui_data):
    clock = Clock()
    window, search, form, note = _window_with_open_form(qtbot)
    lock = _make_lock(gui_data, clock)
    try:
        clock.now += 15 * MINUTE
        lock.check()
        dialog = lock.dialog
        qtbot.waitExposed(dialog)
        covers = [w.findChild(QWidget, "idleLockCover") for w in (window, form)]
        assert all(c is not None and c.isVisible() for c in covers)
        assert covers[0].geometry() == window.rect() and covers[1].geometry() == form.rect()
        # Escape does not unlock.
        qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
        assert lock.is_locked and dialog.isVisible()

        qtbot.keyClicks(dialog.password, "not my password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert lock.is_locked and dialog.error.text() == WRONG
        failures = {s.account.username: s.failed_sign_ins for s in
                    gui_data.services.users.all_accounts(
                        gui_data.services.users.trusted_actor("admin"))}
        assert failures["sam"] == 1

        qtbot.keyClicks(dialog.password, PASSWORDS["sam"])
        with qtbot.waitSignal(lock.unlocked):
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert not lock.is_locked
        qtbot.waitUntil(lambda: window.findChild(QWidget, "idleLockCover") is None)
        # The half-filled form is still open, with what was typed.
        assert form.isVisible() and note.text() == "Visited on Tuesday, the mother was"
        assert search.text() == "Adams"
        # Mouse movement after unlocking is use again.
        clock.now += 10 * MINUTE
        QApplication.sendEvent(window, _mouse_move())
        clock.now += 10 * MINUTE
        lock.check()
        assert not lock.is_locked
    finally:
        _finish(lock, qtbot)


def test_the_main_window_locks_after_the_idle_time_in_the_settings(qtbot, gui_data):
    window = MainWindow(gui_data.services, gui_data.admin, "This computer")
    qtbot.addWidget(window)
    assert window.idle_lock.idle_seconds == 15 * MINUTE  # the default setting
    assert window.accounts_action.isVisible()  # administrators manage accounts
    worker = MainWindow(gui_data.services, gui_data.services.users.trusted_actor("sam"),
                        "This computer")
    qtbot.addWidget(worker)
    assert not worker.accounts_action.isVisible()
    for shown in (window, worker):
        shown.idle_lock.stop()


def _mouse_move():
    from PySide6.QtGui import QMouseEvent

    return QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)


def _finish(lock: IdleLock, qtbot) -> None:
    lock.stop()
    if lock.dialog is not None:
        lock.dialog.done(0)
        lock.dialog.deleteLater()
    lock.deleteLater()
