"""The main window lists documents lazily and shows the selected article as plain text."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tintag.core.importers import import_files
from tintag.ui.main_window import MainWindow


def make_window(qtbot, project, tmp_path, rows):
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert import_files(project, [src]).errors == []
    window = MainWindow(project, "lan")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_list_and_article(qtbot, project, tmp_path):
    window = make_window(qtbot, project, tmp_path, [
        {"id": "a", "title": "Tin <b>html</b>", "text": "Bài một ở Hà Nội."},
        {"id": "b", "title": "Tin hai", "text": "Bài hai 😀 ở Bình Nhưỡng."},
    ])
    assert window.model.rowCount() == 2
    assert window.title_label.text() == "Tin <b>html</b>"
    assert window.title_label.textFormat() == Qt.TextFormat.PlainText
    assert window.model.index(0, 2).data() == "Tin <b>html</b>"
    assert "&lt;b&gt;" in window.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert window.article.toPlainText() == "Bài một ở Hà Nội."
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.article.toPlainText() == "Bài hai 😀 ở Bình Nhưỡng."
    assert "lan" in window.windowTitle() and "test.tintag" in window.windowTitle()


def test_search_without_diacritics(qtbot, project, tmp_path):
    window = make_window(qtbot, project, tmp_path, [
        {"text": "Hội nghị ở Hà Nội."}, {"text": "Cuộc gặp tại Bình Nhưỡng."}])
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "binh nhuong")
    assert window.model.rowCount() == 1
    assert window.article.toPlainText() == "Cuộc gặp tại Bình Nhưỡng."
    window.search.clear()
    assert window.model.rowCount() == 2


def test_lazy_model_pages(qtbot, project, tmp_path):
    window = make_window(qtbot, project, tmp_path, [{"text": f"Bài số {i}"} for i in range(1000)])
    assert window.model.rowCount() == 1000
    assert len(window.model._pages) <= 2  # only what is on screen was fetched
    assert window.model.index(999, 2).data() == "Bài số 999"
