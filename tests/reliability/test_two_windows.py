"""Two windows on one project (DESIGN §7, issue 7), driven with real mouse
drags and key presses.

- Two main windows, each on its own connection to the same file, tag in turn
  while a third process keeps writing to the project; every edit is saved
  ("Saved ✓", never "Not saved"), and after a refresh each window's side panel
  lists both windows' entities. The window re-reads the document's layer
  after each of its own edits, when a document is opened, and on F5 (View →
  Reload), which is the refresh pressed here.

An edit that meets another program's write lock waits without blocking the
window: test_long_transactions.py.
"""
from __future__ import annotations

import json

from conftest import SOAK, WorkerRun, make_project
from edit_worker import EMPTY_STATE, apply_effects, parse_report, read_state
from gui_helpers import drag_select
from PySide6.QtCore import Qt

from tintag.core.importers import import_files
from tintag.core.store import ProjectStore
from tintag.ui.main_window import MainWindow

TEXT_1 = "Ông Nguyễn Văn An đến Hà Nội hôm qua và gặp bà Trần Thị Bình ở Đà Nẵng cùng ông Lê Minh."
TEXT_2 = "Bộ Ngoại giao Việt Nam cho biết Thủ tướng sẽ thăm Nhật Bản vào tuần tới."


def _project(tmp_path):
    path = tmp_path / "windows.tintag"
    make_project(path, layers=("bot",), suggestions=False, documents=0)
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in (("a", TEXT_1), ("b", TEXT_2))), encoding="utf-8")
    with ProjectStore.open(path, actor="lead") as store:
        assert import_files(store, [src]).errors == []
        from tintag.core.suggest import registry

        for doc in store.iter_documents():  # no background suggestion runs in these tests
            for producer in registry.project_producers(store):
                store.replace_suggestions(doc["id"], producer.name, producer.version, doc["text_sha256"], [])
    return path


def _window(qtbot, path, annotator):
    store = ProjectStore.open(path, actor=annotator)
    window = MainWindow(store, annotator)
    qtbot.addWidget(window)
    window.show()
    window.store_for_test = store
    return window


def _focus(qtbot, window):
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow)
    window.article.setFocus()


def _tag(qtbot, window, word: str, key) -> None:
    """Select ``word`` with a real drag and press a label key."""
    _focus(qtbot, window)
    text = window.doc["text"]
    start = text.index(word)
    drag_select(qtbot, window.article, start, start + len(word))
    qtbot.keyClick(window.article, key)
    # saved at once, or (the bot held the lock for longer than one try) once the lock is free
    qtbot.waitUntil(lambda: window.saves.pending == 0)
    status = window.statusBar().currentMessage()
    assert "Not saved" not in status, status
    assert window.saved_label.text().startswith("Saved"), window.saved_label.text()


def _panel_texts(window) -> set[str]:
    table = window.panel.entities
    model = table.model()
    return {model.index(row, 1).data() for row in range(table.rowCount())}


def _refresh(qtbot, window) -> None:
    """F5 (View → Reload): the window re-reads the project and stays on its document."""
    _focus(qtbot, window)
    first, undo = window.current_id, window.undo_stack.count()
    qtbot.keyClick(window.article, Qt.Key.Key_F5)
    assert window.current_id == first and window.undo_stack.count() == undo
    assert window.statusBar().currentMessage().startswith("Reloaded")


def test_two_windows_and_a_process_edit_at_once_and_see_each_other(qtbot, tmp_path):
    path = _project(tmp_path)
    one = _window(qtbot, path, "lan")
    two = _window(qtbot, path, "lan")  # the same annotator in two windows: one layer
    assert one.current_id == two.current_id
    doc = one.current_id
    bot = WorkerRun(path, "bot", seed=5, edits=3000 if SOAK else 400)  # a third writer, meanwhile
    assert bot.wait_for_line("ready"), bot.stderr

    _tag(qtbot, one, "Nguyễn Văn An", Qt.Key.Key_1)
    _tag(qtbot, two, "Hà Nội", Qt.Key.Key_2)
    # window two re-read the layer after its own edit: it lists both
    assert _panel_texts(two) == {"Nguyễn Văn An", "Hà Nội"}
    # window one has not looked again yet; after F5 it lists both too
    assert _panel_texts(one) == {"Nguyễn Văn An"}
    _refresh(qtbot, one)
    assert _panel_texts(one) == {"Nguyễn Văn An", "Hà Nội"}

    # more edits from both sides while the process keeps writing
    _tag(qtbot, one, "Trần Thị Bình", Qt.Key.Key_1)
    _tag(qtbot, two, "Đà Nẵng", Qt.Key.Key_2)
    _tag(qtbot, one, "Lê Minh", Qt.Key.Key_1)
    _refresh(qtbot, two)
    everything = {"Nguyễn Văn An", "Hà Nội", "Trần Thị Bình", "Đà Nẵng", "Lê Minh"}
    assert _panel_texts(one) == everything and _panel_texts(two) == everything

    # undo in one window is seen by the other after a refresh
    _focus(qtbot, one)
    qtbot.keyClick(one.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: one.saves.pending == 0)
    assert "Not saved" not in one.statusBar().currentMessage() and not one.save_status.failure
    _refresh(qtbot, two)
    assert _panel_texts(two) == everything - {"Lê Minh"}

    assert bot.wait_for_line("done"), bot.stderr
    assert bot.finish() == 0 and bot.stderr == "", bot.stderr
    committed, pending = parse_report(bot.stdout)
    expected = EMPTY_STATE
    for effects in committed:
        expected = apply_effects(expected, effects)
    with ProjectStore.open(path, readonly=True) as store:
        assert store.integrity_check() == "ok"
        assert read_state(store.conn, "bot") == expected
        assert {store.document(doc)["text"][e["start"]:e["end"]] for e in store.entities(doc, "lan")} \
            == everything - {"Lê Minh"}


def test_two_annotators_windows_read_each_others_layer(qtbot, tmp_path):
    path = _project(tmp_path)
    lan = _window(qtbot, path, "lan")
    minh = _window(qtbot, path, "minh")
    _tag(qtbot, lan, "Nguyễn Văn An", Qt.Key.Key_1)
    _tag(qtbot, minh, "Nguyễn Văn An", Qt.Key.Key_3)  # minh disagrees: ORG
    doc = lan.current_id
    # each window works on its own layer; its store reads the other's (not blind)
    assert [e["label"] for e in lan.store.entities(doc, "minh")] == ["ORG"]
    assert [e["label"] for e in minh.store.entities(doc, "lan")] == ["PER"]
    assert _panel_texts(lan) == {"Nguyễn Văn An"} and _panel_texts(minh) == {"Nguyễn Văn An"}


def test_f5_shows_another_windows_statuses_and_counts_in_the_list(qtbot, tmp_path):
    path = _project(tmp_path)
    one = _window(qtbot, path, "lan")
    two = _window(qtbot, path, "lan")
    doc = one.current_id
    row = one.model.row_of(doc)
    _tag(qtbot, two, "Hà Nội", Qt.Key.Key_2)
    two.store.set_status(doc, "lan", "done")  # as Ctrl+Enter would, without moving on
    assert one.model.row(row)["entities"] == 0 and one.model.row(row)["status"] != "done"
    one.article.setFocus()
    _refresh(qtbot, one)
    assert one.model.row(row)["entities"] == 1 and one.model.row(row)["status"] == "done"
    assert _panel_texts(one) == {"Hà Nội"}
