"""Help > User guide (F1): the guide's own pages inside the app, followed link by link."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from plo_tracker.documents.resources import user_guide_dir
from plo_tracker.gui import user_guide_window
from plo_tracker.gui.user_guide_window import NOT_IN_GUIDE, UserGuideWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def guide(qtbot):
    window = UserGuideWindow()
    qtbot.addWidget(window)
    window.resize(700, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_guide_found_is_the_one_written_in_docs():
    assert user_guide_dir().resolve() == (ROOT / "docs" / "user-guide").resolve()


def test_the_contents_open_and_a_link_leads_to_its_page_and_back(guide, qtbot):
    assert guide.show_page()
    assert guide.page_name() == "README.md"
    assert "Find your role" in guide.browser.toPlainText()
    assert not guide.back_button.isEnabled()

    guide.browser.anchorClicked.emit(QUrl("for-social-workers.md"))
    assert guide.page_name() == "for-social-workers.md"
    assert guide.browser.toPlainText().startswith("For social workers")
    assert guide.back_button.isEnabled()

    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert guide.page_name() == "README.md"
    qtbot.mouseClick(guide.forward_button, Qt.MouseButton.LeftButton)
    assert guide.page_name() == "for-social-workers.md"
    qtbot.mouseClick(guide.contents_button, Qt.MouseButton.LeftButton)
    assert guide.page_name() == "README.md"


def test_pictures_wider_than_the_window_are_scaled_to_fit(guide):
    guide.show_page("my-work.md")
    document = guide.browser.document()
    picture = document.resource(document.ResourceType.ImageResource.value,
                                guide.browser.source().resolved(QUrl("images/my-work.png")))
    assert picture is not None and not picture.isNull()
    assert picture.width() <= guide.browser.viewport().width()


def test_a_link_to_the_source_code_says_so_instead_of_a_blank_page(guide):
    guide.show_page("README.md")
    guide.browser.anchorClicked.emit(QUrl("../../packaging/no-such-file.md"))
    assert guide.page_name() == "README.md"
    assert guide.notice.isVisible() and guide.notice.text() == NOT_IN_GUIDE


def test_an_unknown_page_shows_the_contents(guide):
    guide.show_page("no-such-page.md")
    assert guide.page_name() == "README.md"


def test_a_missing_guide_is_said_in_the_window(guide, monkeypatch):
    def missing():
        raise FileNotFoundError("gone")

    monkeypatch.setattr(user_guide_window, "user_guide_dir", missing)
    assert not guide.show_page()
    assert guide.notice.text() == user_guide_window.MISSING_GUIDE
