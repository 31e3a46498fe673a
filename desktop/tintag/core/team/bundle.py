"""Bundles: one annotator's layer carried from their machine to the master project.

The file format and its checks live in ``bundle_format``; the item-by-item
three-way merge of one document in ``bundle_merge``; the conflicts it keeps
for review in ``bundle_conflicts``. Here: export, and the merge of whole files.

Merging checks everything before writing anything (one transaction): a
changed byte or header field (the seal), a document whose text differs from
the master's, a span whose surface does not match, or an older bundle than
the one merged before is refused with the file and line. Merging the same
bundle again writes nothing; several bundles of one annotator are applied
oldest first, each against the base the one before it left.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tintag.core.store import GOLD, ITEM_FIELDS, ProjectStore
from tintag.core.store.bundle_ledger import BundleLedger

from .bundle_conflicts import list_conflicts, resolve_conflict
from .bundle_format import (
    FORMAT,
    KINDS,
    PLURAL,
    BundleError,
    checked_deleted,
    checked_items,
    checked_record,
    created_at,
    fingerprint,
    read_bundle,
    record_line,
    write_bundle,
)
from .bundle_merge import merge_document

__all__ = ["FORMAT", "BundleError", "export_bundle", "list_conflicts", "merge_bundles", "read_bundle",
           "resolve_conflict"]

MERGES_SETTING = "bundle_merges"  # annotator → {"created_at", "sha256"} of the last merge
COUNTS = ("added", "changed", "deleted", "conflicts")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


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
    """Write ``annotator``'s layer (documents with items, a status, or items
    deleted) to ``out``; ``progress(done, total)`` after each batch of
    documents; ``cancelled()`` stops it with nothing written."""
    if annotator == GOLD:
        raise ValueError("bundles carry an annotator's layer; export gold with `tintag export`")
    store.check_read(annotator)
    out = Path(out)
    lines: list[bytes] = []
    # documents whose layer was ever edited: one emptied since the last bundle must
    # travel too (with what it deleted), or the master would keep the deleted items
    touched = store.documents_edited_in_layer(annotator)
    deleted = BundleLedger(store).deleted_items(annotator)
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
            present = set()
            for kind in KINDS:
                rows = items[kind].get(d, [])
                present.update((kind, r["uid"]) for r in rows)
                record[PLURAL[kind]] = [_item_record(kind, r, doc["text"]) for r in rows]
            record["deleted"] = [{"kind": kind, "uid": uid, "fingerprint": fingerprint(kind, row)}
                                 for (kind, uid), row in sorted(deleted.get(d, {}).items())
                                 if (kind, uid) not in present]  # restored (undone) since: not deleted
            lines.append(record_line(record))
        done += len(batch)
        if progress:
            progress(done, total)
    return write_bundle(out, {"annotator": annotator, "created_at": created_at()}, lines)


def merge_bundles(store: ProjectStore, paths: list[str | Path],
                  progress: Progress | None = None, cancelled: Cancelled | None = None) -> dict:
    """Merge bundles into the project's annotator layers, all files or nothing.

    Returns ``bundles``, ``already_merged``, ``documents_changed``,
    ``unchanged`` and per layer ``layers[name]`` = items ``added``,
    ``changed``, ``deleted`` and left in ``conflicts`` (see list_conflicts).
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
        plans.append((path, header, _checked_documents(store, path, records, hashes, tick)))
    summary = {"bundles": len(plans), "documents_changed": 0, "unchanged": 0, "already_merged": 0,
               "layers": {}}
    try:
        _apply(store, plans, summary, tick)
    except sqlite3.Error as err:  # e.g. an item uid already used by another layer
        raise BundleError(f"{', '.join(str(p) for p, _, _ in plans)}: cannot be merged ({err}); "
                          "nothing merged") from None
    return summary


def _checked_documents(store: ProjectStore, path: Path, records: list, hashes: dict, tick: _Ticker) -> list:
    docs, lines_of = [], {}
    for number, record in records:
        checked_record(path, number, record)
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
        items = checked_items(path, number, record, text)
        docs.append((doc_id, record, items, checked_deleted(path, number, record, items)))
        tick()
    return docs


def _apply(store: ProjectStore, plans: list, summary: dict, tick: _Ticker) -> None:
    ledger = BundleLedger(store)
    with store.write():
        for path, header, docs in plans:
            if docs is None:
                summary["already_merged"] += 1
                continue
            name = header["annotator"]
            store.add_annotator(name)
            layer = summary["layers"].setdefault(name, dict.fromkeys(COUNTS, 0))
            counts = dict.fromkeys(COUNTS, 0)
            known = ledger.has_bases(name)  # before this bundle writes its own
            for doc_id, record, items, deleted in docs:
                tick()  # a cancel here raises inside the transaction: all of it rolls back
                result = merge_document(store, ledger, doc_id, name, record, items, deleted,
                                        path.name, header["sha256"], known)
                for key in COUNTS:
                    counts[key] += getattr(result, key)
                summary["documents_changed" if result.wrote else "unchanged"] += 1
            for key in COUNTS:
                layer[key] += counts[key]
            merges = store.get_setting(MERGES_SETTING, {})
            merges[name] = {"created_at": header["created_at"], "sha256": header["sha256"]}
            store.set_setting(MERGES_SETTING, merges)
            store.log("merge", "bundle", item=name,
                      after={"file": path.name, "created_at": header["created_at"],
                             "documents": header.get("documents"),
                             **{key: counts[key] for key in COUNTS}})
