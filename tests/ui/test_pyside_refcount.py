"""Guard against a PySide6 build that loses references to None.

PySide6 6.12.0 on Python 3.11 decrements None's refcount on every call that
returns None; after enough clicks the interpreter aborts. pyproject.toml
excludes it; this test fails if such a build comes back.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def test_calls_returning_none_keep_none_alive(qtbot):
    table = QTableWidget(3, 3)
    qtbot.addWidget(table)
    item = QTableWidgetItem("x")
    table.setItem(0, 0, item)
    before = sys.getrefcount(None)
    for _ in range(2000):
        item.data(Qt.ItemDataRole.UserRole)
        table.selectRow(0)
        table.item(2, 2)
    assert sys.getrefcount(None) >= before - 100
