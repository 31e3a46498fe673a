"""Errors a project file can raise, each with a message fit for the user."""
from __future__ import annotations


class ProjectError(Exception):
    """The project file cannot be used; ``str(err)`` says why, naming the file."""


class ReadOnlyProject(ProjectError):
    """A write was attempted on a project opened read-only."""


class PermissionDenied(ProjectError):
    """The active annotator's role does not allow this (blind mode, gold layer)."""


class DamagedProject(ProjectError):
    """An SQLite project file that is cut short or has damaged pages; ``detail``
    is what is wrong with it, without the advice."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail or message


class LockedProject(ProjectError):
    """Another program held the project locked for longer than TinTag waits."""


def is_busy(err: BaseException) -> bool:
    """SQLite's "database is locked" / "busy": another connection holds the lock."""
    low = str(err).lower()
    return "locked" in low or "busy" in low


def project_error(path, err: BaseException) -> ProjectError:
    """A clear, one-line ProjectError naming ``path`` for an ``sqlite3`` error."""
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    low = text.lower()
    if is_busy(text):
        return LockedProject(f"{path}: locked by another program ({text}); "
                             "close it, or try again in a moment")
    if "malformed" in low or "corrupt" in low or "not a database" in low:
        return DamagedProject(f"{path}: the project file is damaged ({text}); "
                              f"'tintag restore {path}' puts back its newest backup", text)
    if "readonly" in low or "read-only" in low:
        return ReadOnlyProject(f"{path}: cannot be changed ({text})")
    return ProjectError(f"{path}: {text}")
