"""The app's own icon set: every file draws, every name the code uses has its file, no
platform icon is left, and the icons follow the palette (dark, disabled, selected)."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QMessageBox, QStyle

import plo_tracker
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.gui import application, icons
from plo_tracker.gui.actions_toolbar import ACTION_ICONS
from plo_tracker.gui.icons import APP_ICON, UnknownIconError, app_icon, icon, style_icon
from plo_tracker.gui.keyboard import FocusRingStyle
from plo_tracker.gui.main_window import _PAGES, MainWindow

from .views_world import world_fixture

gui_data = world_fixture("icons")

PACKAGE = Path(plo_tracker.__file__).resolve().parent
FOLDER = PACKAGE.parent / "resources" / "icons"
SVG = "{http://www.w3.org/2000/svg}"
ACTION_SVGS = sorted(p for p in FOLDER.glob("*.svg") if p.stem != APP_ICON)


def opaque_pixels(image: QImage) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixelColor(x, y).alpha() > 40)


def drawn(some_icon: QIcon, side: int, mode: QIcon.Mode = QIcon.Mode.Normal) -> QImage:
    return some_icon.pixmap(QSize(side, side), 1.0, mode).toImage().convertToFormat(
        QImage.Format.Format_ARGB32)


def darkest_opaque(image: QImage) -> QColor:
    """The colour of the most opaque pixel: what the strokes were drawn in."""
    best = max(((image.pixelColor(x, y)) for y in range(image.height())
                for x in range(image.width())), key=lambda colour: colour.alpha())
    return best


def names_in_code() -> set[str]:
    """Every name given as a literal to icon() or as icon_name= anywhere in plo_tracker."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == "icon" and node.args:
                argument = node.args[0]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
            for keyword in node.keywords:
                if keyword.arg == "icon_name" and isinstance(keyword.value, ast.Constant):
                    found.add(keyword.value.value)
    return found


# -- the files ---------------------------------------------------------------------------------

def test_the_set_has_the_pages_actions_and_message_signs():
    names = {p.stem for p in FOLDER.glob("*.svg")}
    assert {"my-work", "families", "panel", "bundles", "reports",  # the pages
            "new-family", "write-letters", "record", "settings", "search", "refresh", "save",
            "print", "export", "open", "close", "help", "about", "lock", "sign-out", "import",
            "returns",  # actions
            "warning", "information", "question", "error", "file",  # message kinds
            APP_ICON} <= names
    listed = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert {name for name in names if f"`{name}`" not in listed} == set()
    assert "MIT" in (FOLDER / "LICENSE.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ACTION_SVGS, ids=lambda p: p.stem)
def test_each_action_icon_is_a_24_px_line_drawing_without_text(path):
    root = ElementTree.fromstring(path.read_bytes())
    assert root.get("viewBox") == "0 0 24 24"
    assert (root.get("stroke-width"), root.get("stroke-linecap"),
            root.get("stroke-linejoin"), root.get("fill")) == ("2", "round", "round", "none")
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "path", "circle", "rect"}  # no text, no pictures, no colours
    assert not re.search(r"#[0-9a-fA-F]{3,6}", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*.svg")), ids=lambda p: p.stem)
def test_each_file_parses_and_draws_at_16_and_48_px(qapp, path):
    assert QSvgRenderer(QByteArray(path.read_bytes())).isValid()
    shown = app_icon() if path.stem == APP_ICON else icon(path.stem)
    for side in (16, 48):
        image = drawn(shown, side)
        assert image.size() == QSize(side, side)
        # Something of substance: more than a stray pixel, less than a filled square for a
        # line icon.
        assert opaque_pixels(image) > side * side * 0.05, (path.stem, side)
        if path.stem != APP_ICON:
            assert opaque_pixels(image) < side * side * 0.75, (path.stem, side)


def test_the_app_icon_is_square_filled_and_in_colour(qapp):
    root = ElementTree.fromstring((FOLDER / f"{APP_ICON}.svg").read_bytes())
    _x, _y, width, height = root.get("viewBox").split()
    assert width == height
    assert not any(e.tag.removeprefix(SVG) == "text" for e in root.iter())
    image = drawn(app_icon(), 16)
    assert opaque_pixels(image) > 16 * 16 * 0.85  # filled out to its corners' rounding
    colours = {image.pixelColor(x, y).name() for y in range(16) for x in range(16)}
    assert len(colours) > 4
    assert image.pixelColor(8, 8).alpha() == 255


# -- the names the code uses ---------------------------------------------------------------------

def test_every_icon_named_in_the_code_has_its_file():
    used = (names_in_code() | {page.icon for page in _PAGES} | set(ACTION_ICONS.values())
            | {name for name in icons._STYLE_ICONS.values()})
    assert {"warning", "question", "save", "write-letters", "my-work"} <= used  # the scan works
    assert {name for name in used if not (FOLDER / f"{name}.svg").is_file()} == set()


def test_the_action_icons_are_for_real_actions():
    assert set(ACTION_ICONS) <= {action.key for action in CaseAction}


def test_an_unknown_name_is_a_clear_error(qapp):
    with pytest.raises(UnknownIconError, match="no icon named 'sparkles'"):
        icon("sparkles")
    with pytest.raises(UnknownIconError):
        icon("../letters/lbp")


def test_no_platform_icon_is_left_in_the_window_code():
    # The style's icons and the desktop's theme differ from one platform to the next.
    asked = re.compile(r"\.standardIcon\(|\.standardPixmap\(|fromTheme\(|standard_icon\("
                       r"|StandardPixmap\.SP_")
    # icons.py names the style's signs it replaces, and the style's override hands on the
    # ones this set does not draw (the parts of Qt's own dialogs).
    allowed = {"icons.py": 6, "keyboard.py": 1}
    found = {}
    for path in (PACKAGE / "gui").rglob("*.py"):
        count = len(asked.findall(path.read_text(encoding="utf-8")))
        if count:
            found[path.name] = count
    assert found == allowed


# -- drawing -----------------------------------------------------------------------------------

def test_icons_are_drawn_sharp_at_the_screens_pixel_ratio(qapp):
    for ratio, device in ((1.0, 16), (1.5, 24), (2.0, 32)):
        pixmap = icon("save").pixmap(QSize(16, 16), ratio)
        assert pixmap.size() == QSize(device, device)
        assert pixmap.devicePixelRatio() == ratio


def test_a_disabled_icon_differs_from_the_normal_one(qapp):
    for shown in (icon("save"), icon("families"), app_icon()):
        normal, disabled = drawn(shown, 24), drawn(shown, 24, QIcon.Mode.Disabled)
        assert opaque_pixels(disabled) > 0
        assert normal != disabled


def test_icons_take_the_palettes_text_colours(qapp):
    before = qapp.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    dark.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText,
                  QColor("#777777"))
    try:
        qapp.setPalette(dark)
        assert darkest_opaque(drawn(icon("search"), 24)).name() == "#eeeeee"
        assert darkest_opaque(drawn(icon("search"), 24, QIcon.Mode.Selected)).name() == "#ffffff"
        assert darkest_opaque(drawn(icon("search"), 24, QIcon.Mode.Disabled)).name() == "#777777"
        qapp.setPalette(before)
        text = before.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
        assert darkest_opaque(drawn(icon("search"), 24)).name() == text.name()
    finally:
        qapp.setPalette(before)


