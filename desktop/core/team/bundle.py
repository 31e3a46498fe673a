"""Bundles: one annotator's layer carried from their machine to the master project.

A bundle is a JSONL file. Line 1 is a header::

    {"tintag_bundle": 1, "annotator": "lan", "created_at": "...", "documents": 12,
     "sha256": "<hex digest of every following line's bytes>"}

then one line per document: its ``uid`` and ``text_sha256`` (texts are not
carried: both projects hold them), the annotator's status/note/time and the
layer's items with their uids and each span's surface text.

Merging checks everything before writing anything (one transaction): a
changed byte (digest), a document whose text differs from the master's, a
span whose surface does not match, or an older bundle than the one merged
before is refused with the file and line. Merging the same bundle again, or
a document whose layer is unchanged, writes nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Callable

from desktop.core.importers.common import (
    QUOTE_KINDS, ImportFailure, check_name, decode_bytes, is_offset, parse_json, short_repr,
)
from desktop.core.importers.safe_open import open_regular
from desktop.core.store import GOLD, ITEM_FIELDS, ORIGINS, STATUSES, ProjectError, ProjectStore, now
from desktop.core.textnorm import BadText, check_storable

FORMAT = 1
MAX_BUNDLE_BYTES = 1 << 30  # 1 GiB: far beyond a real layer, small enough to refuse junk
MAX_LINE_BYTES = 64 << 20
MAX_NOTE_CHARS = 100_000
MAX_SECONDS = 10 * 365 * 24 * 3600  # time spent on one document: ten years is junk
MERGES_SETTING = "bundle_merges"  # annotator → {"created_at", "sha256"} of the last merge
KINDS = ("entity", "quote", "stance")
PLURAL = {"entity": "entities", "quote": "quotes", "stance": "stances"}


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class BundleError(ProjectError):
    """A bundle that cannot be merged; the message names the file (and line)."""


class _Ticker:
    """Counts work done for a progress callback and stops it when cancelled."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None):
        self.progress, self.cancelled, self.done, self.total = progress, cancelled, 0, 0

    def __call__(self) -> None:
        if self.cancelled and self.cancelled():
            raise BundleError("merge cancelled; nothing merged")
        self.done += 1
        if self.progress and (self.done % 50 == 0 or self.done == self.total):
            self.progress(self.done, self.total)


def _item_record(kind: str, row: dict, text: str) -> dict:
    out = {"uid": row["uid"], **{f: row[f] for f in ITEM_FIELDS[kind]}}
    if kind != "stance":
        out["text"] = text[row["start"]:row["end"]]
    return out


def export_bundle(store: ProjectStore, annotator: str, out: str | Path,
                  progress: Progress | None = None, cancelled: Cancelled | None = None) -> dict:
    """Write ``annotator``'s layer (documents with items or a status) to ``out``;
    ``progress(done, total)`` after each batch of documents; ``cancelled()``
    stops it with nothing written."""
    if annotator == GOLD:
        raise ValueError("bundles carry an annotator's layer; export gold with `tintag export`")
    store.check_read(annotator)
    out = Path(out)
    lines: list[bytes] = []
    # documents whose layer was ever edited: one emptied since the last bundle must
    # travel too (as an empty record), or the master would keep the deleted items
    touched = store.documents_edited_in_layer(annotator)
    total, done = store.count_documents(), 0
    for batch in store.iter_document_batches():
        if cancelled and cancelled():
            raise BundleError(f"{out}: cancelled; nothing written")
        first, last = batch[0]["id"], batch[-1]["id"]
        items = {k: {} for k in KINDS}
        for kind in KINDS:
            for row in store.items_in_range(kind, first, last):
                if row["layer"] == annotator:
                    items[kind].setdefault(row["document_id"], []).append(row)
        status = {a["document_id"]: a for a in store.assignments_in_range(first, last)
                  if a["layer"] == annotator}
        for doc in batch:
            d = doc["id"]
            if not (d in status or d in touched or any(d in items[k] for k in KINDS)):
                continue
            a = status.get(d, {})
            record = {"uid": doc["uid"], "text_sha256": doc["text_sha256"],
                      "status": a.get("status", "todo"), "note": a.get("note", ""),
                      "time_spent": a.get("time_spent", 0.0)}
            for kind in KINDS:
                record[PLURAL[kind]] = [_item_record(kind, r, doc["text"]) for r in items[kind].get(d, [])]
            lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True).encode() + b"\n")
        done += len(batch)
        if progress:
            progress(done, total)
    digest = hashlib.sha256(b"".join(lines)).hexdigest()
    header = {"tintag_bundle": FORMAT, "annotator": annotator, "created_at": now(),
              "documents": len(lines), "sha256": digest}
    tmp = out.with_name(out.name + ".partial")
    try:
        with open(tmp, "wb") as fh:
            fh.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
            fh.writelines(lines)
        os.replace(tmp, out)
    except OSError as err:  # named as the user asked for it, not as the temporary file
        tmp.unlink(missing_ok=True)
        raise BundleError(f"{out}: cannot be written ({err.strerror or err})") from None
    return header


