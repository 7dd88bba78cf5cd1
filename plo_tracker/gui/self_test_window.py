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
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication

from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from .main_window import PAGE_FAMILIES, PAGE_MY_WORK, MainWindow

WAIT_SECONDS = 30  # far longer than four families take; only a hang reaches it
ICON_SIZE = 24
_SQUARE = (b'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24">'
           b'<rect x="2" y="2" width="20" height="20" fill="#1f5fa8"/></svg>')
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
    try:
        from . import icons as app_icons  # the app's own icon set, where it is shipped
    except ImportError:
        return _svg_from_resources()
    if not _drawn(app_icons.app_icon().pixmap(ICON_SIZE, ICON_SIZE)):
        raise WindowProblem("The app's icon could not be drawn (its SVG or Qt's SVG "
                            "support is missing).")
    return "the app icon drawn"


def _svg_from_resources() -> str:
    """Before the app's icon set: Qt's SVG support draws an SVG shipped in resources/."""
    from plo_tracker.documents.resources import resources_dir

    found = sorted(resources_dir().rglob("*.svg"))
    if found:
        drawn, name = QIcon(str(found[0])).pixmap(ICON_SIZE, ICON_SIZE), found[0].name
    else:  # none shipped yet: a square of our own, through the same SVG support
        drawn, name = QPixmap(), "a test drawing"
        drawn.loadFromData(_SQUARE, "SVG")
    if not _drawn(drawn):
        raise WindowProblem(f"Qt could not draw {name}: its SVG support is missing.")
    return f"Qt's SVG support drew {name}"


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
