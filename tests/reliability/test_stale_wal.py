"""A -wal left beside a file that was replaced (issue 14, item 6).

A tester killed a session (its committed edits still in ``p.tintag-wal``),
then put a backup in place with ``cp backup.tintag p.tintag``. SQLite replays
a WAL onto whatever file carries its name: `stats`, `team` and `import`
exited 0 and wrote into a malformed database. A WAL that does not belong to
the file is now refused by every opener (CLI and window alike), with both
files left exactly as they were; a WAL left by a killed session on its own
file is still recovered (that is how its last edits survive).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fingerprint, quiet_project, run_tintag

from tintag.core.backup import list_backups, take_backup
from tintag.core.store import ProjectError, ProjectStore

# Opens the project as the window does, saves a note per document on many
# pages (the WAL keeps growing: no checkpoint), then dies without closing.
KILLED_SESSION = r"""
import os, signal, sys
sys.path.insert(0, sys.argv[2])
from tintag.core.store import ProjectStore
store = ProjectStore.open(sys.argv[1], actor="lan")
store.conn.execute("PRAGMA wal_autocheckpoint = 0")
for round_ in range(int(sys.argv[3])):
    for doc in store.document_ids():
        store.set_note(doc, "lan", f"note {round_} " + "x" * 3000)
    store.add_annotator(f"p{round_}")
os.kill(os.getpid(), signal.SIGKILL)
"""


def _killed_session(path: Path, rounds: int = 30) -> None:
    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", KILLED_SESSION, str(path), str(repo), str(rounds)])
    assert proc.returncode == -signal.SIGKILL
    assert Path(f"{path}-wal").stat().st_size > 0


def _replaced_by_backup(tmp_path) -> tuple[Path, Path]:
    path = quiet_project(tmp_path / "p.tintag", layers=("lan",), documents=5)
    backup = take_backup(path)
    with ProjectStore.open(path, actor="lead") as store:  # the file moves on past the backup
        for i in range(40):
            store.add_annotator(f"later{i}")
    _killed_session(path)
    shutil.copyfile(backup, path)  # `cp backup.tintag p.tintag`: same name, other content
    return path, backup


@pytest.mark.parametrize("command", [
    ["stats"], ["team", "--add", "thu"], ["import", "NEW"], ["export", "--format", "jsonl", "-o", "OUT"],
])
def test_a_wal_that_belongs_to_another_file_is_refused_by_the_cli(tmp_path, command):
    path, _ = _replaced_by_backup(tmp_path)
    before = {name: fingerprint(Path(f"{path}{name}")) for name in ("", "-wal")}
    new = tmp_path / "new.txt"
    new.write_text("Một bài báo mới.", encoding="utf-8")
    args = [str(new) if a == "NEW" else str(tmp_path / "out.jsonl") if a == "OUT" else a for a in command]
    result = run_tintag(command[0], path, *args[1:])
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{path}-wal" in result.stderr and "does not belong" in result.stderr, result.stderr
    after = {name: fingerprint(Path(f"{path}{name}")) for name in ("", "-wal")}
    for name in before:  # the project and its WAL left byte for byte as they were
        assert {k: v for k, v in after[name].items() if k != "siblings"} == \
            {k: v for k, v in before[name].items() if k != "siblings"}


def test_a_wal_that_belongs_to_another_file_is_refused_by_the_window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tintag.ui import app as app_module

    path, _ = _replaced_by_backup(tmp_path)
    backups = list_backups(path)
    wal = Path(f"{path}-wal").read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    session = app_module.Session("lan")
    assert session.open(path) is False
    assert len(shown) == 1 and "does not belong" in shown[0], shown
    assert Path(f"{path}-wal").read_bytes() == wal
    assert list_backups(path) == backups  # no backup of a file that is not what it seems


def test_a_killed_sessions_own_wal_is_still_recovered(tmp_path):
    path = quiet_project(tmp_path / "p.tintag", layers=("lan",), documents=5)
    _killed_session(path, rounds=3)
    result = run_tintag("stats", path)
    assert result.returncode == 0, result.stderr
    with ProjectStore.open(path, readonly=True) as store:
        assert store.integrity_check() == "ok"
        assert {f"p{i}" for i in range(3)} <= {a["name"] for a in store.annotators()}
        assert store.assignment(store.document_ids()[0], "lan")["note"].startswith("note 2 ")


def test_an_open_beside_a_live_writer_does_not_check_the_whole_file(tmp_path, monkeypatch):
    """Another program with the project open keeps a WAL that is its own: opening
    beside it is normal and costs no integrity check (the window stays open all day)."""
    from tintag.core.store import wal_guard

    path = quiet_project(tmp_path / "p.tintag", layers=("lan",), documents=5)
    other = ProjectStore.open(path, actor="lan")
    try:
        other.set_note(other.document_ids()[0], "lan", "from the other program")
        checks = []
        monkeypatch.setattr(wal_guard, "_replays_cleanly", lambda p: checks.append(p) or True)
        code = ("import sys; sys.path.insert(0, sys.argv[2]); from tintag.core.store import ProjectStore;"
                "s = ProjectStore.open(sys.argv[1], actor='minh'); print(s.stats()['documents']); s.close()")
        # a second process: the WAL is live there, so the guard lets it through
        out = subprocess.run([sys.executable, "-c", code, str(path), str(Path(__file__).resolve().parents[2])],
                             capture_output=True, text=True)
        assert out.returncode == 0 and out.stdout.strip() == "5", out.stderr
        with ProjectStore.open(path, actor="minh") as store:  # this process: live here, no check
            assert store.assignment(store.document_ids()[0], "lan")["note"] == "from the other program"
        assert checks == []
    finally:
        other.close()


def test_a_wal_of_another_page_size_is_refused(tmp_path):
    path = quiet_project(tmp_path / "p.tintag", layers=("lan",), documents=2)
    other = tmp_path / "other.tintag"
    conn = __import__("sqlite3").connect(other)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    wal = Path(f"{other}-wal").read_bytes()
    conn.close()
    Path(f"{path}-wal").write_bytes(wal)
    with pytest.raises(ProjectError, match="does not belong"):
        ProjectStore.open(path, actor="lan")
    assert Path(f"{path}-wal").read_bytes() == wal
    os.unlink(f"{path}-wal")
    ProjectStore.open(path, actor="lan").close()  # without the stray WAL it opens as before


def test_the_replay_check_reads_without_writing(tmp_path):
    """The last line of defence, for a copy whose change counter happens to fit:
    the file as the WAL would leave it is checked through a read-only
    connection, and neither the file nor its WAL changes."""
    from tintag.core.store import wal_guard

    path, _ = _replaced_by_backup(tmp_path)
    own = quiet_project(tmp_path / "own.tintag", layers=("lan",), documents=5)
    _killed_session(own, rounds=3)
    before = {p: Path(p).read_bytes() for p in (path, f"{path}-wal", own, f"{own}-wal")}
    assert wal_guard._replays_cleanly(path) is False
    assert wal_guard._replays_cleanly(own) is True
    assert {p: Path(p).read_bytes() for p in before} == before
