"""Blind mode in the review queries: review decisions and which documents
others worked on are not visible to a blind annotator; dropping a decision
needs the gold-writing right and is logged."""
from __future__ import annotations

import pytest
from team_helpers import TEXT, add_docs, span

from tintag.core import annotate
from tintag.core.store import PermissionDenied, ProjectStore
from tintag.core.team.review import compare, take


@pytest.fixture
def blind(tmp_path):
    path = tmp_path / "p.tintag"
    with ProjectStore.create(path, actor="lead") as lead:
        docs = add_docs(lead, [TEXT, "Ông Trần Văn Cường đến Đà Nẵng.", "Bà Lê Thị Bình ở Huế."])
        for name in ("lan", "minh"):
            lead.add_annotator(name)
        lead.add_annotator("thu", role="reviewer")
        an = span(TEXT, "Nguyễn Văn An")
        for layer, label in (("lan", "PER"), ("minh", "ORG")):
            lead.add_item("entity", docs[0], layer, start=an[0], end=an[1], label=label)
        lead.add_item("entity", docs[1], "minh", start=4, end=18, label="PER")  # only minh
        lead.set_status(docs[2], "minh", "done")  # minh worked here without items
        lead.set_blind(True)
    with ProjectStore.open(path, actor="thu") as thu:
        row = next(r for r in compare(thu, docs[0]) if not r.agreed)
        annotate.apply(take(thu, "entity", row.votes["minh"]["uid"]))
    return path, docs


def test_blind_annotator_gets_no_review_decisions(blind):
    path, docs = blind
    with ProjectStore.open(path, actor="lan") as lan:
        with pytest.raises(PermissionDenied):
            lan.reviews()
        with pytest.raises(PermissionDenied):
            lan.reviews(docs[0])
    with ProjectStore.open(path, actor="thu") as thu:
        assert [d["source_layer"] for d in thu.reviews()] == ["minh"]


def test_blind_annotator_counts_only_own_layer(blind):
    path, docs = blind
    with ProjectStore.open(path, actor="lan") as lan:
        assert lan.documents_with_layers(min_layers=2) == []  # minh's work on docs[0] is not revealed
        assert lan.documents_with_layers(min_layers=1) == [docs[0]]  # lan's own
        assert lan.review_candidates() == []
    with ProjectStore.open(path, actor="minh") as minh:
        assert minh.documents_with_layers(min_layers=1) == docs
    with ProjectStore.open(path, actor="thu") as thu:
        assert thu.documents_with_layers(min_layers=2) == [docs[0]]
        assert thu.documents_with_layers(min_layers=1) == docs


def test_drop_review_needs_gold_right_and_is_logged(blind):
    path, docs = blind
    with ProjectStore.open(path, actor="thu") as thu:
        (decision,) = thu.reviews(docs[0])
    with ProjectStore.open(path, actor="lan") as lan:
        with pytest.raises(PermissionDenied):
            lan.drop_review(decision["id"])
    with ProjectStore.open(path, actor="thu") as thu:
        assert len(thu.reviews()) == 1
        thu.drop_review(decision["id"])
        assert thu.reviews() == []
        (event,) = [e for e in thu.events(docs[0]) if e["action"] == "review-take-undone"]
        assert event["actor"] == "thu" and event["before"]["source_layer"] == "minh"
