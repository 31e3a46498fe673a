"""Shared fixtures. GUI tests run offscreen; nothing here touches the network."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# GUI tests outside tests/ui (team, reliability) drive the window with the same helpers
sys.path.insert(0, str(Path(__file__).resolve().parent / "ui"))


@pytest.fixture
def project(tmp_path):
    """An empty, freshly created project store."""
    from tintag.core.store import ProjectStore

    store = ProjectStore.create(tmp_path / "test.tintag", actor="lead")
    yield store
    store.close()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep the demo project, settings and recent files out of the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def seed_paths():
    return sorted(SEEDS.glob("*.txt"))
