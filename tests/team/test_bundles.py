"""Bundles: round trip, re-merge as a no-op, newer bundles update, bad ones refused whole."""
from __future__ import annotations

import json
import shutil

import pytest
from team_helpers import TEXT, add_docs, span

from tintag.core import annotate
from tintag.core.store import PermissionDenied, ProjectStore
from tintag.core.team.bundle import BundleError, export_bundle, merge_bundles
from tintag.core.team.bundle_format import seal

OTHER = "Thủ tướng Phạm Minh Chính làm việc với tỉnh Quảng Ninh."


@pytest.fixture
def machines(tmp_path):
    """A master project, and lan's copy of it on another machine with her work."""
    master = ProjectStore.create(tmp_path / "master.tintag", actor="lead")
    docs = add_docs(master, [TEXT, OTHER])
    master.close()
    shutil.copy(tmp_path / "master.tintag", tmp_path / "lan.tintag")
    lan = ProjectStore.open(tmp_path / "lan.tintag", actor="lan")
    lan.add_annotator("lan")
    s, e = span(TEXT, "Nguyễn Văn An")
    per = annotate.apply(annotate.tag_span(lan, docs[0], "lan", s, e, "PER")).created[0][1]
    s, e = span(TEXT, "Việt Nam ủng hộ hòa bình")
    annotate.apply(annotate.make_quote(lan, docs[0], "lan", s, e, speaker_uid=per))
    h, t = span(TEXT, "Hà Nội")
    loc = annotate.apply(annotate.tag_span(lan, docs[0], "lan", h, t, "LOC")).created[0][1]
    annotate.apply(annotate.make_stance(lan, docs[0], "lan", "support", holder_uid=per, target_uid=loc))
    lan.set_status(docs[0], "lan", "done")
    lan.add_time(docs[0], "lan", 42.5)
    master = ProjectStore.open(tmp_path / "master.tintag", actor="lead")
    yield master, lan, docs, tmp_path
    master.close()
    lan.close()


def layer_of(store, doc, layer="lan"):
    out = {}
    for kind in ("entity", "quote", "stance"):
        out[kind] = sorted(
            {k: v for k, v in row.items() if k not in ("created_at", "updated_at", "document_id")}.items()
            for row in store.items(kind, doc, layer))
    a = store.assignment(doc, layer)
    out["assignment"] = (a["status"], a["note"], a["time_spent"])
    return out


def event_count(store):
    return store.conn.execute("SELECT count(*) FROM events").fetchone()[0]


def test_round_trip_then_second_merge_is_a_no_op(machines):
    master, lan, docs, tmp = machines
    header = export_bundle(lan, "lan", tmp / "lan.bundle")
    assert header["documents"] == 1 and header["annotator"] == "lan"
    summary = merge_bundles(master, [tmp / "lan.bundle"])
    assert summary["documents_changed"] == 1
    assert layer_of(master, docs[0]) == layer_of(lan, docs[0])
    assert master.stances(docs[0], "lan")[0]["holder_uid"] == master.entities(docs[0], "lan")[0]["uid"]
    before = event_count(master)
    again = merge_bundles(master, [tmp / "lan.bundle"])
    assert again["already_merged"] == 1 and event_count(master) == before


def test_newer_bundle_updates_the_layer_and_unchanged_documents_stay(machines):
    master, lan, docs, tmp = machines
    export_bundle(lan, "lan", tmp / "v1.bundle")
    merge_bundles(master, [tmp / "v1.bundle"])
    ent = lan.entities(docs[0], "lan")[0]
    annotate.apply(annotate.update(lan, "entity", ent["uid"], label="ORG"))
    s, e = span(OTHER, "Quảng Ninh")
    annotate.apply(annotate.tag_span(lan, docs[1], "lan", s, e, "LOC"))
    export_bundle(lan, "lan", tmp / "v2.bundle")
    summary = merge_bundles(master, [tmp / "v2.bundle"])
    assert summary["documents_changed"] == 2
    assert layer_of(master, docs[0]) == layer_of(lan, docs[0])
    assert [x["label"] for x in master.entities(docs[1], "lan")] == ["LOC"]
    with pytest.raises(BundleError, match="older than the bundle of lan"):
        merge_bundles(master, [tmp / "v1.bundle"])


