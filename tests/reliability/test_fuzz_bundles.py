"""Fuzzing bundle merges (issue 7, "Hostile input" and "bundle sizes are
bounded"; DESIGN §5).

A bundle is checked by its digest, but anyone can recompute a digest: a
hand-edited or hostile bundle must still be refused by its content. Starting
from a real bundle of lan's layer (entities, a quote with cue and speaker, a
stance with holder, target and evidence, status, note and time), each
example changes it

- structurally: any field of the header, a document, an item or a deleted
  item replaced by a random value (hostile strings, offsets near the text's
  ends, other items' uids, NaN, huge integers, nested lists), deleted, or an
  item or a document duplicated; the seal then recomputed (or not, now and
  then: then any change, header included, must be refused);
- byte-wise: bytes flipped, cut or inserted anywhere, lines of deep nesting,
  huge integers, NUL or invalid UTF-8.

Each merge must be either clean (the project sound: integrity and foreign
keys ok, every span inside its text, every link to an item of the same
document and layer, only known kinds and polarities, the other layers as they
were; merging it again changes nothing) or a clean ``BundleError`` naming the
file, with the project exactly as it was.
"""
from __future__ import annotations

import copy
import hashlib
import json
import math
from pathlib import Path
from unittest import mock

import pytest
from fuzz_strategies import (
    ASTRAL,
    Projects,
    assert_clean_failure,
    fuzz,
    has_unstorable,
    hostile_text,
    snapshot,
    vietnamese,
)
from hypothesis import event, given
from hypothesis import strategies as st

from tintag.core import annotate
from tintag.core.store import ProjectStore
from tintag.core.team import bundle_format as bundle_module
from tintag.core.team.bundle import BundleError, export_bundle, merge_bundles


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    return Projects(tmp_path_factory.mktemp("fuzz-bundles"))


@pytest.fixture(scope="module")
def good_bundle(projects, tmp_path_factory) -> list:
    """lan's real bundle (header, then one record per document), as parsed JSON."""
    store, work = projects.new()
    try:
        store.add_annotator("lan")
        for n, doc in enumerate(store.iter_documents()):
            text, d = doc["text"], doc["id"]
            words = [i for i, ch in enumerate(text) if ch == " "]
            per = annotate.apply(annotate.tag_span(store, d, "lan", 0, words[0], "PER")).created[0][1]
            loc = annotate.apply(annotate.tag_span(store, d, "lan", words[1] + 1, words[2], "LOC")).created[0][1]
            quote = annotate.apply(annotate.make_quote(store, d, "lan", words[2] + 1, len(text) - 1,
                                                       speaker_uid=per)).created[0][1]
            store.update_item("quote", quote, cue_start=words[1] + 1, cue_end=words[2])
            stance = annotate.apply(annotate.make_stance(store, d, "lan", ["support", "oppose", "neutral"][n],
                                                         holder_uid=per, target_uid=loc)).created[0][1]
            store.update_item("stance", stance, evidence_quote_uid=quote, evidence_start=words[2] + 1,
                              evidence_end=len(text) - 1)
            gone = annotate.apply(annotate.tag_span(store, d, "lan", words[0] + 1, words[1], "MISC")).created[0][1]
            annotate.apply(annotate.delete(store, "entity", gone))  # travels in "deleted"
            store.set_status(d, "lan", "done")
            store.set_note(d, "lan", f"ghi chú {n} <b>😀</b>")
            store.add_time(d, "lan", 12.5 * (n + 1))
        out = tmp_path_factory.mktemp("bundle") / "lan.bundle"
        export_bundle(store, "lan", out)
    finally:
        Projects.drop(store, work)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4 and all(r["entities"] and r["quotes"] and r["stances"] and r["deleted"]
                                   for r in lines[1:])
    return lines


