"""What bundle merges remember: the base of each annotator's layer per
document, and the conflicts a merge kept for review.

The base is what the master last received from that annotator for that
document (the bundle's version, not the merged result): the annotator's next
bundle continues from it, so an item the bundle changed relative to the base
is the annotator's edit, and an item the master changed relative to it is
the master's. It is stored, not derived from the events log, because the
log does not see every change of an item: a label rename updates items in
one statement, and deleting an entity clears quote speakers through
``ON DELETE SET NULL``. Only deletions (always logged one by one, with the
row as it was) are read from the log: see ``deleted_items``.

A conflict keeps both versions: this project's stays in the layer, the
bundle's waits here until a reviewer takes it (or keeps this one).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

ITEM_KINDS = ("entity", "quote", "stance")
CONFLICT_KINDS = ITEM_KINDS + ("status", "note")
RESOLUTIONS = ("ours", "theirs", "agreed")


def create_tables(conn: sqlite3.Connection, run_script: Callable) -> None:
    """Migration 4 (called by schema._v4)."""
    run_script(conn,
        """
        CREATE TABLE bundle_bases (
            layer TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            time_spent REAL NOT NULL,
            items TEXT NOT NULL,
            bundle_sha256 TEXT NOT NULL,
            last_event INTEGER NOT NULL,
            merged_at TEXT NOT NULL,
            PRIMARY KEY (layer, document_id)
        );
        CREATE TABLE bundle_conflicts (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'quote', 'stance', 'status', 'note')),
            uid TEXT,
            ours TEXT,
            theirs TEXT,
            reason TEXT NOT NULL,
            bundle TEXT NOT NULL,
            found_at TEXT NOT NULL,
            resolution TEXT CHECK (resolution IN ('ours', 'theirs', 'agreed')),
            resolved_by TEXT,
            resolved_at TEXT
        );
        CREATE INDEX bundle_conflicts_doc ON bundle_conflicts(document_id, layer);
        """
    )


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class BundleLedger:
    """Bases and conflicts of one open project (its store's connection and rules:
    call the writing methods inside ``store.write()``)."""

    def __init__(self, store):
        self.store = store
        self.conn = store.conn

    # ---------------------------------------------------------------- bases
    def base(self, layer: str, document_id: int) -> dict | None:
        """The layer's base on a document: status, note, time_spent, last_event (the
        events log's last id when it was written), items and deleted (the items
        the bundle held, and those it listed as deleted: {kind: {uid:
        fingerprint}}); None when no bundle of it was merged."""
        row = self.conn.execute(
            "SELECT status, note, time_spent, items, last_event FROM bundle_bases"
            " WHERE layer = ? AND document_id = ?", (layer, document_id)).fetchone()
        if row is None:
            return None
        held = json.loads(row[3])
        return {"status": row[0], "note": row[1], "time_spent": row[2], "items": held["items"],
                "deleted": held["deleted"], "last_event": row[4]}

    def set_base(self, layer: str, document_id: int, *, status: str, note: str, time_spent: float,
                 items: dict[str, dict[str, str]], deleted: dict[str, dict[str, str]],
                 bundle_sha256: str) -> None:
        from .project import now

        last = self.conn.execute("SELECT COALESCE(max(id), 0) FROM events").fetchone()[0]
        self.conn.execute(
            "INSERT INTO bundle_bases (layer, document_id, status, note, time_spent, items, bundle_sha256,"
            " last_event, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(layer, document_id) DO UPDATE SET status = excluded.status, note = excluded.note,"
            " time_spent = excluded.time_spent, items = excluded.items,"
            " bundle_sha256 = excluded.bundle_sha256, last_event = excluded.last_event,"
            " merged_at = excluded.merged_at",
            (layer, document_id, status, note, time_spent, _dumps({"items": items, "deleted": deleted}),
             bundle_sha256, last, now()))

    def has_bases(self, layer: str) -> bool:
        """Whether a bundle of ``layer`` was merged since bases are recorded."""
        return self.conn.execute("SELECT 1 FROM bundle_bases WHERE layer = ? LIMIT 1", (layer,)).fetchone() is not None

    def fields_set(self, layer: str, document_id: int) -> set[str]:
        """Which of status and note the events log shows set on the document's layer."""
        return {r[0] for r in self.conn.execute(
            "SELECT DISTINCT kind FROM events WHERE document_id = ? AND item = ? AND action = 'set'"
            " AND kind IN ('status', 'note')", (document_id, layer))}

    # ----------------------------------------------------------- deletions
    def deleted_items(self, layer: str, document_id: int | None = None,
                      after_event: int = 0) -> dict[int, dict[tuple[str, str], dict]]:
        """Items of ``layer`` deleted one by one (the events log keeps each row as
        it was): {document id: {(kind, uid): the row at its last deletion}},
        from events after ``after_event``. Items restored since are included;
        the caller knows which are in the layer now."""
        sql = ("SELECT document_id, kind, item, before FROM events WHERE action = 'delete'"
               " AND kind IN ('entity', 'quote', 'stance') AND id > ?"
               " AND json_extract(before, '$.layer') = ?")
        args: list[Any] = [after_event, layer]
        if document_id is not None:
            sql += " AND document_id = ?"
            args.append(document_id)
        out: dict[int, dict[tuple[str, str], dict]] = {}
        for doc, kind, uid, before in self.conn.execute(sql + " ORDER BY id", args):
            out.setdefault(doc, {})[(kind, uid)] = json.loads(before)
        return out

    # ----------------------------------------------------------- conflicts
    def open_conflict(self, layer: str, document_id: int, kind: str, uid: str | None) -> dict | None:
        rows = self._conflicts("c.layer = ? AND c.document_id = ? AND c.kind = ? AND c.uid IS ?"
                               " AND c.resolution IS NULL",
                               [layer, document_id, kind, uid])
        return rows[0] if rows else None

    def open_conflicts(self, layer: str, document_id: int) -> dict[tuple[str, str | None], dict]:
        """The conflicts still open on a document's layer, by (kind, uid)."""
        rows = self._conflicts("c.layer = ? AND c.document_id = ? AND c.resolution IS NULL",
                               [layer, document_id])
        return {(r["kind"], r["uid"]): r for r in rows}

    def record_conflict(self, layer: str, document_id: int, kind: str, uid: str | None, *,
                        ours: Any, theirs: Any, reason: str, bundle: str) -> int:
        """Keep the bundle's version for review; a conflict still open on the same
        item is brought up to date instead of listed twice."""
        from .project import now

        if kind not in CONFLICT_KINDS:
            raise ValueError(f"unknown conflict kind {kind!r}")
        stamp = now()
        existing = self.open_conflict(layer, document_id, kind, uid)
        if existing:
            self.conn.execute(
                "UPDATE bundle_conflicts SET ours = ?, theirs = ?, reason = ?, bundle = ?, found_at = ?"
                " WHERE id = ?", (_dumps(ours), _dumps(theirs), reason, bundle, stamp, existing["id"]))
            conflict_id = existing["id"]
        else:
            conflict_id = self.conn.execute(
                "INSERT INTO bundle_conflicts (document_id, layer, kind, uid, ours, theirs, reason, bundle,"
                " found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, layer, kind, uid, _dumps(ours), _dumps(theirs), reason, bundle, stamp)).lastrowid
        self.store.log("conflict", "bundle_conflict", document_id, uid,
                       after={"id": conflict_id, "layer": layer, "kind": kind, "reason": reason})
        return conflict_id

    def close_conflict(self, conflict_id: int, resolution: str) -> None:
        from .project import now

        if resolution not in RESOLUTIONS:
            raise ValueError(f"unknown resolution {resolution!r}")
        row = self.conflict(conflict_id)
        self.conn.execute(
            "UPDATE bundle_conflicts SET resolution = ?, resolved_by = ?, resolved_at = ?"
            " WHERE id = ? AND resolution IS NULL", (resolution, self.store.actor, now(), conflict_id))
        self.store.log("resolve", "bundle_conflict", row["document_id"] if row else None,
                       row["uid"] if row else None, after={"id": conflict_id, "resolution": resolution})

    def conflict(self, conflict_id: int) -> dict | None:
        rows = self._conflicts("c.id = ?", [conflict_id])
        return rows[0] if rows else None

    def conflicts(self, layer: str | None = None, open_only: bool = True) -> list[dict]:
        where, args = ["1"], []
        if layer is not None:
            where.append("c.layer = ?")
            args.append(layer)
        if open_only:
            where.append("c.resolution IS NULL")
        return self._conflicts(" AND ".join(where), args)

    def _conflicts(self, where: str, args: list) -> list[dict]:
        out = []
        for row in self.store.db.query(
                "SELECT c.*, d.uid AS document_uid, d.title AS document_title FROM bundle_conflicts c"
                f" JOIN documents d ON d.id = c.document_id WHERE {where} ORDER BY c.id", args):
            row["ours"] = None if row["ours"] is None else json.loads(row["ours"])
            row["theirs"] = None if row["theirs"] is None else json.loads(row["theirs"])
            out.append(row)
        return out
