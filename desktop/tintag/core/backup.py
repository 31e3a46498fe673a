"""Rolling backups of a project file, made with SQLite's online backup API
(consistent even while the project is open and being edited), and restoring one.

Backups live next to the project in ``<name>.backups/`` as
``<stem>-<UTC time>[-n][.<reason>].tintag`` (reason: what was about to happen,
e.g. ``before-import``); which are kept is decided by age as well as count
(backup_retention.py). Each backup is
a whole project in one file (no ``-wal`` beside it) whose structure was checked
(``PRAGMA quick_check``) before it joined the others, so opening a damaged
project never pushes the good backups out.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from tintag.core import backup_retention as retention
from tintag.core.store import ProjectError, ProjectStore, files, schema
from tintag.core.store import project as _project
from tintag.core.store.errors import DamagedProject, LockedProject, ReadOnlyProject, project_error

KEEP = retention.NEWEST
_NAME = re.compile(r"-(\d{8}T\d{6})(?:-(\d+))?(?:\.([a-z][a-z-]{0,39}))?\.tintag$")
_REASON = re.compile(r"[a-z][a-z-]{0,39}")


class Restored(NamedTuple):
    source: Path  # the backup put back
    saved: Path | None  # where the file it replaced was kept (None: there was none)


def backup_dir(project: str | Path) -> Path:
    project = Path(project)
    return project.with_name(project.name + ".backups")


def list_backups(project: str | Path) -> list[Path]:
    """The project's backups, newest first (by the time in their names)."""
    project = Path(project)
    folder = backup_dir(project)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.tintag"):
        match = _NAME.search(path.name)
        if match and path.name[:match.start()] == project.stem and path.is_file() \
                and path.stat().st_size:
            found.append((match.group(1), int(match.group(2) or 0), path.name, path))
    return [entry[-1] for entry in sorted(found, reverse=True)]


def backup_reason(path: str | Path) -> str:
    """What a backup was taken before ("" for a plain one), from its name."""
    match = _NAME.search(Path(path).name)
    return (match.group(3) or "") if match else ""


def take_backup(project: str | Path, keep: int = KEEP, *, spare: str | Path | None = None,
                reason: str = "", only_if_changed: bool = False, prune: bool = True) -> Path:
    """Copy the project into a new dated backup and prune the old ones by
    count and age (never ``spare``: the backup a restore is about to read).

    ``reason`` (e.g. "before-import") is shown by ``tintag restore --list``.
    With ``only_if_changed``, no copy is made when the newest backup already
    holds the project as it is (the same last event): five opens of an
    unchanged project then push nothing out. Returns the backup that holds
    the project now.

    Raises ``DamagedProject`` (and keeps every older backup) when the project
    is damaged, ``ProjectError`` when it is not a project.
    """
    project = Path(project)
    if reason and not _REASON.fullmatch(reason):
        raise ValueError(f"a backup reason is a short lower-case word, not {reason!r}")
    _check_source(project)
    if only_if_changed:
        newest = list_backups(project)[:1]
        if newest and _state(newest[0]) == _state(project):
            return newest[0]
    target = _copy_into_folder(project, f".{reason}.tintag" if reason else ".tintag")
    if prune:
        prune_backups(project, keep, spare)
    return target


def _copy_into_folder(project: Path, suffix: str, retried: bool = False) -> Path:
    folder = backup_dir(project)
    try:
        folder.mkdir()
        made_folder = True
    except FileExistsError:
        made_folder = False
    _drop_stale_partials(folder)
    tmp = folder / f".{project.stem}-{uuid.uuid4().hex}.partial"
    try:
        _copy(project, tmp)
        return _publish(tmp, project, suffix)  # a backup is either whole or absent
    except BaseException:
        tmp.unlink(missing_ok=True)
        if made_folder:
            try:
                folder.rmdir()  # leave nothing behind for a file that could not be saved
            except OSError:
                pass
        if retried or folder.is_dir():
            raise
    # another TinTag's failed backup removed the folder between our mkdir and copy
    return _copy_into_folder(project, suffix, retried=True)


@contextmanager
def backup_before(project: str | Path, reason: str) -> Iterator[Path]:
    """A rolling backup for a bulk write (``reason``: "import", "merge", …), taken
    unless the newest backup already holds the project; dropped again when the
    write ends with the project unchanged (a refused file leaves no trace)."""
    newest = list_backups(project)[:1]
    made = take_backup(project, reason=f"before-{reason}", only_if_changed=True, prune=False)
    fresh = made not in newest
    try:
        yield made
    finally:
        if fresh and not drop_if_unchanged(project, made):
            prune_backups(project)


