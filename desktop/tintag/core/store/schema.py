"""The project file's schema and its forward-only migrations.

A project file is an SQLite database marked with ``PRAGMA application_id`` and
versioned with ``PRAGMA user_version``. Migration N takes a file of version
N-1 to version N; each runs in its own transaction. All SQL of TinTag lives in
this package (``tintag.core.store``); nothing else talks to the file.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x54544147  # "TTAG": tells our files from other SQLite files

DEFAULT_LABELS = [
    # kind, name, colour, hotkey, description
    ("entity", "PER", "#f4a6a6", "1", "Person: a named human being"),
    ("entity", "LOC", "#a6d8f4", "2", "Location: a country, city, region or place"),
    ("entity", "ORG", "#b9e6a1", "3", "Organisation: a company, agency, party, news outlet"),
    ("entity", "MISC", "#e6d3a1", "4", "Other named thing: an event, a work, a nationality"),
    ("stance", "support", "#4caf50", "", "The holder speaks for or praises the target"),
    ("stance", "oppose", "#e53935", "", "The holder speaks against or criticises the target"),
    ("stance", "neutral", "#9e9e9e", "", "The holder mentions the target without taking a side"),
]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT our transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending[:60]!r}")


def _v1(conn: sqlite3.Connection) -> None:
    """Base tables of DESIGN §2."""
    _run_script(conn,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            date TEXT,
            source TEXT,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL UNIQUE,
            meta TEXT NOT NULL DEFAULT '{}',
            normalisation TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL
        );
        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'reviewer')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'stance', 'document')),
            name TEXT NOT NULL,
            colour TEXT NOT NULL DEFAULT '#cccccc',
            hotkey TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            ord INTEGER NOT NULL DEFAULT 0,
            UNIQUE (kind, name)
        );
        CREATE TABLE assignments (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
            time_spent REAL NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (document_id, layer)
        );
        CREATE INDEX assignments_layer ON assignments(layer, status);
        CREATE TABLE entities (
            uid TEXT PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'manual'
                CHECK (origin IN ('manual', 'suggestion', 'suggestion-edited', 'import', 'review')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end")
        );
        CREATE INDEX entities_doc ON entities(document_id, layer);
        CREATE TABLE quotes (
            uid TEXT PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct', 'indirect')),
            cue_start INTEGER,
            cue_end INTEGER,
            speaker_uid TEXT REFERENCES entities(uid) ON DELETE SET NULL,
            speaker_name TEXT,
            origin TEXT NOT NULL DEFAULT 'manual'
                CHECK (origin IN ('manual', 'suggestion', 'suggestion-edited', 'import', 'review')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end"),
            CHECK ((cue_start IS NULL AND cue_end IS NULL)
                   OR (0 <= cue_start AND cue_start < cue_end))
        );
        CREATE INDEX quotes_doc ON quotes(document_id, layer);
        CREATE TABLE stances (
            uid TEXT PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            holder_uid TEXT REFERENCES entities(uid) ON DELETE SET NULL,
            holder_name TEXT,
            target_uid TEXT REFERENCES entities(uid) ON DELETE SET NULL,
            target_name TEXT,
            polarity TEXT NOT NULL,
            evidence_quote_uid TEXT REFERENCES quotes(uid) ON DELETE SET NULL,
            evidence_start INTEGER,
            evidence_end INTEGER,
            origin TEXT NOT NULL DEFAULT 'manual'
                CHECK (origin IN ('manual', 'suggestion', 'suggestion-edited', 'import', 'review')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stances_doc ON stances(document_id, layer);
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'quote', 'stance')),
            key TEXT NOT NULL,
            payload TEXT NOT NULL,
            score REAL NOT NULL DEFAULT 0,
            producer TEXT NOT NULL,
            producer_version TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (document_id, key)
        );
        CREATE TABLE suggestion_runs (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            producer TEXT NOT NULL,
            producer_version TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            items INTEGER NOT NULL DEFAULT 0,
            dropped INTEGER NOT NULL DEFAULT 0,
            computed_at TEXT NOT NULL,
            PRIMARY KEY (document_id, producer)
        );
        CREATE TABLE suggestion_decisions (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            layer TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            annotation_uid TEXT,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (document_id, key, layer)
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT NOT NULL,
            document_id INTEGER,
            item TEXT,
            before TEXT,
            after TEXT
        );
        CREATE INDEX events_doc ON events(document_id, id);
        -- The audit log is append-only.
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the events log is append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the events log is append-only'); END;
        """
    )
    # Spans must lie inside their document's text (SQLite length() counts
    # code points, the same unit as our offsets).
    for table in ("entities", "quotes"):
        for op in ("INSERT", "UPDATE"):
            conn.execute(
                f"""
                CREATE TRIGGER {table}_in_text_{op.lower()} BEFORE {op} ON {table}
                WHEN NEW."end" > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
                  OR NEW.cue_end > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
                BEGIN SELECT RAISE(ABORT, 'span outside the document text'); END
                """
                if table == "quotes"
                else f"""
                CREATE TRIGGER {table}_in_text_{op.lower()} BEFORE {op} ON {table}
                WHEN NEW."end" > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
                BEGIN SELECT RAISE(ABORT, 'span outside the document text'); END
                """
            )
    conn.executemany(
        "INSERT INTO labels (kind, name, colour, hotkey, description, ord) VALUES (?, ?, ?, ?, ?, ?)",
        [(k, n, c, h, d, i) for i, (k, n, c, h, d) in enumerate(DEFAULT_LABELS)],
    )


