"""The project's write lock, seen from outside a transaction.

SQLite lets one connection write at a time and does not say who holds the
lock. Two helpers around that:

- ``wait_until_free`` waits for the lock on a connection of its own, so a
  window can wait on a worker thread instead of its GUI thread;
- ``announce`` / ``holder``: a bulk writer (an import's final commit) leaves a
  note beside the project naming itself while it holds the lock, so a waiting
  window can say what it waits for. The note is a separate small file: the
  project file itself is never opened with Python's open() here (closing such a
  descriptor would drop SQLite's locks of the same process).
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import files
from .errors import is_busy

POLL_S = 0.25  # one busy wait of the waiting connection; also how fast a stop request is seen


def note_path(project: str | os.PathLike) -> Path:
    return Path(f"{project}-writer")


def wait_until_free(project: str | os.PathLike, stop: Callable[[], bool],
                    patience: float | None = None) -> bool:
    """Block until the write lock of ``project`` could be taken (True), or
    ``stop()`` turns true or ``patience`` seconds pass (False).

    The lock is taken and given back at once (BEGIN IMMEDIATE; ROLLBACK): a
    probe that writes nothing. The caller then tries its own write, which may
    still meet another writer that came first; it then waits again.
    """
    deadline = None if patience is None else time.monotonic() + patience
    conn = files.connect(project, isolation_level=None, timeout=POLL_S, check_same_thread=False)
    try:
        while not stop():
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                if not is_busy(err):
                    return True  # not a lock: let the caller's own write meet and report it
                if deadline is not None and time.monotonic() > deadline:
                    return False
                continue
            conn.execute("ROLLBACK")
            return True
        return False
    finally:
        conn.close()


@contextmanager
def announce(project: str | os.PathLike, what: str) -> Iterator[None]:
    """While inside, ``holder(project)`` names ``what`` (call it once the lock
    is held). A note left by a killed program is ignored by ``holder`` (its
    process is gone) and replaced by the next one."""
    path = note_path(project)
    body = json.dumps({"what": what, "pid": os.getpid(), "host": socket.gethostname(),
                       "since": time.time()}, ensure_ascii=False)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(path)  # whole or not at all: a reader never sees half a note
    except OSError:  # a read-only folder: the lock is still ours, it just goes unnamed
        tmp.unlink(missing_ok=True)
        yield
        return
    try:
        yield
    finally:
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
                path.unlink()
        except (OSError, ValueError):
            pass


def holder(project: str | os.PathLike) -> str | None:
    """What announced itself as holding the write lock of ``project`` ("import of
    big.jsonl, process 4242"), or None when nothing did or it is gone."""
    try:
        note = json.loads(note_path(project).read_text(encoding="utf-8"))
        what, pid, host = str(note["what"]), int(note["pid"]), str(note.get("host", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if host == socket.gethostname() and not _alive(pid):
        return None
    where = f"process {pid}" if host == socket.gethostname() else f"process {pid} on {host}"
    return f"{what}, {where}"


def _alive(pid: int) -> bool:
    if os.name == "nt":  # signal 0 there is CTRL_C_EVENT, not a probe
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's live process
    return True
