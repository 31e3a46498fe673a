"""Fuzzing the annotation importers: doccano (both shapes), Label Studio,
Prodigy, TinTag's native JSONL and CoNLL.

Files are written the way those tools write them (doccano/Prodigy JSONL, a
Label Studio export list indented or one task per line, CoNLL with TABs or
spaces, `# id =` or `-DOCSTART-` separators; UTF-8 with or without BOM; LF or
CRLF). The content is random and adversarial: texts with control characters,
NUL, lone surrogates, NFD, bidi marks and astral characters; spans in and out
of range, with right and wrong surfaces; odd labels. Each import must be

- clean: every document of the file holds exactly the file's spans in the
  layer, and every stored span satisfies ``text[start:end] == surface``; or
- a clean error: ``ImportFailure`` naming the file and the line of the first
  bad record, with the project exactly as it was.

A second property feeds each reader structurally random JSON (any value at
any place of a valid record): nothing but ``ImportFailure`` may escape.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

import pytest
from fuzz_strategies import (
    ASTRAL,
    BIDI,
    COMBINING,
    INVISIBLE,
    TEMPLATE_TEXTS,
    VIETNAMESE,
    Projects,
    assert_clean_failure,
    canonical,
    document_text,
    fuzz,
    has_surrogate,
    has_unstorable,
    hostile_text,
    snapshot,
    stored_documents_are_canonical,
    stored_spans_are_inside,
    vietnamese,
)
from hypothesis import event, given
from hypothesis import strategies as st

from tintag.core.importers.common import ImportFailure
from tintag.core.interop import import_annotations

LAYER = "fuzz"
TEMPLATE_UIDS = {"t0", "t1", "t2"}
GOOD_LABELS = ["PER", "LOC", "ORG", "MISC", "NGƯỜI", "ĐỊA_DANH", 7]
BAD_LABELS = ["", None, "\ud800", "a\x00b", "L" * 1001, ["PER"], {"l": 1}, True, 1.5]


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    return Projects(tmp_path_factory.mktemp("fuzz-interop"))


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def label_ok(label) -> bool:
    if isinstance(label, bool) or not isinstance(label, (str, int)):
        return False
    label = str(label)
    return bool(label) and len(label) <= 1000 and not has_unstorable(label)


# --------------------------------------------------------------- documents
@st.composite
def annotated_document(draw, good: bool):
    """{'text', 'id', 'spans': [{start, end, label, surface}], 'speakers': {quote index: span index}}"""
    if good:
        text = canonical(draw(document_text(huge=False)))
    else:
        text = draw(st.one_of(document_text(huge=False), hostile_text(huge=False),
                              document_text(huge=False).map(lambda t: unicodedata.normalize("NFD", t)),
                              st.just("Hà Nội\r\nở đây")))
    spans = []
    n = len(text)
    for _ in range(draw(st.integers(0, 5))):
        if n and (good or draw(st.integers(0, 3))):
            start = draw(st.integers(0, n - 1))
            end = draw(st.integers(start + 1, n))
        else:  # out of range, empty, reversed, negative, not integers
            start, end = draw(st.sampled_from([(0, n + 1), (n, n), (3, 2), (-1, 1), (0, 0), (n + 5, n + 9),
                                               (True, 2), ("0", 1), (0, 1.0), (None, 1)]))
        label = draw(st.sampled_from(GOOD_LABELS + ["QUOTE"] if good or draw(st.booleans())
                                     else BAD_LABELS))
        surface = None
        if draw(st.booleans()):
            if good or draw(st.booleans()):
                surface = text[start:end] if isinstance(start, int) and isinstance(end, int) else "x"
            else:
                surface = draw(st.sampled_from(["wrong", "", text[:1] + "\u0301"]))
        spans.append({"start": start, "end": end, "label": label, "surface": surface})
    speakers = {}
    quotes = [i for i, s in enumerate(spans) if s["label"] == "QUOTE"]
    others = [i for i, s in enumerate(spans) if s["label"] != "QUOTE"]
    for q in quotes:
        if others and draw(st.booleans()):
            speakers[q] = draw(st.sampled_from(others))
    return {"text": text, "spans": spans, "speakers": speakers}


def span_valid(text: str, span: dict, carries_surface: bool) -> bool:
    s, e = span["start"], span["end"]
    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
        return False
    if not 0 <= s < e <= len(text):
        return False
    if carries_surface and span["surface"] is not None and text[s:e] != span["surface"]:
        return False
    return span["label"] == "QUOTE" or label_ok(span["label"])


def text_valid(text) -> bool:
    return (isinstance(text, str) and not has_unstorable(text) and canonical(text) == text
            and bool(text.strip()))


# ---------------------------------------------------------------- writers
def doccano_line(doc: dict, shape: str) -> dict:
    obj = {"text": doc["text"]}
    if doc.get("id") is not None:
        obj["id"] = doc["id"]
    if shape == "entities":
        obj["entities"] = [{"id": 100 + i, "start_offset": s["start"], "end_offset": s["end"],
                            "label": s["label"]} for i, s in enumerate(doc["spans"])]
        obj["relations"] = [{"id": 500 + q, "from_id": 100 + q, "to_id": 100 + t, "type": "speaker"}
                            for q, t in doc["speakers"].items()]
    else:
        obj["label"] = [[s["start"], s["end"], s["label"]] for s in doc["spans"]]
    return obj


def prodigy_line(doc: dict) -> dict:
    spans = []
    for s in doc["spans"]:
        span = {"start": s["start"], "end": s["end"], "label": s["label"], "token_start": 0, "token_end": 0}
        if s["surface"] is not None:
            span["text"] = s["surface"]
        spans.append(span)
    return {"text": doc["text"], "spans": spans, "answer": doc.get("answer", "accept"),
            "_input_hash": 1, "_task_hash": 2}


def native_line(doc: dict) -> dict:
    entities, quotes = [], []
    for i, s in enumerate(doc["spans"]):
        item = {"start": s["start"], "end": s["end"]}
        if s["surface"] is not None:
            item["text"] = s["surface"]
        if s["label"] == "QUOTE":
            t = doc["speakers"].get(i)
            speaker = None
            if t is not None:
                sp = doc["spans"][t]
                speaker = {"start": sp["start"], "end": sp["end"]}
            quotes.append({**item, "kind": "direct", "cue": None, "speaker": speaker, "speaker_name": None})
        else:
            entities.append({**item, "label": s["label"], "origin": "manual"})
    obj = {"text": doc["text"], "layer": LAYER, "status": doc.get("status", "in_progress"),
           "normalization": "NFC", "offset_unit": "codepoint",
           "entities": entities, "quotes": quotes, "stances": []}
    if doc.get("id") is not None:
        obj["id"] = doc["id"]
    return obj


def labelstudio_task(doc: dict, n: int, other_first: bool) -> dict:
    results = []
    for i, s in enumerate(doc["spans"]):
        value = {"start": s["start"], "end": s["end"], "labels": [s["label"]]}
        if s["surface"] is not None:
            value["text"] = s["surface"]
        results.append({"id": f"r{i}", "from_name": "label", "to_name": "text", "type": "labels",
                        "value": value})
    for q, t in doc["speakers"].items():
        results.append({"type": "relation", "from_id": f"r{q}", "to_id": f"r{t}", "direction": "right",
                        "labels": ["speaker"]})
    mine = {"id": 1, "completed_by": LAYER, "result": results, "was_cancelled": False}
    annotations = [mine]
    if other_first:  # another annotator's work first: the layer's own must be picked
        annotations.insert(0, {"id": 2, "completed_by": 42, "result": [
            {"id": "x", "type": "labels", "value": {"start": 0, "end": 10**9, "labels": ["PER"]}}]})
    data = {"text": doc["text"]}
    if doc.get("id") is not None:
        data["doc_id"] = doc["id"]
    return {"id": n, "data": data, "annotations": annotations}


FORMATS = ["doccano-entities", "doccano-label", "prodigy", "jsonl", "labelstudio"]
CARRIES_SURFACE = {"prodigy", "jsonl", "labelstudio"}


@st.composite
def annotation_file(draw, fmt: str):
    """(bytes, list of (line, doc, expected-to-import))"""
    good_file = draw(st.booleans())
    docs = draw(st.lists(st.integers(0, 2).flatmap(lambda g: annotated_document(good_file or g > 0)),
                         max_size=5))
    for i, doc in enumerate(docs):  # distinct texts; the suffix leaves every offset valid
        if isinstance(doc["text"], str):
            doc["text"] += f" §{i}"
        doc["id"] = draw(st.one_of(st.none(), st.just(f"doc-{i}"), st.just("t0") if not good_file
                                   else st.none()))
    if draw(st.integers(0, 4)) == 0:  # re-annotate a document already in the project
        text = draw(st.sampled_from(TEMPLATE_TEXTS))
        docs.insert(draw(st.integers(0, len(docs))), {
            "text": text, "id": None, "speakers": {},
            "spans": [{"start": 0, "end": 5, "label": "LOC", "surface": text[:5]}]})
    if fmt == "prodigy":
        for doc in docs:
            doc["answer"] = draw(st.sampled_from(["accept", "accept", "reject", "ignore"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    ascii_only = draw(st.booleans())
    dump = lambda obj, **kw: json.dumps(obj, ensure_ascii=ascii_only, **kw)  # noqa: E731
    entries = []
    if fmt == "labelstudio":
        style = draw(st.sampled_from(["indent", "tintag", "compact"]))
        tasks = [labelstudio_task(d, n, draw(st.booleans())) for n, d in enumerate(docs, start=1)]
        if style == "indent":
            # indent by "\n" only: textwrap.indent splits at \x85 and \u2028 too,
            # which a raw (ensure_ascii=False) JSON string may hold
            parts = ["\n".join("  " + row for row in dump(t, indent=2).split("\n")) for t in tasks]
            line = 2
            for d, part in zip(docs, parts):
                entries.append((line, d))
                line += part.count("\n") + 1
            body = "[\n" + ",\n".join(parts) + "\n]" if parts else "[]"
        elif style == "tintag":  # what TinTag's own exporter writes
            body = "[\n" + ",\n".join(dump(t) for t in tasks) + "\n]\n"
            entries = [(n + 1, d) for n, d in enumerate(docs, start=1)]
        else:
            body = dump(tasks)
            entries = [(1, d) for d in docs]
        text = body.replace("\n", eol)
    else:
        lines = []
        for d in docs:
            if fmt.startswith("doccano"):
                obj = doccano_line(d, fmt.split("-")[1])
            elif fmt == "prodigy":
                obj = prodigy_line(d)
            else:
                obj = native_line(d)
            if draw(st.integers(0, 6)) == 0:
                lines.append("")  # a blank line is skipped
            lines.append(dump(obj))
            entries.append((len(lines), d))
        text = eol.join(lines) + (eol if lines and draw(st.booleans()) else "")
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    raw_surrogate = has_surrogate(text)  # written raw (not as \\u escapes): invalid UTF-8
    return data, entries, raw_surrogate


def expected(fmt: str, entries, raw_surrogate: bool):
    """('error', line or None) or ('ok', [(doc, entities, quotes)])"""
    if raw_surrogate:
        return "error", "any"
    known = {sha(t) for t in TEMPLATE_TEXTS}
    taken = set(TEMPLATE_UIDS)
    out = []
    for line, doc in entries:
        if doc.get("answer") in ("reject", "ignore"):
            continue
        text = doc["text"]
        carries = fmt in CARRIES_SURFACE
        if not text_valid(text) or not all(span_valid(text, s, carries) for s in doc["spans"]):
            return "error", line
        if fmt == "labelstudio" or fmt.startswith("doccano") or fmt == "jsonl":
            speakers_ok = all(span_valid(text, doc["spans"][t], carries) for t in doc["speakers"].values())
            if not speakers_ok:
                return "error", line
        h = sha(text)
        if h not in known:
            uid = (doc.get("id") if fmt != "prodigy" else None) or f"sha256:{h[:16]}"
            if uid in taken:
                return "error", line
            known.add(h)
            taken.add(uid)
        entities, quotes, seen = [], [], set()
        for i, s in enumerate(doc["spans"]):
            key = (s["start"], s["end"], str(s["label"]))
            if fmt.startswith("doccano"):
                if key in seen:
                    continue
                seen.add(key)
            if s["label"] == "QUOTE" and fmt != "prodigy":
                t = doc["speakers"].get(i) if fmt != "doccano-label" else None
                speaker = doc["spans"][t] if t is not None else None
                quotes.append((s["start"], s["end"], (speaker["start"], speaker["end"]) if speaker else None))
            else:
                entities.append(key)
        spans = {(e[0], e[1]) for e in entities}

        def speaker_of(span, spans=spans, text=text):  # a span naming an entity links it, else its name
            if span is None:
                return None
            return ("entity", *span) if span in spans else ("name", text[span[0]:span[1]])

        out.append((doc, sorted(entities), sorted(((q[0], q[1], speaker_of(q[2])) for q in quotes), key=repr)))
    if not out:
        return "error", None
    return "ok", out


def stored_layer(store, doc_id):
    ents = store.entities(doc_id, LAYER)
    by_uid = {e["uid"]: e for e in ents}
    quotes = []
    for q in store.quotes(doc_id, LAYER):
        speaker = None
        if q["speaker_uid"]:
            e = by_uid[q["speaker_uid"]]
            speaker = ("entity", e["start"], e["end"])
        elif q["speaker_name"]:
            speaker = ("name", q["speaker_name"])
        quotes.append((q["start"], q["end"], speaker))
    return sorted((e["start"], e["end"], e["label"]) for e in ents), sorted(quotes, key=repr)


def check(store, path, before, fmt, case, error) -> str:
    data, entries, raw_surrogate = case
    kind, detail = expected(fmt, entries, raw_surrogate)
    if kind == "error":
        assert error is not None, f"expected an error ({detail}), got a clean import"
        assert_clean_failure(str(error), path, detail if isinstance(detail, int) else None)
        assert snapshot(store) == before
        return f"error ({'no line' if detail is None else 'at a line'})"
    assert error is None, str(error)
    for doc, entities, quotes in detail:
        stored = store.document_by_sha(sha(doc["text"]))
        assert stored is not None and stored["text"] == doc["text"]
        assert stored_layer(store, stored["id"]) == (entities, quotes)
    stored_documents_are_canonical(store)
    stored_spans_are_inside(store)
    # other layers and other documents are untouched
    after = snapshot(store)
    touched = {sha(doc["text"]) for doc, _, _ in detail}
    for (doc, layers), (doc_after, layers_after) in zip(before["documents"], after["documents"]):
        assert doc == doc_after
        for layer in layers:
            if layer != LAYER or doc["text_sha256"] not in touched:
                assert layers[layer] == layers_after[layer]
    assert store.integrity_check() == "ok"
    return "ok"


def run(projects, fmt, case) -> tuple[bool, str]:
    """Import ``case``; (whether an error was expected, what happened), after ``check``."""
    data = case[0]
    store, work = projects.new()
    try:
        path = work / ("fuzz.json" if fmt == "labelstudio" else "fuzz.jsonl")
        path.write_bytes(data)
        before = snapshot(store)
        error = None
        try:
            import_annotations(store, path, fmt.split("-")[0], LAYER)
        except ImportFailure as err:
            error = err
        outcome = check(store, path, before, fmt, case, error)
        event(outcome)
        return expected(fmt, case[1], case[2])[0] == "error", outcome
    finally:
        projects.drop(store, work)


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz(60)
@given(data=st.data())
def test_annotation_import_is_clean_or_refused(projects, fmt, data):
    error_expected, outcome = run(projects, fmt, data.draw(annotation_file(fmt)))
    assert outcome.startswith("error (") if error_expected else outcome == "ok"


# ------------------------------------------------- structurally random JSON
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 10**20), st.floats(),
              st.text(max_size=5), st.sampled_from(["\ud800", "QUOTE", "speaker", "labels", "relation"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=8)


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths_of(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths_of(v, prefix + (i,))


def replaced(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (replaced(v, rest, new) if k == head else v) for k, v in value.items()}
    return [replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz(60)
@given(data=st.data())
def test_any_json_shape_is_a_clean_error_or_import(projects, fmt, data):
    """Replace any part of a valid record with any JSON value (or delete it)."""
    doc = data.draw(annotated_document(good=True))
    doc["id"] = None
    if fmt == "labelstudio":
        record = [labelstudio_task(doc, 1, data.draw(st.booleans()))]
    elif fmt.startswith("doccano"):
        record = doccano_line(doc, fmt.split("-")[1])
    elif fmt == "prodigy":
        record = prodigy_line(doc)
    else:
        record = native_line(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(paths_of(record))))
        record = replaced(record, where, data.draw(json_values))
    raw = json.dumps(record, ensure_ascii=True).encode()
    store, work = projects.new()
    try:
        path = work / ("fuzz.json" if fmt == "labelstudio" else "fuzz.jsonl")
        path.write_bytes(raw + b"\n")
        before = snapshot(store)
        try:
            import_annotations(store, path, fmt.split("-")[0], LAYER)
        except ImportFailure as err:
            event("error")
            assert_clean_failure(str(err), path)
            assert snapshot(store) == before
        else:
            event("ok")
            stored_documents_are_canonical(store)
            stored_spans_are_inside(store)
            assert store.integrity_check() == "ok"
    finally:
        projects.drop(store, work)


# ------------------------------------------------------------------- CoNLL
SYLLABLES = [w for v in VIETNAMESE for w in re.findall(r"\w+", v)]
TOKEN_CHARS = st.characters(exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc"), exclude_characters="_\t")


def plain_token() -> st.SearchStrategy[str]:
    """A token without whitespace or '_': any letters, marks, emoji, bidi and invisible characters."""
    pieces = st.one_of(st.sampled_from(SYLLABLES), st.sampled_from(ASTRAL + BIDI + INVISIBLE + COMBINING),
                       st.text(TOKEN_CHARS, min_size=1, max_size=4), vietnamese().map(lambda w: w.replace(" ", "")))
    return st.lists(pieces, min_size=1, max_size=3).map("".join).filter(
        lambda t: not any(ch.isspace() for ch in t) and not t.startswith("-DOCSTART-"))


@st.composite
def conll_token(draw):
    """(token as written, the word it stands for or None when it is invisible-only, needs a TAB)"""
    kind = draw(st.sampled_from(["plain", "plain", "vlsp", "nbsp", "hash"]))
    if kind == "vlsp":  # VLSP word joining: syllables joined by '_'
        syllables = draw(st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3))
        return "_".join(syllables), " ".join(canonical(s) for s in syllables), False
    if kind == "nbsp":  # a TAB-separated token may hold a no-break space
        a, b = draw(st.sampled_from(SYLLABLES)), draw(st.sampled_from(SYLLABLES))
        return f"{a}\xa0{b}", f"{a}\xa0{b}", True
    token = draw(plain_token())
    if kind == "hash":
        token = "#" + token  # a hashtag is a token, not a comment, when a TAB follows
    word = canonical(token).strip()
    return token, word or None, token.startswith("#")


@st.composite
def conll_file(draw):
    scheme = draw(st.sampled_from(["BIO", "IOB1", "BIOES"]))
    separator = draw(st.sampled_from(["# id", "-DOCSTART-", "none"]))
    use_tab = draw(st.booleans())
    labels = draw(st.lists(st.sampled_from(["PER", "LOC", "ORG", "MISC", "NGƯỜI", "B-X", "Ủy-ban"]),
                           min_size=1, max_size=3))
    documents = []  # list of sentences; a sentence: list of (token, word, needs_tab, tag)
    for _ in range(draw(st.integers(1, 3))):
        sentences = []
        for _ in range(1 if separator == "none" else draw(st.integers(1, 3))):
            tokens = draw(st.lists(conll_token(), min_size=1, max_size=6))
            tags = ["O"] * len(tokens)
            entities = []
            i = 0
            while i < len(tokens):
                if draw(st.booleans()):
                    j = draw(st.integers(i + 1, min(len(tokens), i + 3)))
                    entities.append((i, j, draw(st.sampled_from(labels))))
                    i = j + draw(st.integers(0, 1))
                else:
                    i += 1
            for k, (i, j, label) in enumerate(entities):
                for t in range(i, j):
                    if scheme == "BIO":
                        tags[t] = ("B-" if t == i else "I-") + label
                    elif scheme == "BIOES":
                        tags[t] = (("S-" if j - i == 1 else "B-") if t == i
                                   else "E-" if t == j - 1 else "I-") + label
                    else:  # IOB1: B- only where an entity of the same type ends right before
                        follows_same = k and entities[k - 1][1] == i and entities[k - 1][2] == label
                        tags[t] = ("B-" if t == i and follows_same else "I-") + label
            sentences.append([(tok, word, tab, tag) for (tok, word, tab), tag in zip(tokens, tags)]
                             + [entities])
        documents.append(sentences)
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines, expected_docs = [], []
    for d, sentences in enumerate(documents):
        doc_id = None
        if separator == "# id":
            doc_id = draw(st.sampled_from([f"d{d}", f"d{d}", "", "t0"]))
            lines.append(f"# id = {doc_id}")
        elif separator == "-DOCSTART-":
            lines.append("-DOCSTART- -X- O O")
            lines.append("")
        if draw(st.booleans()):
            lines.append("# text = một bình luận")  # a comment line is skipped
        words, entity_spans, doc_bad = [], [], None
        for sentence in sentences:
            *tokens, entities = sentence
            first = len(words)
            for tok, word, tab, tag in tokens:
                sep = "\t" if (use_tab or tab) else " "
                line = f"{tok}{sep}{tag}" if sep == "\t" or draw(st.booleans()) else f"{tok} NN {tag}"
                lines.append(line)
                if word is None and doc_bad is None:
                    doc_bad = len(lines)
                words.append(word or "")
            for i, j, label in entities:
                entity_spans.append((first + i, first + j, label))
            lines.append("")
        text, starts, ends = "", [], []
        for w in words:
            if text:
                text += " "
            starts.append(len(text))
            text += w
            ends.append(len(text))
        ents = sorted((starts[i], ends[j - 1], label) for i, j, label in entity_spans)
        expected_docs.append({"text": text, "entities": ents, "id": doc_id or None, "bad_line": doc_bad})
    data = eol.join(lines) + eol
    if draw(st.booleans()):
        data = "\ufeff" + data
    return data.encode("utf-8"), expected_docs


@fuzz(150)
@given(conll_file())
def test_conll_import_is_clean_or_refused(projects, case):
    data, docs = case
    store, work = projects.new()
    try:
        path = work / "fuzz.conll"
        path.write_bytes(data)
        before = snapshot(store)
        try:
            import_annotations(store, path, "conll", LAYER)
            error = None
        except ImportFailure as err:
            error = str(err)
        # documents are read and stored one after the other: the first problem wins
        known, taken, last = {sha(t) for t in TEMPLATE_TEXTS}, set(TEMPLATE_UIDS), {}
        for doc in docs:
            if doc["bad_line"] is not None:
                event("error: invisible-only token")
                assert error is not None and error.startswith(f"{path}:{doc['bad_line']}: "), (error, doc)
                assert snapshot(store) == before
                return
            h = sha(doc["text"])
            if h not in known:
                uid = doc["id"] or f"sha256:{h[:16]}"
                if uid in taken:
                    event("error: id clash")
                    assert error is not None and "already used" in error, error
                    assert_clean_failure(error, path)
                    assert snapshot(store) == before
                    return
                known.add(h)
                taken.add(uid)
            last[h] = doc  # the same text twice: the later annotations replace the earlier
        docs = list(last.values())
        event("ok")
        assert error is None, error
        for doc in docs:
            stored = store.document_by_sha(sha(doc["text"]))
            assert stored is not None, doc["text"]
            got = sorted((e["start"], e["end"], e["label"]) for e in store.entities(stored["id"], LAYER))
            assert got == doc["entities"]
            for s, e, _label in got:
                assert stored["text"][s:e].strip() == stored["text"][s:e]
        stored_documents_are_canonical(store)
    finally:
        projects.drop(store, work)


# --------------------------------------------------------- targeted cases
@pytest.mark.parametrize("fmt, content, line, message", [
    ("doccano", '{"text": "abc", "entities": [{"id": [1], "start_offset": 0, "end_offset": 1, "label": "X"}]}',
     1, "entity id must be"),
    ("doccano", '{"text": "abcd", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "X"}], '
                '"relations": [{"from_id": {"a": 1}, "to_id": 1, "type": "x"}]}', 1, "unknown entity"),
    ("doccano", '{"text": "abcd", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "X"}, '
                '{"id": 1, "start_offset": 1, "end_offset": 2, "label": "Y"}]}', 1, "given twice"),
    ("doccano", '{"text": "abcd", "label": [[0, 1, "X"]], "relations": [{"from_id": 0, "to_id": 0, '
                '"type": ["support"]}]}', None, None),
    ("labelstudio", '[{"data": {"text": "abc"}, "annotations": "xx"}]', 1, "'annotations' must be"),
    ("labelstudio", '[{"data": {"text": "abc"}, "annotations": [{"result": [5]}]}]', 1, "'result' must be"),
    ("labelstudio", '[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": 3}]}]}]',
     1, "no 'value'"),
    ("labelstudio", '[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", '
                    '"value": {"start": 0, "end": 1, "labels": 7}}]}]}]', 1, "no labels"),
    ("labelstudio", "[" * 100_000, 1, "nested too deeply"),
    ("labelstudio", '[\n{"data": {"text": "abc"}},\n{"data": {"text": "abc"}, "annotations": [{"result": '
                    '[{"type": "labels", "value": {"start": 0, "end": 9, "labels": ["X"]}}]}]}\n]', 3,
     "outside the text"),
    ("labelstudio", '[\n{"data": {"text": "abc"}}\n,\n{"data": 5}\n]', 4, "no data.text"),
    ("labelstudio", '[\n{"data": {"text": "abc"}}\n{"data": 5}\n]', 3, "expected ',' or ']'"),
    ("labelstudio", '[{"data": {"text": "abc"}}] x', 1, "text after the list"),
    ("jsonl", '{"text": "abc", "quotes": [{"start": 0, "end": 1, "kind": "weird"}]}', 1, "quote kind"),
    ("jsonl", '{"text": "abc", "quotes": [{"start": 0, "end": 1, "kind": [1]}]}', 1, "quote kind"),
    ("jsonl", '{"text": "abc", "quotes": [{"start": 0, "end": 1, "speaker_name": {"a": 1}}]}', 1, "speaker_name"),
    ("jsonl", '{"text": "abc", "entities": 5}', 1, "'entities' must be a list"),
    ("jsonl", '{"text": "abc", "stances": [5]}', 1, "stance must be an object"),
    ("jsonl", '{"text": "abc", "stances": [{"holder": {"name": [1]}}]}', 1, "holder name"),
    ("jsonl", '{"text": "abc", "entities": [{"start": false, "end": true, "label": "X"}]}', 1, "outside the text"),
    ("jsonl", '{"text": "abc", "entities": [{"start": 0, "end": 1, "label": "\\ud800"}]}', 1, "lone surrogate"),
    ("jsonl", '{"text": "abc", "entities": [{"start": 0, "end": 1}]}', 1, "label is missing"),
    ("jsonl", '{"text": "abc", "n": ' + "1" * 5000 + "}", 1, "invalid JSON"),
    ("prodigy", '{"text": "abc", "spans": [{"start": 0, "end": 1, "label": "\\ud800"}]}', 1, "lone surrogate"),
    ("prodigy", '{"text": "abc", "spans": [{"start": 0, "end": 1, "label": "X", "text": 5}]}', 1, "does not match"),
    ("doccano", '{"text": "abc", "meta": ' + "[" * 50_000 + "]" * 50_000 + "}", 1, "nested too deeply"),
])
def test_hostile_annotation_files(project, tmp_path, fmt, content, line, message):
    """Each of these escaped as AttributeError, TypeError, KeyError, sqlite3
    errors, RecursionError or ValueError before the readers checked shapes."""
    path = tmp_path / ("x.json" if fmt == "labelstudio" else "x.jsonl")
    path.write_text(content, encoding="utf-8")
    before = snapshot(project)
    if message is None:
        import_annotations(project, path, fmt, LAYER)  # odd but harmless: imported
        return
    with pytest.raises(ImportFailure, match=re.escape(message)) as err:
        import_annotations(project, path, fmt, LAYER)
    assert_clean_failure(str(err.value), path, line)
    assert snapshot(project) == before


def test_same_id_other_text_is_a_clean_error(project, tmp_path):
    """The store's 'id already used' (ProjectError) becomes FILE:LINE."""
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "X", "text": "một"}\n', encoding="utf-8")
    import_annotations(project, path, "doccano", LAYER)
    path.write_text('{"id": "Y", "text": "hai"}\n{"id": "X", "text": "ba"}\n', encoding="utf-8")
    before = snapshot(project)
    with pytest.raises(ImportFailure, match="'X' is already used") as err:
        import_annotations(project, path, "doccano", LAYER)
    assert str(err.value).startswith(f"{path}:2: ")
    assert snapshot(project) == before


