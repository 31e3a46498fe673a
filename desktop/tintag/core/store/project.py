"""ProjectStore: every read and write of a project file.

Rules kept here so no caller has to remember them:
- the connection is in autocommit mode; every change runs inside ``write()``
  (BEGIN IMMEDIATE … COMMIT), so one user edit is one committed transaction;
- every change appends a row to ``events`` (who, when, what, before/after);
- WAL journal, foreign keys on, a busy timeout so a second window waits
  instead of failing with "database is locked".
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from . import access, files, schema
from .errors import (
    DamagedProject,
    LockedProject,
    PermissionDenied,
    ProjectError,
    ReadOnlyProject,
    is_busy,
    project_error,
)
from .schema import fold_for_search
from .team import TeamQueries, fold_name

GOLD = access.GOLD
MANAGED_SETTINGS = ("blind_mode",)  # settings only a manager may change
SPEAKER_LABELS = "speaker_labels"  # setting: entity labels that can speak or hold a stance
DEFAULT_SPEAKER_LABELS = ("PER", "ORG")
STATUSES = ("todo", "in_progress", "done", "skipped")
ORIGINS = ("manual", "suggestion", "suggestion-edited", "import", "review")
BUSY_TIMEOUT_S = 15.0

# Columns a caller may set on each kind of annotation (besides document/layer).
ITEM_FIELDS = {
    "entity": ("start", "end", "label", "origin"),
    "quote": ("start", "end", "kind", "cue_start", "cue_end", "speaker_uid", "speaker_name", "origin"),
    "stance": (
        "holder_uid", "holder_name", "target_uid", "target_name", "polarity",
        "evidence_quote_uid", "evidence_start", "evidence_end", "origin",
    ),
}
ITEM_TABLES = {"entity": "entities", "quote": "quotes", "stance": "stances"}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_uid() -> str:
    return uuid.uuid4().hex


def _q(name: str) -> str:
    return f'"{name}"'


class ProjectStore(TeamQueries):
    """One open project file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool, actor: str):
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.readonly = readonly
        self.actor = actor

    # ------------------------------------------------------------------ open
    @classmethod
    def create(cls, path: str | os.PathLike, actor: str = "system") -> ProjectStore:
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: already exists; open it instead of creating it")
        if not path.parent.is_dir():
            raise ProjectError(f"{path}: folder {path.parent} does not exist")
        return cls.open(path, actor=actor, create=True)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        actor: str = "system",
        create: bool = False,
        readonly: bool = False,
        target_version: int = schema.SCHEMA_VERSION,
        before_upgrade=None,
    ) -> ProjectStore:
        """Open (or with ``create`` make) a project, migrating it forward
        (``before_upgrade()`` is called first when an older format is upgraded:
        the window takes a backup there).

        Checks happen before anything is written, so a file we refuse is
        left exactly as it was.
        """
        path = Path(path)
        try:
            if path.is_dir():
                raise ProjectError(f"{path}: is a folder, not a project file")
            if not path.exists() and not create:
                raise ProjectError(f"{path}: no such project file")
            if path.exists() and not readonly and not _writable(path):
                readonly = True
            if path.exists():
                _check_header(path)
        except OSError as err:  # a name too long, a folder we may not look into, a file gone meanwhile
            raise ProjectError(f"{path}: cannot be read ({err.strerror or err})") from None
        try:
            if readonly:
                conn = reader_connection(path, isolation_level=None, check_same_thread=False)
            else:
                conn = files.connect(path, isolation_level=None,
                                     timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        except (sqlite3.Error, OSError) as err:
            raise ProjectError(f"{path}: cannot open ({err})") from None
        try:
            store = cls._prepare(path, conn, readonly, actor, target_version, before_upgrade)
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def _prepare(cls, path, conn, readonly, actor, target_version, before_upgrade=None) -> ProjectStore:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = schema.user_version(conn)
            has_tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
        except sqlite3.DatabaseError as err:
            known = project_error(path, err)
            if isinstance(known, (LockedProject, DamagedProject)):
                raise known from None  # locked is not damaged; damaged says how to get it back
            raise ProjectError(f"{path}: not a TinTag project or damaged ({err})") from None
        if has_tables and app_id != schema.APPLICATION_ID:
            raise ProjectError(f"{path}: an SQLite file, but not a TinTag project")
        if version > schema.SCHEMA_VERSION:
            raise ProjectError(
                f"{path}: made by a newer TinTag (project format {version}, this TinTag "
                f"reads up to {schema.SCHEMA_VERSION}); update TinTag to open it"
            )
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.create_function("tintag_fold", 1, fold_name, deterministic=True)  # review_candidates
        if readonly:
            if version < target_version:
                if not has_tables:
                    raise ProjectError(f"{path}: an empty SQLite database, not a TinTag project")
                if _writable(path):  # read-only was asked for; the file itself is writable
                    raise ProjectError(
                        f"{path}: an older project format ({version}); open it once in TinTag "
                        f"(that upgrades the file), then try again"
                    )
                raise ProjectError(
                    f"{path}: read-only, and its format ({version}) needs an upgrade "
                    f"that would change the file; make it writable first"
                )
        else:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                # WAL + NORMAL: a committed edit survives the app being killed.
                conn.execute("PRAGMA synchronous = NORMAL")
                if has_tables and version < target_version and before_upgrade is not None:
                    before_upgrade()
                while True:
                    before = schema.user_version(conn)
                    try:
                        schema.migrate(conn, target_version)
                        break
                    except sqlite3.DatabaseError:
                        # Another program (a second window) may have upgraded the file
                        # between our reading its version and taking the write lock:
                        # go on from the version it reached.
                        if schema.user_version(conn) <= before:
                            raise
            except sqlite3.DatabaseError as err:
                if is_busy(err):
                    raise project_error(path, err) from None
                raise ProjectError(f"{path}: cannot be prepared ({err})") from None
        return cls(path, conn, readonly, actor)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema.user_version(self.conn)

    @contextmanager
    def acting_as(self, actor: str) -> Iterator[ProjectStore]:
        """Edits made inside are that actor's, with that actor's rights (a bundle
        merge writes lan's layer as lan, so the events log names her)."""
        previous, self.actor = self.actor, actor
        try:
            yield self
        finally:
            self.actor = previous

    # ---------------------------------------------------------- transactions
    @contextmanager
    def write(self, busy_timeout: float | None = None) -> Iterator[ProjectStore]:
        """One committed transaction. Nested calls join the outer one.

        ``busy_timeout`` (seconds): wait at most that long for another program's
        write lock, then raise LockedProject with nothing changed (the window
        tries its edits so and waits off its GUI thread: ui/save_queue.py)."""
        if self.readonly:
            raise ReadOnlyProject(f"{self.path}: opened read-only; changes cannot be saved")
        if self.conn.in_transaction:
            yield self
            return
        self._begin_immediate(busy_timeout)
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._commit()

    def _commit(self) -> None:
        # A COMMIT that fails leaves the transaction open; later write() calls
        # would then join it and never commit. Retry while another program is
        # busy, else roll back so the failure is the only thing lost.
        try:
            self._execute_while_busy("COMMIT", lambda: self.conn.in_transaction)
        except sqlite3.OperationalError as err:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise project_error(self.path, err) from None

    def _begin_immediate(self, busy_timeout: float | None = None) -> None:
        patience = BUSY_TIMEOUT_S * 2 if busy_timeout is None else busy_timeout
        if busy_timeout is not None:
            self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        try:
            self._execute_while_busy("BEGIN IMMEDIATE", patience=patience)
        except sqlite3.OperationalError as err:
            if not is_busy(err):
                raise
            raise LockedProject(
                f"{self.path}: another program has held the project locked for "
                f"{patience:g} s; try again"
            ) from None
        finally:
            if busy_timeout is not None:
                self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    def _execute_while_busy(self, sql: str, worth_retrying=lambda: True,
                            patience: float | None = None) -> None:
        """Run ``sql``, retrying while another program holds the lock: busy_timeout
        covers most waits, this loop the rest (e.g. a checkpoint holding the lock
        past the timeout). After ``patience`` seconds the last error is raised."""
        deadline = time.monotonic() + (BUSY_TIMEOUT_S * 2 if patience is None else patience)
        while True:
            try:
                self.conn.execute(sql)
                return
            except sqlite3.OperationalError as err:
                if not is_busy(err) or time.monotonic() > deadline or not worth_retrying():
                    raise
                time.sleep(0.05)

    def log(self, action: str, kind: str, document_id: int | None = None,
            item: str | None = None, before: Any = None, after: Any = None) -> None:
        """Append to the audit log; call inside ``write()``."""
        self.conn.execute(
            "INSERT INTO events (at, actor, action, kind, document_id, item, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now(), self.actor, action, kind, document_id, item,
             None if before is None else json.dumps(before, ensure_ascii=False),
             None if after is None else json.dumps(after, ensure_ascii=False)),
        )

    def events(self, document_id: int | None = None, limit: int = 1000) -> list[dict]:
        sql = "SELECT * FROM events WHERE 1"
        args: list[Any] = []
        if document_id is not None:
            sql += " AND document_id = ?"
            args.append(document_id)
        if not self.reads_everything():  # blind mode: an annotator's own trail only
            sql += " AND actor = ?"
            args.append(self.actor)
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(limit)
        return [_event_row(r) for r in self.db.query(sql, args)]

    # -------------------------------------------------------------- settings
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        if key in MANAGED_SETTINGS:
            self.check_manage(f"change {key!r}")
        with self.write():
            before = self.get_setting(key)
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )
            self.log("set", "setting", item=key, before=before, after=value)

    # ------------------------------------------------------------ documents
    def insert_documents(self, rows: Iterable[dict]) -> tuple[int, int]:
        """Insert prepared document rows; skip texts already present.

        Each row has uid, title, date, source, text (canonical), text_sha256,
        meta (dict), normalisation (dict). Call inside ``write()`` so a
        caller can roll back a whole file. Returns (inserted, duplicates).
        """
        inserted = duplicates = 0
        stamp = now()
        chunk: list[dict] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= 500:
                i, d = self._insert_chunk(chunk, stamp)
                inserted, duplicates = inserted + i, duplicates + d
                chunk = []
        if chunk:
            i, d = self._insert_chunk(chunk, stamp)
            inserted, duplicates = inserted + i, duplicates + d
        if inserted:
            self.log("import", "documents", after={"inserted": inserted, "duplicates": duplicates})
        return inserted, duplicates

    def _insert_chunk(self, chunk: list[dict], stamp: str) -> tuple[int, int]:
        hashes = [r["text_sha256"] for r in chunk]
        marks = ",".join("?" * len(hashes))
        known = {
            h for (h,) in self.conn.execute(
                f"SELECT text_sha256 FROM documents WHERE text_sha256 IN ({marks})", hashes
            )
        }
        fresh, seen = [], set()
        for r in chunk:
            h = r["text_sha256"]
            if h in known or h in seen:
                continue
            seen.add(h)
            fresh.append((
                r["uid"], r.get("title") or "", r.get("date"), r.get("source"), r["text"], h,
                json.dumps(r.get("meta") or {}, ensure_ascii=False),
                json.dumps(r.get("normalisation") or {}), stamp,
            ))
        first_id = self.conn.execute("SELECT COALESCE(max(id), 0) + 1 FROM documents").fetchone()[0]
        try:
            self.conn.executemany(
                "INSERT INTO documents (id, uid, title, date, source, text, text_sha256, meta,"
                " normalisation, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(first_id + i, *row) for i, row in enumerate(fresh)],
            )
        except sqlite3.IntegrityError as err:
            if "documents.uid" in str(err):
                taken = self._taken_uid([row[0] for row in fresh])
                raise ProjectError(
                    f"id {taken!r} is already used by a document with a different text"
                ) from None
            raise
        self.conn.executemany(
            "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
            [(first_id + i, fold_for_search(row[1]), fold_for_search(row[4]))
             for i, row in enumerate(fresh)],
        )
        return len(fresh), len(chunk) - len(fresh)

    def _taken_uid(self, uids: list[str]) -> str:
        marks = ",".join("?" * len(uids))
        row = self.conn.execute(f"SELECT uid FROM documents WHERE uid IN ({marks})", uids).fetchone()
        if row:
            return row[0]
        dup = {u for u in uids if uids.count(u) > 1}
        return next(iter(dup), "?")

    def document_by_sha(self, text_sha256: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM documents WHERE text_sha256 = ?", [text_sha256]))
        return _document_row(rows[0]) if rows else None

    def has_text(self, text_sha256: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM documents WHERE text_sha256 = ?", (text_sha256,)
        ).fetchone() is not None

    def document_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def document(self, document_id: int) -> dict | None:
        rows = list(self.db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
        return _document_row(rows[0]) if rows else None

    def document_by_uid(self, uid: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM documents WHERE uid = ?", [uid]))
        return _document_row(rows[0]) if rows else None

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def iter_documents(self, batch: int = 1000) -> Iterator[dict]:
        """All documents in id order, fetched in batches (never all in memory)."""
        for rows in self.iter_document_batches(batch):
            yield from rows

    def iter_document_batches(self, batch: int = 1000) -> Iterator[list[dict]]:
        last = 0
        while True:
            rows = list(self.db.query(
                "SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT ?", [last, batch]
            ))
            if not rows:
                return
            yield [_document_row(row) for row in rows]
            last = rows[-1]["id"]

    def items_in_range(self, kind: str, first_id: int, last_id: int) -> list[dict]:
        """Every layer's items of the documents first_id..last_id (batch exports)."""
        order = 'start, "end"' if kind != "stance" else "created_at"
        return self._readable_rows(self.db.query(
            f"SELECT * FROM {ITEM_TABLES[kind]} WHERE document_id BETWEEN ? AND ?"
            f" ORDER BY document_id, {order}", [first_id, last_id],
        ))

    def assignments_in_range(self, first_id: int, last_id: int) -> list[dict]:
        return self._readable_rows(self.db.query(
            "SELECT * FROM assignments WHERE document_id BETWEEN ? AND ?", [first_id, last_id]
        ))

    def documents_edited_in_layer(self, layer: str) -> set[int]:
        """Ids of documents where the events log shows an item of ``layer`` added,
        changed or deleted (a document emptied since is among them)."""
        self.check_read(layer)
        return {r[0] for r in self.conn.execute(
            "SELECT DISTINCT document_id FROM events WHERE document_id IS NOT NULL"
            " AND kind IN ('entity', 'quote', 'stance')"
            " AND (json_extract(after, '$.layer') = ? OR json_extract(before, '$.layer') = ?)",
            (layer, layer))}

    # Document list (lazy GUI model, CLI listings) ---------------------------
    def _list_filter(self, search: str = "", status: str | None = None,
                     layer: str | None = None, label: str | None = None,
                     queue: bool = False) -> tuple[str, dict]:
        """WHERE clause (named parameters) shared by the list, its count and J/K."""
        where = []
        if layer:
            self.check_read(layer)
        args: dict[str, Any] = {"layer": layer or ""}
        match = fts_query(search)
        if match:
            where.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match)")
            args["match"] = match
        if status:
            args["status"] = status
            where.append(
                "COALESCE((SELECT status FROM assignments a WHERE a.document_id = d.id"
                " AND a.layer = :layer), 'todo') = :status"
            )
        if queue:  # "my queue": documents the lead assigned to this layer
            where.append(
                "EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = d.id"
                " AND a.layer = :layer AND a.assigned_at IS NOT NULL)"
            )
        if label:
            args["label"] = label
            where.append(
                "EXISTS (SELECT 1 FROM entities e WHERE e.document_id = d.id"
                " AND e.layer = :layer AND e.label = :label)"
            )
        return (" WHERE " + " AND ".join(where)) if where else "", args

    def count_documents(self, search: str = "", status: str | None = None,
                        layer: str | None = None, label: str | None = None,
                        queue: bool = False) -> int:
        where, args = self._list_filter(search, status, layer, label, queue)
        return self.conn.execute(f"SELECT count(*) FROM documents d{where}", args).fetchone()[0]

    def list_documents(self, offset: int, limit: int, search: str = "", status: str | None = None,
                       layer: str | None = None, label: str | None = None,
                       queue: bool = False) -> list[dict]:
        """One page of the document list with per-layer counts; no texts loaded."""
        where, args = self._list_filter(search, status, layer, label, queue)
        sql = f"""
            SELECT d.id, d.uid, d.title, d.date, d.source, length(d.text) AS chars,
              COALESCE((SELECT status FROM assignments a WHERE a.document_id = d.id
                        AND a.layer = :layer), 'todo') AS status,
              (SELECT count(*) FROM entities e WHERE e.document_id = d.id AND e.layer = :layer) AS entities,
              (SELECT count(*) FROM quotes q WHERE q.document_id = d.id AND q.layer = :layer) AS quotes,
              (SELECT count(*) FROM stances s WHERE s.document_id = d.id AND s.layer = :layer) AS stances,
              (SELECT count(*) FROM suggestions g WHERE g.document_id = d.id) AS suggestions
            FROM documents d{where}
            ORDER BY d.id LIMIT :limit OFFSET :offset
        """
        return [dict(r) for r in self.db.query(sql, {**args, "limit": limit, "offset": offset})]

    def neighbour_document(self, document_id: int, step: int, search: str = "",
                           status: str | None = None, layer: str | None = None,
                           label: str | None = None, queue: bool = False) -> int | None:
        """The next (step=1) or previous (step=-1) document id in list order."""
        where, args = self._list_filter(search, status, layer, label, queue)
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        clause = (where + " AND" if where else " WHERE") + f" d.id {op} :current"
        row = self.conn.execute(
            f"SELECT d.id FROM documents d{clause} ORDER BY d.id {order} LIMIT 1",
            {**args, "current": document_id},
        ).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------ status and notes
    def assignment(self, document_id: int, layer: str) -> dict:
        self.check_read(layer)
        rows = list(self.db.query(
            "SELECT * FROM assignments WHERE document_id = ? AND layer = ?", [document_id, layer]
        ))
        if rows:
            return rows[0]
        return {"document_id": document_id, "layer": layer, "status": "todo",
                "time_spent": 0.0, "note": "", "updated_at": None, "assigned_at": None}

    def set_status(self, document_id: int, layer: str, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        self._set_assignment(document_id, layer, "status", status)

    def set_note(self, document_id: int, layer: str, note: str) -> None:
        self._set_assignment(document_id, layer, "note", note)

    def add_time(self, document_id: int, layer: str, seconds: float) -> None:
        self.check_write(layer)
        with self.write():
            before = self.assignment(document_id, layer)["time_spent"]
            self._upsert_assignment(document_id, layer, "time_spent", before + seconds)
            self.log("set", "time_spent", document_id, layer, before, before + seconds)

    def _set_assignment(self, document_id: int, layer: str, field: str, value: Any) -> None:
        self.check_write(layer)
        with self.write():
            before = self.assignment(document_id, layer)[field]
            if before == value:
                return
            self._upsert_assignment(document_id, layer, field, value)
            self.log("set", field, document_id, layer, before, value)

    def _upsert_assignment(self, document_id: int, layer: str, field: str, value: Any) -> None:
        self.conn.execute(
            f"INSERT INTO assignments (document_id, layer, {field}, updated_at) VALUES (?, ?, ?, ?)"
            f" ON CONFLICT(document_id, layer) DO UPDATE SET {field} = excluded.{field},"
            " updated_at = excluded.updated_at",
            (document_id, layer, value, now()),
        )

    # ------------------------------------------------------------ annotators
    def add_annotator(self, name: str, role: str = "annotator") -> dict:
        name = name.strip()
        if not name:
            raise ValueError("an annotator needs a name")
        problem = access.profile_name_problem(name)
        if problem:
            raise ValueError(problem)
        if access.fold(name) != access.fold(self.actor):  # adding oneself needs no rights
            self.check_manage("add profiles")
        with self.write():
            existing = self.annotator(name)
            if existing:
                return existing
            twin = self.profile_like(name)
            if twin:  # "Lan" beside "lan" would be a second, empty layer that looks like lost work
                raise ValueError(f"a profile {twin!r} exists already; names may not differ only in case")
            self.conn.execute(
                "INSERT INTO annotators (name, role, created_at) VALUES (?, ?, ?)",
                (name, role, now()),
            )
            self.log("add", "annotator", item=name, after={"role": role})
        return self.annotator(name)

    def profile_like(self, name: str) -> str | None:
        """The existing profile ``name`` means, ignoring case and Unicode form
        ("Lan", " lan ", "ĐỨC" for "Đức", fullwidth "Ｌａｎ"), or None."""
        key = access.fold(name)
        for row in self.conn.execute("SELECT name FROM annotators"):
            if access.fold(row[0]) == key:
                return row[0]
        return None

    def annotator(self, name: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM annotators WHERE name = ?", [name]))
        return rows[0] if rows else None

    def annotators(self) -> list[dict]:
        return list(self.db.query("SELECT * FROM annotators ORDER BY name"))

    def layers(self) -> list[str]:
        """Every layer that holds something, plus gold and every annotator."""
        names = {a["name"] for a in self.annotators()} | {GOLD}
        for table in ("entities", "quotes", "stances", "assignments"):
            names |= {r[0] for r in self.conn.execute(f"SELECT DISTINCT layer FROM {table}")}
        return sorted(n for n in names if self.may_read(n))

    # ---------------------------------------------------------------- access
    @property
    def role(self) -> str:
        """The actor's role: 'lead' (TinTag's own tools), the profile's
        'annotator' or 'reviewer', or 'nobody' (any other name: no rights)."""
        if self.actor in access.TOOL_ACTORS:
            return access.LEAD
        row = self.conn.execute("SELECT role FROM annotators WHERE name = ?", (self.actor,)).fetchone()
        return row[0] if row else access.NOBODY

    @property
    def blind(self) -> bool:
        return bool(self.get_setting("blind_mode", False))

    def may_read(self, layer: str) -> bool:
        return access.can_read(self.role, self.actor, self.blind, layer)

    def reads_everything(self) -> bool:
        return access.can_read(self.role, self.actor, self.blind, "\0any other layer")

    def may_write(self, layer: str) -> bool:
        return access.can_write(self.role, self.actor, layer)

    def may_manage(self) -> bool:
        """Roles, blind mode, labels and assignments. In a project without any
        reviewer yet, everyone manages (one person working alone)."""
        role = self.role
        if access.can_manage(role):
            return True
        return role != access.NOBODY and self.conn.execute(
            "SELECT count(*) FROM annotators WHERE role = 'reviewer'").fetchone()[0] == 0

    def check_read(self, layer: str) -> None:
        if not self.may_read(layer):
            raise PermissionDenied(
                f"{self.actor} ({self.role}) cannot see layer {layer!r}: the project is in blind mode")

    def check_write(self, layer: str) -> None:
        if not self.may_write(layer):
            why = ("it is not a profile of this project" if self.role == access.NOBODY
                   else "only reviewers write the gold layer" if layer == GOLD
                   else "annotators write only their own layer")
            raise PermissionDenied(f"{self.actor} ({self.role}) cannot change layer {layer!r}: {why}")

    def check_manage(self, what: str) -> None:
        if not self.may_manage():
            raise PermissionDenied(f"{self.actor} ({self.role}) cannot {what}: ask a reviewer")

    def _readable_rows(self, rows: Iterable[dict]) -> list[dict]:
        if self.reads_everything():
            return list(rows)
        return [r for r in rows if self.may_read(r["layer"])]

    def set_role(self, name: str, role: str) -> None:
        if role not in access.ROLES:
            raise ValueError(f"unknown role {role!r}; one of {', '.join(access.ROLES)}")
        self.check_manage("change roles")
        with self.write():
            before = self.annotator(name)
            if before is None:
                raise KeyError(f"no annotator {name!r}")
            if before["role"] == role:
                return
            self.conn.execute("UPDATE annotators SET role = ? WHERE name = ?", (role, name))
            self.log("set", "role", item=name, before=before["role"], after=role)

    def set_blind(self, on: bool) -> None:
        self.set_setting("blind_mode", bool(on))

    # ---------------------------------------------------------------- labels
    def labels(self, kind: str = "entity") -> list[dict]:
        return list(self.db.query(
            "SELECT * FROM labels WHERE kind = ? ORDER BY ord, id", [kind]
        ))

    def save_label(self, kind: str, name: str, colour: str = "#cccccc", hotkey: str = "",
                   description: str = "", ord: int | None = None) -> None:
        self.check_manage("change labels")
        name = name.strip()
        if not name:
            raise ValueError("a label needs a name")
        with self.write():
            before = list(self.db.query(
                "SELECT * FROM labels WHERE kind = ? AND name = ?", [kind, name]
            ))
            if ord is None:
                ord = before[0]["ord"] if before else self.conn.execute(
                    "SELECT COALESCE(max(ord), -1) + 1 FROM labels").fetchone()[0]
            after = {"kind": kind, "name": name, "colour": colour, "hotkey": hotkey,
                     "description": description, "ord": ord}
            self.conn.execute(
                "INSERT INTO labels (kind, name, colour, hotkey, description, ord)"
                " VALUES (:kind, :name, :colour, :hotkey, :description, :ord)"
                " ON CONFLICT(kind, name) DO UPDATE SET colour = excluded.colour,"
                " hotkey = excluded.hotkey, description = excluded.description, ord = excluded.ord",
                after,
            )
            self.log("save", "label", item=f"{kind}:{name}", before=before[0] if before else None,
                     after=after)

    def speaker_labels(self) -> tuple[str, ...]:
        """The entity labels a quote's speaker or a stance's holder may have
        (setting ``speaker_labels``; by default PER and ORG). Renaming a label
        renames it here too, so the speaker picker keeps working."""
        names = [label["name"] for label in self.labels("entity")]
        chosen = self.get_setting(SPEAKER_LABELS)
        if chosen is None:
            chosen = DEFAULT_SPEAKER_LABELS
        return tuple(name for name in chosen if name in names)

    def set_speaker_labels(self, names: Iterable[str]) -> None:
        known = {label["name"] for label in self.labels("entity")}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(f"no entity label {unknown[0]!r}")
        self.check_manage("change labels")
        self.set_setting(SPEAKER_LABELS, list(names))

    def rename_label(self, kind: str, old: str, new: str) -> None:
        """Rename a label and every annotation that uses it, in one transaction."""
        self.check_manage("change labels")
        new = new.strip()
        if not new:
            raise ValueError("a label needs a name")
        with self.write():
            self.conn.execute("UPDATE labels SET name = ? WHERE kind = ? AND name = ?", (new, kind, old))
            if kind == "entity":
                self.conn.execute("UPDATE entities SET label = ? WHERE label = ?", (new, old))
                speakers = self.get_setting(SPEAKER_LABELS)
                speakers = list(DEFAULT_SPEAKER_LABELS) if speakers is None else speakers
                if old in speakers:
                    self.set_setting(SPEAKER_LABELS, [new if n == old else n for n in speakers])
            elif kind == "stance":
                self.conn.execute("UPDATE stances SET polarity = ? WHERE polarity = ?", (new, old))
            self.log("rename", "label", item=f"{kind}:{old}", before=old, after=new)

    def delete_label(self, kind: str, name: str) -> None:
        self.check_manage("change labels")
        with self.write():
            used = self._label_usage(kind, name, everywhere=True)  # in any layer, seen or not
            if used:
                count = f"{used} " if self.reads_everything() else ""
                raise ValueError(f"label {name!r} is used by {count}annotations; rename it instead")
            self.conn.execute("DELETE FROM labels WHERE kind = ? AND name = ?", (kind, name))
            self.log("delete", "label", item=f"{kind}:{name}")

    def label_usage(self, kind: str, name: str) -> int:
        """How many annotations the actor may read use this label."""
        return self._label_usage(kind, name, everywhere=False)

    def _label_usage(self, kind: str, name: str, everywhere: bool) -> int:
        if kind == "entity":
            sql = "SELECT count(*) FROM entities WHERE label = ?"
        elif kind == "stance":
            sql = "SELECT count(*) FROM stances WHERE polarity = ?"
        else:
            return 0
        if not everywhere and not self.reads_everything():  # blind: only what may be seen counts
            sql += " AND layer IN (?, ?)"
            return self.conn.execute(sql, (name, self.actor, access.SUGGESTIONS)).fetchone()[0]
        return self.conn.execute(sql, (name,)).fetchone()[0]

    # ----------------------------------------------------------- annotations
    def add_item(self, kind: str, document_id: int, layer: str, /, uid: str | None = None,
                 **fields: Any) -> dict:
        """Create an entity / quote / stance; returns the stored row."""
        table = ITEM_TABLES[kind]
        unknown = set(fields) - set(ITEM_FIELDS[kind])
        if unknown:
            raise ValueError(f"unknown {kind} fields: {', '.join(sorted(unknown))}")
        stamp = now()
        row = {"uid": uid or new_uid(), "document_id": document_id, "layer": layer,
               "created_at": stamp, "updated_at": stamp, **fields}
        self.check_write(layer)
        cols = ", ".join(_q(c) for c in row)
        marks = ", ".join(f":{c}" for c in row)
        with self.write():
            self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", row)
            stored = self.item(kind, row["uid"])
            self.log("add", kind, document_id, row["uid"], None, stored)
        return stored

    def update_item(self, kind: str, uid: str, /, **changes: Any) -> dict:
        table = ITEM_TABLES[kind]
        unknown = set(changes) - set(ITEM_FIELDS[kind])
        if unknown:
            raise ValueError(f"unknown {kind} fields: {', '.join(sorted(unknown))}")
        with self.write():
            before = self.item(kind, uid)
            if before is None:
                raise KeyError(f"no {kind} {uid}")
            self.check_write(before["layer"])
            if before.get("origin") == "suggestion" and "origin" not in changes:
                changes["origin"] = "suggestion-edited"
            sets = ", ".join(f"{_q(c)} = :{c}" for c in changes)
            self.conn.execute(
                f"UPDATE {table} SET {sets}, updated_at = :updated_at WHERE uid = :uid",
                {**changes, "updated_at": now(), "uid": uid},
            )
            after = self.item(kind, uid)
            self.log("update", kind, before["document_id"], uid, before, after)
        return after

    def delete_item(self, kind: str, uid: str) -> dict:
        """Delete and return the row as it was (so undo can restore it)."""
        table = ITEM_TABLES[kind]
        with self.write():
            before = self.item(kind, uid)
            if before is None:
                raise KeyError(f"no {kind} {uid}")
            self.check_write(before["layer"])
            self.conn.execute(f"DELETE FROM {table} WHERE uid = ?", (uid,))
            self.log("delete", kind, before["document_id"], uid, before, None)
        return before

    def restore_item(self, kind: str, row: dict) -> dict:
        """Put back a row returned by ``delete_item`` (undo), same uid."""
        fields = {k: row[k] for k in ITEM_FIELDS[kind] if k in row}
        with self.write():
            stored = self.add_item(kind, row["document_id"], row["layer"], uid=row["uid"], **fields)
            self.conn.execute(
                f"UPDATE {ITEM_TABLES[kind]} SET created_at = ? WHERE uid = ?",
                (row["created_at"], row["uid"]),
            )
        return stored

    def item(self, kind: str, uid: str) -> dict | None:
        rows = list(self.db.query(f"SELECT * FROM {ITEM_TABLES[kind]} WHERE uid = ?", [uid]))
        if rows:
            self.check_read(rows[0]["layer"])
        return rows[0] if rows else None

    def items(self, kind: str, document_id: int, layer: str) -> list[dict]:
        self.check_read(layer)
        order = "start, \"end\"" if kind != "stance" else "created_at"
        return list(self.db.query(
            f"SELECT * FROM {ITEM_TABLES[kind]} WHERE document_id = ? AND layer = ? ORDER BY {order}",
            [document_id, layer],
        ))

    def entities(self, document_id: int, layer: str) -> list[dict]:
        return self.items("entity", document_id, layer)

    def quotes(self, document_id: int, layer: str) -> list[dict]:
        return self.items("quote", document_id, layer)

    def stances(self, document_id: int, layer: str) -> list[dict]:
        return self.items("stance", document_id, layer)

    def replace_layer(self, document_id: int, layer: str, entities: list[dict],
                      quotes: list[dict], stances: list[dict], origin: str = "import") -> None:
        """Make a document's layer hold exactly these items (imports, bundles).

        Items keep their uid when given one, so quotes and stances can point
        at entities of the same batch.
        """
        self.check_write(layer)
        with self.write():
            for kind in ("stance", "quote", "entity"):
                for row in self.items(kind, document_id, layer):
                    self.delete_item(kind, row["uid"])
            for kind, rows in (("entity", entities), ("quote", quotes), ("stance", stances)):
                for row in rows:
                    fields = {k: row[k] for k in ITEM_FIELDS[kind] if k in row}
                    fields.setdefault("origin", origin)
                    self.add_item(kind, document_id, layer, uid=row.get("uid"), **fields)

    # ----------------------------------------------------------- suggestions
    def suggestion_run(self, document_id: int, producer: str) -> dict | None:
        rows = list(self.db.query(
            "SELECT * FROM suggestion_runs WHERE document_id = ? AND producer = ?",
            [document_id, producer],
        ))
        return rows[0] if rows else None

    def documents_needing_suggestions(self, producers: dict[str, str]) -> list[int]:
        """Ids of documents lacking a current run of any of ``producers`` (name → version)."""
        if not producers:
            return []
        clauses, args = [], []
        for name, version in producers.items():
            clauses.append(
                "NOT EXISTS (SELECT 1 FROM suggestion_runs r WHERE r.document_id = d.id"
                " AND r.producer = ? AND r.producer_version = ? AND r.text_sha256 = d.text_sha256)"
            )
            args += [name, version]
        sql = f"SELECT d.id FROM documents d WHERE {' OR '.join(clauses)} ORDER BY d.id"
        return [r[0] for r in self.conn.execute(sql, args)]

    def replace_suggestions(self, document_id: int, producer: str, version: str,
                            text_sha256: str, items: list[dict], dropped: int = 0) -> None:
        """Store one producer's suggestions for a document, replacing older ones.

        ``items``: dicts with kind, key (stable identity of the suggestion),
        payload (dict) and score. Decisions are keyed by (document, key), so
        they survive a recompute that yields the same suggestion.
        """
        stamp = now()
        with self.write():
            self.conn.execute(
                "DELETE FROM suggestions WHERE document_id = ? AND producer = ?",
                (document_id, producer),
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO suggestions (document_id, kind, key, payload, score,"
                " producer, producer_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(document_id, it["kind"], it["key"],
                  json.dumps(it["payload"], ensure_ascii=False), float(it.get("score", 0.0)),
                  producer, version, stamp) for it in items],
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO suggestion_runs (document_id, producer, producer_version,"
                " text_sha256, items, dropped, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (document_id, producer, version, text_sha256, len(items), dropped, stamp),
            )
            self.log("suggest", "suggestions", document_id, producer,
                     after={"version": version, "items": len(items), "dropped": dropped})

    def suggestions(self, document_id: int, layer: str | None = None,
                    kind: str | None = None, open_only: bool = False) -> list[dict]:
        """Suggestions of a document, with the layer's decision on each (or None)."""
        if layer:
            self.check_read(layer)
        sql = """
            SELECT g.*, sd.decision, sd.annotation_uid, sd.decided_by, sd.decided_at
            FROM suggestions g
            LEFT JOIN suggestion_decisions sd
              ON sd.document_id = g.document_id AND sd.key = g.key AND sd.layer = ?
            WHERE g.document_id = ?
        """
        args: list[Any] = [layer or "", document_id]
        if kind:
            sql += " AND g.kind = ?"
            args.append(kind)
        if open_only:
            sql += " AND sd.decision IS NULL"
        sql += " ORDER BY g.id"
        out = []
        for row in self.db.query(sql, args):
            row = dict(row)
            row["payload"] = json.loads(row["payload"])
            out.append(row)
        return out

    def decide_suggestion(self, document_id: int, key: str, layer: str, decision: str,
                          annotation_uid: str | None = None) -> None:
        self.check_write(layer)
        with self.write():
            self.conn.execute(
                "INSERT OR REPLACE INTO suggestion_decisions (document_id, key, layer, decision,"
                " annotation_uid, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (document_id, key, layer, decision, annotation_uid, self.actor, now()),
            )
            self.log(decision, "suggestion", document_id, key,
                     after={"layer": layer, "annotation": annotation_uid})

    def undecide_suggestion(self, document_id: int, key: str, layer: str) -> None:
        self.check_write(layer)
        with self.write():
            self.conn.execute(
                "DELETE FROM suggestion_decisions WHERE document_id = ? AND key = ? AND layer = ?",
                (document_id, key, layer),
            )
            self.log("undecide", "suggestion", document_id, key, after={"layer": layer})

    # ----------------------------------------------------------------- stats
    def stats(self) -> dict:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        per_layer: dict[str, dict[str, int]] = {}
        for kind, table in ITEM_TABLES.items():
            for layer, n in self.conn.execute(f"SELECT layer, count(*) FROM {table} GROUP BY layer"):
                per_layer.setdefault(layer, {"entity": 0, "quote": 0, "stance": 0})[kind] = n
        status: dict[str, dict[str, int]] = {}
        for layer, st, n in self.conn.execute(
            "SELECT layer, status, count(*) FROM assignments GROUP BY layer, status"
        ):
            status.setdefault(layer, {})[st] = n
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "characters": one("SELECT COALESCE(sum(length(text)), 0) FROM documents"),
            "annotators": one("SELECT count(*) FROM annotators"),
            "suggestions": one("SELECT count(*) FROM suggestions"),
            "documents_with_suggestions": one(
                "SELECT count(DISTINCT document_id) FROM suggestion_runs"),
            "layers": {k: v for k, v in per_layer.items() if self.may_read(k)},
            "status": {k: v for k, v in status.items() if self.may_read(k)},
            "schema_version": self.schema_version,
        }

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def fts_query(search: str) -> str:
    """Turn what a user typed into a safe FTS5 query.

    Words are cut into letter/digit runs (the tokenizer's own idea of a
    token), each quoted, so ``"``, ``*``, ``NEAR``, ``-`` are plain text; all
    are ANDed, and the last matches as a prefix so results follow typing.
    """
    # not "\w+": "_" joins words for Python but separates them for unicode61,
    # and a quoted "0_0" would be a phrase query, which detail=column refuses
    tokens = re.findall(r"[^\W_]+", fold_for_search(search))
    if not tokens:
        return ""
    return " ".join(f'"{t}"' for t in tokens) + "*"


def _writable(path: Path) -> bool:
    """Honour the file's permission bits even for root, as a user expects."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def reader_connection(path: Path, **connect) -> sqlite3.Connection:
    """A connection that cannot write ``path`` (``connect``: more sqlite3.connect
    arguments). On a writable file whose WAL holds nothing it is a normal
    connection kept from writing (query_only), so that closing it removes the
    -wal/-shm files SQLite makes; a mode=ro connection would leave them behind.
    Otherwise (a file TinTag may not write) see _readonly_uri."""
    wal = Path(f"{path}-wal")
    if _writable(path) and not (wal.exists() and wal.stat().st_size):
        conn = files.connect(path, timeout=BUSY_TIMEOUT_S, **connect)
        conn.execute("PRAGMA query_only = 1")
        return conn
    return files.connect(path, uri=_readonly_uri(path), timeout=BUSY_TIMEOUT_S, **connect)


def _readonly_uri(path: Path) -> str:
    """The URI of a connection that reads ``path`` and leaves nothing beside it.

    A ``mode=ro`` connection to a WAL-mode file makes ``-wal``/``-shm`` files
    it cannot remove when it closes (and that another user's TinTag may then
    be unable to write). When none of ``-wal``, ``-shm``, ``-journal`` exists,
    no program has the file open in WAL mode and nothing is pending: the file
    on disk is the whole project, and it is read as immutable (no locks, no
    ``-shm``). Used only for files TinTag may not write; a program that writes
    the file anyway while it is read here can show this reader stale pages.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        head = files.read_head(path, 20)
    except OSError:
        return uri
    wal_mode = len(head) == 20 and head[18] == 2 and head[19] == 2
    if wal_mode and not any(Path(f"{path}{end}").exists() for end in ("-wal", "-shm", "-journal")):
        uri += "&immutable=1"
    return uri


def _check_header(path: Path) -> None:
    """Refuse a file that is not a usable project before SQLite touches it.

    SQLite would leave ``-wal``/``-shm`` files beside a file it then refuses,
    so what the 100-byte header tells (see sqlite.org/fileformat.html) is
    checked here: not SQLite, cut short, another program's database, a newer
    project format. While a WAL file holds changes the header on disk may be
    stale; SQLite then decides (in ``_prepare``).
    """
    try:
        head = files.read_head(path, 100)  # never open()/close(): see store/files.py
        size = path.stat().st_size
    except OSError as err:
        raise ProjectError(f"{path}: cannot be read ({err.strerror})") from None
    if not head:
        raise ProjectError(f"{path}: an empty file, not a TinTag project")
    if len(head) < 100 or head[:16] != b"SQLite format 3\x00":
        raise ProjectError(f"{path}: not a TinTag project (not an SQLite database)")
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if head[24:28] == head[92:96] and pages * page_size > size:  # the size field is valid
        detail = f"cut short: {size:,} of {pages * page_size:,} bytes"
        raise DamagedProject(
            f"{path}: the project file is damaged ({detail}); 'tintag restore {path}' puts back its newest backup",
            detail)
    version = int.from_bytes(head[60:64], "big", signed=True)
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    if app_id not in (0, schema.APPLICATION_ID):
        raise ProjectError(f"{path}: an SQLite file, but not a TinTag project")
    if app_id == schema.APPLICATION_ID and version > schema.SCHEMA_VERSION:
        raise ProjectError(
            f"{path}: made by a newer TinTag (project format {version}, this TinTag "
            f"reads up to {schema.SCHEMA_VERSION}); update TinTag to open it"
        )


def _document_row(row: dict) -> dict:
    row = dict(row)
    for key in ("meta", "normalisation"):
        value = row.get(key)
        row[key] = json.loads(value) if value and value != "{}" else {}
    return row


def _event_row(row: dict) -> dict:
    row = dict(row)
    for key in ("before", "after"):
        if row.get(key) is not None:
            row[key] = json.loads(row[key])
    return row
