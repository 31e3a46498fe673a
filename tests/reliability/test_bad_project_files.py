"""Bad project files (DESIGN §7, issue 7): each is named clearly, never with a
traceback, and left exactly as it was.

Thirteen cases, each tried through the command line (``stats``, a write with
``team --add``, ``backup``: 37 runs in all, plus one through the installed
``tintag`` script) and through the window (``Session.open``: 13 opens):

- read-only: reads work, writes are refused by name, the window opens
  read-only and says so; nothing (no -wal/-shm) appears beside the file;
- locked by another process holding ``BEGIN EXCLUSIVE``: on a rollback-journal
  file everything is refused as locked; on a WAL file SQLite lets readers
  through by design, so reads and backups work and writes are refused;
- cut short, garbage over the schema pages, garbage over every table's root
  page (header and schema intact: opening works, using it does not), newer
  format, not SQLite, empty, another program's SQLite database, missing, a
  folder, a name too long: every command and the window refuse with one line
  that starts with the file's name.

Afterwards every file has the same bytes, mode and mtime, and its folder the
same entries beside it, except the ``.backups`` folder of a backup that was
asked for and made.
"""
from __future__ import annotations

import importlib.util
import json
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from tintag.core.store import ProjectStore, schema

# tests/conftest.py puts tests/ui first on sys.path, so "from conftest import"
# can find tests/ui/conftest.py when both folders are collected: load ours by path.
_spec = importlib.util.spec_from_file_location("reliability_conftest", Path(__file__).with_name("conftest.py"))
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)

LOCK_WAIT_S = 0.5  # how long TinTag waits for a lock in these runs (15 s in real use)


class Case(NamedTuple):
    path: Path
    refused: str  # what the refusal says; "" when the file can be read
    write_refused: str  # what a write says (read-only, locked WAL)
    backup_made: bool  # `tintag backup` succeeds (it only reads the project)


def _good(path: Path) -> Path:
    """A small project whose annotator "lan" exists and whose suggestions are
    current (so a window starts no background run)."""
    return helpers.quiet_project(path, ("lan",))


def _garbage(path: Path, pages: list[int], page_size: int = 4096) -> None:
    data = bytearray(path.read_bytes())
    rnd = random.Random(7)
    for page in pages:  # 1-based page numbers
        data[(page - 1) * page_size:page * page_size] = rnd.randbytes(page_size)
    path.write_bytes(bytes(data))


