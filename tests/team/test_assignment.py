"""Assignment with overlap: deterministic, balanced, shown as 'my queue'."""
from __future__ import annotations

from collections import Counter

import pytest
from team_helpers import add_docs

from tintag.core.store import ProjectStore
from tintag.core.team.assign import assign, plan


def test_every_document_to_two_of_four_balanced_and_deterministic():
    uids = [f"d{i:03}" for i in range(50)]
    names = ["an", "binh", "chi", "dung"]
    first = plan(uids, names, per_document=2, seed=7)
    assert first == plan(list(reversed(uids)), list(reversed(names)), per_document=2, seed=7)
    assert all(len(v) == 2 and len(set(v)) == 2 for v in first.values())
    load = Counter(n for v in first.values() for n in v)
    assert sum(load.values()) == 100 and max(load.values()) - min(load.values()) <= 1
    assert plan(uids, names, per_document=2, seed=8) != first


def test_twenty_percent_double_annotated():
    result = plan([f"d{i}" for i in range(200)], ["an", "binh", "chi"], double_fraction=0.2, seed=1)
    sizes = Counter(len(v) for v in result.values())
    assert sizes == {1: 160, 2: 40}
    load = Counter(n for v in result.values() for n in v)
    assert max(load.values()) - min(load.values()) <= 1


@pytest.mark.parametrize("kwargs, message", [
    ({"per_document": 5}, "1–4"),
    ({"double_fraction": 1.5}, "fraction"),
])
def test_bad_overlap_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plan(["a"], ["an", "binh", "chi", "dung"], **kwargs)


def test_assign_fills_queues_and_keeps_existing_work(tmp_path):
    store = ProjectStore.create(tmp_path / "p.tintag", actor="lead")
    ids = add_docs(store, [f"Bài báo số {i} về Hà Nội." for i in range(10)])
    store.set_status(ids[0], "an", "done")  # an worked on one before any assignment
    result = assign(store, ["an", "binh"], per_document=1, seed=3)
    assert result["assigned"] == 10 and sum(result["per_annotator"].values()) == 10
    queue_an = store.count_documents(layer="an", queue=True)
    queue_binh = store.count_documents(layer="binh", queue=True)
    assert queue_an + queue_binh == 10 and abs(queue_an - queue_binh) <= 1
    assert store.assignment(ids[0], "an")["status"] == "done"
    # new documents later: only they are handed out
    more = add_docs(store, ["Một bài mới ở Huế.", "Một bài mới nữa ở Đà Nẵng."])
    again = assign(store, ["an", "binh"], per_document=2, seed=3)
    assert again["documents"] == 2 and again["assigned"] == 4
    assert all(store.assignment(d, n)["status"] == "todo" for d in more for n in ("an", "binh"))
    assert {a["name"] for a in store.annotators()} == {"an", "binh"}
    store.close()
