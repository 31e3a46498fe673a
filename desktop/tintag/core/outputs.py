"""Refuse output paths that would destroy a project.

``tintag export p.tintag -o p.tintag`` used to overwrite the project with
JSONL and then suggest ``tintag restore``, which had no backup to restore.
Every command and window action that writes a file the user named checks it
here first: never the project itself (by any name: a hard link or a symlink),
its ``-wal``/``-shm``/``-journal``, its backups folder, or any SQLite database.
"""
from __future__ import annotations

import os
from pathlib import Path

from tintag.core.store import ProjectError, files

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDECARS = ("-wal", "-shm", "-journal")


class UnsafeOutput(ProjectError):
    """An output path that is, or would overwrite, a project or another database."""


def refuse_unsafe_output(out: str | os.PathLike, project: str | os.PathLike | None = None) -> None:
    """Raise ``UnsafeOutput`` when writing ``out`` could damage ``project`` or
    any SQLite database. For a folder output, exporters check each file they
    are about to put in it as well."""
    out = Path(out)
    if project is not None:
        _not_the_project(out, Path(project))
    if _is_database(out):
        raise UnsafeOutput(f"{out}: is an SQLite database (a project?); TinTag does not "
                           f"write over it; choose another output name")
    for end in SIDECARS:
        if out.name.endswith(end) and _is_database(out.with_name(out.name[:-len(end)])):
            raise UnsafeOutput(f"{out}: belongs to the database {out.name[:-len(end)]}; "
                               f"choose another output name")


def _not_the_project(out: Path, project: Path) -> None:
    resolved, home = _resolve(out), _resolve(project)
    backups = home.with_name(home.name + ".backups")
    names = {home} | {home.with_name(home.name + end) for end in SIDECARS}
    same_file = False
    try:
        same_file = out.exists() and project.exists() and os.path.samefile(out, project)
    except OSError:
        pass
    if same_file or resolved in names:
        raise UnsafeOutput(f"{out}: is the project {project} (or one of its own files); "
                           f"choose another output name")
    if resolved == backups or backups in resolved.parents:
        raise UnsafeOutput(f"{out}: is inside the project's backups folder {backups}; "
                           f"choose another output name")


def _is_database(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        return files.read_head(path, 16) == SQLITE_MAGIC  # safe on a live project
    except OSError:
        return False


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
