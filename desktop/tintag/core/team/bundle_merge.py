"""Merging one document of a bundle into the master: item by item, three-way.

For every item (by kind and uid) there are three versions: the base (what
the master last received from this annotator: ``BundleLedger.base``), the
master's layer now, and the bundle. Changed (added, edited or deleted) only
in the bundle: applied. Changed only here: left as it is. Changed on both
sides the same way: nothing to do. Changed on both sides differently: a
conflict; this project's version stays in the layer and the bundle's is kept
in the ledger for a reviewer (``bundle_conflicts``) — neither is lost.

Without a base for an item (no bundle of this annotator merged for this
document yet, or an item the base does not hold) deletions are told apart
from additions by the deletions each side logged: the bundle lists what its
layer deleted, the master's events log what it deleted since the base. An
item present on both sides with different content and no base is a conflict.

Links: a quote's speaker and a stance's holder, target and evidence point at
items of the same layer. After the item rules, an item kept in the layer
that names an item the bundle deleted keeps that item (its deletion becomes
a conflict); an item of the bundle that names an item not in the layer (the
master deleted it) is not applied (it becomes a conflict). So no link is
ever cut by the merge and nothing is written that the foreign keys would
refuse.

Status and note: the bundle's when only it changed them, a conflict when both
did differently. Time spent: the bundle's time since the base is added to the
master's (without a base the larger of the two stays, so no second is counted
twice).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tintag.core.store import ProjectStore
from tintag.core.store.bundle_ledger import BundleLedger

from .bundle_format import KINDS, LINKS, fingerprint, item_fields

Key = tuple[str, str]  # (kind, uid)


@dataclass
class Conflict:
    kind: str
    uid: str | None
    ours: Any  # this project's version (None: not in the layer)
    theirs: Any  # the bundle's version (None: the bundle deleted it)
    reason: str


@dataclass
class ItemPlan:
    """The layer a document should hold after the merge, and what it takes."""
    result: dict[Key, dict]
    conflicts: dict[Key, Conflict]
    agreed: list[Key] = field(default_factory=list)  # the layer will hold the bundle's version


def plan_items(base: dict[Key, str], master: dict[Key, dict], bundle: dict[Key, dict],
               bundle_deleted: dict[Key, str], master_deleted: Callable[[], dict[Key, str]],
               base_deleted: dict[Key, str] | None = None) -> ItemPlan:
    """The three-way merge of one document's items (pure: no store access).

    ``base``, ``bundle_deleted``, ``master_deleted()`` and ``base_deleted``
    (the deletions the base's bundle listed: not news in this one) map keys
    to fingerprints; ``master`` and ``bundle`` map keys to ``item_fields`` rows.
    """
    base_deleted = base_deleted or {}
    result: dict[Key, dict] = {}
    from_bundle: set[Key] = set()
    deleted_by_bundle: dict[Key, dict] = {}  # master rows the bundle's deletion removes
    conflicts: dict[Key, Conflict] = {}
    for key in sorted(set(master) | set(bundle) | set(base)):
        m, n = master.get(key), bundle.get(key)
        fm = fingerprint(key[0], m) if m else None
        fn = fingerprint(key[0], n) if n else None
        if fm == fn:
            if m:
                result[key] = m
            continue
        if key in base:
            fb = base[key]
        elif m and not n:  # the bundle's layer had it and deleted it (since the base)
            fb = bundle_deleted.get(key) if bundle_deleted.get(key) != base_deleted.get(key) else None
        elif n and not m:
            fb = master_deleted().get(key)  # this project had it and deleted it
        else:
            fb = None
        if fn == fb:  # only this project changed it
            if m:
                result[key] = m
        elif fm == fb:  # only the bundle changed it
            if n:
                result[key] = n
                from_bundle.add(key)
            else:
                deleted_by_bundle[key] = m
        else:
            if m:
                result[key] = m
            conflicts[key] = Conflict(key[0], key[1], m, n, _reason(m, n))
    _keep_links(result, from_bundle, deleted_by_bundle, conflicts, master, bundle)
    agreed = [key for key in sorted(set(master) | set(bundle) | set(base))
              if key not in conflicts and result.get(key) == bundle.get(key)]
    return ItemPlan(result, conflicts, agreed)


def _reason(m: dict | None, n: dict | None) -> str:
    if m is None:
        return "deleted here, changed in the bundle"
    if n is None:
        return "changed here, deleted in the bundle"
    return "changed here and in the bundle"


def _keep_links(result: dict[Key, dict], from_bundle: set[Key], deleted_by_bundle: dict[Key, dict],
                conflicts: dict[Key, Conflict], master: dict[Key, dict], bundle: dict[Key, dict]) -> None:
    """Make every link of ``result`` point inside it (see the module docstring)."""
    changed = True
    while changed:
        changed = False
        for key, row in list(result.items()):
            for column, target_kind in LINKS.get(key[0], ()):
                target = (target_kind, row.get(column))
                if target[1] is None or target in result:
                    continue
                if target in deleted_by_bundle:
                    result[target] = deleted_by_bundle.pop(target)
                    conflicts[target] = Conflict(target_kind, target[1], result[target], None,
                                                 f"deleted in the bundle, but the {key[0]} {key[1]} "
                                                 f"kept here still names it ({column})")
                    changed = True
                elif key in from_bundle:
                    from_bundle.discard(key)
                    if key in master:
                        result[key] = master[key]
                    else:
                        del result[key]
                    conflicts[key] = Conflict(key[0], key[1], master.get(key), bundle[key],
                                              f"the bundle's version names {target_kind} {target[1]} "
                                              f"({column}), which was deleted here")
                    changed = True
                    break
                # else: this project's own link to an item outside this layer: not the merge's to change


UNKNOWN = object()  # a base nobody recorded: any difference is a conflict


def _keys(by_kind: dict[str, dict[str, str]]) -> dict[Key, str]:
    return {(kind, uid): fp for kind, uids in by_kind.items() for uid, fp in uids.items()}


def three_way(base, ours, theirs):
    """(value to keep, True when it is a conflict) for one document field."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


@dataclass
class DocumentResult:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    conflicts: int = 0
    wrote: bool = False  # the layer, status, note or time changed


def merge_document(store: ProjectStore, ledger: BundleLedger, doc_id: int, layer: str, record: dict,
                   items: dict[str, list[dict]], deleted: dict[Key, str], source: str,
                   bundle_sha: str, layer_known: bool) -> DocumentResult:
    """Merge one checked bundle record into ``layer``, inside the caller's
    transaction; the layer's edits are logged as ``layer``'s, the conflicts
    as the store's actor's (who merged). ``layer_known``: an earlier bundle of
    this layer was merged (``BundleLedger.has_bases`` before this one began)."""
    base = ledger.base(layer, doc_id)
    if base is None and layer_known:
        # a bundle of this annotator was merged, without this document: their
        # layer had nothing here then (an export carries every document touched)
        base = {"status": "todo", "note": "", "time_spent": 0.0, "items": {}, "deleted": {}, "last_event": 0}
    master = {(k, r["uid"]): item_fields(k, r) for k in KINDS for r in store.items(k, doc_id, layer)}
    bundle = {(k, r["uid"]): r for k in KINDS for r in items[k]}
    base_items = _keys((base or {}).get("items", {}))
    gone: list[dict[Key, str]] = []

    def master_deleted() -> dict[Key, str]:
        # deletions logged here since the base was written: the ones before were
        # made by the merges that wrote it (the bundle's own deletions)
        if not gone:
            rows = ledger.deleted_items(layer, doc_id, after_event=base["last_event"] if base else 0)
            gone.append({key: fingerprint(key[0], row) for key, row in rows.get(doc_id, {}).items()})
        return gone[0]

    plan = plan_items(base_items, master, bundle, deleted, master_deleted,
                      _keys((base or {}).get("deleted", {})))
    out = DocumentResult()
    current = store.assignment(doc_id, layer)
    theirs = {"status": record.get("status", "todo"), "note": record.get("note", "")}
    if base:
        base_fields = {"status": base["status"], "note": base["note"]}
    else:  # a field never set here is as the base left it; one set here, unknown
        touched = ledger.fields_set(layer, doc_id)
        base_fields = {f: UNKNOWN if f in touched else current[f] for f in ("status", "note")}
    keep = {f: three_way(base_fields[f], current[f], theirs[f]) for f in ("status", "note")}
    spent = float(record.get("time_spent") or 0.0)
    since = base["time_spent"] if base else min(spent, current["time_spent"])
    with store.acting_as(layer):
        _write_items(store, doc_id, layer, master, plan.result, out)
        if keep["status"][0] != current["status"]:
            store.set_status(doc_id, layer, keep["status"][0])
            out.wrote = True
        if keep["note"][0] != current["note"]:
            store.set_note(doc_id, layer, keep["note"][0])
            out.wrote = True
        if spent > since:
            store.add_time(doc_id, layer, spent - since)
            out.wrote = True
    open_ones = ledger.open_conflicts(layer, doc_id)
    for conflict in plan.conflicts.values():
        ledger.record_conflict(layer, doc_id, conflict.kind, conflict.uid, ours=conflict.ours,
                               theirs=conflict.theirs, reason=conflict.reason, bundle=source)
    for name, (_, conflict) in keep.items():
        if conflict:
            ledger.record_conflict(layer, doc_id, name, None, ours=current[name], theirs=theirs[name],
                                   reason=f"{name} changed here and in the bundle", bundle=source)
        elif (name, None) in open_ones and store.assignment(doc_id, layer)[name] == theirs[name]:
            ledger.close_conflict(open_ones[(name, None)]["id"], "agreed")
    for key in plan.agreed:  # a conflict left open whose layer now holds the bundle's version is settled
        if key in open_ones:
            ledger.close_conflict(open_ones[key]["id"], "agreed")
    out.conflicts = len(plan.conflicts) + sum(conflict for _, conflict in keep.values())
    ledger.set_base(layer, doc_id, status=theirs["status"], note=theirs["note"], time_spent=spent,
                    items={k: {r["uid"]: fingerprint(k, r) for r in items[k]} for k in KINDS},
                    deleted={k: {uid: fp for (kind, uid), fp in deleted.items() if kind == k} for k in KINDS},
                    bundle_sha256=bundle_sha)
    return out


def _write_items(store: ProjectStore, doc_id: int, layer: str, master: dict[Key, dict],
                 result: dict[Key, dict], out: DocumentResult) -> None:
    for kind in KINDS:  # entities first: quotes and stances may name them
        for key, row in result.items():
            if key[0] != kind:
                continue
            fields = {f: v for f, v in row.items() if f != "uid"}
            if key not in master:
                store.add_item(kind, doc_id, layer, uid=key[1], **fields)
                out.added += 1
            elif fingerprint(kind, master[key]) != fingerprint(kind, row):
                store.update_item(kind, key[1], **fields)
                out.changed += 1
    for kind in reversed(KINDS):  # stances first: nothing kept names what goes
        for key in master:
            if key[0] == kind and key not in result:
                store.delete_item(kind, key[1])
                out.deleted += 1
    out.wrote = bool(out.added or out.changed or out.deleted)
