"""The project store: pragmas, constraints, audit log, search, migrations, bad files."""
from __future__ import annotations

import sqlite3

import pytest

from tintag.core.store import ProjectError, ProjectStore, ReadOnlyProject, fts_query
from tintag.core.store.schema import SCHEMA_VERSION
from tintag.core.textnorm import canonicalise, text_sha256


def add_doc(store, text, uid=None, title=""):
    text, changes = canonicalise(text)
    row = {"uid": uid or text_sha256(text)[:12], "title": title, "text": text,
           "text_sha256": text_sha256(text), "normalisation": changes}
    with store.write():
        store.insert_documents([row])
    return store.document_by_uid(row["uid"])


def test_pragmas(project):
    assert project.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert project.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert project.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert project.schema_version == SCHEMA_VERSION


def test_item_lifecycle_is_logged(project):
    doc = add_doc(project, "Ông Putin nói.")
    ent = project.add_item("entity", doc["id"], "gold", start=4, end=9, label="PER")
    project.update_item("entity", ent["uid"], label="ORG")
    old = project.delete_item("entity", ent["uid"])
    assert project.entities(doc["id"], "gold") == []
    project.restore_item("entity", old)
    assert project.entities(doc["id"], "gold")[0]["label"] == "ORG"
    actions = [e["action"] for e in reversed(project.events(doc["id"]))]
    assert actions == ["add", "update", "delete", "add"]
    update = [e for e in project.events(doc["id"]) if e["action"] == "update"][0]
    assert update["before"]["label"] == "PER" and update["after"]["label"] == "ORG"
    assert update["actor"] == "lead"


