"""Native JSONL (DESIGN §5): one line per document × layer, character offsets
in Unicode code points of the stored NFC text, each item with its origin.

Documents are read in batches and their items fetched per batch (four
queries per thousand documents), so exporting 100k documents stays close to
the cost of reading the rows.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from tintag.core.store import GOLD, ProjectStore

FORMAT_FIELDS = {"normalization": "NFC", "offset_unit": "codepoint"}
BATCH = 1000


def _span(text: str, start: int | None, end: int | None) -> dict | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": text[start:end]}


def layer_record(doc: dict, layer: str, entities: list[dict], quotes: list[dict],
                 stances: list[dict], status: str) -> dict:
    """The native record of one document's layer, from its stored rows."""
    text = doc["text"]
    by_uid = {e["uid"]: e for e in entities}
    quote_by_uid = {q["uid"]: q for q in quotes}

    def ref(uid: str | None, name: str | None) -> dict | None:
        ent = by_uid.get(uid) if uid else None
        if ent:
            return _span(text, ent["start"], ent["end"])
        return {"name": name} if name else None

    def evidence(st: dict) -> dict | None:
        q = quote_by_uid.get(st["evidence_quote_uid"]) if st["evidence_quote_uid"] else None
        if q:
            return {"start": q["start"], "end": q["end"]}
        if st["evidence_start"] is not None:
            return {"start": st["evidence_start"], "end": st["evidence_end"]}
        return None

    return {
        "id": doc["uid"], "title": doc["title"], "date": doc["date"], "source": doc["source"],
        "text": text, "meta": doc["meta"], "layer": layer, "status": status,
        "text_sha256": doc["text_sha256"], **FORMAT_FIELDS,
        "entities": [
            {"start": e["start"], "end": e["end"], "label": e["label"],
             "text": text[e["start"]:e["end"]], "origin": e["origin"]}
            for e in entities
        ],
        "quotes": [
            {"start": q["start"], "end": q["end"], "text": text[q["start"]:q["end"]],
             "kind": q["kind"], "cue": _span(text, q["cue_start"], q["cue_end"]),
             "speaker": ref(q["speaker_uid"], None), "speaker_name": q["speaker_name"],
             "origin": q["origin"]}
            for q in quotes
        ],
        "stances": [
            {"holder": ref(s["holder_uid"], s["holder_name"]),
             "target": ref(s["target_uid"], s["target_name"]),
             "polarity": s["polarity"], "evidence": evidence(s), "origin": s["origin"]}
            for s in stances
        ],
    }


def records(store: ProjectStore, layers: list[str] | None = None,
            status: str | None = None) -> Iterator[dict]:
    from tintag.core.suggest.export_layer import LAYER as SUGGESTIONS
    from tintag.core.suggest.export_layer import suggestion_record

    """Records of every document × layer, streamed in document order.

    Without ``layers``: every layer holding annotations or a status for the
    document; a document nobody touched yet is written once as an empty
    ``gold`` layer so the dataset still carries its text. With ``layers``:
    only documents that layer has annotations or a status for. The layer
    ``suggestions`` holds the current suggestions with producer and score.
    """
    for docs in store.iter_document_batches(BATCH):
        first, last = docs[0]["id"], docs[-1]["id"]
        grouped: dict[str, dict] = {}
        for kind in ("entity", "quote", "stance"):
            table: dict = defaultdict(list)
            for row in store.items_in_range(kind, first, last):
                table[(row["document_id"], row["layer"])].append(row)
            grouped[kind] = table
        statuses = {(a["document_id"], a["layer"]): a["status"]
                    for a in store.assignments_in_range(first, last)}
        present: dict[int, set] = defaultdict(set)
        for key in list(grouped["entity"]) + list(grouped["quote"]) + list(grouped["stance"]) + list(statuses):
            present[key[0]].add(key[1])
        for doc in docs:
            has = present.get(doc["id"], set())
            wanted = layers or sorted(has) or [GOLD]
            for layer in wanted:
                if layer == SUGGESTIONS:
                    yield suggestion_record(store, doc)
                    continue
                if layers and layer not in has:
                    continue  # nobody worked on this document in that layer: not a training example
                key = (doc["id"], layer)
                state = statuses.get(key, "todo")
                if status and state != status:
                    continue
                yield layer_record(doc, layer, grouped["entity"].get(key, []),
                                   grouped["quote"].get(key, []), grouped["stance"].get(key, []),
                                   state)


def export_jsonl(store: ProjectStore, out: Path, opts=None) -> int:
    """Native JSONL; with a split, a folder of train/dev/test.jsonl."""
    from .destinations import open_output
    from .options import ExportOptions, selected_records

    opts = opts or ExportOptions()
    count = 0
    with open_output(out, "jsonl", opts) as output:
        for split, record in selected_records(store, opts):
            output.text(split).write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
