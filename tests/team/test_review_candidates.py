"""The narrowed "next disagreement" search (one SQL query picks the documents
that may hold an open row) finds what the full walk over every document
finds, on seeded random projects: overlapping and duplicate spans, speakers by
entity or name, stance parties differing only in case or spaces, gold made by
hand, takes, edits and rejects."""
from __future__ import annotations

import random

import pytest
from team_helpers import TEXT, add_docs, span

from tintag.core import annotate
from tintag.core.store import GOLD, ProjectStore
from tintag.core.team.review import compare, edit_gold, next_disagreement, reject, take

TEXTS = [TEXT, "Ông Trần Văn Cường đến Đà Nẵng và nói “Mỹ phản đối kế hoạch”.",
         "Bà Lê Thị Bình ở Huế nói với Bộ Ngoại giao."]
SURFACES = ["Nguyễn Văn An", "Văn An", "Ông Nguyễn Văn An", "Hà Nội", "tại Hà Nội", "Việt Nam", "Mỹ",
            "Bộ Ngoại giao", "Lê Thị Bình", "Huế", "Trần Văn Cường", "Đà Nẵng", "🙂 Bà"]
QUOTES = ["Việt Nam ủng hộ hòa bình", "ủng hộ hòa bình", "Mỹ phản đối kế hoạch", "phản đối kế hoạch"]
NAMES = ["Mỹ", "mỹ", " Mỹ  ", "Bộ Ngoại giao", "MỸ"]
LAYERS = ("lan", "minh", "an")


def spans_in(text, pool):
    return [span(text, s) for s in pool if s in text]


def random_layer(rng: random.Random, text: str) -> list[tuple]:
    """A layer's work on a document as (kind, fields) — entity fields first, so
    quotes and stances can point at the layer's own entities by index."""
    work = []
    for start, end in rng.sample(spans_in(text, SURFACES), rng.randint(0, 3)):
        work.append(("entity", dict(start=start, end=end, label=rng.choice(["PER", "LOC", "ORG"]))))
    if rng.random() < 0.15 and work:
        work.append(work[0])  # a duplicate in one layer
    n_entities = len(work)
    quotes = spans_in(text, QUOTES)
    for start, end in rng.sample(quotes, rng.randint(0, min(1, len(quotes)))):
        speaker = rng.choice([None, "name", "entity"] if n_entities else [None, "name"])
        work.append(("quote", dict(start=start, end=end, kind=rng.choice(["direct", "indirect"]),
                                   speaker=speaker, speaker_name=rng.choice(NAMES),
                                   entity=rng.randrange(n_entities) if n_entities else None)))
    for _ in range(rng.randint(0, 2)):
        work.append(("stance", dict(holder=rng.choice(NAMES), target=rng.choice(["kế hoạch", "Kế  hoạch"]),
                                    polarity=rng.choice(["support", "oppose"]),
                                    entity=rng.randrange(n_entities) if n_entities and rng.random() < 0.3 else None)))
    return work


def store_work(store, doc, layer, work):
    entities = []

    def entity(i):  # a link to an entity a mutation dropped falls back to the typed name
        return entities[i] if i is not None and i < len(entities) else None

    for kind, f in work:
        if kind == "entity":
            entities.append(store.add_item("entity", doc, layer, **f)["uid"])
        elif kind == "quote":
            speaker = entity(f["entity"]) if f["speaker"] == "entity" else None
            store.add_item("quote", doc, layer, start=f["start"], end=f["end"], kind=f["kind"],
                           speaker_uid=speaker, speaker_name=f["speaker_name"] if f["speaker"] else None)
        else:
            holder = entity(f["entity"])
            store.add_item("stance", doc, layer, holder_uid=holder, holder_name=None if holder else f["holder"],
                           target_name=f["target"], polarity=f["polarity"])