def test_message_boxes_show_the_sets_signs(qapp):
    style = FocusRingStyle("fusion")
    for standard, name in ((QStyle.StandardPixmap.SP_MessageBoxWarning, "warning"),
                           (QStyle.StandardPixmap.SP_MessageBoxQuestion, "question"),
                           (QStyle.StandardPixmap.SP_MessageBoxInformation, "information"),
                           (QStyle.StandardPixmap.SP_MessageBoxCritical, "error")):
        assert style.standardIcon(standard).name() == name
        assert style_icon(standard) is icon(name)
    # One the set does not draw still comes from the style, never an empty icon.
    assert not style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton).isNull()
    box = QMessageBox(QMessageBox.Icon.Question, "Discard?", "Discard your changes?")
    box.setStyle(style)
    box.setIcon(QMessageBox.Icon.Question)
    assert opaque_pixels(box.iconPixmap().toImage()) > 0
    box.deleteLater()


# -- the window --------------------------------------------------------------------------------

def test_the_navigation_shows_a_different_icon_for_each_page(qtbot, gui_data):
    window = MainWindow(gui_data.services, gui_data.admin, "This computer")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    items = [window.navigation.item(row) for row in range(window.navigation.count())]
    assert [item.text() for item in items] == [page.label for page in _PAGES]
    assert all(not item.icon().isNull() for item in items)
    images = [drawn(item.icon(), 24) for item in items]
    assert all(opaque_pixels(image) > 40 for image in images)
    assert len({image.bits().tobytes() for image in images}) == len(items)
    assert window.new_family_action.icon().name() == "new-family"
    qtbot.waitUntil(lambda: not window.is_loading())


def test_the_app_starts_with_its_own_window_icon(qapp, monkeypatch):
    monkeypatch.setattr(application, "install_exception_hook", lambda parent: None)
    from plo_tracker.gui.keyboard import remove_keyboard_aids

    before = qapp.windowIcon()
    try:
        application.start_qt()
        assert qapp.windowIcon().name() == APP_ICON
        assert QSize(256, 256) in qapp.windowIcon().availableSizes()
    finally:
        remove_keyboard_aids(qapp)
        qapp.setWindowIcon(before)
