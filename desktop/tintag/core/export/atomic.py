"""Files that appear only when complete: everything is written under a
temporary name (``.tintag-partial-…``) in the folder where it will live, and
renamed into place at the end. A killed export leaves only such a temporary
beside the previous, untouched output; later exports remove temporaries older
than an hour (a younger one may belong to an export running now).

Two ways to stage:

- ``FileByFile``: each file gets a temporary sibling and is renamed over its
  final name (one ``rename`` each, atomic on POSIX). Other files in the folder
  are never touched.
- ``WholeFolder``: a new folder is written beside the target and swapped in,
  so the whole set of files changes at once and no file of the previous export
  survives (a stale ``test.jsonl`` of an older split). On Linux the swap is one
  ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, with the previous
  folder kept under a temporary name until the new one is in place.
"""
from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

PARTIAL = ".tintag-partial-"
STALE_SECONDS = 3600
_NAME_KEEP = 100  # characters of the final name kept in a temporary's name (names are ≤ 255 bytes)


def partial_name(name: str) -> str:
    """A fresh temporary name that still says what it will become."""
    return f"{PARTIAL}{secrets.token_hex(4)}-{name[:_NAME_KEEP]}"


def is_partial(name: str) -> bool:
    return name.startswith(PARTIAL)


# ----------------------------------------------------------------- cleanup
def _newest_mtime(path: Path) -> float:
    """A temporary folder is alive while any file in it is being written."""
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        with os.scandir(path) as entries:
            for entry in entries:
                newest = max(newest, entry.stat(follow_symlinks=False).st_mtime)
    return newest


def remove_stale(folder: Path, now: float | None = None) -> None:
    """Remove the temporaries killed exports left in ``folder`` (older than STALE_SECONDS)."""
    now = time.time() if now is None else now
    try:
        entries = [Path(e.path) for e in os.scandir(folder) if is_partial(e.name)]
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return
    for path in entries:
        try:
            if now - _newest_mtime(path) < STALE_SECONDS:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue  # another export removed it, or we may not: leave it


# ---------------------------------------------------------------- durability
def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(path: Path) -> None:
    """Make the renames in a folder durable (best effort: not every system can)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_mode(old: Path, new: Path) -> None:
    """A replaced file or folder keeps the permissions its owner gave it."""
    try:
        os.chmod(new, stat.S_IMODE(os.stat(old).st_mode))
    except FileNotFoundError:
        pass


# ------------------------------------------------------------------ exchange
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_renameat2 = None


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux ``renameat2``).

    Returns False where the system or file system cannot (then nothing moved).
    """
    global _renameat2
    if not sys.platform.startswith("linux"):
        return False
    if _renameat2 is None:
        try:
            func = ctypes.CDLL(None, use_errno=True).renameat2
        except (OSError, AttributeError):  # a libc without it (glibc < 2.28, some musl)
            _renameat2 = False
            return False
        func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        func.restype = ctypes.c_int
        _renameat2 = func
    if _renameat2 is False:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system cannot exchange: the caller falls back
    raise OSError(code, os.strerror(code), str(b))


# ------------------------------------------------------------------ staging
class FileByFile:
    """Files staged one by one beside their final names in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.staged: dict[str, Path] = {}  # final name → temporary path

    def path(self, name: str) -> Path:
        if name not in self.staged:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.staged[name] = self.folder / partial_name(name)
        return self.staged[name]

    def final(self, staged: Path) -> Path | None:
        for name, path in self.staged.items():
            if path == staged:
                return self.folder / name
        return None

    def commit(self) -> None:
        # every file complete and on disk first, then the renames in one quick run
        for name, path in self.staged.items():
            _fsync_file(path)
            _keep_mode(self.folder / name, path)
        for name, path in self.staged.items():
            try:
                os.replace(path, self.folder / name)
            except OSError as err:
                raise OSError(err.errno, err.strerror, str(self.folder / name)) from err
        _fsync_folder(self.folder)

    def discard(self) -> None:
        for path in self.staged.values():
            try:
                path.unlink()
            except FileNotFoundError:
                pass


class WholeFolder:
    """A folder written under a temporary name beside ``target``, swapped in at the end.

    ``replaceable()`` is asked again at the end: if someone put other files into
    the target meanwhile, the new files are moved in one by one instead and the
    target is kept.
    """

    def __init__(self, target: Path, replaceable: Callable[[], bool]):
        self.target, self.replaceable = target, replaceable
        target.parent.mkdir(parents=True, exist_ok=True)
        self.temp = target.parent / partial_name(target.name)
        self.temp.mkdir()

    def path(self, name: str) -> Path:
        return self.temp / name

    def final(self, staged: Path) -> Path | None:
        return self.target / staged.relative_to(self.temp) if staged.is_relative_to(self.temp) else None

    def commit(self) -> None:
        names = sorted(os.listdir(self.temp))
        for name in names:
            _fsync_file(self.temp / name)
        _fsync_folder(self.temp)
        try:
            if not self.target.exists():
                os.rename(self.temp, self.target)
            elif self.target.is_dir() and self.replaceable():
                _keep_mode(self.target, self.temp)
                self._swap()
            else:
                self._move_in(names)
        except OSError as err:
            if err.filename and is_partial(Path(err.filename).name):
                raise OSError(err.errno, err.strerror, str(self.target)) from err
            raise
        _fsync_folder(self.target.parent)

    def _swap(self) -> None:
        if exchange(self.temp, self.target):
            shutil.rmtree(self.temp)  # the temporary name now holds the previous export
            return
        previous = self.target.parent / partial_name("previous-" + self.target.name)
        os.rename(self.target, previous)
        os.rename(self.temp, self.target)
        shutil.rmtree(previous)

    def _move_in(self, names: list[str]) -> None:
        files = FileByFile(self.target)
        for name in names:
            os.replace(self.temp / name, files.path(name))
        files.commit()
        os.rmdir(self.temp)

    def discard(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)


def swappable(folder: Path, names: set[str]) -> bool:
    """Whether ``folder`` is a previous export that may be replaced as a whole:
    a real folder (not a link, not a mount point, not the working folder or one
    of its parents) holding at least one of ``names`` and nothing else but our
    temporaries. Anything else there, and we never remove or replace it."""
    try:
        if folder.is_symlink() or not folder.is_dir() or os.path.ismount(folder):
            return False
        here, resolved = Path.cwd().resolve(), folder.resolve()
        if here == resolved or resolved in here.parents:
            return False
        found = False
        with os.scandir(folder) as entries:
            for entry in entries:
                if is_partial(entry.name):
                    continue
                if entry.name not in names or not entry.is_file(follow_symlinks=False):
                    return False
                found = True
        return found
    except OSError:
        return False
