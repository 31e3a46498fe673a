"""Long transactions (issue 14, item 8): another program holding the project's
write lock for seconds must not freeze the window, lose its edit, apply it
twice or leave an unsaved edit on the undo stack; and an import holds the
lock only for its final insert, not while it reads the file.

The window's tests press real keys on a real MainWindow while a thread holds
BEGIN IMMEDIATE on its own connection; "did the window keep working" is
measured by a QTimer that must fire while the lock is held after the key
press (on a blocked GUI thread it cannot), never by elapsed time.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import tempfile
import threading

import pytest
from conftest import SOAK, make_project, tintag_command
from gui_helpers import drag_select
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox

from tintag.core.importers import import_files
from tintag.core.importers.native_layer import import_records, native_records
from tintag.core.store import ProjectStore
from tintag.ui.main_window import MainWindow

TEXT_1 = "Ông Nguyễn Văn An đến Hà Nội hôm qua và gặp bà Trần Thị Bình ở Đà Nẵng cùng ông Lê Minh."
TEXT_2 = "Bộ Ngoại giao Việt Nam cho biết Thủ tướng sẽ thăm Nhật Bản vào tuần tới."
CTRL = Qt.KeyboardModifier.ControlModifier


def _project(tmp_path):
    path = tmp_path / "long.tintag"
    make_project(path, layers=("lan",), suggestions=False, documents=0)
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


def _window(qtbot, path):
    window = MainWindow(ProjectStore.open(path, actor="lan"), "lan")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.article.setFocus()
    return window


def _press_on(qtbot, window, word: str, key) -> None:
    """Select ``word`` of the open document with a real drag and press ``key``."""
    start = window.doc["text"].index(word)
    drag_select(qtbot, window.article, start, start + len(word))
    qtbot.keyClick(window.article, key)


def _layer(path) -> list[tuple[str, str]]:
    with ProjectStore.open(path, readonly=True, actor="lead") as store:
        out = []
        for doc in store.iter_documents():
            out += [(e["label"], doc["text"][e["start"]:e["end"]]) for e in store.entities(doc["id"], "lan")]
        return sorted(out)


def _status_texts(window) -> list[str]:
    """Everything the status bar shows right now."""
    bar = window.statusBar()
    return [bar.currentMessage()] + [w.text() for w in bar.findChildren(QLabel) if w.isVisible()]


class LockHolder(threading.Thread):
    """Another program's long transaction: BEGIN IMMEDIATE on its own
    connection, a change of its own, COMMIT on ``release()`` (or after
    ``longest`` seconds, so a blocked window cannot wait for it forever)."""

    def __init__(self, path, longest: float, announce=None):
        """``announce``: a context manager to hold the lock in (a program naming itself)."""
        super().__init__(daemon=True)
        self.path, self.longest, self.announce = path, longest, announce
        self.held, self._release, self.released = threading.Event(), threading.Event(), threading.Event()

    @property
    def holding(self) -> bool:
        return self.held.is_set() and not self.released.is_set()

    def release(self) -> None:
        self._release.set()
        self.join()

    def run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings (key, value) VALUES ('held-by-test', '1')")
        with self.announce or contextlib.nullcontext():
            self.held.set()
            self._release.wait(self.longest)
        conn.execute("COMMIT")
        self.released.set()
        conn.close()


def _ticks_while_held(holder, after: list) -> tuple[list, QTimer]:
    """A QTimer (keep it) and its ticks that come while ``holder`` holds the
    lock, once ``after`` is non-empty."""
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1) if after and holder.holding else None)
    timer.start()
    return ticks, timer


def test_an_edit_that_meets_a_held_lock_waits_without_freezing_and_lands_once(qtbot, tmp_path):
    path = _project(tmp_path)
    window = _window(qtbot, path)
    first = window.current_id
    holder = LockHolder(path, longest=5.0)
    holder.start()
    holder.held.wait()
    pressed: list[int] = []
    ticks, _timer = _ticks_while_held(holder, pressed)

    _press_on(qtbot, window, "Hà Nội", Qt.Key.Key_2)
    pressed.append(1)
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop ran while the edit waited
    assert holder.holding
    state = window.saved_label.text()
    assert "Waiting for another program to finish saving" in state and "Hà Nội" in state, state
    assert window.undo_stack.count() == 0 and _layer(path) == []

    # the user keeps working: J opens the next document, an edit there queues behind
    qtbot.keyClick(window.article, Qt.Key.Key_J)
    assert window.current_id != first
    _press_on(qtbot, window, "Việt Nam", Qt.Key.Key_2)
    assert window.saves.pending == 2 and holder.holding

    holder.release()
    qtbot.waitUntil(lambda: window.saves.pending == 0)
    assert _layer(path) == [("LOC", "Hà Nội"), ("LOC", "Việt Nam")]  # each saved once
    assert window.undo_stack.count() == 2 and window.saved_label.text().startswith("Saved")
    assert window.store.get_setting("held-by-test") == 1  # the other program's change is kept
    # undo acts on the edits that were saved, newest first, and redo puts them back
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert _layer(path) == [("LOC", "Hà Nội")]
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert _layer(path) == []
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert _layer(path) == [("LOC", "Hà Nội")]


def test_an_edit_still_locked_out_after_the_retry_window_fails_visibly_and_is_not_undone(
        qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(MainWindow, "save_retry_window", 1.0, raising=False)
    path = _project(tmp_path)
    window = _window(qtbot, path)
    _press_on(qtbot, window, "Nguyễn Văn An", Qt.Key.Key_1)  # saved: nothing holds the lock yet
    assert window.undo_stack.count() == 1
    holder = LockHolder(path, longest=60.0)
    holder.start()
    holder.held.wait()
    try:
        _press_on(qtbot, window, "Hà Nội", Qt.Key.Key_2)
        qtbot.waitUntil(lambda: any("Not saved" in t for t in _status_texts(window)), timeout=15000)
        # the next status message does not hide it
        qtbot.keyClick(window.article, Qt.Key.Key_Tab)
        assert "No open suggestions" in window.statusBar().currentMessage()
        failure = [t for t in _status_texts(window) if "Not saved" in t]
        assert failure and "Hà Nội" in failure[0] and "locked" in failure[0], _status_texts(window)
        assert window.undo_stack.count() == 1  # the failed edit is not on it
    finally:
        holder.release()
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)  # undoes the saved edit, not the failed one
    assert _layer(path) == []
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert _layer(path) == [("PER", "Nguyễn Văn An")]
    assert any("Not saved" in t for t in _status_texts(window))  # until the user dismisses it
    qtbot.mouseClick(window.save_status.dismiss, Qt.MouseButton.LeftButton)
    assert not any("Not saved" in t for t in _status_texts(window))


def test_ctrl_z_takes_back_an_edit_that_waits(qtbot, tmp_path):
    path = _project(tmp_path)
    window = _window(qtbot, path)
    holder = LockHolder(path, longest=5.0)
    holder.start()
    holder.held.wait()
    try:
        _press_on(qtbot, window, "Hà Nội", Qt.Key.Key_2)
        qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
        assert holder.holding  # taken back at once, while the lock is still held
        assert "Taken back before it was saved" in window.statusBar().currentMessage()
    finally:
        holder.release()
    assert _layer(path) == [] and window.undo_stack.count() == 0


def _button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_closing_while_an_edit_waits_asks_and_waits_for_it(qtbot, tmp_path):
    path = _project(tmp_path)
    window = _window(qtbot, path)
    holder = LockHolder(path, longest=5.0)
    holder.start()
    holder.held.wait()
    try:
        _press_on(qtbot, window, "Hà Nội", Qt.Key.Key_2)
        window.close()
        assert window.isVisible() and holder.holding  # not closed: the edit would be lost
        box = window.close_question
        assert box is not None and box.isVisible() and "waiting" in box.text()
        qtbot.mouseClick(_button(box, "Wait, then close"), Qt.MouseButton.LeftButton)
        assert window.isVisible()
    finally:
        holder.release()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _layer(path) == [("LOC", "Hà Nội")]


def test_closing_without_the_waiting_edit_is_the_users_choice(qtbot, tmp_path):
    path = _project(tmp_path)
    window = _window(qtbot, path)
    holder = LockHolder(path, longest=5.0)
    holder.start()
    holder.held.wait()
    try:
        _press_on(qtbot, window, "Hà Nội", Qt.Key.Key_2)
        window.close()
        assert window.isVisible()
        qtbot.mouseClick(_button(window.close_question, "Close without them"), Qt.MouseButton.LeftButton)
        assert not window.isVisible()
    finally:
        holder.release()
    assert _layer(path) == []


def test_the_waiting_status_names_the_program_that_holds_the_lock(qtbot, tmp_path):
    from tintag.core.store import write_lock

    path = _project(tmp_path)
    window = _window(qtbot, path)
    holder = LockHolder(path, longest=5.0, announce=write_lock.announce(path, "import of big.jsonl"))
    holder.start()
    holder.held.wait()
    try:
        _press_on(qtbot, window, "Hà Nội", Qt.Key.Key_2)
        qtbot.waitUntil(lambda: "import of big.jsonl" in window.saved_label.text())
    finally:
        holder.release()
    qtbot.waitUntil(lambda: window.saves.pending == 0)
    assert "import of big" not in window.saved_label.text() and _layer(path) == [("LOC", "Hà Nội")]


# ------------------------------------------------------------------ imports
def _articles(path, n: int, bad_last: bool = False):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i}", "text": f"Bản tin số {i}: Hà Nội hôm nay."},
                                ensure_ascii=False) + "\n")
        if bad_last:
            fh.write('{"id": "broken", "text": \n')
    return path


class _OtherProgram:
    """Tries a write of its own, on its own connection, without waiting."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=0)
        self.results: list = []

    def write(self, key: str) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("INSERT INTO settings (key, value) VALUES (?, '1')", (key,))
            self.conn.execute("COMMIT")
            self.results.append("written")
        except sqlite3.OperationalError as err:
            self.results.append(str(err))