def fold_for_search(text: str) -> str:
    """What the search index holds: đ/Đ folded to d/D (the tokenizer strips
    tone marks but keeps đ), so "dinh" finds "đỉnh"."""
    return text.replace("đ", "d").replace("Đ", "D")


def _v2(conn: sqlite3.Connection) -> None:
    """Full-text search over title + text.

    The store writes index rows itself (folded in Python, much cheaper than
    SQL replace() in a trigger) when it inserts documents; documents are
    never edited after import. ``detail=column`` halves indexing time; the
    query builder only ever asks for single tokens, which it supports.
    """
    conn.execute(
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', detail=column
        )
        """
    )
    rows = conn.execute("SELECT id, title, text FROM documents").fetchall()
    conn.executemany(
        "INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
        [(i, fold_for_search(t), fold_for_search(x)) for i, t, x in rows],
    )
    # Rare (documents are not deleted by the app), so SQL folding is fine here.
    conn.execute(
        "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN"
        " INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id,"
        " replace(replace(old.title, 'đ', 'd'), 'Đ', 'D'),"
        " replace(replace(old.text, 'đ', 'd'), 'Đ', 'D')); END"
    )


def _v3(conn: sqlite3.Connection) -> None:
    """Team work: who was assigned a document, and review decisions into gold.

    An assignment row made by the project lead carries ``assigned_at``; rows
    made because someone set a status on an unassigned document leave it NULL.
    ``reviews`` records each item taken (or edited) into gold: who, when, from
    which layer and item — the reviewer's trail beside the events log.
    """
    _run_script(conn,
        """
        ALTER TABLE assignments ADD COLUMN assigned_at TEXT;
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'quote', 'stance', 'layer')),
            action TEXT NOT NULL CHECK (action IN ('take', 'edit', 'reject')),
            source_layer TEXT,
            source_uid TEXT,
            gold_uid TEXT,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL
        );
        CREATE INDEX reviews_doc ON reviews(document_id);
        """
    )


def _v4(conn: sqlite3.Connection) -> None:
    """Bundle merges item by item (issue 14): what the master last received from
    each annotator, and the conflicts kept for review. SQL in bundle_ledger.py."""
    from .bundle_ledger import create_tables

    create_tables(conn, _run_script)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4}
SCHEMA_VERSION = max(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Run every migration above the file's version up to ``target``.

    Returns the versions applied. The connection must be in autocommit mode
    (isolation_level=None): each step is its own BEGIN IMMEDIATE … COMMIT.
    """
    applied = []
    current = user_version(conn)
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            if version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(version)
    return applied
