"""Rolling backups of a project file, made with SQLite's online backup API
(consistent even while the project is open), and restoring one.

Backups live next to the project in ``<name>.backups/``; the newest
``KEEP`` are kept.
"""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from desktop.core.store import ProjectError, ProjectStore

KEEP = 5


def backup_dir(project: Path) -> Path:
    return project.with_name(project.name + ".backups")


def list_backups(project: str | Path) -> list[Path]:
    """Newest first."""
    folder = backup_dir(Path(project))
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.tintag"), key=lambda p: p.name, reverse=True)


def take_backup(project: str | Path, keep: int = KEEP) -> Path:
    """Copy the project into a new dated backup and drop the oldest beyond ``keep``."""
    project = Path(project)
    folder = backup_dir(project)
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = folder / f"{project.stem}-{stamp}.tintag"
    n = 1
    while target.exists():
        target = folder / f"{project.stem}-{stamp}-{n}.tintag"
        n += 1
    source = sqlite3.connect(f"{project.resolve().as_uri()}?mode=ro", uri=True)
    tmp = target.with_suffix(".partial")
    copy = sqlite3.connect(tmp)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    os.replace(tmp, target)  # a backup is either whole or absent
    for old in list_backups(project)[keep:]:
        old.unlink()
    return target


def restore(project: str | Path, backup: str | Path | None = None) -> Path:
    """Replace the project by a backup (the newest by default).

    The current file is first saved as another backup, so a restore can be
    undone. Close TinTag windows on the project before restoring.
    """
    project = Path(project)
    candidates = [Path(backup)] if backup else list_backups(project)
    if not candidates:
        raise ProjectError(f"{project}: no backups in {backup_dir(project)}")
    chosen = candidates[0]
    with ProjectStore.open(chosen, readonly=True) as store:  # refuses non-projects and newer versions
        if store.integrity_check() != "ok":
            raise ProjectError(f"{chosen}: damaged backup ({store.integrity_check()})")
    if project.exists():
        take_backup(project, keep=KEEP + 1)
    tmp = project.with_suffix(".restoring")
    source = sqlite3.connect(f"{chosen.resolve().as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(tmp)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    for leftover in (Path(str(project) + "-wal"), Path(str(project) + "-shm")):
        if leftover.exists():
            leftover.unlink()
    os.replace(tmp, project)
    return chosen
