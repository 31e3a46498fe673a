"""The built-in demo project is made once from the shipped seeds."""
from __future__ import annotations

from tintag import paths
from tintag.core.demo import ensure_demo_project
from tintag.core.store import ProjectStore


def test_demo_created_once_in_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = ensure_demo_project()
    assert path == paths.demo_project_path() and str(path).startswith(str(tmp_path))
    with ProjectStore.open(path) as store:
        assert store.document_count() == 5
        assert "PER" in store.get_setting("guidelines")
        store.set_status(1, "lan", "done")
    assert ensure_demo_project() == path  # not rebuilt: the edit is still there
    with ProjectStore.open(path) as store:
        assert store.assignment(1, "lan")["status"] == "done"
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".demo-")) == []
