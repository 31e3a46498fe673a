"""Errors a project file can raise, each with a message fit for the user."""
from __future__ import annotations


class ProjectError(Exception):
    """The project file cannot be used; ``str(err)`` says why, naming the file."""


class ReadOnlyProject(ProjectError):
    """A write was attempted on a project opened read-only."""


class PermissionDenied(ProjectError):
    """The active annotator's role does not allow this (blind mode, gold layer)."""
