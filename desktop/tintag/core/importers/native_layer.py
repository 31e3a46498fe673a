"""Read TinTag's own JSONL back into a layer (round trips, gold fixtures).

Documents are matched by text hash and added when missing. Every span must
satisfy text[start:end] == its text; a line that breaks this stops the
file, naming file and line, and nothing from the file is stored.
"""
from __future__ import annotations

import pickle
import tempfile
from pathlib import Path

from tintag.core.store import PermissionDenied, ProjectError, ProjectStore, ReadOnlyProject, write_lock
from tintag.core.store.project import new_uid
from tintag.core.store.staging import check_writable

from .common import (
    QUOTE_KINDS,
    ImportFailure,
    bounded_lines,
    build_row,
    check_name,
    decode_bytes,
    is_offset,
    parse_json,
    short_repr,
)
from .safe_open import open_regular


def _check_span(path, line, text, span, what):
    if not isinstance(span, dict):
        raise ImportFailure(path, line, f"{what} must be an object")
    start, end = span.get("start"), span.get("end")
    if not (is_offset(start) and is_offset(end) and 0 <= start < end <= len(text)):
        raise ImportFailure(path, line, f"{what} offsets {short_repr(start)}..{short_repr(end)} fall outside the text")
    if span.get("text") is not None and text[start:end] != span["text"]:
        raise ImportFailure(path, line, f"{what} text {span['text']!r} does not match the document "
                                        f"at {start}..{end} ({text[start:end]!r})")
    return start, end


def _items(path, line, record, key):
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportFailure(path, line, f"'{key}' must be a list")
    return value


def import_native_layer(store: ProjectStore, path: str | Path, layer: str) -> int:
    """Import annotations of every line of a native JSONL file into ``layer``."""
    return import_records(store, path, layer, native_records(Path(path)))


def native_records(path: Path):
    """(line number, record) of a native JSONL file."""
    with open_regular(path) as fh:
        for number, raw in bounded_lines(path, fh):
            if not raw.strip():
                continue
            record = parse_json(path, number, decode_bytes(path, raw, number))
            if not isinstance(record, dict):
                raise ImportFailure(path, number, "expected a JSON object")
            yield number, record


def import_records(store: ProjectStore, path: str | Path, layer: str, records) -> int:
    """Store (line, native-shaped record) pairs into ``layer``, all or nothing.

    Documents are matched by text (added when new); every span is checked
    against the text; the first bad one names file and line and nothing of
    the file is stored. The records are read and checked with no lock on the
    project (a window keeps saving), put aside in a temporary file, then
    stored in one transaction.
    """
    path = Path(path)
    check_writable(store)
    store.check_write(layer)
    with _Spool() as spool:
        new_uids: set[str] = set()  # ids and text hashes of the documents this file adds
        new_shas: set[str] = set()
        for number, record in records:
            prepared = _prepared(path, number, record)
            _check_id(store, path, number, prepared[1], new_uids, new_shas)
            spool.add(prepared)
        if not spool.count:
            raise ImportFailure(path, None, "no annotated documents in the file")
        with store.write(), write_lock.announce(store.path, f"import of {path.name} into layer {layer}"):
            for number, row, items, status in spool:
                try:
                    store.insert_documents([row])
                except (ReadOnlyProject, PermissionDenied):
                    raise
                except ProjectError as err:  # e.g. its id names another text of the project
                    raise ImportFailure(path, number, str(err)) from None
                doc = store.document_by_sha(row["text_sha256"])
                store.replace_layer(doc["id"], layer, *items)
                if status is not None:
                    store.set_status(doc["id"], layer, status)
        return spool.count


def _prepared(path: Path, number: int, record: dict) -> tuple:
    """(line, document row, (entities, quotes, stances), status) of one record, checked."""
    row = build_row(path, number, record.get("text"), uid=record.get("id"),
                    title=record.get("title"), date=record.get("date"),
                    source=record.get("source"), meta=record.get("meta"))
    if row["text"] != record["text"]:
        raise ImportFailure(path, number, "text is not in canonical form (NFC, \\n line ends); "
                                          "its offsets would shift")
    status = record.get("status")
    return number, row, _layer_items(path, number, row["text"], record), \
        status if status in ("todo", "in_progress", "done", "skipped") else None