def read_bundle(path: str | Path) -> tuple[dict, list[tuple[int, dict]]]:
    """Header and (line number, record) pairs, after checking size, shape and digest."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise BundleError(f"{path}: {err.strerror}") from None
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(f"{path}: {size:,} bytes is larger than a bundle can be "
                          f"({MAX_BUNDLE_BYTES:,}); is it the right file?")
    digest = hashlib.sha256()
    records: list[tuple[int, dict]] = []
    header = None
    limit = MAX_LINE_BYTES  # read at call time so tests can lower it
    try:
        with open_regular(path, MAX_BUNDLE_BYTES) as fh:
            # readline(limit + 1): an endless line stops the file unread, not in memory whole
            for number, raw in enumerate(iter(lambda: fh.readline(limit + 1), b""), start=1):
                if len(raw) > limit:
                    raise BundleError(f"{path}:{number}: line longer than {limit:,} bytes")
                value = _json(path, number, raw)
                if number == 1:
                    header = _checked_header(path, value)
                    continue
                digest.update(raw)
                if not isinstance(value, dict):
                    raise BundleError(f"{path}:{number}: expected a JSON object")
                records.append((number, value))
    except OSError as err:
        raise BundleError(f"{path}: {err.strerror or err}") from None
    if header is None:
        raise BundleError(f"{path}: empty file, not a TinTag bundle")
    if digest.hexdigest() != header["sha256"] or header.get("documents") != len(records):
        raise BundleError(f"{path}: the bundle was changed after it was written "
                          "(its checksum does not match); ask for a fresh one")
    return header, records


def _json(path: Path, number: int, raw: bytes):
    """One line's JSON; a bundle is written by TinTag, so anything else is not one."""
    try:
        return parse_json(path, number, decode_bytes(path, raw, number))
    except ImportFailure as err:
        raise BundleError(f"{path}:{number}: not a TinTag bundle ({err.message})") from None


def _checked_header(path: Path, value) -> dict:
    if not (isinstance(value, dict) and value.get("tintag_bundle")):
        raise BundleError(f"{path}:1: not a TinTag bundle (no bundle header)")
    if value["tintag_bundle"] != FORMAT:
        raise BundleError(f"{path}:1: bundle format {short_repr(value['tintag_bundle'])} is not "
                          f"supported by this TinTag (it reads {FORMAT})")
    for key in ("annotator", "created_at", "sha256"):
        if not isinstance(value.get(key), str) or not value[key]:
            raise BundleError(f"{path}:1: bundle header lacks {key!r}")
    name = _name(path, 1, value["annotator"], "annotator", required=True)
    if name != name.strip():
        raise BundleError(f"{path}:1: annotator name {name!r} starts or ends with spaces")
    if name == GOLD:
        raise BundleError(f"{path}:1: a bundle cannot carry the gold layer")
    _name(path, 1, value["created_at"], "created_at")
    return value


