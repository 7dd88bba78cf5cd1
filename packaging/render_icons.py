"""Render the app's icon (resources/icons/plo-tracker.svg) as PNGs and a Windows .ico.

Run by packaging/build.py with the build environment's Python (it needs PySide6 and Pillow,
both dependencies of the app):

    python packaging/render_icons.py OUT_DIR

Writes OUT_DIR/png/plo-tracker-<size>.png for each size in SIZES and OUT_DIR/plo-tracker.ico
holding 16 to 256 px. Each size is drawn from the SVG by Qt, not scaled from a larger
picture, so small icons stay sharp.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 px is the largest an .ico holds
SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "plo-tracker.svg"


def render(out: Path, svg: Path = SVG) -> list[Path]:
    """Write the PNGs and the .ico under ``out``; return the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG picture Qt can draw.")
    (out / "png").mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / "png" / f"plo-tracker-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"Could not write {path}.")
        written.append(path)
    pictures = [Image.open(out / "png" / f"plo-tracker-{size}.png") for size in ICO_SIZES]
    ico = out / "plo-tracker.ico"
    # Pillow takes each size from the pictures given; bmp: every Windows tool and NSIS read it.
    pictures[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                      append_images=pictures[:-1], bitmap_format="bmp")
    written.append(ico)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for file in render(Path(sys.argv[1])):
        print(file)
