"""Rolling backups of a project file, made with SQLite's online backup API
(consistent even while the project is open and being edited), and restoring one.

Backups live next to the project in ``<name>.backups/`` as
``<stem>-<UTC time>[-n].tintag``; the newest ``KEEP`` are kept. Each backup is
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
from pathlib import Path
from typing import NamedTuple

from desktop.core.store import ProjectError, ProjectStore
from desktop.core.store import project as _project
from desktop.core.store import files, schema
from desktop.core.store.errors import DamagedProject, LockedProject, ReadOnlyProject, project_error

KEEP = 5
_NAME = re.compile(r"-(\d{8}T\d{6})(?:-(\d+))?\.tintag$")


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


def take_backup(project: str | Path, keep: int = KEEP, *, spare: str | Path | None = None) -> Path:
    """Copy the project into a new dated backup and drop the oldest beyond ``keep``
    (never ``spare``: the backup a restore is about to read).

    Raises ``DamagedProject`` (and keeps every older backup) when the project
    is damaged, ``ProjectError`` when it is not a project.
    """
    project = Path(project)
    _check_source(project)
    folder = backup_dir(project)
    made_folder = not folder.exists()
    folder.mkdir(exist_ok=True)
    _drop_stale_partials(folder)
    tmp = folder / f".{project.stem}-{uuid.uuid4().hex}.partial"
    try:
        _copy(project, tmp)
        target = _publish(tmp, project, ".tintag")  # a backup is either whole or absent
    except BaseException:
        tmp.unlink(missing_ok=True)
        if made_folder:
            try:
                folder.rmdir()  # leave nothing behind for a file that could not be saved
            except OSError:
                pass
        raise
    spared = Path(spare).resolve() if spare else None
    for old in list_backups(project)[keep:]:
        if old.resolve() == spared:
            continue
        for path in (old, Path(f"{old}-wal"), Path(f"{old}-shm"), Path(f"{old}-journal")):
            path.unlink(missing_ok=True)
    return target


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
        return take_backup(project, keep=KEEP + 1, spare=spare)  # +1: one more for the way back
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