def drop_if_unchanged(project: str | Path, made: Path) -> bool:
    """Remove the backup ``made`` when the project still equals it (a command
    that took it and then refused its input wrote nothing); True if removed."""
    project = Path(project)
    state = _state(made)
    if state is None or state != _state(project):
        return False
    made.unlink(missing_ok=True)
    folder = backup_dir(project)
    try:
        folder.rmdir()  # only when it is empty: this was the first backup
    except OSError:
        pass
    return True


def prune_backups(project: str | Path, keep: int = KEEP, spare: str | Path | None = None) -> None:
    """Drop the backups the retention rules no longer keep (never ``spare``)."""
    project = Path(project)
    spared = Path(spare).resolve() if spare else None
    backups = list_backups(project)
    named = {_key(path): path for path in backups}
    kept = retention.to_keep(list(named), newest=keep)
    for key, old in named.items():
        if key in kept or old.resolve() == spared:
            continue
        for path in (old, Path(f"{old}-wal"), Path(f"{old}-shm"), Path(f"{old}-journal")):
            path.unlink(missing_ok=True)


def _key(path: Path) -> tuple[str, int]:
    match = _NAME.search(path.name)
    return match.group(1), int(match.group(2) or 0)


def _state(path: Path) -> tuple | None:
    """What identifies a project's content: its format and last event (every
    change appends one to the append-only log); None when it cannot be read."""
    try:
        conn = _reader(path)
    except ProjectError:
        return None
    try:
        last = conn.execute("SELECT id, at FROM events ORDER BY id DESC LIMIT 1").fetchone()
        return schema.user_version(conn), tuple(last or ())
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def restore(project: str | Path, backup: str | Path | None = None) -> Restored:
    """Put a backup (the newest by default) back in place of the project.

    The current file is kept first: as a normal backup, or, when it is too
    damaged for SQLite to copy, byte for byte as ``….damaged`` in the backup
    folder. The backup is written into the project through SQLite in one
    transaction, so a window still open on it sees the old or the restored
    project, never a mix; only a file SQLite cannot write into (damaged, not a
    database) is replaced as a whole.
    """
    project = Path(project)
    if backup:
        chosen = Path(backup)
    else:
        candidates = list_backups(project)
        if not candidates:
            raise ProjectError(f"{project}: no backups in {backup_dir(project)}")
        chosen = candidates[0]
    if project.is_dir():
        raise ProjectError(f"{project}: is a folder, not a project file")
    if project.exists() and chosen.exists() and os.path.samefile(project, chosen):
        raise ProjectError(f"{chosen}: is the project itself; choose one of its backups")
    _check_restorable(chosen)
    if project.exists() and not _project._writable(project):
        raise ReadOnlyProject(f"{project}: read-only; make it writable to restore a backup into it")
    saved = _save_current(project, spare=chosen)
    if project.exists():
        try:
            _copy(chosen, project, into_live=True)
            return Restored(chosen, saved)
        except DamagedProject:
            pass  # SQLite cannot write into it: replace the whole file below
    tmp = project.with_name(f".{project.name}.{uuid.uuid4().hex}.restoring")
    try:
        _copy(chosen, tmp)
        for leftover in (Path(f"{project}-wal"), Path(f"{project}-shm"), Path(f"{project}-journal")):
            leftover.unlink(missing_ok=True)
        os.replace(tmp, project)
    finally:
        tmp.unlink(missing_ok=True)
    return Restored(chosen, saved)


# ----------------------------------------------------------------- helpers
def _check_source(project: Path) -> None:
    if project.is_dir():
        raise ProjectError(f"{project}: is a folder, not a project file")
    if not project.exists():
        raise ProjectError(f"{project}: no such project file")
    _project._check_header(project)  # not SQLite, cut short, foreign, newer: clear words


def _check_restorable(backup: Path) -> None:
    """A TinTag project of any format up to ours, undamaged."""
    try:
        with ProjectStore.open(backup, readonly=True, target_version=1) as store:
            result = store.integrity_check()
    except sqlite3.Error as err:
        error = project_error(backup, err)
        if not isinstance(error, DamagedProject):
            raise error from None
        result = error.detail
    except DamagedProject as err:  # its own words would offer to restore the backup itself
        result = err.detail
    if result != "ok":
        raise DamagedProject(f"{backup}: a damaged backup ({result}); choose another one with --from")


