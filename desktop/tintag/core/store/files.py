"""Project files this process holds SQLite connections to, and reading their bytes safely.

POSIX record locks (fcntl), which SQLite uses on Unix, belong to a process and
an inode, not to a descriptor: closing *any* descriptor of the file drops
every lock the process holds on it, SQLite's included. A window that read its
project's header with ``open()``/``close()`` while its connection was open lost
its locks; the next `tintag` process to close then believed it was the last
connection, checkpointed and deleted the WAL under the window, and the window
went on writing into a deleted file.

So every connection to a project goes through ``connect`` here, which keeps
one read-only descriptor per file (by device and inode) from the first
connection until after the last one closes; while a file is live, its bytes
are read through that descriptor (``read_head``), never by opening it again.
Only ``connect`` may open an SQLite connection in desktop/.
"""
from __future__ import annotations

import os
import sqlite3
import threading

from . import wal_guard

_lock = threading.Lock()
_live: dict[tuple[int, int], list[int]] = {}  # (st_dev, st_ino) → [descriptor, connections]


def _key(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class TrackedConnection(sqlite3.Connection):
    """A connection that tells the registry when it closes."""

    _tintag_key: tuple[int, int] | None = None

    def close(self) -> None:
        key, self._tintag_key = self._tintag_key, None
        super().close()
        if key is not None:
            _release(key)


def connect(path: str | os.PathLike, uri: str | None = None, **kwargs) -> sqlite3.Connection:
    """``sqlite3.connect`` to the file ``path`` (through ``uri`` when given),
    registered as live until the connection is closed. The first connection
    of this process to a file checks its WAL first (see wal_guard)."""
    if not is_live(path):
        wal_guard.check(path)
    conn = sqlite3.connect(uri or str(path), uri=uri is not None, factory=TrackedConnection, **kwargs)
    key = _key(path)
    if key is not None:
        try:
            _acquire(key, path)
        except OSError:
            conn.close()
            raise
        conn._tintag_key = key
    return conn


def _acquire(key: tuple[int, int], path: str | os.PathLike) -> None:
    with _lock:
        entry = _live.get(key)
        if entry is None:
            # opening is harmless; only a close would drop locks, and this one
            # is closed after the file's last connection
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0))
            _live[key] = [fd, 1]
        else:
            entry[1] += 1


def _release(key: tuple[int, int]) -> None:
    with _lock:
        entry = _live.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            del _live[key]
            os.close(entry[0])


def is_live(path: str | os.PathLike) -> bool:
    """Whether this process holds a connection to the file at ``path``."""
    key = _key(path)
    with _lock:
        return key is not None and key in _live


def read_head(path: str | os.PathLike, size: int) -> bytes:
    """The first ``size`` bytes of ``path``, without dropping this process's locks on it."""
    key = _key(path)
    with _lock:
        entry = _live.get(key) if key is not None else None
        if entry is not None:
            return os.pread(entry[0], size, 0)
    with open(path, "rb") as fh:  # no connection of ours to it: nothing to drop
        return fh.read(size)


def copy_bytes(source: str | os.PathLike, dest: str | os.PathLike) -> None:
    """Copy a file byte for byte (a damaged project kept aside), through the
    live descriptor when this process has the file open."""
    import shutil

    key = _key(source)
    with _lock:  # held while copying: the descriptor must outlive the copy
        entry = _live.get(key) if key is not None else None
        if entry is not None:
            with open(dest, "wb") as out:
                offset = 0
                while chunk := os.pread(entry[0], 1 << 20, offset):
                    out.write(chunk)
                    offset += len(chunk)
            return
    shutil.copyfile(source, dest)