def mutate(rng: random.Random, text: str, work: list[tuple]) -> list[tuple]:
    """Another layer's version of the same work: mostly equal, sometimes one
    label, span (an overlapping variant), duplicate or missing item apart."""
    work = [(kind, dict(f)) for kind, f in work]
    roll = rng.random()
    entities = [f for kind, f in work if kind == "entity"]
    if roll < 0.15 and entities:
        rng.choice(entities)["label"] = rng.choice(["PER", "LOC", "ORG", "MISC"])
    elif roll < 0.3 and entities:
        f = rng.choice(entities)
        near = [sp for sp in spans_in(text, SURFACES) if sp[0] < f["end"] and f["start"] < sp[1]]
        f["start"], f["end"] = rng.choice(near)
    elif roll < 0.4 and work:
        work.append(rng.choice(work))  # the same item twice in one layer
    elif roll < 0.5 and work:
        work.pop(rng.randrange(len(work)))
    elif roll < 0.6:
        work += [(k, f) for k, f in random_layer(rng, text) if k == "entity"]
    elif roll < 0.7:
        for kind, f in work:
            if kind == "stance":
                f["polarity"] = "oppose" if f["polarity"] == "support" else "support"
            if kind == "quote":
                f["kind"] = "indirect" if f["kind"] == "direct" else "direct"
    return work


def build(path, rng: random.Random) -> list[int]:
    with ProjectStore.create(path, actor="lead") as lead:
        docs = add_docs(lead, [f"{rng.choice(TEXTS)} ({i})" for i in range(6)])
        for name in LAYERS:
            lead.add_annotator(name)
        lead.add_annotator("thu", role="reviewer")
        bases = {}
        for doc in docs:
            text = lead.document(doc)["text"]
            base = bases[doc] = random_layer(rng, text)  # layers mostly agree, as in real projects
            for layer in rng.sample(LAYERS, rng.randint(1, 3)):
                work = mutate(rng, text, base) if rng.random() < 0.85 else random_layer(rng, text)
                store_work(lead, doc, layer, work)
                if not work and rng.random() < 0.5:
                    lead.set_status(doc, layer, "done")
        hand_gold(lead, docs, bases, rng, 0.3)
    return docs, bases


def hand_gold(store, docs, bases, rng: random.Random, chance: float) -> None:
    """Gold written by hand (the main window on the gold layer): no review record."""
    for doc in docs:
        if rng.random() < chance:
            store_work(store, doc, GOLD, mutate(rng, store.document(doc)["text"], bases[doc]))
        text = store.document(doc)["text"]
        marked = [e for layer in LAYERS for e in store.entities(doc, layer)]
        if marked and rng.random() < chance:  # an overlapping variant of someone's entity
            e = rng.choice(marked)
            near = [sp for sp in spans_in(text, SURFACES) if sp[0] < e["end"] and e["start"] < sp[1]
                    and sp != (e["start"], e["end"])]
            if near:
                start, end = rng.choice(near)
                store.add_item("entity", doc, GOLD, start=start, end=end, label=e["label"])
        for item in store.entities(doc, GOLD):
            if rng.random() < chance / 3:
                store.update_item("entity", item["uid"], label=rng.choice(["PER", "LOC", "ORG", "MISC"]))


def review_some(thu, docs, rng: random.Random) -> None:
    for doc in docs:
        for row in compare(thu, doc):
            roll = rng.random()
            if roll < 0.25:
                annotate.apply(take(thu, row.kind, rng.choice(list(row.votes.values()))["uid"]))
            elif roll < 0.4:
                annotate.apply(reject(thu, row))
            elif roll < 0.5 and row.kind == "entity":
                annotate.apply(take(thu, "entity", next(iter(row.votes.values()))["uid"]))
                fresh = [r for r in compare(thu, doc) if r.gold and r.kind == "entity"]
                if fresh:
                    annotate.apply(edit_gold(thu, "entity", fresh[0].gold["uid"], label="MISC"))


