"""Strip a copy of a project down to one annotator's share (``tintag handout``).

Runs on a fresh copy, never on a project in use: it removes every other
layer's items, statuses, decisions and reviews, the events that mention
them, the other profiles and other annotators' merge records, bundle bases
and bundle conflicts. The events log
is append-only by trigger in a project; in the copy the triggers are dropped
for the deletion and made again. The caller then VACUUMs the copy so the
deleted rows do not survive in free pages.
"""
from __future__ import annotations

import json
import sqlite3

from .access import SUGGESTIONS

ITEM_TABLES = ("stances", "quotes", "entities")


def scrub_to_layer(conn: sqlite3.Connection, layer: str) -> dict[str, int]:
    """Delete everything of ``conn``'s project that is not ``layer``'s or shared
    (documents, labels, settings, suggestions); returns rows removed per table."""
    removed: dict[str, int] = {}
    keep = (layer, SUGGESTIONS)
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").fetchall()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        for table in (*ITEM_TABLES, "assignments", "suggestion_decisions"):
            removed[table] = conn.execute(
                f"DELETE FROM {table} WHERE layer NOT IN (?, ?)", keep).rowcount
        removed["reviews"] = conn.execute("DELETE FROM reviews").rowcount
        # bundle merges: other layers' bases, and their conflicts (which hold their bundles' items)
        for table in ("bundle_bases", "bundle_conflicts"):
            removed[table] = conn.execute(f"DELETE FROM {table} WHERE layer <> ?", (layer,)).rowcount
        removed["annotators"] = conn.execute("DELETE FROM annotators WHERE name <> ?", (layer,)).rowcount
        # an event is kept when it is this annotator's own and names no other layer
        removed["events"] = conn.execute(
            "DELETE FROM events WHERE actor <> ?"
            " OR coalesce(json_extract(before, '$.layer'), ?) <> ?"
            " OR coalesce(json_extract(after, '$.layer'), ?) <> ?"
            " OR (kind IN ('status', 'note', 'time_spent') AND coalesce(item, '') <> ?)"
            " OR action LIKE 'review-%'",
            (layer, layer, layer, layer, layer, layer)).rowcount
        row = conn.execute("SELECT value FROM settings WHERE key = 'bundle_merges'").fetchone()
        if row:
            merges = {k: v for k, v in json.loads(row[0]).items() if k == layer}
            conn.execute("UPDATE settings SET value = ? WHERE key = 'bundle_merges'",
                         (json.dumps(merges, ensure_ascii=False),))
        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return removed
