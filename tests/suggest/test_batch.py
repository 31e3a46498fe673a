"""Batch pre-annotation: stored, resumable, cancellable, recomputed only when needed."""
from __future__ import annotations

import json

import pytest

from tintag.core.importers import import_files
from tintag.core.store import ProjectStore
from tintag.core.suggest import batch, registry


@pytest.fixture
def seeded(tmp_path, seed_paths):
    path = tmp_path / "p.tintag"
    with ProjectStore.create(path) as store:
        import_files(store, seed_paths)
    return path


def runs(path):
    with ProjectStore.open(path) as store:
        return {(r["document_id"], r["producer"]): r["computed_at"]
                for r in store.db.query("SELECT * FROM suggestion_runs")}


def test_whole_project_then_nothing_to_do(seeded):
    seen = []
    summary = batch.suggest_project(seeded, workers=1, progress=lambda d, t: seen.append((d, t)))
    assert (summary.total, summary.done, summary.cancelled) == (5, 5, False)
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    before = runs(seeded)
    assert len(before) == 15  # 5 documents × 3 producers
    again = batch.suggest_project(seeded, workers=1)
    assert (again.total, again.done) == (0, 0)
    assert runs(seeded) == before  # nothing was recomputed


def test_cancel_then_resume_keeps_finished_work(seeded):
    calls = []
    summary = batch.suggest_project(seeded, workers=1, batch_size=1,
                                    cancelled=lambda: len(calls) >= 3,  # (0, 5) + two documents
                                    progress=lambda d, t: calls.append(d))
    assert summary.cancelled and summary.done == 2
    finished = runs(seeded)
    assert len({doc for doc, _ in finished}) == 2
    resumed = batch.suggest_project(seeded, workers=1)
    assert (resumed.total, resumed.done) == (3, 3)
    after = runs(seeded)
    assert all(after[key] == stamp for key, stamp in finished.items())  # not redone
    assert len(after) == 15


def test_process_pool_gives_the_same_suggestions(seeded, tmp_path, seed_paths):
    batch.suggest_project(seeded, workers=2)
    other = tmp_path / "one.tintag"
    with ProjectStore.create(other) as store:
        import_files(store, seed_paths)
    batch.suggest_project(other, workers=1)

    def dump(path):
        with ProjectStore.open(path) as store:
            return sorted((r["document_id"], r["key"], r["payload"]) for r in
                          store.db.query("SELECT document_id, key, payload FROM suggestions"))

    assert dump(seeded) == dump(other)


def test_version_bump_recomputes(seeded, monkeypatch):
    batch.suggest_project(seeded, workers=1)
    from tintag.core.suggest.quotes import QuoteProducer

    monkeypatch.setattr(QuoteProducer, "version", "test-2")
    summary = batch.suggest_project(seeded, workers=1)
    assert summary.total == 5
    with ProjectStore.open(seeded) as store:
        versions = {r["producer_version"] for r in store.db.query(
            "SELECT producer_version FROM suggestion_runs WHERE producer = 'rules-quotes'")}
    assert versions == {"test-2"}


def test_ensure_suggestions_single_document(project, tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": "Ông Nguyễn Văn Nam 😀 cho biết Hà Nội sẽ mở thêm 3 tuyến buýt."},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    import_files(project, [src])
    assert batch.ensure_suggestions(project, 1) is True
    assert batch.ensure_suggestions(project, 1) is False
    rows = project.suggestions(1, layer="lan", open_only=True)
    text = project.document(1)["text"]
    labels = {(r["payload"]["label"], r["payload"]["text"]) for r in rows if r["kind"] == "entity"}
    assert ("LOC", "Hà Nội") in labels
    for r in rows:
        if r["kind"] == "entity":
            assert text[r["payload"]["start"]:r["payload"]["end"]] == r["payload"]["text"]


def test_project_producer_settings(project):
    project.set_setting("producers", ["underthesea-ner"])
    project.set_setting("label_map", {"MISC": ""})
    producers = registry.project_producers(project)
    assert [p.name for p in producers] == ["underthesea-ner"]
    with pytest.raises(ValueError, match="unknown suggestion producer"):
        registry.build(["nope"])
