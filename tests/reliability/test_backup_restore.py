"""Backups and restore (DESIGN §7, README "Reliability", issue 7).

- Each window open takes a rolling backup; the newest ``KEEP`` stay (and the
  day's first, see test_backup_retention.py), and each holds exactly what the
  project held when it was opened.
- Backups taken while another process keeps writing are sound and consistent
  (every transaction's two changes in, or neither).
- ``tintag backup`` / ``tintag restore [--list | --from]`` end to end: the
  restored project equals the backup, the replaced file is kept (a damaged one
  byte for byte), damaged backups and non-backups are refused by name with the
  project untouched.
- A damaged project refuses to open and pushes no good backup out; restoring
  the oldest backup after an earlier restore keeps it; restoring into a
  project another process holds locked says so instead of waiting forever.
"""
from __future__ import annotations

import hashlib
import importlib.util
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tintag.core import backup
from tintag.core.backup import KEEP, list_backups, take_backup
from tintag.core.store import ProjectStore
from tintag.core.store.errors import DamagedProject, LockedProject

# tests/conftest.py puts tests/ui first on sys.path, so "from conftest import"
# can find tests/ui/conftest.py when both folders are collected: load ours by path.
_spec = importlib.util.spec_from_file_location("reliability_conftest", Path(__file__).with_name("conftest.py"))
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)


def _project(path: Path) -> Path:
    """Two articles, annotators "lan" and "bot", suggestions current (no background runs)."""
    return helpers.quiet_project(path, ("lan", "bot"))


def _tag(path: Path, n: int = 1) -> None:
    """``n`` more entities in lan's layer, each its own committed edit."""
    with ProjectStore.open(path, actor="lan") as store:
        doc = store.document_ids()[0]
        have = len(store.entities(doc, "lan"))
        for i in range(have, have + n):
            store.add_item("entity", doc, "lan", start=i, end=i + 1, label="PER")


def _entities(path: Path) -> int:
    with ProjectStore.open(path, readonly=True) as store:
        return len(store.entities(store.document_ids()[0], "lan"))


def _content(path: Path) -> list[str]:
    with ProjectStore.open(path, readonly=True) as store:
        return list(store.conn.iterdump())


def _sound(path: Path) -> None:
    """A whole one-file project: integrity ok, ours, nothing beside it."""
    with ProjectStore.open(path, readonly=True) as store:
        assert store.integrity_check() == "ok", path
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete", path
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists(), path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _table_roots_garbage(path: Path) -> None:
    """Garbage over every table's root page: header and schema intact, data unreadable."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND rootpage > 1")]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data, rnd = bytearray(path.read_bytes()), random.Random(3)
    for page in roots:
        data[(page - 1) * size:page * size] = rnd.randbytes(size)
    path.write_bytes(bytes(data))


def _one_line(done: subprocess.CompletedProcess, path: Path, says: str) -> None:
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr, done
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"tintag: error: {path}: "), done.stderr
    assert says in done.stderr, done.stderr


# ------------------------------------------------------------ backup on open
def test_each_window_open_takes_a_rolling_backup(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tintag.ui.app import Session

    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(f"a message box: {box.text()}"))
    path = _project(tmp_path / "news.tintag")
    session = Session("lan")
    made = []
    for n in range(1, KEEP + 3):
        _tag(path)  # n entities now
        assert session.open(path)
        qtbot.addWidget(session.window)
        made.append(list_backups(path)[0])  # the newest is the one this open made
        assert len(list_backups(path)) == min(n, KEEP + 1)
    # the newest KEEP, newest first, and the day's first backup
    assert list_backups(path) == made[::-1][:KEEP] + [made[0]]
    for n, kept in enumerate(made[-KEEP:], start=3):
        _sound(kept)
        assert _entities(kept) == n  # what the project held when it was opened
    assert not any(made[0].parent.glob(".*"))  # no half-made copies left
    session.window.close()
    session.window.store.close()


WRITER = r"""
import os, sys
from tintag.core.store import ProjectStore

store = ProjectStore.open(sys.argv[1], actor="bot")
doc = store.document_ids()[0]
n = 0
print("writing", flush=True)
while not os.path.exists(sys.argv[2]):
    with store.write():  # one transaction: an entity and the count that says so
        store.add_item("entity", doc, "bot", start=n % 50, end=n % 50 + 1, label="PER")
        n += 1
        store.set_setting("bot_entities", n)
