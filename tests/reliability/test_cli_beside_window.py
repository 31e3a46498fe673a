"""A writing `tintag` command beside an open window (issue 14, item 1).

A tester opened the demo in the window and ran `tintag team P --reviewer thu`:
the window's -wal/-shm then showed as deleted in /proc/<pid>/fd, the window
kept saying "Saved ✓" while a fresh process could not see its edits, and the
CLI's committed change vanished when the window quit. The cause: a process
holding an SQLite connection that open()s and close()s the same file with
Python drops every POSIX lock SQLite holds on it (fcntl locks belong to the
process and inode, not to the descriptor), so the CLI's connection believed
it was the last one and checkpointed and deleted the WAL under the window.

Here the window is opened the way the app opens it (``Session.open``: the
store, then the rolling backup, then the window), tags with real key presses
and mouse drags, and a real `tintag` process changes the team in a loop.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SOAK, quiet_project, run_tintag
from gui_helpers import drag_select
from PySide6.QtCore import Qt

from tintag.core.store import ProjectStore
from tintag.ui import app as app_module

ROUNDS = 40 if SOAK else 4


def _deleted_project_files(path: Path) -> list[str]:
    """Descriptors of this process pointing at a deleted file of the project."""
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)) and target.endswith("(deleted)"):
            out.append(target)
    return out


def _tag_next_word(qtbot, window, used: set[str]) -> str:
    """Drag over a word not tagged yet and press 1; the window must say saved."""
    text = window.doc["text"]
    for word in sorted({w.strip(".,:;\"“”()") for w in text.split()}, key=text.index):
        if len(word) > 3 and word[0].isupper() and word not in used:
            break
    start = text.index(word)
    window.activateWindow()
    window.article.setFocus()
    drag_select(qtbot, window.article, start, start + len(word))
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert "Not saved" not in window.statusBar().currentMessage()
    assert window.saved_label.text().startswith("Saved"), window.saved_label.text()
    used.add(word)
    return word


def _entities_seen_by_another_process(path: Path, layer: str) -> int:
    result = run_tintag("stats", path, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["layers"].get(layer, {}).get("entity", 0)


def test_cli_writes_beside_an_open_window_lose_nothing(qtbot, tmp_path, monkeypatch):
    path = quiet_project(tmp_path / "team.tintag", layers=("lan",))
    session = app_module.Session("lan")
    assert session.open(path), session.last_error
    window = session.window
    qtbot.addWidget(window)
    window.show()
    assert list(path.with_name(path.name + ".backups").glob("*.tintag"))  # the open took its backup

    used: set[str] = set()
    added = []
    for round_ in range(ROUNDS):
        _tag_next_word(qtbot, window, used)
        name = f"thu{round_}"
        flag = "--reviewer" if round_ % 2 else "--add"
        result = run_tintag("team", path, flag, name)
        assert result.returncode == 0, result.stderr
        added.append(name)
        assert _deleted_project_files(path) == []
        # what the window saved is visible to a fresh process at once
        assert _entities_seen_by_another_process(path, "lan") == len(used)

    # the window reopens as another profile (Team → Switch profile): the project is sound
    assert session.reopen_as("lan"), session.last_error
    qtbot.addWidget(session.window)
    session.window.close()
    session.window.store.close()
    window.store.close()

    with ProjectStore.open(path, actor="lead") as store:
        assert store.integrity_check() == "ok"
        names = {a["name"] for a in store.annotators()}
        assert set(added) <= names  # no committed CLI change vanished
        doc = window.current_id
        surfaces = {store.document(doc)["text"][e["start"]:e["end"]] for e in store.entities(doc, "lan")}
        assert surfaces == used


def _other_process_writes(path: Path) -> None:
    """Another program writes and closes its connection; if it thinks it is the
    last one, SQLite checkpoints and deletes the WAL as it closes."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "c.execute(\"INSERT INTO settings (key, value) VALUES ('other', '1')"
            " ON CONFLICT(key) DO UPDATE SET value = value + 1\"); c.close()")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


def test_in_process_checks_of_a_live_file_keep_its_locks(tmp_path):
    """Everything the window does to its own file while its connection is open
    (a second store for a worker thread, the rolling backup, a read-only
    reader, the header checks) keeps SQLite's locks: another program's close
    leaves the WAL in place and this process never holds a deleted file."""
    from tintag.core.backup import take_backup
    from tintag.core.store import project as project_module

    path = quiet_project(tmp_path / "live.tintag", layers=("lan",))
    store = ProjectStore.open(path, actor="lan")
    try:
        store.set_note(store.document_ids()[0], "lan", "before")
        steps = {
            "second store": lambda: ProjectStore.open(path, actor="lan").close(),
            "read-only store": lambda: ProjectStore.open(path, readonly=True).close(),
            "backup": lambda: take_backup(path),
            "reader": lambda: project_module.reader_connection(path).close(),
            "header": lambda: project_module._check_header(path),
        }
        for what, step in steps.items():
            step()
            _other_process_writes(path)
            assert Path(f"{path}-wal").exists(), f"{what}: another program deleted the WAL under us"
            assert _deleted_project_files(path) == [], what
            store.set_note(store.document_ids()[0], "lan", what)  # still saved where others see it
            with ProjectStore.open(path, readonly=True) as fresh:
                assert fresh.assignment(store.document_ids()[0], "lan")["note"] == what
    finally:
        store.close()
