"""Review: merged view, agreements vs disagreements, taking items into gold with undo."""
from __future__ import annotations

import pytest
from team_helpers import TEXT, add_docs, span

from tintag.core import annotate
from tintag.core.store import GOLD, PermissionDenied, ProjectStore
from tintag.core.team.review import compare, disagreements, next_disagreement, take, take_layer


@pytest.fixture
def review(tmp_path):
    store = ProjectStore.create(tmp_path / "p.tintag", actor="lead")
    docs = add_docs(store, [TEXT, "Ông Trần Văn Cường đến Đà Nẵng.", "Không ai chú thích bài này."])
    for name in ("lan", "minh"):
        store.add_annotator(name)
    store.add_annotator("thu", role="reviewer")
    an = span(TEXT, "Nguyễn Văn An")
    hn = span(TEXT, "Hà Nội")
    for layer, label in (("lan", "PER"), ("minh", "ORG")):
        store.add_item("entity", docs[0], layer, start=an[0], end=an[1], label=label)
        store.add_item("entity", docs[0], layer, start=hn[0], end=hn[1], label="LOC")
    q = span(TEXT, "Việt Nam ủng hộ hòa bình")
    per = store.entities(docs[0], "lan")[0]["uid"]
    store.add_item("quote", docs[0], "lan", start=q[0], end=q[1], speaker_uid=per, speaker_name="Nguyễn Văn An")
    c = span("Ông Trần Văn Cường đến Đà Nẵng.", "Trần Văn Cường")
    store.add_item("entity", docs[1], "lan", start=c[0], end=c[1], label="PER")
    store.add_item("entity", docs[1], "minh", start=c[0], end=c[1], label="PER")
    store.close()
    thu = ProjectStore.open(tmp_path / "p.tintag", actor="thu")
    yield thu, docs
    thu.close()


def test_merged_view_marks_agreement_and_disagreement(review):
    thu, docs = review
    rows = compare(thu, docs[0])
    by_text = {(r.kind, r.start): r for r in rows}
    an = span(TEXT, "Nguyễn Văn An")
    assert by_text[("entity", an[0])].values == {"lan": "PER", "minh": "ORG"}
    assert not by_text[("entity", an[0])].agreed
    assert by_text[("entity", span(TEXT, "Hà Nội")[0])].agreed
    quote = by_text[("quote", span(TEXT, "Việt Nam ủng hộ hòa bình")[0])]
    assert not quote.agreed and set(quote.votes) == {"lan"}  # minh has no quote there
    assert len(disagreements(rows)) == 2
    assert all(r.agreed for r in compare(thu, docs[1]))


def test_take_into_gold_then_undo_and_redo(review):
    thu, docs = review
    row = next(r for r in compare(thu, docs[0]) if r.kind == "entity" and not r.agreed)
    change = annotate.apply(take(thu, "entity", row.votes["lan"]["uid"]))
    gold = thu.entities(docs[0], GOLD)
    assert [(g["label"], g["origin"]) for g in gold] == [("PER", "review")]
    (decision,) = thu.reviews(docs[0])
    assert (decision["decided_by"], decision["source_layer"], decision["action"]) == ("thu", "lan", "take")
    assert not any(r.kind == "entity" and not r.agreed and not r.decided for r in compare(thu, docs[0]))
    # the reviewer changes their mind: minh's label replaces gold's at the same span
    annotate.apply(take(thu, "entity", row.votes["minh"]["uid"]))
    assert [g["label"] for g in thu.entities(docs[0], GOLD)] == ["ORG"]
    change.undo()  # undo the first take removes the (now relabelled) entity it created
    assert thu.entities(docs[0], GOLD) == [] and len(thu.reviews(docs[0])) == 1
    change.redo()
    assert [g["label"] for g in thu.entities(docs[0], GOLD)] == ["PER"]


def test_take_quote_brings_its_speaker_into_gold(review):
    thu, docs = review
    quote = thu.quotes(docs[0], "lan")[0]
    annotate.apply(take(thu, "quote", quote["uid"]))
    (gq,) = thu.quotes(docs[0], GOLD)
    speaker = thu.item("entity", gq["speaker_uid"])
    assert speaker["layer"] == GOLD and TEXT[speaker["start"]:speaker["end"]] == "Nguyễn Văn An"


def test_take_whole_layer_and_walk_disagreements_across_documents(review):
    thu, docs = review
    found = next_disagreement(thu, docs[1])
    assert found and found[0] == docs[0]  # wraps to the document that has some
    change = annotate.apply(take_layer(thu, docs[0], "lan"))
    assert len(thu.entities(docs[0], GOLD)) == 2 and len(thu.quotes(docs[0], GOLD)) == 1
    assert next_disagreement(thu, docs[0]) is None
    change.undo()
    assert thu.entities(docs[0], GOLD) == [] and thu.quotes(docs[0], GOLD) == []


def test_annotator_cannot_take_into_gold(review, tmp_path):
    thu, docs = review
    with ProjectStore.open(tmp_path / "p.tintag", actor="lan") as lan:
        with pytest.raises(PermissionDenied):
            take(lan, "entity", lan.entities(docs[0], "lan")[0]["uid"])