def test_unreadable_paths_are_clean_errors(project, tmp_path):
    for fmt in ("doccano", "conll", "labelstudio", "prodigy", "jsonl"):
        with pytest.raises(ImportFailure, match="folder"):
            import_annotations(project, tmp_path, fmt, LAYER)
        with pytest.raises(ImportFailure, match="no such file"):
            import_annotations(project, tmp_path / "missing.jsonl", fmt, LAYER)


@pytest.mark.parametrize("content, expected", [
    # a token holding a no-break space (TAB-separated) keeps it; it used to be cut at the space
    ("Hà\xa0Nội\tB-LOC\nmới\tO\n", ("Hà\xa0Nội mới", [(0, 6, "LOC")])),
    # a hashtag token is not a comment
    ("#HàNội\tB-MISC\nhôm_nay\tO\n", ("#HàNội hôm nay", [(0, 6, "MISC")])),
    # NFD and invisible characters are canonicalised per token
    (unicodedata.normalize("NFD", "Thủ\u200b_tướng\tB-PER\n"), ("Thủ tướng", [(0, 9, "PER")])),
    # classic Mac line ends (CR alone)
    ("Hà\tB-LOC\rNội\tI-LOC\r", ("Hà Nội", [(0, 6, "LOC")])),
    # '# id =' indented still separates documents
    ("  # id = a\nHà\tB-LOC\n\nNội\tO\n  # id = b\nMới\tO\n", ("Hà Nội", [(0, 2, "LOC")])),
])
def test_conll_tokens_are_kept_whole(project, tmp_path, content, expected):
    path = tmp_path / "x.conll"
    path.write_bytes(content.encode("utf-8"))
    import_annotations(project, path, "conll", LAYER)
    text, entities = expected
    doc = project.document_by_sha(sha(text))
    assert doc is not None, [d["text"] for d in project.iter_documents()]
    assert sorted((e["start"], e["end"], e["label"]) for e in project.entities(doc["id"], LAYER)) == entities


def test_conll_bad_lines_name_their_line(project, tmp_path):
    path = tmp_path / "x.conll"
    for content, line, message in [
        (b"Ha\tO\n\xff\tO\n", 2, "not valid UTF-8"),
        (b"Ha\tO\n\nx\x00\tO\n", 3, "NUL"),
        ("Hà\tO\n\u200b\tB-X\n".encode(), 2, "no visible characters"),
        (b"Ha\tO\nbad line\n", 2, "expected 'token<TAB>tag'"),
    ]:
        path.write_bytes(content)
        with pytest.raises(ImportFailure, match=re.escape(message)) as err:
            import_annotations(project, path, "conll", LAYER)
        assert str(err.value).startswith(f"{path}:{line}: ")
    assert project.document_count() == 0
