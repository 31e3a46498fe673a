"""Queries of team work: assignments made by the lead and review decisions.

A mixin of ``ProjectStore`` (same connection, same rules); kept in its own
file so project.py stays about documents and annotations.
"""
from __future__ import annotations

from typing import Any, Iterable


class TeamQueries:
    def assign(self, pairs: Iterable[tuple[int, str]]) -> int:
        """Put documents in annotators' queues: (document id, layer) pairs.

        Existing work is kept (status, time); a pair already assigned is left
        alone. Returns how many pairs were newly assigned.
        """
        self.check_manage("assign documents")
        from .project import now

        pairs = list(pairs)
        stamp = now()
        with self.write():
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT INTO assignments (document_id, layer, updated_at, assigned_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(document_id, layer) DO UPDATE"
                " SET assigned_at = excluded.assigned_at WHERE assigned_at IS NULL",
                [(d, layer, stamp, stamp) for d, layer in pairs],
            )
            added = self.conn.total_changes - before
            self.log("assign", "assignments", after={"pairs": len(pairs), "new": added})
        return added

    def document_keys(self) -> dict[str, int]:
        """uid → id of every document (no texts read)."""
        return {uid: i for i, uid in self.conn.execute("SELECT id, uid FROM documents")}

    def document_hashes(self) -> dict[str, tuple[int, str]]:
        """uid → (id, text_sha256), for bundle checks."""
        return {uid: (i, sha) for i, uid, sha in
                self.conn.execute("SELECT id, uid, text_sha256 FROM documents")}

    def assigned_pairs(self) -> list[tuple[int, str]]:
        """Every (document id, layer) the lead assigned, in document order."""
        return [(d, layer) for d, layer in self.conn.execute(
            "SELECT document_id, layer FROM assignments WHERE assigned_at IS NOT NULL"
            " ORDER BY document_id, layer")]

    def unassign(self, layer: str) -> int:
        """Take documents not yet started out of a queue."""
        self.check_manage("change assignments")
        with self.write():
            n = self.conn.execute(
                "DELETE FROM assignments WHERE layer = ? AND assigned_at IS NOT NULL"
                " AND status = 'todo' AND time_spent = 0 AND note = ''", (layer,)).rowcount
            self.log("unassign", "assignments", item=layer, after={"removed": n})
        return n

    def queue_counts(self) -> dict[str, dict[str, int]]:
        """Per layer: assigned documents by status."""
        out: dict[str, dict[str, int]] = {}
        for layer, status, n in self.conn.execute(
            "SELECT layer, status, count(*) FROM assignments WHERE assigned_at IS NOT NULL"
            " GROUP BY layer, status"
        ):
            if self.may_read(layer):
                out.setdefault(layer, {})[status] = n
        return out

    def documents_with_layers(self, min_layers: int = 2) -> list[int]:
        """Documents that at least ``min_layers`` annotator layers labelled
        (gold and the suggestions pseudo-layer not counted)."""
        sql = """
            SELECT document_id FROM (
              SELECT document_id, layer FROM entities UNION SELECT document_id, layer FROM quotes
              UNION SELECT document_id, layer FROM stances
              UNION SELECT document_id, layer FROM assignments WHERE status IN ('in_progress', 'done'))
            WHERE layer NOT IN ('gold', 'suggestions')
            GROUP BY document_id HAVING count(DISTINCT layer) >= ? ORDER BY document_id
        """
        return [d for (d,) in self.conn.execute(sql, (min_layers,))]

    # ------------------------------------------------------------ reviews
    def record_review(self, document_id: int, kind: str, action: str, source_layer: str | None,
                      source_uid: str | None, gold_uid: str | None) -> int:
        """Note a reviewer's decision (call inside the write that made it)."""
        from .project import now

        self.check_write("gold")
        with self.write():
            cur = self.conn.execute(
                "INSERT INTO reviews (document_id, kind, action, source_layer, source_uid, gold_uid,"
                " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, kind, action, source_layer, source_uid, gold_uid, self.actor, now()),
            )
            self.log(f"review-{action}", kind, document_id, gold_uid,
                     after={"source_layer": source_layer, "source_uid": source_uid})
        return cur.lastrowid

    def drop_review(self, review_id: int) -> None:
        """Undo of a review decision removes its record too."""
        with self.write():
            self.conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))

    def reviews(self, document_id: int | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM reviews", []
        if document_id is not None:
            sql += " WHERE document_id = ?"
            args.append(document_id)
        return list(self.db.query(sql + " ORDER BY id", args))
