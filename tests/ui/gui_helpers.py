"""Real mouse input on the article view, by Python text index."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def point_at(view, index: int) -> QPoint:
    """Viewport point of the character boundary before Python index ``index``."""
    rect = view.cursorRect(view._cursor(index, index))
    return QPoint(rect.left() + 1, rect.center().y())


def drag_select(qtbot, view, start: int, end: int) -> None:
    """Select text with a real mouse drag from ``start`` to ``end`` (Python indices)."""
    viewport = view.viewport()
    p1, p2 = point_at(view, start), point_at(view, end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=p1)
    qtbot.mouseMove(viewport, p2)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=p2)


def click_at(qtbot, view, index: int) -> None:
    rect = view.cursorRect(view._cursor(index, index + 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.right() + 2, rect.center().y()))
