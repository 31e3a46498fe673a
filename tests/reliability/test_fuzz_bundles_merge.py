"""The three-way bundle merge loses no edit of either side (issue 14, item 4).

Each example starts lan's layer from a base — either lan's first bundle
merged into the master (the base is recorded), or the master's file copied
to lan's machine without any merge (no base recorded: the merge must still
lose nothing, at the price of more conflicts) — then runs a random edit
script on the master and another on lan's copy (tag, relabel, move, delete
with links, quotes and speakers, stances with holder/target/evidence,
status, note, time), merges lan's bundle and checks:

- every item, status and note the master changed is in the layer as the
  master left it;
- every one lan changed is in the layer as lan left it, or is an open
  conflict holding lan's version;
- the rest is as the base was; time spent adds up (without a base: the
  larger side's);
- every link (speaker, holder, target, evidence) points at an item of the
  layer;
- merging the same bundle again changes nothing, and neither does a fresh
  bundle of the unchanged copy; after a reviewer settles every conflict
  (either way), another fresh bundle opens none.

``make test`` runs a few dozen examples, ``make soak`` (TINTAG_SOAK=1) 25 times more.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fuzz_strategies import fuzz
from hypothesis import event, given
from hypothesis import strategies as st

from tintag.core import annotate
from tintag.core.store import ProjectStore
from tintag.core.team.bundle import export_bundle, list_conflicts, merge_bundles, resolve_conflict
from tintag.core.team.bundle_format import KINDS, LINKS, item_fields

TEXTS = ["Ông Nguyễn Văn An nói tại Hà Nội rằng Việt Nam ủng hộ hòa bình và Bộ Ngoại giao đồng ý.",
         "Thủ tướng Phạm Minh Chính làm việc với tỉnh Quảng Ninh về du lịch Hạ Long."]
LABELS = ["PER", "LOC", "ORG", "MISC"]
POLARITIES = ["support", "oppose", "neutral"]
STATUSES = ["todo", "in_progress", "done", "skipped"]
NOTES = ["", "xem lại", "sai tên", "ok"]


def spans(text: str) -> list[tuple[int, int]]:
    words = [m.span() for m in re.finditer(r"\w+", text)]
    return words + [(a[0], b[1]) for a, b in zip(words, words[1:])]


SPANS = [spans(t) for t in TEXTS]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("merge-template") / "master.tintag"
    with ProjectStore.create(path, actor="lead") as store:
        store.insert_documents([{"uid": f"d{i}", "title": f"Bài {i}", "text": t,
                                 "text_sha256": __import__("hashlib").sha256(t.encode()).hexdigest(),
                                 "meta": {}, "normalisation": {}} for i, t in enumerate(TEXTS)])
        store.add_annotator("lan")
        store.add_annotator("thu", role="reviewer")
    return path


# ------------------------------------------------------------- edit scripts
index = st.integers(0, 50)
op = st.one_of(
    st.tuples(st.just("tag"), index, index, index),
    st.tuples(st.just("tag"), index, index, index),
    st.tuples(st.just("relabel"), index, index, index),
    st.tuples(st.just("move"), index, index, index),
    st.tuples(st.just("delete"), index, st.sampled_from(KINDS), index),
    st.tuples(st.just("quote"), index, index, index),
    st.tuples(st.just("speaker"), index, index, index),
    st.tuples(st.just("stance"), index, index, index, index, index),
    st.tuples(st.just("polarity"), index, index, index),
    st.tuples(st.just("status"), index, index),
    st.tuples(st.just("note"), index, index),
    st.tuples(st.just("time"), index, st.integers(1, 120)),
)
scripts = st.lists(op, min_size=1, max_size=12)


def pick(seq, i):
    return seq[i % len(seq)] if seq else None


def run(store: ProjectStore, script: list) -> None:
    """Apply an edit script to lan's layer the way the window does (annotate actions)."""
    for step in script:
        name, d = step[0], pick(store.document_ids(), step[1])
        _text, places = TEXTS[d - 1], SPANS[d - 1]
        entities, quotes, stances = (store.items(k, d, "lan") for k in KINDS)
        if name == "tag":
            s, e = pick(places, step[2])
            annotate.apply(annotate.tag_span(store, d, "lan", s, e, pick(LABELS, step[3]), exact=True))
        elif name == "relabel" and entities:
            uid = pick(entities, step[2])["uid"]
            annotate.apply(annotate.update(store, "entity", uid, label=pick(LABELS, step[3])))
        elif name == "move" and entities:
            s, e = pick(places, step[3])
            annotate.apply(annotate.update(store, "entity", pick(entities, step[2])["uid"], start=s, end=e))
        elif name == "delete":
            rows = {"entity": entities, "quote": quotes, "stance": stances}[step[2]]
            if rows:
                annotate.apply(annotate.delete(store, step[2], pick(rows, step[3])["uid"]))
        elif name == "quote":
            s, e = pick(places, step[2])
            speaker = pick(entities + [None], step[3])
            annotate.apply(annotate.make_quote(store, d, "lan", s, e, speaker_uid=speaker and speaker["uid"]))
        elif name == "speaker" and quotes:
            speaker = pick(entities + [None], step[3])
            annotate.apply(annotate.update(store, "quote", pick(quotes, step[2])["uid"],
                                           speaker_uid=speaker and speaker["uid"]))
        elif name == "stance":
            holder, target = pick(entities + [None], step[3]), pick(entities + [None], step[4])
            evidence = pick(quotes + [None], step[5])
            annotate.apply(annotate.make_stance(
                store, d, "lan", pick(POLARITIES, step[2]), holder_uid=holder and holder["uid"],
                target_uid=target and target["uid"], target_name=None if target else "Hà Nội",
                evidence_quote_uid=evidence and evidence["uid"]))
        elif name == "polarity" and stances:
            annotate.apply(annotate.update(store, "stance", pick(stances, step[2])["uid"],
                                           polarity=pick(POLARITIES, step[3])))
        elif name == "status":
            store.set_status(d, "lan", pick(STATUSES, step[2]))
        elif name == "note":
            store.set_note(d, "lan", pick(NOTES, step[2]))
        elif name == "time":
            store.add_time(d, "lan", float(step[2]))


