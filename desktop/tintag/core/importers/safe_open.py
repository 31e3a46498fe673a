"""Opening files to import: regular files only, never more bytes than a limit.

Every importer (documents, annotation files, bundles) opens its input here,
because a name says nothing about what is behind it:

- a FIFO blocks ``open()`` until some writer comes, so the import hangs;
- ``/dev/zero`` or ``/dev/urandom`` behind an ``article.txt`` symlink never
  ends and reports a size of 0, so a size check passes and the read fills
  the memory;
- sockets and other devices are not files either.

So the target is checked with ``stat`` (which follows a symlink: a link is
followed when what it leads to is a regular file) and refused by name before
it is opened, and checked again on the open descriptor (``fstat``), opened
with ``O_NONBLOCK`` so a FIFO swapped in between cannot block. Sizes are
never trusted: a reader given a limit counts the bytes it hands out and
refuses the file, naming the line, when a byte more exists. Files read line
by line (JSONL, CSV, CoNLL, bundles) bound each line instead (see
``common.bounded_lines``), so they never hold more than a line in memory.

Folders: ``folder_entries`` lists a folder's importable files without
leaving it. A symbolic link inside the folder is followed only when its
target is inside the folder too; one leading elsewhere is listed as
refused (the import names it, and reads nothing from it). Linked folders
are not entered.
"""
from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from . import common
from .common import ImportFailure

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


class RefusedFile(ImportFailure, OSError):
    """Not a regular file, or larger than its limit. Also an OSError, so a
    reader that reports OSErrors around its open (bundles) shows the message:
    ``strerror`` is the message without the file name."""

    def __init__(self, file, line: int | None, message: str):
        ImportFailure.__init__(self, file, line, message)
        self.strerror = message


class Refused(os.PathLike):
    """A folder entry listed but not to be read (a link leading out of the folder)."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    def __str__(self) -> str:
        return str(self.path)

    def __repr__(self) -> str:
        return f"Refused({str(self.path)!r}, {self.reason!r})"


def open_regular(path: str | os.PathLike, limit: int | None = None, too_big: str | None = None) -> BinaryIO:
    """A binary reader of the regular file at ``path`` (a symlink leading to
    one is fine). With ``limit``, reading byte ``limit + 1`` raises
    RefusedFile naming its line; ``too_big`` is then the message."""
    if isinstance(path, Refused):
        raise RefusedFile(path.path, None, path.reason)
    path = Path(path)
    _check_kind(path, os.stat(path).st_mode)  # before opening: a device is never opened
    fd = os.open(path, _OPEN_FLAGS)
    try:
        _check_kind(path, os.fstat(fd).st_mode)  # what was opened, if it changed since
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        if limit is not None and too_big is None:
            too_big = f"file larger than {limit:,} bytes"
        raw = _BoundedReader(io.FileIO(fd, "rb", closefd=True), path, limit, too_big or "")
    except BaseException:
        os.close(fd)
        raise
    return io.BufferedReader(raw)


def read_document_file(file: Path) -> bytes:
    """The bytes of a one-document file (.txt, seed article), refused once
    more is read than a document of MAX_TEXT_CHARS can take."""
    chars = common.MAX_TEXT_CHARS  # read at call time so tests can lower it
    limit = 4 * chars + 1024  # 4 bytes per character at most in UTF-8, a header
    with open_regular(file, limit, f"larger than a document can be (more than {limit:,} bytes; "
                                   f"a document is at most {chars:,} characters)") as fh:
        return fh.read()


def folder_entries(folder: Path, suffixes: Iterable[str]) -> list[Path | Refused]:
    """The files of ``folder`` and its subfolders whose suffix is one of
    ``suffixes``, sorted. Anything so named is listed (a FIFO called
    ``b.txt`` is then refused by name when opened, not skipped in silence);
    a symlink leading out of the folder is a Refused entry."""
    suffixes = {s.lower() for s in suffixes}
    root = os.path.realpath(folder)
    found: list[tuple[Path, str | None]] = []
    for dirpath, _dirnames, filenames in os.walk(folder):  # does not enter linked folders
        for name in filenames:
            path = Path(dirpath) / name
            if path.suffix.lower() not in suffixes:
                continue
            reason = None
            if path.is_symlink():
                target = os.path.realpath(path)
                if os.path.commonpath([root, target]) != root:
                    reason = f"a symbolic link to {target}, outside the folder {folder}; not followed"
            found.append((path, reason))
    found.sort(key=lambda entry: entry[0])
    return [Refused(path, reason) if reason else path for path, reason in found]


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    if path.is_symlink():
        raise RefusedFile(path, None, f"{os.path.realpath(path)} is {kind}, not a regular file")
    raise RefusedFile(path, None, f"{kind}, not a regular file")


class _BoundedReader(io.RawIOBase):
    """Hands out at most ``limit`` bytes; asked for more, it looks for one
    byte beyond and refuses the file if there is one. It counts line ends,
    so the refusal names the line holding the first byte too many."""

    def __init__(self, raw: io.FileIO, path: Path, limit: int | None, too_big: str):
        super().__init__()
        self._raw, self._path, self._limit, self._too_big = raw, path, limit, too_big
        self._given = self._lines = 0

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()

    def readinto(self, buffer) -> int:
        if self._limit is None:
            return self._raw.readinto(buffer)
        room = self._limit - self._given
        if room <= 0:
            if self._raw.read(1):
                raise RefusedFile(self._path, self._lines + 1, self._too_big)
            return 0
        view = memoryview(buffer).cast("B")[:room]
        n = self._raw.readinto(view) or 0
        self._given += n
        self._lines += view[:n].tobytes().count(b"\n")
        return n

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()