def full_walk(store, document_id, after=-1):
    """The search without narrowing: every document several layers worked on."""
    open_rows = [i for i, r in enumerate(compare(store, document_id)) if not r.agreed and not r.decided]
    for i in open_rows:
        if i > after:
            return document_id, i
    ids = store.documents_with_layers(min_layers=2)
    for doc in [d for d in ids if d > document_id] + [d for d in ids if d < document_id]:
        for i, r in enumerate(compare(store, doc)):
            if not r.agreed and not r.decided:
                return doc, i
    return (document_id, open_rows[0]) if open_rows else None


@pytest.mark.parametrize("seed", range(60))
def test_narrowed_search_finds_what_the_full_walk_finds(tmp_path, seed):
    rng = random.Random(seed)
    docs, bases = build(tmp_path / "p.tintag", rng)
    with ProjectStore.open(tmp_path / "p.tintag", actor="thu") as thu:
        for phase in range(3):  # before and after review decisions, then gold edited by hand
            candidates = set(thu.review_candidates())
            for doc in thu.documents_with_layers(min_layers=2):
                if doc not in candidates:  # left out = provably nothing open
                    assert not any(not r.agreed and not r.decided for r in compare(thu, doc)), (seed, doc)
            for doc in docs:
                assert next_disagreement(thu, doc) == full_walk(thu, doc), (seed, phase, doc)
            if phase == 0:
                review_some(thu, docs, rng)
            else:
                hand_gold(thu, docs, bases, rng, 0.5)


def test_agreeing_and_settled_documents_are_not_candidates(tmp_path):
    with ProjectStore.create(tmp_path / "p.tintag", actor="lead") as lead:
        docs = add_docs(lead, TEXTS)
        for name in ("lan", "minh"):
            lead.add_annotator(name)
        lead.add_annotator("thu", role="reviewer")
        an = span(TEXTS[0], "Nguyễn Văn An")
        for layer in ("lan", "minh"):  # docs[0]: they agree
            lead.add_item("entity", docs[0], layer, start=an[0], end=an[1], label="PER")
            lead.add_item("stance", docs[0], layer, holder_name="Mỹ", target_name="kế hoạch", polarity="oppose")
        cuong = span(TEXTS[1], "Trần Văn Cường")
        for layer, label in (("lan", "PER"), ("minh", "ORG")):  # docs[1]: they differ
            lead.add_item("entity", docs[1], layer, start=cuong[0], end=cuong[1], label=label)
    with ProjectStore.open(tmp_path / "p.tintag", actor="thu") as thu:
        assert thu.review_candidates() == [docs[1]]
        row = next(r for r in compare(thu, docs[1]))
        annotate.apply(take(thu, "entity", row.votes["minh"]["uid"]))
        assert thu.review_candidates() == []  # gold holds one of the versions: settled
        assert next_disagreement(thu, docs[0]) is None


def test_a_rejected_row_reopened_by_gold_written_by_hand_is_a_candidate(tmp_path):
    with ProjectStore.create(tmp_path / "p.tintag", actor="lead") as lead:
        (doc,) = add_docs(lead, [TEXT])
        for name in ("lan", "minh"):
            lead.add_annotator(name)
        lead.add_annotator("thu", role="reviewer")
        an = span(TEXT, "Nguyễn Văn An")
        for layer in ("lan", "minh"):
            lead.add_item("entity", doc, layer, start=an[0], end=an[1], label="PER")
        binh = span(TEXT, "Lê Thị Bình")
        lead.add_item("entity", doc, "minh", start=binh[0], end=binh[1], label="PER")
    with ProjectStore.open(tmp_path / "p.tintag", actor="thu") as thu:
        assert thu.review_candidates() == [doc]
        annotate.apply(reject(thu, next(r for r in compare(thu, doc) if not r.agreed)))
        assert thu.review_candidates() == [] and next_disagreement(thu, doc) is None
        # gold written by hand over the rejected place: gold now holds a version nobody took
        ba = span(TEXT, "Bà Lê Thị Bình")
        thu.add_item("entity", doc, GOLD, start=ba[0], end=ba[1], label="PER")
        assert thu.review_candidates() == [doc] and next_disagreement(thu, doc) == (doc, 1)
