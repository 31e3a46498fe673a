"""Read-only queries for team figures (agreement, the dashboard): whole-project
tallies that would take one call per document through ``ProjectStore``.

Functions take an open store; SQL stays inside ``tintag.core.store``. Each
checks that the store's actor may read every layer asked for (blind mode:
``PermissionDenied``), as ``ProjectStore``'s own reads do.
"""
from __future__ import annotations

from collections.abc import Sequence

from .project import ProjectStore

_ITEM_TABLES = ("entities", "quotes", "stances")


def _marks(values: Sequence) -> str:
    return ",".join("?" * len(values))


def _check(store: ProjectStore, layers: Sequence[str]) -> None:
    for layer in layers:
        store.check_read(layer)


def layer_coverage(store: ProjectStore, layers: Sequence[str]) -> dict[str, set[int]]:
    """For each layer, the documents it has answered: any entity, quote or
    stance, or an assignment with status ``done`` (an empty "done" document is
    a real "nothing here" answer)."""
    out: dict[str, set[int]] = {layer: set() for layer in layers}
    if not layers:
        return out
    _check(store, layers)
    marks = _marks(layers)
    parts = [f"SELECT DISTINCT document_id, layer FROM {t} WHERE layer IN ({marks})" for t in _ITEM_TABLES]
    parts.append(f"SELECT document_id, layer FROM assignments WHERE status = 'done' AND layer IN ({marks})")
    sql = " UNION ".join(parts)
    for document_id, layer in store.conn.execute(sql, list(layers) * len(parts)):
        out[layer].add(document_id)
    return out


def assignment_summary(store: ProjectStore, layers: Sequence[str]) -> dict[str, dict]:
    """Per layer: documents by status (rows in ``assignments``), documents
    assigned by the lead (``assigned_at`` set, when the project has that
    column) and the time spent on each document marked done."""
    out = {layer: {"status": {}, "assigned": 0, "times_done": []} for layer in layers}
    if not layers:
        return out
    _check(store, layers)
    marks = _marks(layers)
    for layer, status, n in store.conn.execute(
        f"SELECT layer, status, count(*) FROM assignments WHERE layer IN ({marks})"
        " GROUP BY layer, status", list(layers)
    ):
        out[layer]["status"][status] = n
    columns = {row[1] for row in store.conn.execute("PRAGMA table_info(assignments)")}
    if "assigned_at" in columns:
        for layer, n in store.conn.execute(
            f"SELECT layer, count(*) FROM assignments WHERE assigned_at IS NOT NULL"
            f" AND layer IN ({marks}) GROUP BY layer", list(layers)
        ):
            out[layer]["assigned"] = n
    for layer, seconds in store.conn.execute(
        f"SELECT layer, time_spent FROM assignments WHERE status = 'done' AND layer IN ({marks})"
        " ORDER BY layer, document_id", list(layers)
    ):
        out[layer]["times_done"].append(float(seconds))
    return out


def label_counts(store: ProjectStore, layers: Sequence[str]) -> dict[str, dict[str, int]]:
    """Per layer: entities per label, and stances per polarity (keys ``stance:<polarity>``)."""
    out: dict[str, dict[str, int]] = {layer: {} for layer in layers}
    if not layers:
        return out
    _check(store, layers)
    marks = _marks(layers)
    for layer, label, n in store.conn.execute(
        f"SELECT layer, label, count(*) FROM entities WHERE layer IN ({marks}) GROUP BY layer, label",
        list(layers),
    ):
        out[layer][label] = n
    for layer, polarity, n in store.conn.execute(
        f"SELECT layer, polarity, count(*) FROM stances WHERE layer IN ({marks})"
        " GROUP BY layer, polarity", list(layers),
    ):
        out[layer][f"stance:{polarity}"] = n
    return out


def suggestion_decision_counts(store: ProjectStore, layers: Sequence[str]) -> dict[str, dict[str, int]]:
    """Per layer: suggestions it accepted and rejected, and how many of its
    annotations came from a suggestion unchanged or edited (``origin``)."""
    out = {layer: {"accepted": 0, "rejected": 0, "suggestion": 0, "suggestion-edited": 0,
                   "annotations": 0} for layer in layers}
    if not layers:
        return out
    _check(store, layers)
    marks = _marks(layers)
    for layer, decision, n in store.conn.execute(
        f"SELECT layer, decision, count(*) FROM suggestion_decisions WHERE layer IN ({marks})"
        " GROUP BY layer, decision", list(layers),
    ):
        out[layer][decision] = n
    for table in _ITEM_TABLES:
        for layer, origin, n in store.conn.execute(
            f"SELECT layer, origin, count(*) FROM {table} WHERE layer IN ({marks})"
            " GROUP BY layer, origin", list(layers),
        ):
            out[layer]["annotations"] += n
            if origin in ("suggestion", "suggestion-edited"):
                out[layer][origin] += n
    return out
