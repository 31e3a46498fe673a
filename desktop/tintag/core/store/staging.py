"""Documents staged for import: prepared with no write lock held, stored in
one short transaction.

A file's rows are parsed, checked and hashed while other programs (an open
window) keep writing; they wait in a scratch database, a temporary file
attached to the importing connection, so nothing of the project is locked.
``store_all`` then takes the write lock once: it copies the rows whose text
the project lacks (another program may have imported some meanwhile) with one
INSERT … SELECT, indexes them for search with another, logs the import, and
the caller's transaction commits. A failure there rolls the whole file back.
The scratch file is simply deleted afterwards (dropping a table of a few
hundred MB would take seconds).
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable

from .errors import ProjectError, ReadOnlyProject
from .project import ProjectStore, now

BATCH_ROWS = 500  # rows per scratch transaction: bounded memory while parsing
BATCH_CHARS = 4_000_000  # and fewer when the documents are long

COLUMNS = ("uid", "title", "date", "source", "text", "text_sha256", "meta", "normalisation")
# schema.fold_for_search in SQL, under the lock: for 100k articles 0.3 s of C, where
# folding while staging took 1 s of Python and a second copy of every text
FOLDED = "replace(replace({0}, 'đ', 'd'), 'Đ', 'D')"


def check_writable(store: ProjectStore) -> None:
    """Refuse before parsing a whole file that could not be stored anyway."""
    if store.readonly:
        raise ReadOnlyProject(f"{store.path}: opened read-only; changes cannot be saved")


class StagedDocuments:
    """One file's document rows on their way into the project. Use as a
    context manager, outside any transaction of the store: the scratch
    database is detached and deleted on the way out."""

    def __init__(self, store: ProjectStore):
        check_writable(store)
        self.store = store
        self.conn = store.conn
        self.offered = 0  # rows handed to add_all, duplicates within the file included
        fd, self.file = tempfile.mkstemp(prefix="tintag-staging-", suffix=".sqlite")
        os.close(fd)
        self.schema = f"staging_{uuid.uuid4().hex[:12]}"
        self.table = f"{self.schema}.documents"
        try:
            self.conn.execute("ATTACH DATABASE ? AS " + self.schema, (self.file,))
            # scratch data: a crash loses nothing that matters, so no journal file, no syncing
            self.conn.execute(f"PRAGMA {self.schema}.journal_mode = MEMORY")
            self.conn.execute(f"PRAGMA {self.schema}.synchronous = OFF")
            # text_sha256 UNIQUE + INSERT OR IGNORE: the first of two equal texts in a file wins
            self.conn.execute(
                f"CREATE TABLE {self.table} (seq INTEGER PRIMARY KEY, uid TEXT NOT NULL, title TEXT,"
                " date TEXT, source TEXT, text TEXT NOT NULL, text_sha256 TEXT NOT NULL UNIQUE,"
                " meta TEXT, normalisation TEXT)"
            )
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> StagedDocuments:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            attached = any(row[1] == self.schema for row in self.conn.execute("PRAGMA database_list"))
            if attached:
                self.conn.execute("DETACH DATABASE " + self.schema)
        finally:
            try:
                os.unlink(self.file)
            except OSError:
                pass

    # ------------------------------------------------------------ staging
    def add_all(self, rows: Iterable[dict]) -> None:
        """Stage rows as ``ProjectStore.insert_documents`` takes them. The
        expensive Python work (the reader's parsing, checks and hashing) runs
        while this consumes ``rows``, with no lock on the project."""
        batch: list[tuple] = []
        chars = 0
        for r in rows:
            title = r.get("title") or ""
            batch.append((
                r["uid"], title, r.get("date"), r.get("source"), r["text"], r["text_sha256"],
                json.dumps(r.get("meta") or {}, ensure_ascii=False),
                json.dumps(r.get("normalisation") or {}),
            ))
            chars += len(r["text"])
            if len(batch) >= BATCH_ROWS or chars >= BATCH_CHARS:
                self._stage(batch)
                batch, chars = [], 0
        if batch:
            self._stage(batch)

    def _stage(self, batch: list[tuple]) -> None:
        marks = ", ".join("?" * len(COLUMNS))
        sql = f"INSERT OR IGNORE INTO {self.table} ({', '.join(COLUMNS)}) VALUES ({marks})"
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")  # deferred, and it writes only the scratch database
        try:
            self.conn.executemany(sql, batch)
        except BaseException:
            if own:
                self.conn.execute("ROLLBACK")
            raise
        if own:
            self.conn.execute("COMMIT")
        self.offered += len(batch)

    # ------------------------------------------------------------ storing
    def store_all(self) -> tuple[int, int]:
        """Insert the staged texts the project lacks, in one transaction (the
        caller's, if one is open). Returns (inserted, duplicates); raises
        ProjectError, with nothing stored, when a row's id names another text
        of the project."""
        t = self.table
        fresh = (f"FROM {t} s WHERE NOT EXISTS (SELECT 1 FROM main.documents d"
                 " WHERE d.text_sha256 = s.text_sha256)")
        with self.store.write():
            base = self.conn.execute("SELECT COALESCE(max(id), 0) FROM main.documents").fetchone()[0]
            try:  # ids in file order after the project's last one
                inserted = self.conn.execute(
                    "INSERT INTO main.documents (id, uid, title, date, source, text, text_sha256, meta,"
                    " normalisation, imported_at)"
                    " SELECT ? + row_number() OVER (ORDER BY seq), uid, title, date, source, text,"
                    f" text_sha256, meta, normalisation, ? {fresh} ORDER BY seq",
                    (base, now()),
                ).rowcount
            except sqlite3.IntegrityError as err:
                if "documents.uid" in str(err):
                    raise ProjectError(
                        f"id {self._taken_uid(fresh)!r} is already used by a document with a different text"
                    ) from None
                raise
            self.conn.execute(
                "INSERT INTO main.documents_fts (rowid, title, text)"
                f" SELECT id, {FOLDED.format('title')}, {FOLDED.format('text')} FROM main.documents"
                " WHERE id > ? ORDER BY id",
                (base,),
            )
            duplicates = self.offered - inserted
            if inserted:
                self.store.log("import", "documents", after={"inserted": inserted, "duplicates": duplicates})
        return inserted, duplicates

    def _taken_uid(self, fresh: str) -> str:
        """The first new row's id that the project or an earlier new row already uses."""
        row = self.conn.execute(
            f"SELECT s.uid {fresh} AND EXISTS (SELECT 1 FROM main.documents d WHERE d.uid = s.uid)"
            " ORDER BY s.seq LIMIT 1"
        ).fetchone() or self.conn.execute(
            f"SELECT s.uid {fresh} GROUP BY s.uid HAVING count(*) > 1 ORDER BY min(s.seq) LIMIT 1"
        ).fetchone()
        return row[0] if row else "?"
