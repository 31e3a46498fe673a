"""The conflicts a bundle merge kept for review, and settling them.

A conflict is an item (or a document's status or note) that the master and
the bundle both changed, differently, since the base. The merge left the
master's version in the layer and kept the bundle's here; a reviewer lists
them (``tintag bundle conflicts``) and takes the bundle's version or keeps
the master's. Until then the conflict stays open; a later bundle that agrees
with the master settles it by itself.
"""
from __future__ import annotations

from tintag.core.store import ITEM_FIELDS, ProjectStore
from tintag.core.store.bundle_ledger import BundleLedger

from .bundle_format import LINKS

TAKES = {"bundle": "theirs", "here": "ours"}


def list_conflicts(store: ProjectStore, layer: str | None = None, settled: bool = False) -> list[dict]:
    """Open conflicts (with ``settled``, also the settled ones), oldest first:
    id, layer, document_id/uid/title, kind, uid (items), ours (this project's
    version when found; None: not in the layer), theirs (the bundle's; None:
    deleted in it), reason, bundle (file name), found_at, resolution."""
    rows = BundleLedger(store).conflicts(layer, open_only=not settled)
    return [r for r in rows if store.may_read(r["layer"])]


def resolve_conflict(store: ProjectStore, conflict_id: int, take: str) -> dict:
    """Settle a conflict: ``take="bundle"`` writes the bundle's version into the
    layer, ``take="here"`` keeps the layer as it is. One transaction; the edit
    is logged as the reviewer's."""
    if take not in TAKES:
        raise ValueError(f"take 'bundle' or 'here', not {take!r}")
    store.check_manage("settle bundle conflicts")
    ledger = BundleLedger(store)
    with store.write():
        conflict = ledger.conflict(conflict_id)
        if conflict is None:
            raise ValueError(f"{store.path}: no bundle conflict {conflict_id}")
        if conflict["resolution"]:
            raise ValueError(f"{store.path}: bundle conflict {conflict_id} was settled already "
                             f"({conflict['resolution']} by {conflict['resolved_by']})")
        store.check_write(conflict["layer"])
        if take == "bundle":
            _take_theirs(store, conflict)
        ledger.close_conflict(conflict_id, TAKES[take])
    return ledger.conflict(conflict_id)


def _take_theirs(store: ProjectStore, conflict: dict) -> None:
    doc, layer, kind, theirs = conflict["document_id"], conflict["layer"], conflict["kind"], conflict["theirs"]
    if kind == "status":
        store.set_status(doc, layer, theirs)
        return
    if kind == "note":
        store.set_note(doc, layer, theirs)
        return
    uid = conflict["uid"]
    existing = store.item(kind, uid)
    if existing is not None and (existing["layer"], existing["document_id"]) != (layer, doc):
        raise ValueError(f"{store.path}: {kind} {uid} now belongs to another layer or document")
    if theirs is None:
        if existing is not None:
            _unlink(store, doc, layer, kind, uid)
            store.delete_item(kind, uid)
        return
    fields = {f: theirs.get(f) for f in ITEM_FIELDS[kind]}
    for column, target_kind in LINKS.get(kind, ()):
        # a link to an item gone from the layer since is cleared; the name fields stay
        target = store.item(target_kind, fields[column]) if fields[column] else None
        if fields[column] and (target is None or (target["layer"], target["document_id"]) != (layer, doc)):
            fields[column] = None
    if existing is None:
        store.add_item(kind, doc, layer, uid=uid, **fields)
    else:
        store.update_item(kind, uid, **fields)


def _unlink(store: ProjectStore, doc: int, layer: str, kind: str, uid: str) -> None:
    """Clear the links of the layer's items to an item about to be deleted, each
    as a logged edit (the foreign key would clear them unlogged)."""
    for other_kind, links in LINKS.items():
        for column, target_kind in links:
            if target_kind != kind:
                continue
            for row in store.items(other_kind, doc, layer):
                if row[column] == uid:
                    store.update_item(other_kind, row["uid"], **{column: None})


def describe(conflict: dict, side: str, text: str) -> str:
    """One side ("ours" or "theirs") of a conflict in a few words, for listings;
    every piece of user text quoted with escapes visible (repr)."""
    value, kind = conflict[side], conflict["kind"]
    if kind in ("status", "note"):
        return _clip(value)
    if value is None:
        return "not in the layer" if side == "ours" else "deleted"
    if kind == "entity":
        return f"{value['label']} {_clip(text[value['start']:value['end']])}"
    if kind == "quote":
        speaker = f" by {_clip(value['speaker_name'])}" if value.get("speaker_name") else ""
        return f"{value['kind']} quote {_clip(text[value['start']:value['end']])}{speaker}"
    holder = value.get("holder_name") or value.get("holder_uid") or "?"
    target = value.get("target_name") or value.get("target_uid") or "?"
    return f"{_clip(value['polarity'])} stance {_clip(holder)} → {_clip(target)}"


def _clip(value, limit: int = 40) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit - 3] + "..."