def write(path: Path, lines: list, *, reseal: bool = True) -> None:
    """The bundle as TinTag writes it; ``reseal`` recomputes count and seal the
    way someone editing it by hand would (sha256 of the header's canonical JSON
    without its digest, a newline, then the body: the README's recipe)."""
    body = [json.dumps(r, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass") + b"\n"
            for r in lines[1:]]
    header = dict(lines[0]) if isinstance(lines[0], dict) else lines[0]
    if reseal and isinstance(header, dict):
        header["documents"] = len(body)
        fields = {k: v for k, v in header.items() if k != "sha256"}
        canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        header["sha256"] = hashlib.sha256(canonical.encode("utf-8", "surrogatepass") + b"\n"
                                          + b"".join(body)).hexdigest()
    head = json.dumps(header, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
    path.write_bytes(head + b"".join(body))


# ---------------------------------------------------------------- values
def json_values():
    leaves = st.one_of(
        st.none(), st.booleans(), st.integers(-3, 200), st.integers(), st.just(10 ** 30),
        st.floats(allow_nan=True, allow_infinity=True), st.just(math.nan),
        hostile_text(huge=False, max_pieces=5), vietnamese(), st.sampled_from(ASTRAL),
        st.sampled_from(["", " ", "gold", "lan", " lan", "PER", "support", "oppose", "neutral", "maybe",
                         "direct", "indirect", "done", "todo", "skipped", "in_progress", "import",
                         "review", "manual", "<b>x</b>", "L" * 1001, "x" * 200_000]),
    )
    return st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                        max_leaves=6)


def _uids(lines: list) -> list[str]:
    return [item["uid"] for r in lines[1:] if isinstance(r, dict) for kind in ("entities", "quotes", "stances")
            for item in (r.get(kind) or []) if isinstance(item, dict) and isinstance(item.get("uid"), str)]


@st.composite
def mutated(draw, original: list) -> tuple[list, bool]:
    lines = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(["header", "document", "item", "item", "item", "structure"]))
        if target == "header":
            key = draw(st.sampled_from(["annotator", "created_at", "tintag_bundle", "sha256", "documents", "extra"]))
            _set(draw, lines[0], key, original)
        elif target == "document":
            record = lines[draw(st.integers(1, len(lines) - 1))]
            key = draw(st.sampled_from(["uid", "text_sha256", "status", "note", "time_spent",
                                        "entities", "quotes", "stances", "deleted", "extra"]))
            _set(draw, record, key, original)
        elif target == "item":
            record = lines[draw(st.integers(1, len(lines) - 1))]
            kind = draw(st.sampled_from(["entities", "quotes", "stances", "deleted"]))
            items = record.get(kind)
            if isinstance(items, list) and items and isinstance(items[0], dict):
                item = items[draw(st.integers(0, len(items) - 1))]
                key = draw(st.sampled_from(sorted(item) + ["extra"]))
                _set(draw, item, key, original, text_len=100)
        else:
            what = draw(st.sampled_from(["dup-document", "dup-item", "drop-document", "swap-documents",
                                         "move-item"]))
            if what == "dup-document":
                lines.append(copy.deepcopy(lines[draw(st.integers(1, len(lines) - 1))]))
            elif what == "drop-document" and len(lines) > 2:
                del lines[draw(st.integers(1, len(lines) - 1))]
            elif what == "swap-documents" and len(lines) > 2:
                lines[1], lines[-1] = lines[-1], lines[1]
            else:
                record = lines[draw(st.integers(1, len(lines) - 1))]
                kind = draw(st.sampled_from(["entities", "quotes", "stances"]))
                items = record.get(kind)
                if isinstance(items, list) and items:
                    item = copy.deepcopy(items[0])
                    if what == "dup-item":
                        items.append(item)
                    else:  # the item moved to another document: links and offsets no longer fit
                        other = lines[draw(st.integers(1, len(lines) - 1))]
                        if isinstance(other.get(kind), list):
                            other[kind].append(item)
                            items.pop(0)
    reseal = draw(st.integers(0, 9)) > 0
    return lines, reseal