def layer(store: ProjectStore) -> dict:
    out = {}
    for d in store.document_ids():
        a = store.assignment(d, "lan")
        out[d] = {"items": {(k, r["uid"]): item_fields(k, r) for k in KINDS for r in store.items(k, d, "lan")},
                  "status": a["status"], "note": a["note"], "time": a["time_spent"]}
    return out


def conflicts(store: ProjectStore) -> dict:
    return {(c["document_id"], c["kind"], c["uid"]): c["theirs"] for c in list_conflicts(store)}


# ------------------------------------------------------------------ property
@fuzz(30)
@given(merged_base=st.booleans(), base_script=st.lists(op, min_size=4, max_size=14),
       master_script=scripts, lan_script=scripts,
       takes=st.lists(st.booleans(), min_size=20, max_size=20))
def test_no_edit_of_either_side_is_lost(template, tmp_path_factory, merged_base, base_script,
                                        master_script, lan_script, takes):
    work = tmp_path_factory.mktemp("merge")
    shutil.copy(template, work / "master.tintag")
    if merged_base:  # lan worked on her copy, and her first bundle was merged
        shutil.copy(template, work / "lan.tintag")
        with ProjectStore.open(work / "lan.tintag", actor="lan") as lan:
            run(lan, base_script)
            export_bundle(lan, "lan", work / "v0.bundle")
        with ProjectStore.open(work / "master.tintag", actor="lead") as master:
            merge_bundles(master, [work / "v0.bundle"])
    else:  # lan's work began on the master, whose file was then copied to her machine
        with ProjectStore.open(work / "master.tintag", actor="lan") as master:
            run(master, base_script)
        shutil.copy(work / "master.tintag", work / "lan.tintag")
    master = ProjectStore.open(work / "master.tintag", actor="lead")
    lan = ProjectStore.open(work / "lan.tintag", actor="lan")
    try:
        base = layer(lan)
        run(master, master_script)
        run(lan, lan_script)
        ours, theirs = layer(master), layer(lan)
        export_bundle(lan, "lan", work / "v1.bundle")
        summary = merge_bundles(master, [work / "v1.bundle"])
        merged, open_conflicts = layer(master), conflicts(master)
        event(f"conflicts: {min(len(open_conflicts), 3)}{'+' if len(open_conflicts) > 3 else ''}")
        assert summary["layers"]["lan"]["conflicts"] == len(open_conflicts)
        for d in master.document_ids():
            b, m, n, r = base[d], ours[d], theirs[d], merged[d]
            for key in set(b["items"]) | set(m["items"]) | set(n["items"]):
                was, here, there, now = (x["items"].get(key) for x in (b, m, n, r))
                if here != was:
                    assert now == here, ("the master's edit was lost", key, was, here, there, now)
                if there != was:
                    assert now == there or open_conflicts.get((d, *key), "none") == there, (
                        "the bundle's edit was lost", key, was, here, there, now)
                if here == was and there == was:
                    assert now == was, key
            for name in ("status", "note"):
                if m[name] != b[name]:
                    assert r[name] == m[name], name
                if n[name] != b[name]:
                    assert r[name] == n[name] or open_conflicts.get((d, name, None), "none") == n[name], name
                if m[name] == b[name] and n[name] == b[name]:
                    assert r[name] == b[name], name
            if merged_base:
                assert r["time"] == m["time"] + max(0.0, n["time"] - b["time"])
            else:
                assert r["time"] == max(m["time"], n["time"])
            for (kind, uid), row in r["items"].items():
                for column, target in LINKS.get(kind, ()):
                    assert row[column] is None or (target, row[column]) in r["items"], (kind, uid, column)
        assert master.integrity_check() == "ok"
        assert master.conn.execute("PRAGMA foreign_key_check").fetchall() == []

        again = merge_bundles(master, [work / "v1.bundle"])
        assert again["already_merged"] == 1 and layer(master) == merged and conflicts(master) == open_conflicts
        export_bundle(lan, "lan", work / "v2.bundle")  # nothing new on lan's side
        fresh = merge_bundles(master, [work / "v2.bundle"])
        assert fresh["documents_changed"] == 0 and layer(master) == merged
        assert conflicts(master) == open_conflicts

        with ProjectStore.open(work / "master.tintag", actor="thu") as reviewer:
            for conflict, take in zip(list_conflicts(reviewer), takes * 10):
                resolve_conflict(reviewer, conflict["id"], "bundle" if take else "here")
            assert list_conflicts(reviewer) == []
            assert reviewer.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        settled = layer(master)
        export_bundle(lan, "lan", work / "v3.bundle")
        later = merge_bundles(master, [work / "v3.bundle"])
        assert later["layers"]["lan"]["conflicts"] == 0 and list_conflicts(master) == []
        assert layer(master) == settled
    finally:
        master.close()
        lan.close()
        shutil.rmtree(work, ignore_errors=True)
