"""Refuse a ``-wal`` that does not belong to the project file beside it.

SQLite replays whatever ``<file>-wal`` holds onto ``<file>``: after a killed
session and ``cp backup.tintag p.tintag``, the old session's pages land on the
backup's and the result is a malformed project that TinTag then wrote into.
Nothing in a WAL names its database, so this is decided from what can be seen:

- a WAL another program has open (it holds SQLite's read lock on the -shm
  file) is that program's live journal: trusted, nothing to do, no cost;
- otherwise the WAL is "hot" (left by a killed session) and will be replayed
  by the next connection. It is checked first: its page size must be the
  file's; the page-1 images it carries hold SQLite's change counter, which
  starts at the file's counter + 1 for a WAL written on that very file (a
  file copied over it carries another counter); and the file with the WAL
  applied must pass ``PRAGMA quick_check``, read through a read-only
  connection that cannot checkpoint, so neither file changes.

Hot WALs are rare (a crash, a copy); the check of the whole file is paid only then.
"""
from __future__ import annotations

import fcntl
import os
import sqlite3
import struct
import sys
from pathlib import Path

from .errors import ProjectError

WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER, FRAME_HEADER = 32, 24
SHM_DMS_BYTE = 128  # SQLite's "dead man switch": every connected process read-locks it


class ForeignWal(ProjectError):
    """The project's -wal holds changes made to another file."""


def check(path: str | os.PathLike) -> None:
    """Raise ``ForeignWal`` when opening ``path`` would replay a WAL that is not its own."""
    path = Path(path)
    wal = Path(f"{path}-wal")
    try:
        if not wal.is_file() or wal.stat().st_size < WAL_HEADER or _in_use_elsewhere(path):
            return
        with open(wal, "rb") as fh:  # SQLite holds no lock on the -wal file itself
            header = fh.read(WAL_HEADER)
            magic, _version, page_size, _seq, salt1, salt2 = struct.unpack(">6I", header[:24])
            if magic not in WAL_MAGIC:
                return  # SQLite ignores a WAL without a valid header
            with open(path, "rb") as db:
                db_head = db.read(100)
            if len(db_head) < 100:
                return  # _check_header's business
            db_page = int.from_bytes(db_head[16:18], "big")
            db_page = 65536 if db_page == 1 else db_page
            if page_size != db_page:
                raise _foreign(path, f"its pages are {page_size} bytes, the file's {db_page}")
            counters = _page_one_counters(fh, page_size, salt1, salt2)
    except OSError:
        return  # unreadable: SQLite will say so in the caller's words
    if counters is None:
        return  # no committed frame: nothing will be replayed
    ours = int.from_bytes(db_head[24:28], "big")
    if counters and not (min(counters) - 1 <= ours <= max(counters)):
        raise _foreign(path, f"it was written on a file at change {min(counters) - 1}, this one is at {ours}")
    if not _replays_cleanly(path):
        raise _foreign(path, "the file with its changes applied is malformed")


def _foreign(path: Path, why: str) -> ForeignWal:
    return ForeignWal(
        f"{path}-wal does not belong to {path} ({why}): it holds changes made to another file "
        f"(was the project file replaced, e.g. by a copied backup, after TinTag was stopped?). "
        f"Nothing was changed; to open {path} as it is, move {path}-wal and {path}-shm aside; "
        f"to keep those changes, put back the file they belong to")


def _page_one_counters(fh, page_size: int, salt1: int, salt2: int) -> list[int] | None:
    """Change counters of the page-1 images in the committed frames of the
    WAL's current generation, or None when no frame would be replayed."""
    committed: list[int] = []
    pending: list[int] = []
    seen_commit = False
    fh.seek(WAL_HEADER)
    while True:
        head = fh.read(FRAME_HEADER)
        if len(head) < FRAME_HEADER:
            break
        page, commit, s1, s2 = struct.unpack(">4I", head[:16])
        if (s1, s2) != (salt1, salt2):
            break  # a frame of an older generation: SQLite stops here too
        body = fh.read(page_size)
        if len(body) < page_size:
            break
        if page == 1:
            pending.append(int.from_bytes(body[24:28], "big"))
        if commit:
            committed += pending
            pending = []
            seen_commit = True
    return committed if seen_commit else None


def _in_use_elsewhere(path: Path) -> bool:
    """Whether another process has the project open in WAL mode (it read-locks
    the -shm's dead-man-switch byte for as long as it is connected)."""
    shm = Path(f"{path}-shm")
    if not shm.exists():
        return False
    if not sys.platform.startswith("linux"):
        return True  # struct flock differs; trust the WAL as SQLite would
    fd = os.open(shm, os.O_RDONLY | os.O_CLOEXEC)
    try:
        probe = struct.pack("@hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, SHM_DMS_BYTE, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
    finally:
        os.close(fd)  # the caller holds no connection to this file (see files.connect)
    return struct.unpack("@hhqqi4x", answer)[0] != fcntl.F_UNLCK


def _replays_cleanly(path: Path) -> bool:
    """``quick_check`` of the file as the WAL would leave it, on a read-only
    connection (it never checkpoints, so neither file is written)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=15)
    except sqlite3.Error:
        return True  # cannot tell; the real open reports its own error
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError as err:
        low = str(err).lower()
        return not ("malformed" in low or "corrupt" in low or "not a database" in low)
    finally:
        conn.close()