def _set(draw, holder, key, original, text_len: int = 100) -> None:
    if not isinstance(holder, dict):
        return
    choice = draw(st.integers(0, 9))
    if choice == 0:
        holder.pop(key, None)
    elif choice <= 3:  # offsets near and beyond the text's ends
        holder[key] = draw(st.one_of(st.integers(-2, 3), st.integers(text_len - 40, text_len + 40)))
    elif choice <= 5:  # another item's uid: links across items, kinds and documents
        uids = _uids(original)
        holder[key] = draw(st.sampled_from(uids + ["missing-uid"]))
    else:
        holder[key] = draw(json_values())


# ------------------------------------------------------------- the outcome
def assert_sound(store: ProjectStore, layer: str) -> None:
    assert store.integrity_check() == "ok"
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for doc in store.iter_documents():
        text, d = doc["text"], doc["id"]
        entities = {e["uid"] for e in store.entities(d, layer)}
        quotes = {q["uid"] for q in store.quotes(d, layer)}
        for e in store.entities(d, layer):
            assert 0 <= e["start"] < e["end"] <= len(text), e
            assert isinstance(e["label"], str) and e["label"] and not has_unstorable(e["label"]), e
        for q in store.quotes(d, layer):
            assert 0 <= q["start"] < q["end"] <= len(text), q
            assert q["kind"] in ("direct", "indirect"), q
            assert q["cue_start"] is None or 0 <= q["cue_start"] < q["cue_end"] <= len(text), q
            assert q["speaker_uid"] is None or q["speaker_uid"] in entities, q
        for s in store.stances(d, layer):
            assert isinstance(s["polarity"], str) and s["polarity"].strip(), s
            assert len(s["polarity"]) <= 1000 and not has_unstorable(s["polarity"]), s
            assert s["holder_uid"] is None or s["holder_uid"] in entities, s
            assert s["target_uid"] is None or s["target_uid"] in entities, s
            assert s["evidence_quote_uid"] is None or s["evidence_quote_uid"] in quotes, s
            assert s["evidence_start"] is None or 0 <= s["evidence_start"] < s["evidence_end"] <= len(text), s
        a = store.assignment(d, layer)
        assert isinstance(a["note"], str) and not has_unstorable(a["note"])
        assert math.isfinite(a["time_spent"]) and a["time_spent"] >= 0


def merge_once(projects: Projects, path: Path) -> str:
    """Merge ``path`` into a fresh master; check the outcome; say which it was."""
    store, work = projects.new()
    try:
        others = {layer: [(store.entities(d, layer), store.quotes(d, layer), store.stances(d, layer))
                          for d in store.document_ids()] for layer in ("gold", "minh")}
        before = snapshot(store)
        try:
            merge_bundles(store, [path])
        except BundleError as err:
            assert_clean_failure(str(err), path)
            assert snapshot(store) == before
            return "refused"
        layer = json.loads(path.read_bytes().split(b"\n", 1)[0])["annotator"]
        assert_sound(store, layer)
        for name, rows in others.items():
            assert [(store.entities(d, name), store.quotes(d, name), store.stances(d, name))
                    for d in store.document_ids()] == rows
        merged = snapshot(store)
        summary = merge_bundles(store, [path])  # again: a no-op
        assert summary["already_merged"] == 1 and snapshot(store) == merged
        return "merged"
    finally:
        Projects.drop(store, work)


def test_the_real_bundle_merges(projects, good_bundle, tmp_path):
    path = tmp_path / "lan.bundle"
    write(path, good_bundle)
    assert merge_once(projects, path) == "merged"


@fuzz(150)
@given(data=st.data())
def test_edited_bundle_merges_soundly_or_is_refused(projects, good_bundle, tmp_path_factory, data):
    lines, reseal = data.draw(mutated(good_bundle))
    path = tmp_path_factory.mktemp("b") / "lan.bundle"
    write(path, lines, reseal=reseal)
    outcome = merge_once(projects, path)
    event(outcome)
    if not reseal and lines != good_bundle:  # the seal covers the header and the body
        assert outcome == "refused"


