"""Render resources/icons/tintag.svg to the PNG sizes desktops ask for.

    .venv/bin/python scripts/render_icons.py
"""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SIZES = (16, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> int:
    app = QGuiApplication([])  # noqa: F841 - needed for painting
    renderer = QSvgRenderer(str(ICONS / "tintag.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"tintag-{size}.png"))
    print("rendered", ", ".join(map(str, SIZES)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
