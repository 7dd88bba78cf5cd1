"""What `plo-tracker --self-test` looks at on the window side, offscreen: the main window
with its pages, the icons, the PDF preview (QtPdf) and a chart (Qt Charts).

Each function returns what it saw in a phrase, or raises WindowProblem with a sentence.
Qt is imported here so that only gui/ imports it; plo_tracker/self_test/ calls these.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QSize,
    QThreadPool,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QApplication

from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from .icons import app_icon
from .main_window import PAGE_FAMILIES, PAGE_MY_WORK, MainWindow

WAIT_SECONDS = 30  # far longer than four families take; only a hang reaches it
ICON_SIZE = 24
log = logging.getLogger(__name__)


class WindowProblem(Exception):
    """Something on the window side did not work; ``sentence`` says what."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


def qt_application() -> QApplication:
    """The process's QApplication (made on first use). Qt's own messages go to the log,
    not between the self-test's lines (offscreen, Qt warns about window sizes)."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setApplicationName("PLO Tracker")
        app = QApplication(["plo-tracker"])
        qInstallMessageHandler(lambda _kind, _where, text: log.info("Qt: %s", text))
    return app


def wait_for(done: Callable[[], bool], seconds: float = WAIT_SECONDS) -> bool:
    """Run the event loop until ``done()`` or the time is up; whether it was done."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def settle() -> None:
    """Let every background read finish and its result arrive, so nothing runs on after."""
    pool = QThreadPool.globalInstance()
    wait_for(lambda: pool.activeThreadCount() == 0)
    QCoreApplication.processEvents()


def open_main_window(services: Services, actor: Actor) -> tuple[MainWindow, str]:
    """The main window as ``actor``, with My work and Families loaded and every page shown
    once. The caller closes it (close_window)."""
    qt_application()
    window = MainWindow(services, actor, "Self-test")
    arrived: list[int] = []
    window.families_loaded.connect(arrived.append)
    window.show()
    if not wait_for(lambda: bool(arrived)):
        close_window(window)
        raise WindowProblem(f"The families did not arrive in the window within "
                            f"{WAIT_SECONDS} seconds.")
    if not wait_for(lambda: not window.is_loading()):
        close_window(window)
        raise WindowProblem(f"My work did not finish loading within {WAIT_SECONDS} seconds.")
    shown = []
    for page in window.pages:
        window.show_page(page.key)
        settle()
        if window.current_page() != page.key or not window.stack.currentWidget().isVisible():
            close_window(window)
            raise WindowProblem(f"The {page.label} page could not be shown.")
        shown.append(page.label)
    window.show_page(PAGE_MY_WORK)
    settle()
    rows = window.families_view.model.rowCount()
    window.show_page(PAGE_FAMILIES)
    return window, (f"opened offscreen as {actor.display_name}; My work and Families loaded "
                    f"({rows} families); pages shown: {', '.join(shown)}")


def close_window(window: MainWindow) -> None:
    settle()
    window.close()
    window.deleteLater()
    QCoreApplication.processEvents()


def _drawn(pixmap: QPixmap) -> bool:
    """True when the picture has at least one pixel that is not fully transparent."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return any(QColor(image.pixel(x, y)).alpha() > 0
               for y in range(image.height()) for x in range(image.width()))


def icons(window: MainWindow) -> str:
    """The navigation's icons and the app's own icon drawn at 24 pixels."""
    for row in range(window.navigation.count()):
        item = window.navigation.item(row)
        if not _drawn(item.icon().pixmap(ICON_SIZE, ICON_SIZE)):
            raise WindowProblem(f"The navigation icon of {item.text()} could not be drawn.")
    return f"{window.navigation.count()} navigation icons drawn; {_app_icon()}"


def _app_icon() -> str:
    if not _drawn(app_icon().pixmap(ICON_SIZE, ICON_SIZE)):
        raise WindowProblem("The app's icon could not be drawn (its SVG or Qt's SVG "
                            "support is missing).")
    return "the app icon drawn"


def _pictures(document: QTextDocument) -> list[str]:
    """The pictures a page of rich text shows, by their names."""
    names = []
    block = document.begin()
    while block.isValid():
        for fragment in (it.fragment() for it in _fragments(block)):
            if fragment.charFormat().isImageFormat():
                names.append(fragment.charFormat().toImageFormat().name())
        block = block.next()
    return names


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        yield it
        it += 1


def user_guide() -> str:
    """Help > User guide: the guide's My work page, with its pictures, and the contents."""
    from .user_guide_window import UserGuideWindow

    window = UserGuideWindow()
    try:
        if not window.show_page("my-work.md"):
            raise WindowProblem(window.notice.text())
        if window.page_name() != "my-work.md" or not window.browser.toPlainText().strip():
            raise WindowProblem("The user guide's page on My work could not be shown.")
        document = window.browser.document()
        pictures = _pictures(document)
        for name in pictures:
            found = document.resource(QTextDocument.ResourceType.ImageResource.value,
                                      window.browser.source().resolved(QUrl(name)))
            if not isinstance(found, QImage) or found.isNull():
                raise WindowProblem(f"The user guide's picture {name} is missing.")
        window.show_page()
        if window.page_name() != "README.md":
            raise WindowProblem("The user guide's contents page could not be shown.")
        return f"the contents and the My work page with its {len(pictures)} picture(s) shown"
    finally:
        window.deleteLater()


def pdf_preview(pdf: bytes) -> str:
    """The letters' PDF preview (QtPdf) shows a letter."""
    qt_application()
    from .letters.pdf_preview import PdfPreview

    preview = PdfPreview()
    preview.resize(600, 800)
    try:
        preview.set_pdf(pdf)
        if not wait_for(lambda: preview.document.pageCount() > 0, 10):
            raise WindowProblem("The PDF preview (QtPdf) could not open the letter.")
        page = preview.document.render(0, QSize(300, 420))
        if page.isNull():
            raise WindowProblem("The PDF preview (QtPdf) could not draw the letter's page.")
        return f"QtPdf opened the letter: {preview.document.pageCount()} pages, page 1 drawn"
    finally:
        preview.deleteLater()
        QCoreApplication.processEvents()


def chart() -> str:
    """Qt Charts draws the Reports page's bar chart."""
    qt_application()
    from .reports.report_charts import OUTCOMES_CHART, MonthsChart

    view = MonthsChart(OUTCOMES_CHART)
    view.resize(480, 300)
    try:
        QCoreApplication.processEvents()
        if view.grab().isNull() or view.chart() is None:
            raise WindowProblem("Qt Charts could not draw the months chart.")
        return f"Qt Charts drew '{view.chart().title()}'"
    finally:
        view.deleteLater()
        QCoreApplication.processEvents()
