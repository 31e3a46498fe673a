"""Where TinTag finds its shipped data and keeps per-user files.

In a built wheel `resources/` and `seeds/` sit inside the package; in a source
checkout (editable install) they sit at the repository root, two folders up
(desktop/tintag/).
"""
from __future__ import annotations

from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name


def resources_dir() -> Path:
    return _shipped("resources")


def seeds_dir() -> Path:
    return _shipped("seeds")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("tintag", appauthor=False))


def demo_project_path() -> Path:
    return user_data_dir() / "demo.tintag"