store.close()
print(n, flush=True)
"""


def _bot_state(path: Path) -> tuple[int, int]:
    with ProjectStore.open(path, readonly=True) as store:
        count = store.conn.execute("SELECT count(*) FROM entities WHERE layer = 'bot'").fetchone()[0]
        return count, store.get_setting("bot_entities", 0)


def test_backups_are_sound_and_consistent_while_another_process_writes(tmp_path):
    path = _project(tmp_path / "busy.tintag")
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(stop)], stdout=subprocess.PIPE,
                              text=True, cwd=helpers.REPO)
    try:
        assert writer.stdout.readline() == "writing\n"
        seen = []
        for _ in range(6):
            while _bot_state(path)[0] <= (seen[-1] if seen else 0):  # the writer has moved on
                assert writer.poll() is None, "the writer stopped"
            copy = take_backup(path, keep=100)
            _sound(copy)
            count, said = _bot_state(copy)
            assert count == said  # no half transaction in the copy
            seen.append(count)
    finally:
        stop.touch()
        last = int(writer.stdout.readline())
        writer.stdout.close()
        assert writer.wait() == 0
    assert seen == sorted(set(seen)) and seen[0] > 0  # six different moments of the project
    assert _bot_state(path) == (last, last)
    with ProjectStore.open(path, readonly=True) as store:
        assert store.integrity_check() == "ok"


# ------------------------------------------------------- the two commands
def test_backup_and_restore_commands_end_to_end(tmp_path):
    path = _project(tmp_path / "news.tintag")
    _tag(path, 2)
    done = helpers.run_tintag("backup", path)
    assert done.returncode == 0 and done.stderr == "", done
    (saved,) = list_backups(path)
    assert done.stdout == f"saved {saved}\n"
    _sound(saved)
    kept_content = _content(saved)
    _tag(path, 3)  # more edits after the backup
    assert _entities(path) == 5

    done = helpers.run_tintag("restore", path, "--list")
    assert done.returncode == 0 and done.stdout == f"{saved}\n"

    done = helpers.run_tintag("restore", path)
    assert done.returncode == 0 and done.stderr == "", done
    (replaced,) = [p for p in list_backups(path) if p != saved]
    assert done.stdout == f"restored {path} from {saved}; the file it replaced is kept as {replaced}\n"
    assert _content(path) == kept_content and _entities(path) == 2
    assert _entities(replaced) == 5  # the edits after the backup are not lost
    with ProjectStore.open(path, readonly=True) as store:
        assert store.integrity_check() == "ok"

    # a damaged project: restored all the same, its bytes kept as they were
    path.write_bytes(path.read_bytes()[:20000])
    damaged_sha = _sha(path)
    done = helpers.run_tintag("restore", path, "--from", saved)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done
    (kept,) = backup.backup_dir(path).glob("*.damaged")
    assert done.stdout == f"restored {path} from {saved}; the file it replaced is kept as {kept}\n"
    assert _sha(kept) == damaged_sha
    assert _content(path) == kept_content

    # damaged backups and files that are no backups: refused, the project untouched
    bad_backup = tmp_path / "bad-backup.tintag"
    bad_backup.write_bytes(saved.read_bytes())
    _table_roots_garbage(bad_backup)
    cut_backup = tmp_path / "cut-backup.tintag"
    cut_backup.write_bytes(saved.read_bytes()[:30000])
    text = tmp_path / "notes.tintag"
    text.write_text("Hà Nội\n", encoding="utf-8")
    other = tmp_path / "other.tintag"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    refusals = {bad_backup: "a damaged backup (", cut_backup: "a damaged backup (cut short",
                text: "not a TinTag project (not an SQLite database)",
                other: "an SQLite file, but not a TinTag project",
                tmp_path / "gone.tintag": "no such project file"}
    before, backups_before = helpers.fingerprint(path), list_backups(path)
    runs = {source: subprocess.Popen([*helpers.tintag_command(), "restore", str(path), "--from", str(source)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for source in refusals}
    for source, proc in runs.items():
        out, err = proc.communicate()
        _one_line(subprocess.CompletedProcess(proc.args, proc.returncode, out, err), source, refusals[source])
        assert "tintag restore" not in err  # not the project's advice, which would restore the backup itself
    assert helpers.fingerprint(path) == before and list_backups(path) == backups_before


# ------------------------------------------------- damage and other trouble
def test_damaged_project_refused_and_keeps_every_good_backup(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tintag.ui.app import Session

    path = _project(tmp_path / "news.tintag")
    for _ in range(KEEP):
        _tag(path)
        take_backup(path)
    good = {p: _sha(p) for p in list_backups(path)}
    _table_roots_garbage(path)  # opens (header and schema intact); a copy of it fails its check
    damaged_sha = _sha(path)

    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()))
    session = Session("lan")
    assert session.open(path) is False and session.window is None
    (message,) = boxes
    assert message.startswith(f"{path}: the project file is damaged") and f"tintag restore {path}" in message
    with pytest.raises(DamagedProject):
        take_backup(path)
    assert {p: _sha(p) for p in list_backups(path)} == good  # none pushed out, none changed
    assert sorted(p.name for p in backup.backup_dir(path).iterdir()) == sorted(p.name for p in good)
    assert _sha(path) == damaged_sha

    done = backup.restore(path)  # the newest good one
    assert done.source == list_backups(path)[0] and _sha(done.saved) == damaged_sha
    assert _content(path) == _content(done.source) and _entities(path) == KEEP
    boxes.clear()
    assert session.open(path) and boxes == []
    qtbot.addWidget(session.window)
    session.window.close()
    session.window.store.close()


def test_restoring_the_oldest_backup_after_a_restore_keeps_it(tmp_path):
    path = _project(tmp_path / "news.tintag")
    for _ in range(KEEP):
        _tag(path)
        take_backup(path)
    backup.restore(path)  # KEEP + 1 backups now: the one kept for the way back
    assert len(list_backups(path)) == KEEP + 1
    oldest = list_backups(path)[-1]
    content = _content(oldest)
    done = backup.restore(path, oldest)  # its own backup of the project must not push it out
    assert done.source == oldest and oldest.exists()
    assert _content(path) == content and _entities(path) == 1


def test_restore_into_a_locked_project_says_so(tmp_path, monkeypatch):
    from tintag.core.store import project

    path = _project(tmp_path / "news.tintag")
    _tag(path)
    saved = take_backup(path)
    _tag(path)
    monkeypatch.setattr(project, "BUSY_TIMEOUT_S", 0.5)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys\n"
                               "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                               "conn.execute('BEGIN EXCLUSIVE')\n"
                               "print('locked', flush=True)\n"
                               "sys.stdin.readline()\n", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(LockedProject) as err:
            backup.restore(path, saved)
        assert str(err.value).startswith(f"{path}: locked by another program")
    finally:
        holder.stdin.close()
        holder.stdout.close()
        assert holder.wait() == 0
    assert _entities(path) == 2  # not restored, nothing lost
    assert backup.restore(path, saved).source == saved and _entities(path) == 1
