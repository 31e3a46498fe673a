"""Queries of team work: assignments made by the lead and review decisions.

A mixin of ``ProjectStore`` (same connection, same rules); kept in its own
file so project.py stays about documents and annotations.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from .errors import PermissionDenied


def fold_name(name: str | None) -> str:
    """How review matches stance holders/targets: NFC, case-folded, spaces collapsed.
    Here so the SQL candidate search and review.compare fold names the same way."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


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

    def _review_layers_sql(self) -> tuple[str, list[str]]:
        """``layer IN (...)`` for the annotator layers this actor may read."""
        layers = [layer for layer in self.layers() if layer not in ("gold", "suggestions")]
        return f"layer IN ({','.join('?' * len(layers))})", layers

    @staticmethod
    def _worked_sql(where: str) -> str:
        """(document, layer) pairs a layer worked on — an item there, or the document
        started or done — for layers matching ``where`` (its parameters, 4 times)."""
        return f"""
              SELECT document_id, layer FROM entities WHERE {where}
              UNION SELECT document_id, layer FROM quotes WHERE {where}
              UNION SELECT document_id, layer FROM stances WHERE {where}
              UNION SELECT document_id, layer FROM assignments
                WHERE status IN ('in_progress', 'done') AND {where}"""

    def documents_with_layers(self, min_layers: int = 2) -> list[int]:
        """Documents that at least ``min_layers`` annotator layers labelled
        (gold and the suggestions pseudo-layer not counted). Only layers this
        actor may read count: in blind mode others' work stays invisible."""
        where, layers = self._review_layers_sql()
        sql = f"""
            SELECT document_id FROM ({self._worked_sql(where)})
            GROUP BY document_id HAVING count(*) >= ? ORDER BY document_id
        """
        return [d for (d,) in self.conn.execute(sql, layers * 4 + [min_layers])]

    def review_candidates(self) -> list[int]:
        """Documents that may hold an open review row, for review's "next disagreement".

        Items are grouped by place (same span, or for stances the same folded
        holder → target); a document is left out only when several readable
        annotator layers worked on it and every place is provably settled — no
        layer twice there, and either every annotator layer gives one value,
        or gold is there with one of the proposed values (or a take / edit was
        recorded for it), or only gold is there, or a reject was recorded and
        no gold item of that kind touches the place. ``review.compare``
        decides the rest (overlapping variants, one layer's item taken, …).
        """
        where, layers = self._review_layers_sql()
        if len(layers) < 2:
            return []
        # an entity's surface, as review shows a speaker / holder / target
        surface = ("(SELECT substr(d.text, {e}.start + 1, {e}.\"end\" - {e}.start)"
                   " FROM documents d WHERE d.id = {e}.document_id)")
        party = ("tintag_fold(CASE WHEN {e}.uid IS NULL THEN coalesce(s.{side}_name, '')"
                 " ELSE " + surface + " END)")
        holder = party.format(e="h", side="holder")
        target = party.format(e="t", side="target")
        stance_place = f"length({holder}) || ':' || {holder} || {target}"  # unambiguous pair
        speaker = ("coalesce(CASE WHEN e.uid IS NULL THEN NULL ELSE " + surface.format(e="e")
                   + " END, nullif(q.speaker_name, ''), '—')")
        sql = f"""
            WITH worked AS ({self._worked_sql(where)}),
            shared AS (SELECT document_id, count(*) AS n FROM worked
                       GROUP BY document_id HAVING count(*) >= 2),
            items AS (
              SELECT document_id, layer, uid, 'entity' AS kind, start AS s, "end" AS e,
                     start || ':' || "end" AS place, label AS value FROM entities
              UNION ALL
              SELECT q.document_id, q.layer, q.uid, 'quote', q.start, q."end", q.start || ':' || q."end",
                     {speaker} || ' · ' || q.kind
              FROM quotes q LEFT JOIN entities e
                ON e.uid = q.speaker_uid AND e.layer = q.layer AND e.document_id = q.document_id
              UNION ALL
              SELECT s.document_id, s.layer, s.uid, 'stance', NULL, NULL, {stance_place}, s.polarity
              FROM stances s
              LEFT JOIN entities h
                ON h.uid = s.holder_uid AND h.layer = s.layer AND h.document_id = s.document_id
              LEFT JOIN entities t
                ON t.uid = s.target_uid AND t.layer = s.layer AND t.document_id = s.document_id),
            mine AS (
              SELECT i.* FROM items i JOIN shared sh ON sh.document_id = i.document_id
              WHERE i.layer = 'gold' OR (i.document_id, i.layer) IN (SELECT * FROM worked)),
            places AS (
              SELECT i.document_id, i.kind, min(i.s) AS s, max(i.e) AS e, sh.n,
                     count(*) AS items, count(DISTINCT i.layer) AS layers,
                     count(DISTINCT i.value) AS vals,
                     count(DISTINCT CASE WHEN i.layer <> 'gold' THEN i.value END) AS layer_vals,
                     max(i.layer = 'gold') AS gold,
                     max(i.layer = 'gold' AND i.uid IN (SELECT gold_uid FROM reviews
                         WHERE action IN ('take', 'edit') AND gold_uid IS NOT NULL)) AS gold_reviewed,
                     max(i.layer <> 'gold' AND i.uid IN (SELECT source_uid FROM reviews
                         WHERE action = 'reject' AND source_uid IS NOT NULL)) AS rejected
              FROM mine i JOIN shared sh ON sh.document_id = i.document_id
              GROUP BY i.document_id, i.kind, i.place)
            SELECT DISTINCT document_id FROM places p
            WHERE NOT (items = layers AND (
              (gold AND (layers = 1 OR vals = layer_vals OR gold_reviewed))
              OR (NOT gold AND vals = 1 AND layers = n)
              OR (NOT gold AND rejected AND NOT EXISTS (
                    SELECT 1 FROM mine g WHERE g.layer = 'gold' AND g.document_id = p.document_id
                    AND g.kind = p.kind AND g.s < p.e AND p.s < g.e))))
            ORDER BY document_id
        """
        return [d for (d,) in self.conn.execute(sql, layers * 4)]

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
        """Undo of a review decision removes its record too (a gold edit: logged)."""
        self.check_write("gold")
        with self.write():
            rows = list(self.db.query("SELECT * FROM reviews WHERE id = ?", [review_id]))
            if not rows:
                return
            self.conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            row = rows[0]
            self.log(f"review-{row['action']}-undone", row["kind"], row["document_id"], row["gold_uid"],
                     before=row)

    def reviews(self, document_id: int | None = None) -> list[dict[str, Any]]:
        """Review decisions; they name source layers and gold items, so only
        for those who may read every layer (not a blind annotator)."""
        if not self.reads_everything():
            raise PermissionDenied(
                f"{self.actor} ({self.role}) cannot see review decisions: the project is in blind mode")
        sql, args = "SELECT * FROM reviews", []
        if document_id is not None:
            sql += " WHERE document_id = ?"
            args.append(document_id)
        return list(self.db.query(sql + " ORDER BY id", args))
