"""Deterministic assignment of documents to annotators, with overlap.

Overlap is given either as ``per_document`` (every document to k annotators)
or as ``double_fraction`` (that share of documents to two annotators, the rest
to one). The same inputs and seed always give the same plan; loads differ by
at most one document between annotators.
"""
from __future__ import annotations

import hashlib
import random

from tintag.core.store import GOLD, ProjectStore


def plan(document_uids: list[str], annotators: list[str], per_document: int = 1,
         double_fraction: float = 0.0, seed: int = 0) -> dict[str, list[str]]:
    """document uid → the annotators it goes to."""
    names = sorted(set(annotators))
    if not names:
        raise ValueError("name at least one annotator")
    if GOLD in names:
        raise ValueError(f"{GOLD!r} is the reviewed layer, not an annotator")
    if not 1 <= per_document <= len(names):
        raise ValueError(f"each document can go to 1–{len(names)} annotators, not {per_document}")
    if not 0.0 <= double_fraction <= 1.0:
        raise ValueError("the double-annotated share is a fraction between 0 and 1")
    if double_fraction and len(names) < 2:
        raise ValueError("double annotation needs at least two annotators")
    order = sorted(document_uids)
    random.Random(seed).shuffle(order)
    doubled = round(double_fraction * len(order))
    load = {n: 0 for n in names}
    # a seeded tie-break per annotator keeps the plan independent of dict order
    tie = {n: hashlib.sha256(f"{seed}:{n}".encode()).hexdigest() for n in names}
    out: dict[str, list[str]] = {}
    for i, uid in enumerate(order):
        k = max(per_document, 2 if i < doubled else 1)
        chosen = sorted(names, key=lambda n: (load[n], tie[n]))[:k]
        for n in chosen:
            load[n] += 1
        out[uid] = sorted(chosen)
    return out


def assign(store: ProjectStore, annotators: list[str], per_document: int = 1,
           double_fraction: float = 0.0, seed: int = 0, only_unassigned: bool = True) -> dict:
    """Plan and store assignments; annotators without a profile get one.

    With ``only_unassigned`` documents already in someone's queue keep their
    assignment (re-running after an import hands out only the new documents).
    """
    taken = {d for d, _ in store.assigned_pairs()} if only_unassigned else set()
    docs = {uid: i for uid, i in store.document_keys().items() if i not in taken}
    result = plan(list(docs), annotators, per_document, double_fraction, seed)
    with store.write():
        for name in annotators:
            store.add_annotator(name)
        added = store.assign((docs[uid], name) for uid, names in result.items() for name in names)
    per_annotator: dict[str, int] = {n: 0 for n in sorted(set(annotators))}
    for names in result.values():
        for n in names:
            per_annotator[n] += 1
    return {"documents": len(result), "assigned": added, "per_annotator": per_annotator,
            "double": sum(1 for names in result.values() if len(names) > 1)}
