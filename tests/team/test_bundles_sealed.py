"""A bundle's digest seals its header as well as its body (issue 14, item 5).

A tester edited only "annotator" in minh's bundle: it merged onto lan's
layer, and minh's genuine bundle was then refused as older. Editing any
header field must make the bundle refused, with nothing merged.
"""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from team_helpers import TEXT, add_docs, span

from tintag.core import annotate
from tintag.core.store import ProjectStore
from tintag.core.team.bundle import BundleError, export_bundle, merge_bundles


@pytest.fixture
def minh_bundle(tmp_path):
    master = ProjectStore.create(tmp_path / "master.tintag", actor="lead")
    docs = add_docs(master, [TEXT])
    master.add_annotator("lan")
    master.add_annotator("minh")
    master.close()
    shutil.copy(tmp_path / "master.tintag", tmp_path / "minh.tintag")
    with ProjectStore.open(tmp_path / "minh.tintag", actor="minh") as minh:
        s, e = span(TEXT, "Nguyễn Văn An")
        annotate.apply(annotate.tag_span(minh, docs[0], "minh", s, e, "PER"))
        minh.set_status(docs[0], "minh", "done")
        export_bundle(minh, "minh", tmp_path / "minh.bundle")
    master = ProjectStore.open(tmp_path / "master.tintag", actor="lead")
    yield master, docs, tmp_path / "minh.bundle"
    master.close()


def edited_header(path, out, **changes):
    head, body = path.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    header.update(changes)
    out.write_bytes(json.dumps(header, ensure_ascii=False).encode() + b"\n" + body)
    return out


def layers_and_events(store, doc):
    return ([(layer, store.entities(doc, layer), store.assignment(doc, layer)) for layer in ("lan", "minh")],
            store.conn.execute("SELECT count(*) FROM events").fetchone()[0],
            store.get_setting("bundle_merges"))


@pytest.mark.parametrize("changes", [
    {"annotator": "lan"},                        # retargeted onto another annotator's layer
    {"created_at": "2999-01-01T00:00:00.000+00:00"},  # made to look newer than any later bundle
    {"documents": 2},
], ids=["annotator", "created_at", "documents"])
def test_a_bundle_whose_header_was_edited_is_refused_and_nothing_merged(minh_bundle, tmp_path, changes):
    master, docs, path = minh_bundle
    bad = edited_header(path, tmp_path / "edited.bundle", **changes)
    before = layers_and_events(master, docs[0])
    with pytest.raises(BundleError, match=r"edited\.bundle: the bundle was changed after it was written"):
        merge_bundles(master, [bad])
    assert layers_and_events(master, docs[0]) == before
    summary = merge_bundles(master, [path])  # the genuine one still merges, onto minh's layer
    assert summary["documents_changed"] == 1
    assert [e["label"] for e in master.entities(docs[0], "minh")] == ["PER"]
    assert master.entities(docs[0], "lan") == []


def test_a_bundle_of_the_unsealed_format_1_is_refused_with_what_to_do(minh_bundle, tmp_path):
    """Decided: format 1 sealed only the body, so its annotator cannot be trusted;
    it is refused (no flag lets it in) and the message says to export it again."""
    master, docs, path = minh_bundle
    head, body = path.read_bytes().split(b"\n", 1)
    records = [json.loads(line) for line in body.splitlines()]
    for record in records:
        record.pop("deleted")  # format 1 had no list of deleted items
    body = b"".join(json.dumps(r, ensure_ascii=False, sort_keys=True).encode() + b"\n" for r in records)
    header = {**json.loads(head), "tintag_bundle": 1, "sha256": hashlib.sha256(body).hexdigest()}
    old = tmp_path / "old.bundle"
    old.write_bytes(json.dumps(header).encode() + b"\n" + body)
    before = layers_and_events(master, docs[0])
    with pytest.raises(BundleError) as err:
        merge_bundles(master, [old])
    assert str(err.value) == (f"{old}:1: written by an older TinTag (bundle format 1, whose header is not "
                              "sealed: its annotator could have been changed); export the bundle again with "
                              "this version of TinTag")
    assert layers_and_events(master, docs[0]) == before


def test_the_seal_is_the_documented_recipe(minh_bundle):
    """sha256 of the header's canonical JSON without "sha256" (sorted keys, no
    spaces, UTF-8), a newline, then the bytes of every following line."""
    master, docs, path = minh_bundle
    head, body = path.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    fields = {k: v for k, v in header.items() if k != "sha256"}
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    assert header["tintag_bundle"] == 2
    assert header["sha256"] == hashlib.sha256(canonical + b"\n" + body).hexdigest()
