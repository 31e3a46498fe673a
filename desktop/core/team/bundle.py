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

from desktop.core.store import GOLD, ITEM_FIELDS, STATUSES, ProjectError, ProjectStore, now

FORMAT = 1
MAX_BUNDLE_BYTES = 1 << 30  # 1 GiB: far beyond a real layer, small enough to refuse junk
MAX_LINE_BYTES = 64 << 20
MERGES_SETTING = "bundle_merges"  # annotator → {"created_at", "sha256"} of the last merge
KINDS = ("entity", "quote", "stance")
PLURAL = {"entity": "entities", "quote": "quotes", "stance": "stances"}


class BundleError(ProjectError):
    """A bundle that cannot be merged; the message names the file (and line)."""


def _item_record(kind: str, row: dict, text: str) -> dict:
    out = {"uid": row["uid"], **{f: row[f] for f in ITEM_FIELDS[kind]}}
    if kind != "stance":
        out["text"] = text[row["start"]:row["end"]]
    return out


def export_bundle(store: ProjectStore, annotator: str, out: str | Path) -> dict:
    """Write ``annotator``'s layer (documents with items or a status) to ``out``."""
    if annotator == GOLD:
        raise ValueError("bundles carry an annotator's layer; export gold with `tintag export`")
    store.check_read(annotator)
    out = Path(out)
    lines: list[bytes] = []
    for batch in store.iter_document_batches():
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
            if not (d in status or any(d in items[k] for k in KINDS)):
                continue
            a = status.get(d, {})
            record = {"uid": doc["uid"], "text_sha256": doc["text_sha256"],
                      "status": a.get("status", "todo"), "note": a.get("note", ""),
                      "time_spent": a.get("time_spent", 0.0)}
            for kind in KINDS:
                record[PLURAL[kind]] = [_item_record(kind, r, doc["text"]) for r in items[kind].get(d, [])]
            lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True).encode() + b"\n")
    digest = hashlib.sha256(b"".join(lines)).hexdigest()
    header = {"tintag_bundle": FORMAT, "annotator": annotator, "created_at": now(),
              "documents": len(lines), "sha256": digest}
    tmp = out.with_name(out.name + ".partial")
    with open(tmp, "wb") as fh:
        fh.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
        fh.writelines(lines)
    os.replace(tmp, out)
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
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise BundleError(f"{path}:{number}: line longer than {MAX_LINE_BYTES:,} bytes")
            try:
                value = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise BundleError(f"{path}:{number}: not a TinTag bundle (invalid JSON)") from None
            if number == 1:
                if not (isinstance(value, dict) and value.get("tintag_bundle")):
                    raise BundleError(f"{path}:1: not a TinTag bundle (no bundle header)")
                if value["tintag_bundle"] != FORMAT:
                    raise BundleError(f"{path}:1: bundle format {value['tintag_bundle']} is not "
                                      f"supported by this TinTag (it reads {FORMAT})")
                header = value
                continue
            digest.update(raw)
            if not isinstance(value, dict):
                raise BundleError(f"{path}:{number}: expected a JSON object")
            records.append((number, value))
    if header is None:
        raise BundleError(f"{path}: empty file, not a TinTag bundle")
    for key in ("annotator", "created_at", "sha256"):
        if not isinstance(header.get(key), str) or not header[key]:
            raise BundleError(f"{path}:1: bundle header lacks {key!r}")
    if digest.hexdigest() != header["sha256"] or header.get("documents") != len(records):
        raise BundleError(f"{path}: the bundle was changed after it was written "
                          "(its checksum does not match); ask for a fresh one")
    if header["annotator"] == GOLD:
        raise BundleError(f"{path}:1: a bundle cannot carry the gold layer")
    return header, records


def _canonical(kind: str, rows: list[dict]) -> list[tuple]:
    keys = ("uid",) + ITEM_FIELDS[kind]
    return sorted(tuple(r.get(k) for k in keys) for r in rows)


def _checked_items(path: Path, number: int, record: dict, text: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for kind in KINDS:
        rows = record.get(PLURAL[kind], [])
        if not isinstance(rows, list):
            raise BundleError(f"{path}:{number}: {PLURAL[kind]} must be a list")
        checked = []
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("uid"), str):
                raise BundleError(f"{path}:{number}: every {kind} needs a uid")
            unknown = set(row) - set(ITEM_FIELDS[kind]) - {"uid", "text"}
            if unknown:
                raise BundleError(f"{path}:{number}: unknown {kind} fields {sorted(unknown)}")
            if kind != "stance":
                s, e = row.get("start"), row.get("end")
                if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                    raise BundleError(f"{path}:{number}: {kind} {row['uid']} lies outside the text")
                if text[s:e] != row.get("text"):
                    raise BundleError(f"{path}:{number}: {kind} {row['uid']} says "
                                      f"{row.get('text')!r} but the text there is {text[s:e]!r}")
            checked.append({k: v for k, v in row.items() if k != "text"})
        out[kind] = checked
    return out


def merge_bundles(store: ProjectStore, paths: list[str | Path]) -> dict:
    """Merge bundles into the project's annotator layers, all files or nothing."""
    store.check_manage("merge bundles")
    hashes = store.document_hashes()
    plans = []
    for path in map(Path, paths):
        header, records = read_bundle(path)
        name = header["annotator"]
        previous = store.get_setting(MERGES_SETTING, {}).get(name)
        if previous and previous["sha256"] == header["sha256"]:
            plans.append((path, header, None))  # the same bundle again: nothing to do
            continue
        if previous and header["created_at"] < previous["created_at"]:
            raise BundleError(f"{path}: older than the bundle of {name} merged before "
                              f"({header['created_at']} < {previous['created_at']}); nothing merged")
        docs = []
        for number, record in records:
            uid, sha = record.get("uid"), record.get("text_sha256")
            if uid not in hashes:
                raise BundleError(f"{path}:{number}: document {uid!r} is not in this project; "
                                  "import the articles first")
            doc_id, master_sha = hashes[uid]
            if sha != master_sha:
                raise BundleError(f"{path}:{number}: document {uid!r} has a different text here "
                                  "than on the annotator's machine; nothing merged")
            if record.get("status", "todo") not in STATUSES:
                raise BundleError(f"{path}:{number}: unknown status {record.get('status')!r}")
            text = store.document(doc_id)["text"]
            docs.append((doc_id, record, _checked_items(path, number, record, text)))
        plans.append((path, header, docs))
    summary = {"bundles": len(plans), "documents_changed": 0, "unchanged": 0, "already_merged": 0}
    try:
        _apply(store, plans, summary)
    except sqlite3.Error as err:  # e.g. an item uid already used by another layer
        raise BundleError(f"{', '.join(str(p) for p, _, _ in plans)}: cannot be merged ({err}); "
                          "nothing merged") from None
    return summary


def _apply(store: ProjectStore, plans: list, summary: dict) -> None:
    with store.write():
        for path, header, docs in plans:
            if docs is None:
                summary["already_merged"] += 1
                continue
            name = header["annotator"]
            store.add_annotator(name)
            for doc_id, record, items in docs:
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
