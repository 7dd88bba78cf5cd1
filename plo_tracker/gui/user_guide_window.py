"""Help > User guide (F1): the guide's own pages, read inside the app, with no network.

The pages are the Markdown files of docs/user-guide, which ship with the app; Qt draws
Markdown itself (tables and pictures included), so there is one copy of the guide, the one
the tests check, and nothing to convert or download.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.documents.resources import user_guide_dir

from .icons import icon

CONTENTS = "README.md"
NOT_IN_GUIDE = ("That link goes to a file of the source code, which is not part of the guide "
                "installed with the app. Your IT service has the full source.")
MISSING_GUIDE = ("The user guide is missing from this installation. Ask your IT service to "
                 "reinstall PLO Tracker.")
PICTURE_MARGIN = 24  # pixels kept free beside a picture scaled to the window's width


class GuideBrowser(QTextBrowser):
    """A page of the guide; pictures wider than the window are scaled down to fit."""

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 - Qt's name
        if kind == QTextDocument.ResourceType.ImageResource and name.isLocalFile():
            picture = QImage(name.toLocalFile())
            width = self.viewport().width() - PICTURE_MARGIN
            if not picture.isNull() and width > 0 and picture.width() > width:
                return picture.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            return picture
        return super().loadResource(kind, name)


class UserGuideWindow(QWidget):
    """The user guide in a window of its own, beside the work it explains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("PLO Tracker user guide")
        self.browser = GuideBrowser()
        self.browser.setOpenLinks(False)  # each link is looked at first: see _follow
        self.browser.setAccessibleName("User guide page")
        self.browser.anchorClicked.connect(self._follow)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.back_button = QPushButton(icon("previous-page"), "&Back")
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button = QPushButton(icon("next-page"), "&Forward")
        self.forward_button.clicked.connect(self.browser.forward)
        self.contents_button = QPushButton(icon("help"), "&Contents")
        self.contents_button.clicked.connect(lambda: self.show_page(CONTENTS))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.backward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, self.browser.forward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)

        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.contents_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.browser, 1)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, 760)

    def show_page(self, page: str = CONTENTS) -> bool:
        """Show a page of the guide by its file name ("bundles.md"); False, with the
        reason shown in the window, when the guide is not installed."""
        try:
            folder = user_guide_dir()
        except FileNotFoundError:
            self._say(MISSING_GUIDE)
            return False
        path = folder / page
        self._say("")
        self.browser.setSource(QUrl.fromLocalFile(str(path if path.is_file()
                                                      else folder / CONTENTS)))
        return True

    def page_name(self) -> str:
        """The file name of the page on show ("" before any)."""
        return Path(self.browser.source().toLocalFile()).name

    def _follow(self, link: QUrl) -> None:
        """A page of the guide opens here; a web address in the browser; a file of the
        source code that the installed guide does not carry is explained, not a blank page."""
        self._say("")
        if link.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(link)
            return
        target = self.browser.source().resolved(link)
        path = Path(target.toLocalFile())
        if target.isLocalFile() and path.is_file() and path.suffix == ".md":
            self.browser.setSource(target)
        elif target.isLocalFile() and path.is_file():
            QDesktopServices.openUrl(target)  # a picture, opened full size
        elif link.hasFragment() and not link.path():
            self.browser.scrollToAnchor(link.fragment())
        else:
            self._say(NOT_IN_GUIDE)

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
