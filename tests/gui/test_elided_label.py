"""ElidedLabel: one line of any length that never asks for more than a few characters."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from plo_tracker.gui.elided_label import ElidedLabel


def test_the_minimum_does_not_grow_with_the_text(qtbot):
    short, long = ElidedLabel("Smith"), ElidedLabel("Smith" * 200)
    qtbot.addWidget(short)
    qtbot.addWidget(long)
    assert long.minimumSizeHint().width() == ElidedLabel("Smith Jones").minimumSizeHint().width()
    assert short.minimumSizeHint().width() <= long.minimumSizeHint().width()
    assert long.sizeHint().width() > 10 * long.minimumSizeHint().width()


def test_shortens_to_fit_and_says_it_all_in_the_tooltip(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    label = ElidedLabel("PLO-2026-0001 " + "Featherstonehaugh" * 30)
    label.setToolTip("PLO (Public Law Outline) family id PLO-2026-0001")
    QHBoxLayout(window).addWidget(label)
    window.resize(400, 40)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() == 400
    assert label.is_elided() and label.shown_text().startswith("PLO-2026-0001 Feather")
    assert label.toolTip() == label.text() + "\nPLO (Public Law Outline) family id PLO-2026-0001"
    label.setText("PLO-2026-0001 Smith")
    assert not label.is_elided() and label.shown_text() == "PLO-2026-0001 Smith"
    assert label.toolTip() == "PLO (Public Law Outline) family id PLO-2026-0001"
    label.setText("Two\nlines")  # one line only: the second joins the first
    assert label.text() == "Two lines"


def test_given_the_width_it_asks_for_it_shows_the_whole_text(qtbot):
    for text in ("Week 1 of 16 (day 7)", "Court application not yet made", "Wil", "mmmmm"):
        label = ElidedLabel(text)
        qtbot.addWidget(label)
        label.resize(label.sizeHint())
        label.show()
        assert not label.is_elided(), text
    capped = ElidedLabel("Smith " * 100, most_chars=20)
    qtbot.addWidget(capped)
    assert capped.sizeHint().width() <= capped.fontMetrics().averageCharWidth() * 20
