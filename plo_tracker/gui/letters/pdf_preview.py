"""A PDF shown from bytes in Qt's own viewer, with page navigation and zoom."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..icons import icon

ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
# A busy indicator for a render of a fraction of a second would only flicker.
BUSY_DELAY_MS = 300


class PdfPreview(QWidget):
    """Shows one PDF at a time, or a message in its place (nothing chosen, not ready).

    ``loaded`` is emitted once a PDF has been read and its pages can be shown.
    """

    loaded = Signal()

    def __init__(self, empty_text: str = "Nothing to show yet.",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        # QPdfDocument reads from the device as it needs pages: the buffer (and the bytes it
        # wraps) must live as long as the document shows them.
        self._buffer: QBuffer | None = None
        self._data = QByteArray()
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Letter preview")
        self.message = QLabel(empty_text)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.message.setAccessibleName("Preview message")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.message)
        self._stack.addWidget(self.view)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.previous_button = self._tool(icon("previous-page"), "Previous page",
                                          QKeySequence.StandardKey.MoveToPreviousPage)
        self.next_button = self._tool(icon("next-page"), "Next page",
                                      QKeySequence.StandardKey.MoveToNextPage)
        self.page_label = QLabel()
        self.page_label.setAccessibleName("Page number")
        self.zoom_out_button = self._text_tool("−", "Zoom out", QKeySequence.StandardKey.ZoomOut)
        self.zoom_label = QLabel()
        self.zoom_in_button = self._text_tool("+", "Zoom in", QKeySequence.StandardKey.ZoomIn)
        self.fit_button = QToolButton()
        self.fit_button.setText("Fit width")
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.fit_button.setToolTip("Fit the page to the width of the preview")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(80)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName("Preparing the preview")
        self.busy_label = QLabel("Preparing…")
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.next_button, self.page_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.busy_label)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button,
                       self.fit_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self._stack, 1)

        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.zoom_out_button.clicked.connect(lambda: self._zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self._zoom(1))
        self.fit_button.toggled.connect(self._fit_toggled)
        self.view.pageNavigator().currentPageChanged.connect(self._update_controls)
        self.view.zoomFactorChanged.connect(self._update_controls)
        self.document.statusChanged.connect(self._status_changed)
        self._hide_busy()
        self._update_controls()

    # -- what callers use -----------------------------------------------------------------
    def set_pdf(self, data: bytes, keep_page: bool = False) -> None:
        """Show a PDF; with ``keep_page`` stay on the page shown before (a re-render)."""
        page = self.current_page() if keep_page else 0
        self._close()
        self._data = QByteArray(data)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self._stack.setCurrentWidget(self.view)
        self.set_busy(False)
        if self.document.pageCount() > 0:
            self._go_to(min(page, self.document.pageCount() - 1))
        self._update_controls()

    def show_message(self, text: str) -> None:
        """Show words instead of a letter (why there is nothing to show)."""
        self._close()
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)
        self.set_busy(False)
        self._update_controls()

    def set_busy(self, busy: bool) -> None:
        """Say a new PDF is on its way; shown only if it takes more than a moment."""
        if busy:
            if not self._busy_timer.isActive() and self.busy_bar.isHidden():
                self._busy_timer.start()
        else:
            self._hide_busy()

    def is_busy(self) -> bool:
        return self._busy_timer.isActive() or not self.busy_bar.isHidden()

    def page_count(self) -> int:
        return self.document.pageCount() if self._stack.currentWidget() is self.view else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def page_text(self) -> str:
        """The text of every page (for checks and for screen-reader users' copy)."""
        return "\n".join(self.document.getAllText(page).text()
                         for page in range(self.page_count()))

    # -- inside ---------------------------------------------------------------------------
    def _tool(self, sign: QIcon, name: str,
              key: QKeySequence.StandardKey) -> QToolButton:
        button = QToolButton()
        button.setIcon(sign)
        button.setToolTip(name)
        button.setAccessibleName(name)
        # Only while the preview has focus: Page Up in a text box beside it must still scroll.
        QShortcut(QKeySequence(key), self, button.click,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    def _text_tool(self, text: str, name: str, key: QKeySequence.StandardKey) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(name)
        button.setAccessibleName(name)
        # Only while the preview has focus: Page Up in a text box beside it must still scroll.
        QShortcut(QKeySequence(key), self, button.click,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    def _close(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self._update_controls()
            self.loaded.emit()
        elif status == QPdfDocument.Status.Error:
            self.show_message("This letter could not be shown. Try again, or save a copy and "
                              "open it in another PDF reader.")

    def _show_busy(self) -> None:
        self.busy_bar.show()
        self.busy_label.show()
        self.setCursor(Qt.CursorShape.BusyCursor)

    def _hide_busy(self) -> None:
        self._busy_timer.stop()
        self.busy_bar.hide()
        self.busy_label.hide()
        self.unsetCursor()

    def _go_to(self, page: int) -> None:
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _step(self, by: int) -> None:
        target = self.current_page() + by
        if 0 <= target < self.page_count():
            self._go_to(target)

    def _zoom(self, direction: int) -> None:
        current = self.view.zoomFactor()
        if direction > 0:
            steps = [z for z in ZOOM_STEPS if z > current + 0.01]
            factor = steps[0] if steps else ZOOM_STEPS[-1]
        else:
            steps = [z for z in ZOOM_STEPS if z < current - 0.01]
            factor = steps[-1] if steps else ZOOM_STEPS[0]
        self.fit_button.setChecked(False)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def _fit_toggled(self, fit: bool) -> None:
        if fit:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self._update_controls()

    def _update_controls(self) -> None:
        pages = self.page_count()
        page = self.current_page()
        self.page_label.setText(f"Page {page + 1} of {pages}" if pages else "")
        self.previous_button.setEnabled(pages > 0 and page > 0)
        self.next_button.setEnabled(pages > 0 and page < pages - 1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            widget.setEnabled(pages > 0)
        fit = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.zoom_label.setText("" if not pages or fit else f"{self.view.zoomFactor():.0%}")