def test_tampered_bundle_is_refused_and_nothing_merged(machines):
    master, lan, docs, tmp = machines
    export_bundle(lan, "lan", tmp / "lan.bundle")
    lines = (tmp / "lan.bundle").read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["entities"][0]["label"] = "LOC"
    (tmp / "bad.bundle").write_text(lines[0] + json.dumps(record, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    before = event_count(master)
    with pytest.raises(BundleError, match="changed after it was written"):
        merge_bundles(master, [tmp / "bad.bundle"])
    assert event_count(master) == before and master.entities(docs[0], "lan") == []


def test_document_text_differs_is_refused(machines, tmp_path):
    master, lan, docs, tmp = machines
    other = ProjectStore.create(tmp / "other.tintag", actor="lead")
    add_docs(other, [TEXT + " Thêm một câu."])
    uid = other.document_ids()[0]
    doc = other.document(uid)
    # same document uid as the master's, different text
    other.conn.execute("UPDATE documents SET uid = ? WHERE id = ?", (master.document(docs[0])["uid"], uid))
    other.add_annotator("lan")
    other.set_status(doc["id"], "lan", "done")
    export_bundle(other, "lan", tmp / "other.bundle")
    other.close()
    with pytest.raises(BundleError, match=r"other\.bundle:2: .*different text"):
        merge_bundles(master, [tmp / "other.bundle"])


def test_one_bad_file_among_several_merges_nothing(machines):
    master, lan, docs, tmp = machines
    export_bundle(lan, "lan", tmp / "good.bundle")
    (tmp / "junk.bundle").write_bytes(b"\x00\x01 not json")
    with pytest.raises(BundleError, match=r"junk\.bundle:1: not a TinTag bundle"):
        merge_bundles(master, [tmp / "good.bundle", tmp / "junk.bundle"])
    assert master.entities(docs[0], "lan") == [] and master.get_setting("bundle_merges") is None


def test_an_annotator_cannot_merge(machines):
    master, lan, docs, tmp = machines
    master.add_annotator("thu", role="reviewer")
    master.add_annotator("lan")
    export_bundle(lan, "lan", tmp / "lan.bundle")
    with ProjectStore.open(master.path, actor="lan") as lan_on_master:
        with pytest.raises(PermissionDenied, match="merge bundles"):
            merge_bundles(lan_on_master, [tmp / "lan.bundle"])


def test_a_document_emptied_since_the_last_bundle_is_emptied_in_the_master(machines):
    master, lan, docs, tmp = machines
    s, e = span(OTHER, "Quảng Ninh")
    annotate.apply(annotate.tag_span(lan, docs[1], "lan", s, e, "LOC"))
    export_bundle(lan, "lan", tmp / "v1.bundle")
    merge_bundles(master, [tmp / "v1.bundle"])
    assert [x["label"] for x in master.entities(docs[1], "lan")] == ["LOC"]
    annotate.apply(annotate.delete(lan, "entity", lan.entities(docs[1], "lan")[0]["uid"]))
    header = export_bundle(lan, "lan", tmp / "v2.bundle")
    assert header["documents"] == 2  # the emptied document travels, empty
    summary = merge_bundles(master, [tmp / "v2.bundle"])
    assert summary == {"bundles": 1, "documents_changed": 1, "unchanged": 1, "already_merged": 0,
                       "layers": {"lan": {"added": 0, "changed": 0, "deleted": 1, "conflicts": 0}}}
    assert master.entities(docs[1], "lan") == []
    assert layer_of(master, docs[0]) == layer_of(lan, docs[0])


def test_newer_bundle_wins_whatever_the_order_on_the_command_line(machines):
    master, lan, docs, tmp = machines
    export_bundle(lan, "lan", tmp / "v1.bundle")
    ent = lan.entities(docs[0], "lan")[0]
    annotate.apply(annotate.update(lan, "entity", ent["uid"], label="ORG"))
    export_bundle(lan, "lan", tmp / "v2.bundle")
    summary = merge_bundles(master, [tmp / "v2.bundle", tmp / "v1.bundle"])  # newer first
    assert summary["bundles"] == 2
    assert layer_of(master, docs[0]) == layer_of(lan, docs[0])
    assert master.entities(docs[0], "lan")[0]["label"] == "ORG"
    before = event_count(master)
    again = merge_bundles(master, [tmp / "v2.bundle"])  # the newer is what was merged last
    assert again["already_merged"] == 1 and event_count(master) == before
    with pytest.raises(BundleError, match="older than the bundle of lan"):
        merge_bundles(master, [tmp / "v1.bundle"])


def test_a_bundle_that_cannot_be_written_is_named_as_asked(machines):
    master, lan, docs, tmp = machines
    out = tmp / "missing-folder" / "lan.bundle"
    with pytest.raises(BundleError) as err:
        export_bundle(lan, "lan", out)
    assert str(err.value).startswith(f"{out}: cannot be written (") and ".partial" not in str(err.value)


def test_merged_work_is_attributed_to_its_annotator_and_the_merge_to_the_merger(machines):
    master, lan, docs, tmp = machines
    export_bundle(lan, "lan", tmp / "lan.bundle")
    before = event_count(master)
    merge_bundles(master, [tmp / "lan.bundle"])
    new = master.conn.execute("SELECT actor, action, kind FROM events WHERE id > ? ORDER BY id",
                              (before,)).fetchall()
    item_events = [(a, k) for a, act, k in new if k in ("entity", "quote", "stance", "status", "time_spent")]
    assert item_events and {a for a, _ in item_events} == {"lan"}
    assert new[-1] == ("lead", "merge", "bundle") and master.actor == "lead"
    master.add_annotator("minh")
    head, body = (tmp / "lan.bundle").read_bytes().split(b"\n", 1)
    header = {**json.loads(head), "annotator": "Minh"}  # resealed, as a genuine bundle of "Minh" would be
    header["sha256"] = seal(header, [body])
    (tmp / "case.bundle").write_bytes(json.dumps(header).encode() + b"\n" + body)
    with pytest.raises(BundleError, match="a bundle of 'Minh', but this project's profile is 'minh'"):
        merge_bundles(master, [tmp / "case.bundle"])


def test_a_stance_label_of_the_projects_own_merges(machines):
    """Stance labels are configurable (Settings): a bundle carries whatever the project uses."""
    master, lan, docs, tmp = machines
    stance = lan.stances(docs[0], "lan")[0]
    annotate.apply(annotate.update(lan, "stance", stance["uid"], polarity="ủng hộ một phần"))
    export_bundle(lan, "lan", tmp / "lan.bundle")
    merge_bundles(master, [tmp / "lan.bundle"])
    assert [s["polarity"] for s in master.stances(docs[0], "lan")] == ["ủng hộ một phần"]
