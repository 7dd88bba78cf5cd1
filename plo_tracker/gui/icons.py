"""The app's own icons: the SVGs in resources/icons, drawn the same on every platform.

``icon("save")`` is the icon of resources/icons/save.svg; ``app_icon()`` is the app's own
(plo-tracker.svg), for its windows. Neither the style's standard icons nor the desktop's
icon theme are used, so the window looks the same on Windows, Linux and macOS.

The SVGs are drawn here with QtSvg's renderer through a small icon engine, not by Qt's svg
icon-engine plugin: a packaged app may not carry that plugin, and an icon missing from a
button would only be noticed by someone using it. The engine draws each size the moment it
is asked for it, at the screen's device pixel ratio, so icons stay sharp at 150% scaling.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QStyle

from plo_tracker.documents.resources import resource_path

APP_ICON = "plo-tracker"
ICONS_FOLDER = "icons"
# The Easy Read letters' pictures, shown beside their names in the template editor.
EASY_READ_FOLDER = "letters/easy-read"
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# The sizes a window icon is offered in (the taskbar, the title bar, Alt+Tab); any other size
# is drawn when asked for.
_WINDOW_SIZES = (16, 24, 32, 48, 64, 128, 256)
_KEPT_PIXMAPS = 48  # drawn pixmaps kept per icon: a few sizes in a few colours
# The style's icons that Qt's widgets ask for (a message box's sign, a tab's close button),
# drawn from this set instead through the app's style (keyboard.py's FocusRingStyle).
_STYLE_ICONS = {
    QStyle.StandardPixmap.SP_MessageBoxWarning: "warning",
    QStyle.StandardPixmap.SP_MessageBoxInformation: "information",
    QStyle.StandardPixmap.SP_MessageBoxQuestion: "question",
    QStyle.StandardPixmap.SP_MessageBoxCritical: "error",
    QStyle.StandardPixmap.SP_FileIcon: "file",
    QStyle.StandardPixmap.SP_TabCloseButton: "close",  # a family's tab
}


class UnknownIconError(LookupError):
    """An icon name with no SVG file: a mistake in the code, found by tests/gui/test_icons.py."""


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, drawn in the palette's text colour.

    Raises:
        UnknownIconError: when there is no such file (a programming error).
    """
    return _icon(name, recolour=True)


def easy_read_picture(name: str) -> QIcon:
    """An Easy Read letter's picture (resources/letters/easy-read/<name>.svg), drawn in the
    palette's text colour like the icons."""
    return _icon(name, recolour=True, folder=EASY_READ_FOLDER)


def app_icon() -> QIcon:
    """The app's own icon, in its own colours: the windows' and the taskbar's icon."""
    return _icon(APP_ICON, recolour=False)


def style_icon(standard: QStyle.StandardPixmap) -> QIcon | None:
    """This set's icon for one of the style's, or None where the set has none."""
    name = _STYLE_ICONS.get(standard)
    return icon(name) if name is not None else None


@cache
def _icon(name: str, recolour: bool, folder: str = ICONS_FOLDER) -> QIcon:
    return QIcon(_SvgIconEngine(name, _renderer(name, folder), recolour))


@cache
def _renderer(name: str, folder: str = ICONS_FOLDER) -> QSvgRenderer:
    # One renderer per file, parsed once: drawing with it changes nothing in it.
    path = resource_path(*folder.split("/"), f"{name}.svg")
    if not _NAME.fullmatch(name) or not path.is_file():
        raise UnknownIconError(
            f"There is no icon named {name!r}: add resources/{folder}/{name}.svg "
            f"or use one of the names listed in resources/{folder}.")
    renderer = QSvgRenderer(QByteArray(path.read_bytes()))
    if not renderer.isValid():
        raise UnknownIconError(f"The icon file resources/{folder}/{name}.svg is not a "
                               "valid SVG.")
    return renderer


def _colour(mode: QIcon.Mode) -> QColor:
    """The colour an action icon is drawn in: that of the text beside it.

    Taken from the application's palette each time an icon is drawn, so a dark palette or
    Windows' high-contrast colours apply as soon as they change. A disabled icon takes the
    palette's disabled text colour; where a palette has none of its own (the same as the
    normal one), it is faded instead, so a greyed action never looks usable.
    """
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    if mode is QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    if mode is QIcon.Mode.Disabled:
        disabled = QColor(palette.color(QPalette.ColorGroup.Disabled,
                                        QPalette.ColorRole.WindowText))
        if disabled.rgba() == normal.rgba():
            disabled.setAlphaF(disabled.alphaF() * 0.4)
        return disabled
    return normal


class _SvgIconEngine(QIconEngine):
    """Draws one SVG at whatever size and device pixel ratio is asked for.

    The action icons are drawn in black and then recoloured (the SourceIn composition: every
    pixel keeps its coverage and takes the colour), rather than writing the colour into the
    SVG's text: one parse per file serves every colour the palette may give, and the
    antialiased edges stay as QtSvg drew them. The app's own icon keeps its colours.
    """

    def __init__(self, name: str, renderer: QSvgRenderer, recolour: bool) -> None:
        super().__init__()
        self._name = name
        self._renderer = renderer
        self._recolour = recolour
        self._pixmaps: dict[tuple[int, int, int, int], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
        colour = _colour(mode) if self._recolour else None
        key = (width, height, colour.rgba() if colour is not None else 0,
               0 if self._recolour else mode.value)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) >= _KEPT_PIXMAPS:
                self._pixmaps.clear()
            pixmap = self._pixmaps[key] = self._draw(width, height, colour, mode)
        shown = QPixmap(pixmap)  # a copy: the kept one may serve another ratio next time
        shown.setDevicePixelRatio(scale)
        return shown

    def _draw(self, width: int, height: int, colour: QColor | None,
              mode: QIcon.Mode) -> QPixmap:
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(width, height)  # square, centred in a size that is not
        self._renderer.render(painter, QRectF((width - side) / 2, (height - side) / 2,
                                              side, side))
        if colour is not None:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(image.rect(), colour)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        if colour is None and mode is QIcon.Mode.Disabled:
            # The app's icon in its colours, greyed the way Qt greys any picture.
            pixmap = QIcon(pixmap).pixmap(pixmap.size(), QIcon.Mode.Disabled)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode,  # noqa: N802 - Qt's name
                   state: QIcon.State) -> QSize:
        return size

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,  # noqa: N802
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        return [QSize(side, side) for side in _WINDOW_SIZES]

    def iconName(self) -> str:  # noqa: N802 - Qt's name
        return self._name

    def key(self) -> str:
        return "plo-tracker-svg"

    def isNull(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def clone(self) -> QIconEngine:
        engine = _SvgIconEngine(self._name, self._renderer, self._recolour)
        _CLONES.append(engine)  # Qt owns the copy; Python must not free it under Qt's feet
        return engine


_CLONES: list[_SvgIconEngine] = []
