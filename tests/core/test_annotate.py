"""Annotation actions: apply, undo, redo — the database follows each step."""
from __future__ import annotations

import json

import pytest

from tintag.core import annotate
from tintag.core.annotate import apply, snap_to_words
from tintag.core.importers import import_files

TEXT = 'Ông Nguyễn Văn Nam 😀 nói: "Hà Nội sẽ ủng hộ Kim Jong-un". Hết.'


@pytest.fixture
def doc(project, tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    import_files(project, [src])
    return project.document_by_uid("a")


def span(word):
    start = TEXT.index(word)
    return start, start + len(word)


def test_snap_to_words():
    s, e = span("Jong-un")
    assert TEXT[slice(*snap_to_words(TEXT, s + 2, e - 2))] == "Jong-un"
    s, e = span("Nguyễn Văn Nam")
    assert TEXT[slice(*snap_to_words(TEXT, s - 1, e - 1))] == "Nguyễn Văn Nam"  # space dropped, word completed
    s, e = span("Hà Nội")
    assert TEXT[slice(*snap_to_words(TEXT, s - 1, e))] == "Hà Nội"  # the quote mark left out


def test_tag_undo_redo(project, doc):
    s, e = span("Nguyễn Văn Nam")
    change = apply(annotate.tag_span(project, doc["id"], "lan", s + 1, e - 1, "PER"))
    (ent,) = project.entities(doc["id"], "lan")
    assert (ent["start"], ent["end"], ent["label"], ent["origin"]) == (s, e, "PER", "manual")
    change.undo()
    assert project.entities(doc["id"], "lan") == []
    change.redo()
    assert project.entities(doc["id"], "lan")[0]["uid"] == ent["uid"]
    exact = apply(annotate.tag_span(project, doc["id"], "lan", s + 1, e - 1, "MISC", exact=True))
    assert TEXT[slice(*[(x["start"], x["end"]) for x in project.entities(doc["id"], "lan")
                        if x["label"] == "MISC"][0])] == "guyễn Văn Na"
    exact.undo()


def test_quote_speaker_stance_and_delete_restores_links(project, doc):
    s, e = span("Nguyễn Văn Nam")
    apply(annotate.tag_span(project, doc["id"], "lan", s, e, "PER"))
    nam = project.entities(doc["id"], "lan")[0]
    qs, qe = span('"Hà Nội sẽ ủng hộ Kim Jong-un"')
    apply(annotate.make_quote(project, doc["id"], "lan", qs, qe))
    (quote,) = project.quotes(doc["id"], "lan")
    assert TEXT[quote["start"]:quote["end"]] == "Hà Nội sẽ ủng hộ Kim Jong-un"
    link = apply(annotate.update(project, "quote", quote["uid"], speaker_uid=nam["uid"]))
    assert project.item("quote", quote["uid"])["speaker_name"] == "Nguyễn Văn Nam"
    stance = apply(annotate.make_stance(project, doc["id"], "lan", "support", holder_uid=nam["uid"],
                                        target_name="Kim Jong-un", evidence_quote_uid=quote["uid"]))
    (st,) = project.stances(doc["id"], "lan")
    assert (st["holder_name"], st["target_name"], st["polarity"]) == ("Nguyễn Văn Nam", "Kim Jong-un", "support")
    removal = apply(annotate.delete(project, "entity", nam["uid"]))
    assert project.item("quote", quote["uid"])["speaker_uid"] is None
    removal.undo()
    assert project.item("quote", quote["uid"])["speaker_uid"] == nam["uid"]
    assert project.item("stance", st["uid"])["holder_uid"] == nam["uid"]
    stance.undo()
    assert project.stances(doc["id"], "lan") == []
    link.undo()
    assert project.item("quote", quote["uid"])["speaker_uid"] is None


def suggest(project, doc, items):
    project.replace_suggestions(doc["id"], "test", "1", doc["text_sha256"], items)
    return {s["key"]: s for s in project.suggestions(doc["id"], layer="lan")}


def entity_item(word, label):
    s, e = span(word)
    return {"kind": "entity", "key": f"entity:{s}:{e}:{label}", "score": 0.9,
            "payload": {"start": s, "end": e, "label": label, "text": word}}


def test_accept_reject_accept_all(project, doc):
    items = [entity_item("Hà Nội", "LOC"), entity_item("Kim Jong-un", "PER"), entity_item("Nguyễn Văn Nam", "PER")]
    sugg = suggest(project, doc, items)
    accepted = apply(annotate.accept(project, "lan", sugg[items[0]["key"]]))
    (ent,) = project.entities(doc["id"], "lan")
    assert (ent["label"], ent["origin"]) == ("LOC", "suggestion")
    assert project.suggestions(doc["id"], layer="lan", open_only=True)[0]["key"] != items[0]["key"]
    rejected = apply(annotate.reject(project, "lan", sugg[items[1]["key"]]))
    assert {s["key"] for s in project.suggestions(doc["id"], layer="lan", open_only=True)} == {items[2]["key"]}
    rejected.undo()
    accepted.undo()
    assert project.entities(doc["id"], "lan") == []
    assert len(project.suggestions(doc["id"], layer="lan", open_only=True)) == 3
    everything = apply(annotate.accept_all(project, doc["id"], "lan", "PER"))
    assert sorted(e["label"] for e in project.entities(doc["id"], "lan")) == ["PER", "PER"]
    everything.undo()
    assert project.entities(doc["id"], "lan") == []
    # another annotator's decisions are separate
    assert len(project.suggestions(doc["id"], layer="minh", open_only=True)) == 3


def test_accept_quote_creates_speaker_and_stance_links(project, doc):
    ns, ne = span("Nguyễn Văn Nam")
    qs, qe = span("Hà Nội sẽ ủng hộ Kim Jong-un")
    quote = {"kind": "quote", "key": f"quote:{qs}:{qe}", "score": 0.8,
             "payload": {"start": qs, "end": qe, "text": TEXT[qs:qe], "kind": "direct",
                         "cue": {"start": span("nói")[0], "end": span("nói")[1], "text": "nói"},
                         "speaker": {"start": ns, "end": ne, "text": "Nguyễn Văn Nam", "label": "PER"},
                         "speaker_name": "Nguyễn Văn Nam"}}
    ks, ke = span("Kim Jong-un")
    stance = {"kind": "stance", "key": "stance:x", "score": 0.7,
              "payload": {"holder": {"start": ns, "end": ne, "text": "Nguyễn Văn Nam"}, "holder_name": "Nguyễn Văn Nam",
                          "target": {"start": ks, "end": ke, "text": "Kim Jong-un"}, "target_name": "Kim Jong-un",
                          "polarity": "support", "evidence": {"start": qs, "end": qe},
                          "evidence_quote_key": quote["key"]}}
    sugg = suggest(project, doc, [quote, stance])
    apply(annotate.accept(project, "lan", sugg[quote["key"]]))
    (q,) = project.quotes(doc["id"], "lan")
    (speaker,) = project.entities(doc["id"], "lan")
    assert q["speaker_uid"] == speaker["uid"] and q["origin"] == "suggestion"
    assert (q["cue_start"], q["cue_end"]) == span("nói")
    apply(annotate.accept(project, "lan", sugg[stance["key"]]))
    (st,) = project.stances(doc["id"], "lan")
    assert st["holder_uid"] == speaker["uid"] and st["evidence_quote_uid"] == q["uid"]
    assert st["target_name"] == "Kim Jong-un"


def test_status_change_undo(project, doc):
    change = apply(annotate.set_status(project, doc["id"], "lan", "done"))
    assert project.assignment(doc["id"], "lan")["status"] == "done"
    change.undo()
    assert project.assignment(doc["id"], "lan")["status"] == "todo"
