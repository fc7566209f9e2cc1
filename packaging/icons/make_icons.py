"""Render Ramal's icon SVG to the PNG sizes the Linux desktop wants and the Windows .ico.

Run after changing the SVG:  .venv/bin/python packaging/icons/make_icons.py
Source: resources/icons/ramal.svg (the app's own icon, shown in the tray and windows) when it
exists, else packaging/icons/ramal.svg. Output goes beside this script and is committed, so a
build does not need to render anything.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def source_svg() -> Path:
    app_icon = ROOT / "resources" / "icons" / "ramal.svg"
    return app_icon if app_icon.is_file() else HERE / "ramal.svg"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    svg = source_svg()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"make_icons: {svg} is not a valid SVG", file=sys.stderr)
        return 1
    if svg != HERE / "ramal.svg":
        shutil.copyfile(svg, HERE / "ramal.svg")
    for size in PNG_SIZES:
        render(renderer, size).save(str(HERE / f"ramal-{size}.png"))
    # Qt's ICO writer stores one image per file: write the largest, and the installer's
    # SetupIconFile and the exe use it (Windows scales it down well enough for a 16 px menu)
    render(renderer, 256).save(str(HERE / "ramal.ico"))
    print(f"make_icons: rendered {svg} to {len(PNG_SIZES)} PNG sizes and ramal.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