def _no_staging_left(store, folder) -> bool:
    """The scratch database of the import is detached and its file deleted."""
    attached = [row[1] for row in store.conn.execute("PRAGMA database_list")]
    return attached == ["main"] and not list(folder.glob("tintag-staging-*"))


def test_an_import_does_not_hold_the_write_lock_while_it_reads_the_file(project, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the scratch file goes
    src = _articles(tmp_path / "big.jsonl", 1500)
    other = _OtherProgram(project.path)
    seen = []

    def on_document():
        seen.append(1)
        if len(seen) in (10, 700, 1400):  # before, between and after the staged batches
            other.write(f"during-{len(seen)}")

    summary = import_files(project, [src], on_document=on_document)
    assert other.results == ["written"] * 3
    assert summary.errors == [] and summary.inserted == 1500 and project.document_count() == 1500
    assert project.get_setting("during-700") == 1
    assert _no_staging_left(project, tmp_path)


def test_a_bad_last_line_still_stores_nothing_of_the_file_while_others_write(project, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    src = _articles(tmp_path / "bad.jsonl", 1200, bad_last=True)
    other = _OtherProgram(project.path)
    seen = []

    def on_document():
        seen.append(1)
        if len(seen) == 1100:
            other.write("during")

    summary = import_files(project, [src], on_document=on_document)
    assert other.results == ["written"]
    assert summary.inserted == 0 and summary.errors[0].startswith(f"{src}:1201: invalid JSON")
    assert project.document_count() == 0 and project.get_setting("during") == 1
    assert project.count_documents(search="Ha Noi") == 0
    assert _no_staging_left(project, tmp_path)


def test_a_text_imported_by_another_program_meanwhile_is_a_duplicate_not_a_second_copy(project, tmp_path):
    src = _articles(tmp_path / "big.jsonl", 600)
    also = tmp_path / "also.jsonl"  # another program imports one of the same texts meanwhile
    also.write_text(json.dumps({"id": "other-id", "text": "Bản tin số 3: Hà Nội hôm nay."},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    other_store = ProjectStore.open(project.path, actor="other")
    results = []

    def on_document():
        if not results:
            results.append(import_files(other_store, [also]))

    try:
        summary = import_files(project, [src], on_document=on_document)
    finally:
        other_store.close()
    assert results[0].errors == [] and results[0].inserted == 1
    assert summary.errors == [] and (summary.inserted, summary.duplicates) == (599, 1)
    assert project.document_count() == 600
    assert [d["uid"] for d in project.iter_documents()][:1] == ["other-id"]
    assert project.count_documents(search="ban tin so 599") == 1  # indexed for search


def test_the_final_commit_of_an_import_names_itself_to_waiting_windows(project, tmp_path, monkeypatch):
    from tintag.core.store import write_lock
    from tintag.core.store.staging import StagedDocuments

    src = _articles(tmp_path / "named.jsonl", 5)
    seen = []
    store_all = StagedDocuments.store_all
    monkeypatch.setattr(StagedDocuments, "store_all",
                        lambda self: (seen.append(write_lock.holder(project.path)), store_all(self))[1])
    assert import_files(project, [src]).inserted == 5
    assert seen[0].startswith("import of named.jsonl, process ")
    assert write_lock.holder(project.path) is None and not write_lock.note_path(project.path).exists()


def test_an_annotation_import_does_not_hold_the_write_lock_while_it_checks_the_file(project, tmp_path):
    lines = [{"id": f"a{i}", "text": f"Ông An {i} đến Hà Nội.", "layer": "gold",
              "entities": [{"start": 0, "end": 6, "label": "PER", "text": "Ông An"}]} for i in range(40)]
    bad = dict(lines[-1], entities=[{"start": 0, "end": 999, "label": "PER"}])
    good_file, bad_file = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    bad_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines + [bad]),
                        encoding="utf-8")
    other = _OtherProgram(project.path)

    def records(path):
        for number, record in native_records(path):
            if number == 20:
                other.write(f"during-{path.name}")
            yield number, record

    from tintag.core.importers.common import ImportFailure

    with pytest.raises(ImportFailure, match=r"bad\.jsonl:41: entity offsets 0\.\.999"):
        import_records(project, bad_file, "gold", records(bad_file))
    assert project.document_count() == 0
    assert import_records(project, good_file, "gold", records(good_file)) == 40
    assert other.results == ["written", "written"]
    assert project.document_count() == 40
    assert sum(len(project.entities(d, "gold")) for d in project.document_ids()) == 40


@pytest.mark.skipif(not SOAK, reason="long: make soak")
def test_soak_window_edits_during_a_real_100k_line_import(qtbot, tmp_path):
    """`tintag import` of 100,000 lines in another process while the window
    tags words: every edit is saved exactly once, none is lost, and the import
    stores every line."""
    path = _project(tmp_path)
    src = _articles(tmp_path / "big.jsonl", 100_000)
    window = _window(qtbot, path)
    words = ["Nguyễn Văn An", "Hà Nội", "Trần Thị Bình", "Đà Nẵng", "Lê Minh"]
    waited = []
    window.saves.changed.connect(lambda: waited.append(1) if window.saves.waiting else None)
    proc = subprocess.Popen([*tintag_command(), "import", str(path), str(src)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        rounds = 0
        while proc.poll() is None:
            for word in words:
                _press_on(qtbot, window, word, Qt.Key.Key_1)
                qtbot.waitUntil(lambda: window.saves.pending == 0, timeout=120_000)
            for _ in words:
                qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
                qtbot.waitUntil(lambda: window.saves.pending == 0, timeout=120_000)
            rounds += 1
        out, err = proc.communicate()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert rounds >= 1 and waited and not window.save_status.failure  # edits did meet the import's lock
    assert _layer(path) == [] and window.undo_stack.count() == len(words) and window.undo_stack.index() == 0
    with ProjectStore.open(path, readonly=True) as store:
        assert store.document_count() == 100_002 and store.integrity_check() == "ok"