def _name(path: Path, number: int, value, what: str, *, required: bool = False) -> str | None:
    """A label, name or uid: a storable string of sensible length (or None when allowed)."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise BundleError(f"{path}:{number}: {what} must be a non-empty string, not {short_repr(value)}")
    try:
        return check_name(path, number, value, what, required=required)
    except ImportFailure as err:
        raise BundleError(str(err)) from None


def _checked_record(path: Path, number: int, record: dict) -> None:
    """The document fields of a bundle line (its items are checked against the text later)."""
    for key in ("uid", "text_sha256"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise BundleError(f"{path}:{number}: {key} must be a non-empty string")
    if record.get("status", "todo") not in STATUSES:
        raise BundleError(f"{path}:{number}: unknown status {short_repr(record.get('status'))}")
    note = record.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
        raise BundleError(f"{path}:{number}: note must be a string of at most {MAX_NOTE_CHARS:,} characters")
    try:
        check_storable(note)
    except BadText as err:
        raise BundleError(f"{path}:{number}: note {err}") from None
    spent = record.get("time_spent", 0.0)
    if isinstance(spent, bool) or not isinstance(spent, (int, float)) or not 0 <= spent <= MAX_SECONDS:
        raise BundleError(f"{path}:{number}: time_spent must be a number of seconds, not {short_repr(spent)}")


def _canonical(kind: str, rows: list[dict]) -> list[tuple]:
    keys = ("uid",) + ITEM_FIELDS[kind]
    return sorted(tuple(r.get(k) for k in keys) for r in rows)


def _checked_items(path: Path, number: int, record: dict, text: str) -> dict[str, list[dict]]:
    """The record's items, each field checked: offsets inside the text and matching
    their surface, names storable, kinds and polarities known, and every link
    (speaker, holder, target, evidence) pointing at an item of this same record."""
    out: dict[str, list[dict]] = {}
    uids: dict[str, set[str]] = {}
    for kind in KINDS:
        rows = record.get(PLURAL[kind], [])
        if not isinstance(rows, list):
            raise BundleError(f"{path}:{number}: {PLURAL[kind]} must be a list")
        checked, seen = [], uids.setdefault(kind, set())
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("uid"), str) or not row["uid"]:
                raise BundleError(f"{path}:{number}: every {kind} needs a uid")
            uid = _name(path, number, row["uid"], f"{kind} uid", required=True)
            if any(uid in other for other in uids.values()):
                raise BundleError(f"{path}:{number}: {kind} uid {short_repr(uid)} is used twice")
            unknown = set(row) - set(ITEM_FIELDS[kind]) - {"uid", "text"}
            if unknown:
                raise BundleError(f"{path}:{number}: unknown {kind} fields {sorted(unknown)}")
            where = f"{path}:{number}: {kind} {short_repr(uid)}"
            if kind != "stance":
                _span(where, row, "start", "end", text, required=True)
                if text[row["start"]:row["end"]] != row.get("text"):
                    raise BundleError(f"{where} says {short_repr(row.get('text'))} but the text there is "
                                      f"{short_repr(text[row['start']:row['end']])}")
            if row.get("origin", "import") not in ORIGINS:
                raise BundleError(f"{where}: unknown origin {short_repr(row.get('origin'))}")
            if kind == "entity":
                _name(path, number, row.get("label"), f"{kind} {short_repr(uid)} label", required=True)
            elif kind == "quote":
                if row.get("kind", "direct") not in QUOTE_KINDS:
                    raise BundleError(f"{where}: kind {short_repr(row.get('kind'))} is not 'direct' or 'indirect'")
                _span(where, row, "cue_start", "cue_end", text)
                _link(where, row, "speaker_uid", uids["entity"])
                _name(path, number, row.get("speaker_name"), f"{kind} {short_repr(uid)} speaker_name")
            else:
                # a stance label as the project defines them (Settings may add or rename them)
                _name(path, number, row.get("polarity"), f"{kind} {short_repr(uid)} polarity", required=True)
                _span(where, row, "evidence_start", "evidence_end", text)
                for end in ("holder", "target"):
                    _link(where, row, f"{end}_uid", uids["entity"])
                    _name(path, number, row.get(f"{end}_name"), f"{kind} {short_repr(uid)} {end}_name")
                _link(where, row, "evidence_quote_uid", uids["quote"])
            seen.add(uid)
            checked.append({k: v for k, v in row.items() if k != "text"})
        out[kind] = checked
    return out


def _span(where: str, row: dict, start_key: str, end_key: str, text: str, *, required: bool = False) -> None:
    start, end = row.get(start_key), row.get(end_key)
    if start is None and end is None and not required:
        return
    if not (is_offset(start) and is_offset(end) and 0 <= start < end <= len(text)):
        raise BundleError(f"{where}: {start_key}..{end_key} {short_repr(start)}..{short_repr(end)} "
                          "lie outside the text")


def _link(where: str, row: dict, key: str, targets: set[str]) -> None:
    value = row.get(key)
    if value is not None and (not isinstance(value, str) or value not in targets):
        raise BundleError(f"{where}: {key} {short_repr(value)} is not an item of this document in the bundle")


def merge_bundles(store: ProjectStore, paths: list[str | Path],
                  progress: Progress | None = None, cancelled: Cancelled | None = None) -> dict:
    """Merge bundles into the project's annotator layers, all files or nothing.

    ``progress(done, total)`` counts documents checked, then merged (each
    twice); ``cancelled()`` stops it before the end with nothing merged.
    """
    tick = _Ticker(progress, cancelled)
    store.check_manage("merge bundles")
    hashes = store.document_hashes()
    plans = []
    loaded = [(path, *read_bundle(path)) for path in map(Path, paths)]
    # oldest first, and each checked against the ones planned before it: given a
    # newer and an older bundle of one annotator in any order, the newer wins
    loaded.sort(key=lambda entry: entry[1]["created_at"])
    tick.total = 2 * sum(len(records) for _, _, records in loaded)
    planned = dict(store.get_setting(MERGES_SETTING, {}))
    for path, header, records in loaded:
        name = header["annotator"]
        twin = store.profile_like(name)
        if twin and twin != name:
            raise BundleError(f"{path}:1: a bundle of {name!r}, but this project's profile is {twin!r}; "
                              "names may not differ only in case")
        previous = planned.get(name)
        planned[name] = {"created_at": header["created_at"], "sha256": header["sha256"]}
        if previous and previous["sha256"] == header["sha256"]:
            plans.append((path, header, None))  # the same bundle again: nothing to do
            continue
        if previous and header["created_at"] < previous["created_at"]:
            raise BundleError(f"{path}: older than the bundle of {name} merged before "
                              f"({header['created_at']} < {previous['created_at']}); nothing merged")
        docs, lines_of = [], {}
        for number, record in records:
            _checked_record(path, number, record)
            uid, sha = record["uid"], record["text_sha256"]
            if uid in lines_of:
                raise BundleError(f"{path}:{number}: document {uid!r} is in the bundle twice "
                                  f"(also line {lines_of[uid]}); nothing merged")
            lines_of[uid] = number
            if uid not in hashes:
                raise BundleError(f"{path}:{number}: document {uid!r} is not in this project; "
                                  "import the articles first")
            doc_id, master_sha = hashes[uid]
            if sha != master_sha:
                raise BundleError(f"{path}:{number}: document {uid!r} has a different text here "
                                  "than on the annotator's machine; nothing merged")
            text = store.document(doc_id)["text"]
            docs.append((doc_id, record, _checked_items(path, number, record, text)))
            tick()
        plans.append((path, header, docs))
    summary = {"bundles": len(plans), "documents_changed": 0, "unchanged": 0, "already_merged": 0}
    try:
        _apply(store, plans, summary, tick)
    except sqlite3.Error as err:  # e.g. an item uid already used by another layer
        raise BundleError(f"{', '.join(str(p) for p, _, _ in plans)}: cannot be merged ({err}); "
                          "nothing merged") from None
    return summary


def _apply(store: ProjectStore, plans: list, summary: dict, tick: "_Ticker") -> None:
    with store.write():
        for path, header, docs in plans:
            if docs is None:
                summary["already_merged"] += 1
                continue
            name = header["annotator"]
            store.add_annotator(name)
            with store.acting_as(name):  # the events say whose work it is; "merge" below, who merged
                for doc_id, record, items in docs:
                    tick()  # a cancel here raises inside the transaction: all of it rolls back
                    if _merge_document(store, doc_id, name, record, items):
                        summary["documents_changed"] += 1
                    else:
                        summary["unchanged"] += 1
            merges = store.get_setting(MERGES_SETTING, {})
            merges[name] = {"created_at": header["created_at"], "sha256": header["sha256"]}
            store.set_setting(MERGES_SETTING, merges)
            store.log("merge", "bundle", item=name,
                      after={"file": path.name, "created_at": header["created_at"],
                             "documents": header.get("documents")})


def _merge_document(store: ProjectStore, doc_id: int, layer: str, record: dict,
                    items: dict[str, list[dict]]) -> bool:
    changed = False
    if any(_canonical(k, store.items(k, doc_id, layer)) != _canonical(k, items[k]) for k in KINDS):
        store.replace_layer(doc_id, layer, items["entity"], items["quote"], items["stance"],
                            origin="import")
        changed = True
    current = store.assignment(doc_id, layer)
    status = record.get("status", "todo")
    if current["status"] != status:
        store.set_status(doc_id, layer, status)
        changed = True
    if current["note"] != record.get("note", ""):
        store.set_note(doc_id, layer, str(record.get("note", "")))
        changed = True
    spent = float(record.get("time_spent") or 0.0)
    if spent > current["time_spent"]:
        store.add_time(doc_id, layer, spent - current["time_spent"])
        changed = True
    return changed
