"""Read TinTag's own JSONL back into a layer (round trips, gold fixtures).

Documents are matched by text hash and added when missing. Every span must
satisfy text[start:end] == its text; a line that breaks this stops the
file, naming file and line, and nothing from the file is stored.
"""
from __future__ import annotations

import json
from pathlib import Path

from desktop.core.store import ProjectStore
from desktop.core.store.project import new_uid

from .common import ImportFailure, build_row, decode_bytes


def _check_span(path, line, text, span, what):
    if not isinstance(span, dict):
        raise ImportFailure(path, line, f"{what} must be an object")
    start, end = span.get("start"), span.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ImportFailure(path, line, f"{what} offsets {start}..{end} fall outside the text")
    if span.get("text") is not None and text[start:end] != span["text"]:
        raise ImportFailure(path, line, f"{what} text {span['text']!r} does not match the document "
                                        f"at {start}..{end} ({text[start:end]!r})")
    return start, end


def import_native_layer(store: ProjectStore, path: str | Path, layer: str) -> int:
    """Import annotations of every line of a native JSONL file into ``layer``."""
    return import_records(store, path, layer, native_records(Path(path)))


def native_records(path: Path):
    """(line number, record) of a native JSONL file."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(decode_bytes(path, raw.rstrip(b"\r\n"), number))
            except json.JSONDecodeError as err:
                raise ImportFailure(path, number, f"invalid JSON ({err.msg})") from None
            if not isinstance(record, dict):
                raise ImportFailure(path, number, "expected a JSON object")
            yield number, record


def import_records(store: ProjectStore, path: str | Path, layer: str, records) -> int:
    """Store (line, native-shaped record) pairs into ``layer``, all or nothing.

    Documents are matched by text (added when new); every span is checked
    against the text; the first bad one names file and line and rolls back
    the whole file.
    """
    path = Path(path)
    touched = 0
    with store.write():
        for number, record in records:
            row = build_row(path, number, record.get("text"), uid=record.get("id"),
                            title=record.get("title"), date=record.get("date"),
                            source=record.get("source"), meta=record.get("meta"))
            if row["text"] != record["text"]:
                raise ImportFailure(path, number, "text is not in canonical form (NFC, \\n line ends); "
                                                  "its offsets would shift")
            store.insert_documents([row])
            doc = store.document_by_sha(row["text_sha256"])
            _replace(store, path, number, doc, record, layer)
            touched += 1
    if not touched:
        raise ImportFailure(path, None, "no annotated documents in the file")
    return touched


def _replace(store, path, number, doc, record, layer) -> None:
    text = doc["text"]
    entities, by_span = [], {}
    for e in record.get("entities") or []:
        span = _check_span(path, number, text, e, "entity")
        uid = new_uid()
        by_span[span] = uid
        entities.append({"uid": uid, "start": span[0], "end": span[1], "label": str(e.get("label", "")),
                         "origin": "import"})

    def link(party):
        if isinstance(party, dict) and "start" in party:
            span = _check_span(path, number, text, party, "linked entity")
            return by_span.get(span), text[span[0]:span[1]]
        if isinstance(party, dict):
            return None, party.get("name")
        return None, None

    quotes, quote_by_span = [], {}
    for q in record.get("quotes") or []:
        span = _check_span(path, number, text, q, "quote")
        cue = _check_span(path, number, text, q["cue"], "cue") if q.get("cue") else (None, None)
        speaker_uid, speaker_text = link(q.get("speaker"))
        uid = new_uid()
        quote_by_span[span] = uid
        quotes.append({"uid": uid, "start": span[0], "end": span[1], "kind": q.get("kind", "direct"),
                       "cue_start": cue[0], "cue_end": cue[1], "speaker_uid": speaker_uid,
                       "speaker_name": q.get("speaker_name") or speaker_text, "origin": "import"})
    stances = []
    for s in record.get("stances") or []:
        holder_uid, holder_name = link(s.get("holder"))
        target_uid, target_name = link(s.get("target"))
        ev = s.get("evidence")
        ev_span = _check_span(path, number, text, ev, "evidence") if ev else (None, None)
        stances.append({"holder_uid": holder_uid, "holder_name": holder_name, "target_uid": target_uid,
                        "target_name": target_name, "polarity": str(s.get("polarity", "neutral")),
                        "evidence_quote_uid": quote_by_span.get(ev_span), "evidence_start": ev_span[0],
                        "evidence_end": ev_span[1], "origin": "import"})
    store.replace_layer(doc["id"], layer, entities, quotes, stances)
    if record.get("status") in ("todo", "in_progress", "done", "skipped"):
        store.set_status(doc["id"], layer, record["status"])