def test_events_are_append_only(project):
    project.set_setting("x", 1)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        with project.write():
            project.conn.execute("UPDATE events SET actor = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        with project.write():
            project.conn.execute("DELETE FROM events")
    assert project.events()[0]["actor"] == "lead"


def test_spans_must_lie_inside_text(project):
    doc = add_doc(project, "ngắn 😀")
    with pytest.raises(sqlite3.IntegrityError, match="outside"):
        project.add_item("entity", doc["id"], "gold", start=0, end=7, label="PER")
    with pytest.raises(sqlite3.IntegrityError):
        project.add_item("entity", doc["id"], "gold", start=3, end=3, label="PER")
    # the emoji is one code point: end == len(text) == 6 is allowed
    assert project.add_item("entity", doc["id"], "gold", start=5, end=6, label="MISC")["end"] == 6
    with pytest.raises(sqlite3.IntegrityError, match="outside"):
        project.add_item("quote", doc["id"], "gold", start=0, end=4, cue_start=4, cue_end=9)


def test_failed_write_rolls_back_everything(project):
    doc = add_doc(project, "Một hai ba")
    with pytest.raises(sqlite3.IntegrityError):
        with project.write():
            project.add_item("entity", doc["id"], "gold", start=0, end=3, label="PER")
            project.add_item("entity", doc["id"], "gold", start=0, end=99, label="PER")
    assert project.entities(doc["id"], "gold") == []


def test_fts_finds_with_and_without_diacritics(project):
    add_doc(project, "Cuộc gặp tại Bình Nhưỡng ngày 19/6.", uid="a", title="Thượng đỉnh")
    add_doc(project, "Hội nghị ở Hà Nội.", uid="b")
    assert project.count_documents("Bình Nhưỡng") == 1
    assert project.count_documents("binh nhuong") == 1
    assert project.count_documents("thuong dinh") == 1
    assert project.count_documents("Hà") == 1
    assert project.count_documents("Nh") == 1  # prefix of the last word


@pytest.mark.parametrize("query", ['"', '*', 'NEAR(', '-foo', 'a AND', 'OR OR', '(((', '"unbalanced',
                                   "title:x", "^", "NOT", "a:b:c", "'; DROP TABLE documents; --"])
def test_hostile_search_never_errors(project, query):
    add_doc(project, "Tin tức")
    assert project.count_documents(query) >= 0
    assert isinstance(project.list_documents(0, 10, search=query), list)


def test_fts_query_quotes_words():
    assert fts_query('Hà "Nội đã Jong-un') == '"Hà" "Nội" "dã" "Jong" "un"*'
    assert fts_query("  * - ") == ""


def test_list_filters_and_neighbours(project):
    a = add_doc(project, "Một", uid="a")
    b = add_doc(project, "Hai", uid="b")
    c = add_doc(project, "Ba", uid="c")
    project.set_status(b["id"], "lan", "done")
    project.add_item("entity", c["id"], "lan", start=0, end=2, label="LOC")
    assert [r["uid"] for r in project.list_documents(0, 10, status="done", layer="lan")] == ["b"]
    assert [r["uid"] for r in project.list_documents(0, 10, status="todo", layer="lan")] == ["a", "c"]
    assert [r["uid"] for r in project.list_documents(0, 10, label="LOC", layer="lan")] == ["c"]
    assert project.list_documents(0, 10, layer="lan")[2]["entities"] == 1
    assert project.neighbour_document(a["id"], 1) == b["id"]
    assert project.neighbour_document(a["id"], -1) is None
    assert project.neighbour_document(a["id"], 1, status="todo", layer="lan") == c["id"]


def test_suggestion_decisions_survive_recompute(project):
    doc = add_doc(project, "Ông Putin nói.")
    item = {"kind": "entity", "key": "entity:4:9:PER", "score": 0.9,
            "payload": {"start": 4, "end": 9, "label": "PER", "text": "Putin"}}
    project.replace_suggestions(doc["id"], "ner", "1", doc["text_sha256"], [item])
    assert project.documents_needing_suggestions({"ner": "1"}) == []
    assert project.documents_needing_suggestions({"ner": "2"}) == [doc["id"]]
    project.decide_suggestion(doc["id"], item["key"], "lan", "rejected")
    project.replace_suggestions(doc["id"], "ner", "2", doc["text_sha256"], [item])
    assert project.suggestions(doc["id"], layer="lan")[0]["decision"] == "rejected"
    assert project.suggestions(doc["id"], layer="lan", open_only=True) == []
    assert len(project.suggestions(doc["id"], layer="minh", open_only=True)) == 1


def test_migration_from_version_1(tmp_path):
    path = tmp_path / "old.tintag"
    old = ProjectStore.open(path, create=True, target_version=1)
    assert old.schema_version == 1
    # what version 1 wrote: a plain row, no search index yet
    text = "Bình Nhưỡng mùa đông"
    old.conn.execute(
        "INSERT INTO documents (uid, title, text, text_sha256, imported_at) VALUES (?, ?, ?, ?, ?)",
        ("old", "Đêm", text, text_sha256(text), "2025-01-01T00:00:00Z"))
    old.close()
    store = ProjectStore.open(path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.count_documents("binh nhuong") == 1
    assert store.count_documents("dem") == 1
    store.close()


def test_newer_version_refused_and_untouched(tmp_path):
    path = tmp_path / "new.tintag"
    ProjectStore.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer TinTag"):
        ProjectStore.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"hello, not a database", b"SQLite format 3\x00" + b"\x00" * 50])
def test_not_a_project(tmp_path, content):
    path = tmp_path / "x.tintag"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=str(path.name)):
        ProjectStore.open(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_file_refused(tmp_path):
    path = tmp_path / "other.tintag"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="not a TinTag project"):
        ProjectStore.open(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectError, match="no such project"):
        ProjectStore.open(tmp_path / "missing.tintag")
    with pytest.raises(ProjectError, match="folder"):
        ProjectStore.open(tmp_path)


def test_read_only_file_opens_read_only(tmp_path):
    path = tmp_path / "ro.tintag"
    store = ProjectStore.create(path)
    add_doc(store, "Chỉ đọc", uid="r")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path.chmod(0o444)
    try:
        ro = ProjectStore.open(path)
        assert ro.readonly and ro.document_count() == 1
        with pytest.raises(ReadOnlyProject, match="read-only"):
            ro.set_status(1, "gold", "done")
        ro.close()
    finally:
        path.chmod(0o644)


def test_renaming_a_speaker_label_keeps_it_a_speaker_label(project):
    """The speaker picker listed ("PER", "ORG") literally: after renaming PER to
    NGƯỜI, no person could be picked as a speaker."""
    assert project.speaker_labels() == ("PER", "ORG")
    project.rename_label("entity", "PER", "NGƯỜI")
    assert project.speaker_labels() == ("NGƯỜI", "ORG")
    project.set_speaker_labels(["NGƯỜI"])
    assert project.speaker_labels() == ("NGƯỜI",)
    with pytest.raises(ValueError, match="no entity label"):
        project.set_speaker_labels(["PER"])