@fuzz(100)
@given(data=st.data())
def test_damaged_bundle_bytes_merge_soundly_or_are_refused(projects, good_bundle, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "lan.bundle"
    write(path, good_bundle)
    clean = path.read_bytes()
    raw = bytearray(clean)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        how = data.draw(st.sampled_from(["flip", "cut", "insert", "line"]))
        if how == "flip" and at < len(raw):
            raw[at] = data.draw(st.integers(0, 255))
        elif how == "cut":
            del raw[at:at + data.draw(st.integers(1, 200))]
        elif how == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=20))
        else:
            line = data.draw(st.sampled_from([b"[" * 100_000, b'{"a": ' + b"9" * 5000 + b"}", b"\x00\x00",
                                              b"\xff\xfe\xfd", b'"\\ud800"', b"NaN", b"{}", b""]))
            raw[at:at] = line + b"\n"
    path.write_bytes(bytes(raw))
    outcome = merge_once(projects, path)
    event(outcome)
    # the seal covers the header's content (not its spacing or key order) and every later byte
    head, _, body = bytes(raw).partition(b"\n")
    clean_head, _, clean_body = clean.partition(b"\n")
    try:
        same_header = json.loads(head) == json.loads(clean_head)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to parse
        same_header = False
    if not (same_header and body == clean_body):
        assert outcome == "refused"


# ---------------------------------------------------------------- the bounds
def test_bundle_larger_than_the_bound_is_refused_unread(projects, good_bundle, tmp_path):
    path = tmp_path / "lan.bundle"
    write(path, good_bundle)
    size = path.stat().st_size
    with mock.patch.object(bundle_module, "MAX_BUNDLE_BYTES", size - 1), \
            mock.patch.object(bundle_module, "open_regular",
                              side_effect=AssertionError("read a bundle that is too large")):
        with pytest.raises(BundleError) as err:
            bundle_module.read_bundle(path)
    assert str(err.value) == (f"{path}: {size:,} bytes is larger than a bundle can be ({size - 1:,}); "
                              "is it the right file?")


def test_endless_line_is_refused_without_reading_it_whole(projects, good_bundle, tmp_path):
    path = tmp_path / "lan.bundle"
    write(path, good_bundle)
    with open(path, "ab") as fh:
        fh.write(b'{"uid": "' + b"x" * 3_000_000)  # no line end
    reads = []
    real_open = bundle_module.open_regular

    class Counting:
        def __init__(self, fh):
            self.fh = fh

        def readline(self, size=-1):
            assert size != -1, "a line read without a bound"
            line = self.fh.readline(size)
            reads.append(len(line))
            return line

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    with mock.patch.object(bundle_module, "MAX_LINE_BYTES", 10_000), \
            mock.patch.object(bundle_module, "open_regular", lambda *a, **k: Counting(real_open(*a, **k))):
        with pytest.raises(BundleError) as err:
            bundle_module.read_bundle(path)
    assert str(err.value) == f"{path}:5: line longer than 10,000 bytes"
    assert max(reads) == 10_001


def test_command_line_merge_of_a_hostile_bundle_is_one_line(projects, good_bundle, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("reliability_conftest", Path(__file__).with_name("conftest.py"))
    helpers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpers)

    lines = copy.deepcopy(good_bundle)
    lines[1]["stances"][0]["holder_uid"] = "<b>nobody</b>"
    path = tmp_path / "lan.bundle"
    write(path, lines)
    store, work = projects.new()
    store.close()
    project = work / "p.tintag"
    before = helpers.fingerprint(project)
    done = helpers.run_tintag("bundle", "merge", project, path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done
    assert done.stderr == (f"tintag: error: {path}:2: stance {lines[1]['stances'][0]['uid']!r}: holder_uid "
                           "'<b>nobody</b>' is not an item of this document in the bundle\n")
    assert helpers.fingerprint(project) == before
