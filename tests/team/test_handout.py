"""`tintag handout`: an annotator's project copy without the other layers (issue 14, item 9).

Blind mode protects annotators from bias in the window; a copy of the project
file holds every layer. A handout holds the documents and one annotator's
share only, not even in free pages, and its work comes back as a bundle.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from team_helpers import TEXT, project_with_layers, span

from tintag.cli import main
from tintag.core.store import GOLD, ProjectStore

SECRET = "ghi-chú-bí-mật-của-minh"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def master(tmp_path) -> Path:
    lead, (doc,) = project_with_layers(tmp_path / "master.tintag")
    for name in ("lan", "minh"):
        lead.add_annotator(name)
    lead.add_annotator("thu", role="reviewer")
    s, e = span(TEXT, "Nguyễn Văn An")
    lead.add_item("entity", doc, "lan", start=s, end=e, label="PER")
    minh = lead.add_item("entity", doc, "minh", start=s, end=e, label="ORG")
    qs, qe = span(TEXT, "Việt Nam ủng hộ hòa bình")
    lead.add_item("quote", doc, "minh", start=qs, end=qe, kind="direct", speaker_uid=minh["uid"])
    lead.add_item("entity", doc, GOLD, start=s, end=e, label="PER")
    lead.set_note(doc, "minh", SECRET)
    lead.set_status(doc, "lan", "in_progress")
    lead.set_blind(True)
    path = lead.path
    lead.close()
    return path


def test_a_handout_holds_one_annotators_share_and_nothing_else(capsys, master, tmp_path):
    out = tmp_path / "lan.tintag"
    code, text, err = run(capsys, "handout", master, "--annotator", "lan", "-o", out)
    assert code == 0, err
    assert "without 3 items" in text
    assert SECRET.encode() not in out.read_bytes()  # not in a free page either
    with ProjectStore.open(out, actor="lead", readonly=True) as store:
        doc = store.document_ids()[0]
        assert set(store.layers()) == {"lan", GOLD}  # gold is always listed; it is empty here
        assert [e["label"] for e in store.entities(doc, "lan")] == ["PER"]
        assert store.entities(doc, "minh") == [] and store.entities(doc, GOLD) == []
        assert store.quotes(doc, "minh") == []
        assert store.assignment(doc, "lan")["status"] == "in_progress"
        assert store.assignment(doc, "minh")["note"] == ""
        assert [a["name"] for a in store.annotators()] == ["lan"]
        assert all(json.dumps(e, ensure_ascii=False).find("minh") < 0 for e in store.events(limit=10**6))
        assert store.reviews() == []
        assert store.integrity_check() == "ok"
        assert store.document_count() == 1 and store.labels()  # the shared parts travel


def test_work_in_a_handout_comes_back_as_a_bundle(capsys, master, tmp_path):
    out = tmp_path / "lan.tintag"
    assert run(capsys, "handout", master, "--annotator", "lan", "-o", out)[0] == 0
    with ProjectStore.open(out, actor="lan") as store:
        doc = store.document_ids()[0]
        s, e = span(TEXT, "Hà Nội")
        store.add_item("entity", doc, "lan", start=s, end=e, label="LOC")
    bundle = tmp_path / "lan.jsonl"
    assert run(capsys, "bundle", "export", out, "--annotator", "lan", "-o", bundle)[0] == 0
    code, _, err = run(capsys, "bundle", "merge", master, bundle)
    assert code == 0, err
    with ProjectStore.open(master, readonly=True) as store:
        doc = store.document_ids()[0]
        assert sorted(e["label"] for e in store.entities(doc, "lan")) == ["LOC", "PER"]
        assert [e["label"] for e in store.entities(doc, "minh")] == ["ORG"]  # others untouched


def test_a_handout_is_refused_onto_an_existing_file_or_for_a_stranger(capsys, master, tmp_path):
    taken = tmp_path / "taken.tintag"
    taken.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "handout", master, "--annotator", "lan", "-o", taken)
    assert code == 1 and "exists already" in err and taken.read_text(encoding="utf-8") == "mine"
    code, _, err = run(capsys, "handout", master, "--annotator", "nobody-here", "-o", tmp_path / "x.tintag")
    assert code == 1 and "no profile" in err and not (tmp_path / "x.tintag").exists()
    code, _, err = run(capsys, "handout", master, "--annotator", "lan", "-o", master)
    assert code == 1 and "choose another output name" in err
    assert not list(tmp_path.glob(".*partial")) and not list(tmp_path.glob(".*vacuumed"))


def test_edits_on_the_master_after_a_handout_survive_the_bundle_back(capsys, master, tmp_path):
    """The handout notes what it starts from: lan's bundle is merged three-way
    against it, so a reviewer's fix of lan's layer on the master meanwhile stays."""
    out = tmp_path / "lan.tintag"
    assert run(capsys, "handout", master, "--annotator", "lan", "-o", out)[0] == 0
    with ProjectStore.open(master, actor="lead") as store:  # meanwhile, on the master
        doc = store.document_ids()[0]
        (per,) = store.entities(doc, "lan")
        store.update_item("entity", per["uid"], label="ORG")
    with ProjectStore.open(out, actor="lan") as store:  # lan adds a place, does not touch the name
        doc = store.document_ids()[0]
        s, e = span(TEXT, "Huế")
        store.add_item("entity", doc, "lan", start=s, end=e, label="LOC")
    bundle = tmp_path / "lan.jsonl"
    assert run(capsys, "bundle", "export", out, "--annotator", "lan", "-o", bundle)[0] == 0
    code, text, err = run(capsys, "bundle", "merge", master, bundle)
    assert code == 0, err
    with ProjectStore.open(master, readonly=True) as store:
        doc = store.document_ids()[0]
        assert sorted(e["label"] for e in store.entities(doc, "lan")) == ["LOC", "ORG"]
        assert store.conn.execute("SELECT count(*) FROM bundle_conflicts").fetchone()[0] == 0