def _table_roots(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 4096
        return [r for (r,) in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND rootpage > 1")]
    finally:
        conn.close()


class LockHolder:
    """Another process holding ``BEGIN EXCLUSIVE`` on a project until stopped."""

    CODE = ("import sqlite3, sys\n"
            "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "conn.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n"
            "conn.execute('ROLLBACK')\n"
            "conn.close()\n")

    def __init__(self, path: Path):
        self.proc = subprocess.Popen([sys.executable, "-c", self.CODE, str(path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline() == "locked\n"

    def stop(self) -> None:
        self.proc.stdin.close()
        assert self.proc.wait() == 0
        self.proc.stdout.close()


@pytest.fixture
def bad_files(tmp_path):
    """name → Case, one folder each (so one case's siblings never meet another's)."""
    good = _good(tmp_path / "good.tintag")
    cases: dict[str, Case] = {}
    holders = []

    def copy(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        dest = folder / f"{name}.tintag"
        shutil.copyfile(good, dest)
        return dest

    def add(name, path, refused, write_refused="", backup_made=False):
        cases[name] = Case(path, refused, write_refused or refused, backup_made)

    p = copy("read-only")
    p.chmod(0o444)
    add("read-only", p, "", "read-only", backup_made=True)

    p = copy("locked-rollback-journal")
    conn = sqlite3.connect(p)
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    conn.close()
    holders.append(LockHolder(p))
    add("locked-rollback-journal", p, "locked by another program")

    p = copy("locked-wal")
    holders.append(LockHolder(p))
    add("locked-wal", p, "", "locked", backup_made=True)

    p = copy("cut-short")
    p.write_bytes(p.read_bytes()[:p.stat().st_size // 2])
    add("cut-short", p, "the project file is damaged (cut short")

    p = copy("garbage-over-middle-pages")
    pages = p.stat().st_size // 4096
    _garbage(p, list(range(pages // 3, 2 * pages // 3)))
    add("garbage-over-middle-pages", p, "the project file is damaged")

    p = copy("garbage-over-table-pages")
    _garbage(p, _table_roots(p))
    add("garbage-over-table-pages", p, "the project file is damaged")

    p = copy("newer-format")
    conn = sqlite3.connect(p)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    assert int.from_bytes(p.read_bytes()[68:72], "big") == schema.APPLICATION_ID
    add("newer-format", p, "made by a newer TinTag")

    folder = tmp_path / "not-sqlite"
    folder.mkdir()
    p = folder / "notes.tintag"
    p.write_text('{"title": "Tin tức"}\n' * 20, encoding="utf-8")
    add("not-sqlite", p, "not a TinTag project (not an SQLite database)")

    folder = tmp_path / "empty"
    folder.mkdir()
    p = folder / "empty.tintag"
    p.write_bytes(b"")
    add("empty", p, "an empty file")

    folder = tmp_path / "other-program"
    folder.mkdir()
    p = folder / "places.tintag"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO places (url) VALUES ('https://vnexpress.net')")
    conn.commit()
    conn.close()
    add("other-program", p, "an SQLite file, but not a TinTag project")

    folder = tmp_path / "missing"
    folder.mkdir()
    add("missing", folder / "gone.tintag", "no such project file")

    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "dir.tintag").mkdir()
    add("folder", folder / "dir.tintag", "is a folder, not a project file")

    folder = tmp_path / "name-too-long"
    folder.mkdir()
    add("name-too-long", folder / ("dự-án-" * 40 + ".tintag"), "File name too long")

    try:
        yield cases
    finally:
        for holder in holders:
            holder.stop()


def _state(case: Case) -> dict:
    """The file (bytes, mode, mtime) and what lies beside it, ``.backups`` apart."""
    try:
        state = helpers.fingerprint(case.path)
    except OSError:  # the name is too long even to list its siblings by
        return {"siblings": sorted(p.name for p in case.path.parent.iterdir())}
    state["siblings"] = [s for s in state["siblings"] if not s.endswith(".backups")]
    return state


def _backups(case: Case) -> list[Path]:
    folder = case.path.parent / f"{case.path.name}.backups"
    try:
        return sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []


# A driver that imports the CLI once, then runs each command in a forked child
# exactly as the `tintag` script runs it (sys.argv, main(), exit status), with
# the child's stdout/stderr in files; an uncaught exception prints a traceback,
# as it would from the script. One import instead of 37 keeps this test short.
DRIVER = r"""
import json, os, sys, traceback
from tintag.core.store import project
from tintag.cli import main

jobs = json.load(sys.stdin)
children = {}
for n, job in enumerate(jobs):
    pid = os.fork()
    if pid == 0:
        for fd, name in ((1, job["out"]), (2, job["err"])):
            os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
        project.BUSY_TIMEOUT_S = job["lock_wait"]
        sys.argv = ["tintag", *job["argv"]]
        try:
            code = main()
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    children[pid] = n
codes = {}
while children:
    pid, status = os.wait()
    codes[children.pop(pid)] = os.waitstatus_to_exitcode(status)
print(json.dumps([codes[n] for n in range(len(jobs))]))
"""


def _run_cli(jobs: list[dict], tmp_path: Path) -> list[tuple[int, str, str]]:
    for n, job in enumerate(jobs):
        job.update(out=str(tmp_path / f"job{n}.out"), err=str(tmp_path / f"job{n}.err"), lock_wait=LOCK_WAIT_S)
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(jobs), capture_output=True,
                          text=True, cwd=helpers.REPO)
    assert done.returncode == 0, done.stderr
    codes = json.loads(done.stdout)
    return [(code, Path(job["out"]).read_text(encoding="utf-8"), Path(job["err"]).read_text(encoding="utf-8"))
            for code, job in zip(codes, jobs)]


def _assert_one_line(err: str, path: Path, says: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith(f"tintag: error: {path}: "), err
    assert says in err, err


def test_command_line_names_every_bad_file_and_leaves_it_alone(bad_files, tmp_path):
    before = {name: _state(case) for name, case in bad_files.items()}
    jobs = []
    for name, case in bad_files.items():
        jobs.append({"case": name, "argv": ["stats", str(case.path)]})
        jobs.append({"case": name, "argv": ["team", str(case.path), "--add", "zoe"]})
        jobs.append({"case": name, "argv": ["backup", str(case.path)]})
    results = _run_cli(jobs, tmp_path)
    for job, (code, out, err) in zip(jobs, results):
        case, command = bad_files[job["case"]], job["argv"][0]
        what = f"{job['case']}: tintag {command}"
        assert "Traceback" not in out + err, what
        if command == "backup" and case.backup_made:
            assert code == 0 and out.startswith("saved ") and err == "", (what, out, err)
        elif command == "stats" and not case.refused:
            assert code == 0 and "documents" in out and err == "", (what, out, err)
        else:
            says = case.write_refused if command == "team" else case.refused
            assert code == 1, (what, code, out, err)
            _assert_one_line(err, case.path, says)
        if command == "backup" and not case.backup_made:
            assert _backups(case) == [], what  # a refused backup leaves no folder behind
    for name, case in bad_files.items():
        assert _state(case) == before[name], name
        if case.backup_made:  # the copy `tintag backup` made is a sound project
            (made,) = _backups(case)
            with ProjectStore.open(made, readonly=True) as store:
                assert store.integrity_check() == "ok" and store.document_count() == 2

    # the installed script says the same
    case = bad_files["not-sqlite"]
    done = helpers.run_tintag("stats", case.path)
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr
    _assert_one_line(done.stderr, case.path, case.refused)


def test_window_refuses_every_bad_file_by_name(bad_files, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from tintag.core.store import project
    from tintag.ui.app import Session

    monkeypatch.setattr(project, "BUSY_TIMEOUT_S", LOCK_WAIT_S)
    boxes: list[tuple[str, Qt.TextFormat]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append((box.text(), box.textFormat())))
    before = {name: _state(case) for name, case in bad_files.items()}
    for name, case in bad_files.items():
        boxes.clear()
        session = Session("lan")
        opened = session.open(case.path)
        if case.refused:
            assert opened is False and session.window is None, name
            assert len(boxes) == 1, (name, boxes)
            text, text_format = boxes[0]
            assert text.startswith(f"{case.path}: ") and case.refused in text, (name, text)
            assert text_format == Qt.TextFormat.PlainText and session.last_error == text
            assert _backups(case) == [], name
            continue
        window = session.window
        qtbot.addWidget(window)
        assert opened is True and boxes == [], (name, boxes)
        assert window.model.rowCount() == 2, name
        if name == "read-only":
            assert window.store.readonly and window.read_only_note.text() == "Read-only"
            assert _backups(case) == []  # nothing is written for a file TinTag may not change
        else:  # locked WAL: readable, so it opens, and the backup on open was made
            assert not window.store.readonly and len(_backups(case)) == 1
        window.close()
        window.store.close()
    for name, case in bad_files.items():
        assert _state(case) == before[name], name
