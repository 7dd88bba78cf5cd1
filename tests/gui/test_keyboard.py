"""Keyboard use everywhere: a focus ring that can be seen in light and dark palettes, and
Enter (either key) pressing the focused button outside dialogs too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTableWidget, QWidget

from plo_tracker.gui import application
from plo_tracker.gui.keyboard import (
    contrast,
    install_keyboard_aids,
    remove_keyboard_aids,
    ring_colour,
)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#eeeeee"),
                         (QPalette.ColorRole.Button, "#3a3a3a"),
                         (QPalette.ColorRole.ButtonText, "#eeeeee"),
                         (QPalette.ColorRole.Highlight, "#2a82da"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def aids(qapp):
    install_keyboard_aids(qapp)
    yield qapp
    remove_keyboard_aids(qapp)


@pytest.fixture
def page(qtbot):
    """A plain page of the main window (no dialog): two buttons, a text box and a table."""
    page = QWidget()
    qtbot.addWidget(page)
    row = QHBoxLayout(page)
    page.save, page.cancel = QPushButton("Save"), QPushButton("Cancel")
    page.text, page.table = QLineEdit("text"), QTableWidget(3, 2)
    for widget in (page.save, page.cancel, page.text, page.table):
        row.addWidget(widget)
    page.resize(700, 140)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def ring_pixels(widget: QWidget) -> int:
    """How many pixels of the widget are the focus ring's colour."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ring = ring_colour(widget.palette())
    return sum(
        1 for y in range(image.height()) for x in range(image.width())
        if max(abs(a - b) for a, b in zip(QColor(image.pixel(x, y)).getRgb()[:3],
                                           ring.getRgb()[:3], strict=True)) <= 24)


def test_enter_presses_the_focused_button_outside_a_dialog(qtbot, page, aids):
    focus(qtbot, page.cancel)
    with qtbot.waitSignal(page.cancel.clicked, timeout=2000):
        qtbot.keyClick(page.cancel, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.cancel.clicked, timeout=2000):
        qtbot.keyClick(page.cancel, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    # Enter elsewhere (in a text box) is left to that widget; Ctrl+Enter is not a press.
    with qtbot.assertNotEmitted(page.save.clicked, wait=100):
        qtbot.keyClick(page.save, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        focus(qtbot, page.text)
        qtbot.keyClick(page.text, Qt.Key.Key_Return)


def test_without_the_aids_qt_ignores_enter_on_a_button(qtbot, page):
    focus(qtbot, page.cancel)
    with qtbot.assertNotEmitted(page.cancel.clicked, wait=100):
        qtbot.keyClick(page.cancel, Qt.Key.Key_Return)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_focus_ring_shows_on_buttons_text_boxes_and_tables(qtbot, page, aids, palette):
    if palette == "dark":
        page.setPalette(dark_palette())
    window = page.palette().color(QPalette.ColorRole.Window)
    assert contrast(ring_colour(page.palette()), window) >= 3
    for widget in (page.save, page.text, page.table):
        focus(qtbot, page.cancel)
        before = ring_pixels(widget)
        focus(qtbot, widget)
        ringed = ring_pixels(widget)
        # A ring two pixels wide all the way round (more than a style's one-pixel tint).
        perimeter = 2 * (widget.width() + widget.height())
        assert ringed - before >= 1.5 * perimeter, (palette, type(widget).__name__)
        focus(qtbot, page.cancel)
        assert ring_pixels(widget) <= before + 8


def test_the_window_starts_with_the_aids(qtbot, page, qapp, monkeypatch):
    monkeypatch.setattr(application, "install_exception_hook", lambda parent: None)
    application.start_qt()
    try:
        focus(qtbot, page.save)
        with qtbot.waitSignal(page.save.clicked, timeout=2000):
            qtbot.keyClick(page.save, Qt.Key.Key_Return)
    finally:
        remove_keyboard_aids(qapp)