def _check_id(store: ProjectStore, path: Path, number: int, row: dict,
              new_uids: set[str], new_shas: set[str]) -> None:
    """Refuse, at its own line, a new document whose id names another text. Read
    without the lock: storing checks again (ProjectStore.insert_documents)."""
    sha, uid = row["text_sha256"], row["uid"]
    if sha in new_shas or store.has_text(sha):
        return  # a document already there (or added above): matched by its text
    if uid in new_uids or store.document_by_uid(uid) is not None:
        raise ImportFailure(path, number, f"id {uid!r} is already used by a document with a different text")
    new_uids.add(uid)
    new_shas.add(sha)


class _Spool:
    """Checked records in a temporary file (pickled, one after another), so
    a large file is neither held in memory nor parsed under the write lock."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()
        self.count = 0

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()

    def add(self, prepared: tuple) -> None:
        pickle.dump(prepared, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self):
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)


def _layer_items(path, number, text, record) -> tuple[list, list, list]:
    """The record's entities, quotes and stances, checked against ``text``, with
    fresh uids linking quotes and stances to the entities of the same record."""
    entities, by_span = [], {}
    for e in _items(path, number, record, "entities"):
        span = _check_span(path, number, text, e, "entity")
        label = check_name(path, number, e.get("label"), "entity label", required=True)
        uid = new_uid()
        by_span[span] = uid
        entities.append({"uid": uid, "start": span[0], "end": span[1], "label": label, "origin": "import"})

    def link(party, what):
        if isinstance(party, dict) and "start" in party:
            span = _check_span(path, number, text, party, what)
            return by_span.get(span), text[span[0]:span[1]]
        if isinstance(party, dict):
            return None, check_name(path, number, party.get("name"), f"{what} name")
        if party is not None:
            raise ImportFailure(path, number, f"{what} must be an object")
        return None, None

    quotes, quote_by_span = [], {}
    for q in _items(path, number, record, "quotes"):
        span = _check_span(path, number, text, q, "quote")
        cue = _check_span(path, number, text, q["cue"], "cue") if q.get("cue") else (None, None)
        speaker_uid, speaker_text = link(q.get("speaker"), "speaker")
        kind = q.get("kind") or "direct"
        if kind not in QUOTE_KINDS:
            raise ImportFailure(path, number, f"quote kind {short_repr(kind)} is not 'direct' or 'indirect'")
        speaker_name = check_name(path, number, q.get("speaker_name"), "speaker_name")
        uid = new_uid()
        quote_by_span[span] = uid
        quotes.append({"uid": uid, "start": span[0], "end": span[1], "kind": kind,
                       "cue_start": cue[0], "cue_end": cue[1], "speaker_uid": speaker_uid,
                       "speaker_name": speaker_name or speaker_text, "origin": "import"})
    stances = []
    for s in _items(path, number, record, "stances"):
        if not isinstance(s, dict):
            raise ImportFailure(path, number, "stance must be an object")
        holder_uid, holder_name = link(s.get("holder"), "holder")
        target_uid, target_name = link(s.get("target"), "target")
        ev = s.get("evidence")
        ev_span = _check_span(path, number, text, ev, "evidence") if ev else (None, None)
        polarity = check_name(path, number, s.get("polarity"), "polarity") or "neutral"
        stances.append({"holder_uid": holder_uid, "holder_name": holder_name, "target_uid": target_uid,
                        "target_name": target_name, "polarity": polarity,
                        "evidence_quote_uid": quote_by_span.get(ev_span), "evidence_start": ev_span[0],
                        "evidence_end": ev_span[1], "origin": "import"})
    return entities, quotes, stances
