"""Every review row can be settled: one-sided items rejected ("not in gold"),
overlapping variants grouped into one decision, take-and-edit counted as
decided; all undoable and logged."""
from __future__ import annotations

import pytest
from team_helpers import TEXT, add_docs, span

from tintag.core import annotate
from tintag.core.store import GOLD, ProjectStore
from tintag.core.team.review import compare, document_agreement, edit_gold, next_disagreement, reject, take


@pytest.fixture
def settle(tmp_path):
    """The audit's document: lan/minh disagree on An's label, mark "Hà Nội" vs
    "tại Hà Nội", and only minh marks Huế."""
    with ProjectStore.create(tmp_path / "p.tintag", actor="lead") as lead:
        (doc,) = add_docs(lead, [TEXT])
        for name in ("lan", "minh"):
            lead.add_annotator(name)
        lead.add_annotator("thu", role="reviewer")
        an, hn, tai_hn, hue = (span(TEXT, s) for s in ("Nguyễn Văn An", "Hà Nội", "tại Hà Nội", "Huế"))
        lead.add_item("entity", doc, "lan", start=an[0], end=an[1], label="PER")
        lead.add_item("entity", doc, "minh", start=an[0], end=an[1], label="ORG")
        lead.add_item("entity", doc, "lan", start=hn[0], end=hn[1], label="LOC")
        lead.add_item("entity", doc, "minh", start=tai_hn[0], end=tai_hn[1], label="LOC")
        lead.add_item("entity", doc, "minh", start=hue[0], end=hue[1], label="LOC")
    thu = ProjectStore.open(tmp_path / "p.tintag", actor="thu")
    yield thu, doc
    thu.close()


def row_at(store, doc, surface):
    s, e = span(TEXT, surface)
    return next(r for r in compare(store, doc) if r.start <= s and e <= r.end)


def test_overlapping_variants_are_one_row_and_one_take_settles_it(settle):
    thu, doc = settle
    rows = compare(thu, doc)
    assert len(rows) == 3  # An, the Hà Nội group, Huế
    group = row_at(thu, doc, "Hà Nội")
    assert set(group.votes) == {"lan", "minh"} and not group.agreed
    assert group.values == {"lan": "LOC «Hà Nội»", "minh": "LOC «tại Hà Nội»"}  # same label, other span
    first = annotate.apply(take(thu, "entity", group.votes["lan"]["uid"]))
    assert row_at(thu, doc, "Hà Nội").decided
    # changing one's mind replaces gold's variant instead of adding a second entity
    second = annotate.apply(take(thu, "entity", group.votes["minh"]["uid"]))
    (gold,) = thu.entities(doc, GOLD)
    assert TEXT[gold["start"]:gold["end"]] == "tại Hà Nội"
    second.undo()
    (gold,) = thu.entities(doc, GOLD)
    assert TEXT[gold["start"]:gold["end"]] == "Hà Nội"
    first.undo()
    assert thu.entities(doc, GOLD) == [] and not row_at(thu, doc, "Hà Nội").decided


def test_reject_settles_a_one_sided_item_and_undo_reopens_it(settle):
    thu, doc = settle
    hue = row_at(thu, doc, "Huế")
    assert set(hue.votes) == {"minh"} and not hue.decided
    change = annotate.apply(reject(thu, hue))
    hue = row_at(thu, doc, "Huế")
    assert hue.decided and hue.rejected and thu.entities(doc, GOLD) == []
    (decision,) = thu.reviews(doc)
    assert (decision["action"], decision["decided_by"], decision["source_layer"], decision["gold_uid"]) == (
        "reject", "thu", "minh", None)
    assert decision["source_uid"] == hue.votes["minh"]["uid"]
    assert "review-reject" in {e["action"] for e in thu.events(doc)}
    change.undo()
    assert thu.reviews(doc) == [] and not row_at(thu, doc, "Huế").decided
    assert "review-reject-undone" in {e["action"] for e in thu.events(doc)}  # drop_review is logged


def test_reject_removes_golds_item_and_undo_puts_it_back(settle):
    thu, doc = settle
    annotate.apply(take(thu, "entity", row_at(thu, doc, "Nguyễn Văn An").votes["lan"]["uid"]))
    (gold,) = thu.entities(doc, GOLD)
    change = annotate.apply(reject(thu, row_at(thu, doc, "Nguyễn Văn An")))
    assert thu.entities(doc, GOLD) == [] and row_at(thu, doc, "Nguyễn Văn An").rejected
    assert {(d["action"], d["source_layer"], d["gold_uid"]) for d in thu.reviews(doc) if d["action"] == "reject"} == {
        ("reject", "lan", gold["uid"]), ("reject", "minh", gold["uid"])}
    change.undo()
    (back,) = thu.entities(doc, GOLD)
    fields = ("uid", "start", "end", "label")
    assert {k: back[k] for k in fields} == {k: gold[k] for k in fields}
    assert [d["action"] for d in thu.reviews(doc)] == ["take"]


def test_take_then_edit_counts_as_decided(settle):
    thu, doc = settle
    row = row_at(thu, doc, "Nguyễn Văn An")
    annotate.apply(take(thu, "entity", row.votes["lan"]["uid"]))
    (gold,) = thu.entities(doc, GOLD)
    edit = annotate.apply(edit_gold(thu, "entity", gold["uid"], label="MISC"))
    row = row_at(thu, doc, "Nguyễn Văn An")
    assert row.gold_value == "MISC" and row.decided
    assert [d["action"] for d in thu.reviews(doc)] == ["take", "edit"]
    edit.undo()
    assert [d["action"] for d in thu.reviews(doc)] == ["take"]
    assert thu.entities(doc, GOLD)[0]["label"] == "PER"


def test_every_row_settled_leaves_nothing_for_next_disagreement(settle):
    thu, doc = settle
    assert next_disagreement(thu, doc) == (doc, 0)
    an, group, hue = compare(thu, doc)
    annotate.apply(take(thu, "entity", an.votes["minh"]["uid"]))
    gold_an = thu.entities(doc, GOLD)[0]
    annotate.apply(edit_gold(thu, "entity", gold_an["uid"], label="MISC"))
    assert next_disagreement(thu, doc) == (doc, 1)
    annotate.apply(take(thu, "entity", group.votes["lan"]["uid"]))
    annotate.apply(reject(thu, hue))
    assert next_disagreement(thu, doc) is None
    figures = document_agreement(compare(thu, doc))
    assert (figures["open"], figures["settled"], figures["rejected"]) == (0, 3, 1)


def test_only_a_reviewer_rejects(settle, tmp_path):
    thu, doc = settle
    row = row_at(thu, doc, "Huế")
    with ProjectStore.open(tmp_path / "p.tintag", actor="lan") as lan:
        from tintag.core.store import PermissionDenied

        with pytest.raises(PermissionDenied):
            reject(lan, row)