def _copy(source: Path, dest: Path, into_live: bool = False) -> None:
    """Copy ``source`` into ``dest`` with SQLite's backup API and check the result.

    A new ``dest`` becomes a one-file database (rollback journal); a live
    ``dest`` (``into_live``) keeps its journal mode and gets the copy as one
    transaction.
    """
    src = _reader(source)
    try:
        out = files.connect(dest, isolation_level=None, timeout=_project.BUSY_TIMEOUT_S)
        try:
            src.backup(out, progress=_give_up_when_locked())
            if not into_live:
                out.execute("PRAGMA journal_mode = DELETE")
            app_id = out.execute("PRAGMA application_id").fetchone()[0]
            check = out.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            out.close()
    except sqlite3.Error as err:
        error = project_error(dest if into_live else source, err)
        if isinstance(error, (LockedProject, DamagedProject)):
            raise error from None
        raise project_error(source, err) from None
    finally:
        src.close()
    if app_id != schema.APPLICATION_ID:
        raise ProjectError(f"{source}: an SQLite file, but not a TinTag project")
    if check != "ok":
        raise DamagedProject(
            f"{source}: the project file is damaged ({check}); no backup was made and the "
            f"older ones are kept: 'tintag restore {source}' puts back the newest", check
        )


def _give_up_when_locked():
    """A progress callback for ``Connection.backup``, which otherwise retries a
    locked source or destination forever (the window would hang on open)."""
    deadline = time.monotonic() + _project.BUSY_TIMEOUT_S

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    return progress


def _reader(path: Path) -> sqlite3.Connection:
    """A connection that cannot write ``path`` (see ``reader_connection``)."""
    try:
        return _project.reader_connection(path)
    except sqlite3.Error as err:
        raise project_error(path, err) from None


def _save_current(project: Path, spare: Path) -> Path | None:
    """Keep the file a restore is about to replace (and the backup ``spare`` it restores)."""
    if not project.exists():
        return None
    try:
        return take_backup(project, keep=KEEP + 1, spare=spare,  # +1: one more for the way back
                           reason="before-restore")
    except LockedProject:
        raise
    except (ProjectError, sqlite3.Error):
        pass  # damaged or not a project: keep its bytes exactly as they are
    folder = backup_dir(project)
    folder.mkdir(exist_ok=True)
    tmp = folder / f".{project.stem}-{uuid.uuid4().hex}.partial"
    try:
        files.copy_bytes(project, tmp)
        target = _publish(tmp, project, ".damaged")
    finally:
        tmp.unlink(missing_ok=True)
    wal = Path(f"{project}-wal")
    if wal.exists() and wal.stat().st_size:
        shutil.copyfile(wal, f"{target}-wal")  # SQLite reads it beside the copy
    return target


def _publish(tmp: Path, project: Path, suffix: str) -> Path:
    """Give the finished copy ``tmp`` the name ``<stem>-<UTC time>[-n]<suffix>``,
    later than every backup, never replacing one (two windows opening at once)."""
    folder = backup_dir(project)
    stamp, n = time.strftime("%Y%m%dT%H%M%S", time.gmtime()), 0
    newest = list_backups(project)[:1]
    if newest:  # a clock set back must not make the new backup the first to be dropped
        match = _NAME.search(newest[0].name)
        last = (match.group(1), int(match.group(2) or 0))
        if last >= (stamp, 0):
            stamp, n = last[0], last[1] + 1
    while True:
        target = folder / f"{project.stem}-{stamp}{f'-{n}' if n else ''}{suffix}"
        try:
            os.link(tmp, target)  # fails if the name is taken: nothing is overwritten
        except FileExistsError:
            n += 1
            continue
        except OSError:  # a file system without hard links (FAT, some network drives)
            if target.exists():
                n += 1
                continue
            os.replace(tmp, target)
            return target
        tmp.unlink()
        return target


def _drop_stale_partials(folder: Path) -> None:
    """Copies left half-made by a killed TinTag (an hour old: none is still being written)."""
    for stale in folder.glob(".*.partial"):
        try:
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink()
        except OSError:
            pass
