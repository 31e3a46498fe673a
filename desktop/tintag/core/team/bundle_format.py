"""The bundle file: how it is written, sealed, read and checked.

A bundle is a JSONL file. Line 1 is a header::

    {"tintag_bundle": 2, "annotator": "lan", "created_at": "...", "documents": 12,
     "sha256": "<seal>"}

then one line per document: its ``uid`` and ``text_sha256`` (texts are not
carried: both projects hold them), the annotator's status/note/time, the
layer's items with their uids and each span's surface text, and ``deleted``:
the items of the layer deleted on the annotator's machine (kind, uid and the
fingerprint of the version deleted), so the master can tell "deleted in the
bundle" from "added here since".

The seal is sha256 over the canonical JSON of the header without its
``sha256`` field (sorted keys, no spaces, UTF-8), a newline, then every
following line's bytes: a changed header field (the annotator, the date, the
count) breaks it as surely as a changed item. Format 1 sealed only the body,
so its annotator could be edited to land on someone else's layer; format-1
bundles are refused with a message to export them again (the annotator's
TinTag writes format 2 once updated; a flag to accept them would be the very
hole this closes).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tintag.core.importers.common import (
    QUOTE_KINDS,
    ImportFailure,
    check_name,
    decode_bytes,
    is_offset,
    parse_json,
    short_repr,
)
from tintag.core.importers.safe_open import open_regular
from tintag.core.store import GOLD, ITEM_FIELDS, ORIGINS, STATUSES, ProjectError
from tintag.core.textnorm import BadText, check_storable

FORMAT = 2
UNSEALED_FORMAT = 1
MAX_BUNDLE_BYTES = 1 << 30  # 1 GiB: far beyond a real layer, small enough to refuse junk
MAX_LINE_BYTES = 64 << 20
MAX_NOTE_CHARS = 100_000
MAX_SECONDS = 10 * 365 * 24 * 3600  # time spent on one document: ten years is junk
KINDS = ("entity", "quote", "stance")
PLURAL = {"entity": "entities", "quote": "quotes", "stance": "stances"}
# what a field left out of a hand-made bundle means (as the merge of format 1 stored it)
DEFAULTS = {"origin": "import", "kind": "direct"}
LINKS = {"quote": (("speaker_uid", "entity"),),
         "stance": (("holder_uid", "entity"), ("target_uid", "entity"), ("evidence_quote_uid", "quote"))}
_HEX64 = re.compile(r"[0-9a-f]{64}")


class BundleError(ProjectError):
    """A bundle that cannot be merged; the message names the file (and line)."""


def created_at() -> str:
    """Microseconds: two bundles exported one after the other must not tie
    (merges apply them oldest first and refuse an older one)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


# ----------------------------------------------------------- item identity
def item_fields(kind: str, row: dict) -> dict:
    """uid and every stored field of an item, defaults filled in: the same dict
    for a stored row and for a bundle's record of it."""
    return {"uid": row["uid"], **{f: row.get(f, DEFAULTS.get(f)) for f in ITEM_FIELDS[kind]}}


def fingerprint(kind: str, row: dict) -> str:
    """One version of an item (its stored fields, not its timestamps)."""
    fields = item_fields(kind, row)
    data = json.dumps([kind, [fields[f] for f in ("uid",) + ITEM_FIELDS[kind]]],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


# ---------------------------------------------------------------- sealing
def _canonical_header(header: dict) -> bytes:
    fields = {k: v for k, v in header.items() if k != "sha256"}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8", "surrogatepass") + b"\n"


def seal(header: dict, body: list[bytes]) -> str:
    digest = hashlib.sha256(_canonical_header(header))
    for line in body:
        digest.update(line)
    return digest.hexdigest()


def write_bundle(out: Path, header: dict, body: list[bytes]) -> dict:
    """Seal ``header`` over ``body`` and write both to ``out`` whole or not at all."""
    header = {**header, "tintag_bundle": FORMAT, "documents": len(body)}
    header["sha256"] = seal(header, body)
    tmp = out.with_name(out.name + ".partial")
    try:
        with open(tmp, "wb") as fh:
            fh.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
            fh.writelines(body)
        os.replace(tmp, out)
    except OSError as err:  # named as the user asked for it, not as the temporary file
        tmp.unlink(missing_ok=True)
        raise BundleError(f"{out}: cannot be written ({err.strerror or err})") from None
    return header


# ---------------------------------------------------------------- reading
def read_bundle(path: str | Path) -> tuple[dict, list[tuple[int, dict]]]:
    """Header and (line number, record) pairs, after checking size, shape and seal."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise BundleError(f"{path}: {err.strerror}") from None
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(f"{path}: {size:,} bytes is larger than a bundle can be "
                          f"({MAX_BUNDLE_BYTES:,}); is it the right file?")
    digest = None
    records: list[tuple[int, dict]] = []
    header = None
    limit = MAX_LINE_BYTES  # read at call time so tests can lower it
    try:
        with open_regular(path, MAX_BUNDLE_BYTES) as fh:  # no FIFO, no device, bounded
            # readline(limit + 1): an endless line stops the file unread, not in memory whole
            for number, raw in enumerate(iter(lambda: fh.readline(limit + 1), b""), start=1):
                if len(raw) > limit:
                    raise BundleError(f"{path}:{number}: line longer than {limit:,} bytes")
                value = _json(path, number, raw)
                if number == 1:
                    header = _checked_header(path, value)
                    digest = hashlib.sha256(_canonical_header(header))
                    continue
                digest.update(raw)
                if not isinstance(value, dict):
                    raise BundleError(f"{path}:{number}: expected a JSON object")
                records.append((number, value))
    except OSError as err:
        raise BundleError(f"{path}: {err.strerror or err}") from None
    if header is None:
        raise BundleError(f"{path}: empty file, not a TinTag bundle")
    if digest.hexdigest() != header["sha256"] or header.get("documents") != len(records):
        raise BundleError(f"{path}: the bundle was changed after it was written "
                          "(its checksum does not match); ask for a fresh one")
    return header, records


def _json(path: Path, number: int, raw: bytes):
    """One line's JSON; a bundle is written by TinTag, so anything else is not one."""
    try:
        return parse_json(path, number, decode_bytes(path, raw, number))
    except ImportFailure as err:
        raise BundleError(f"{path}:{number}: not a TinTag bundle ({err.message})") from None


def _checked_header(path: Path, value) -> dict:
    if not (isinstance(value, dict) and value.get("tintag_bundle")):
        raise BundleError(f"{path}:1: not a TinTag bundle (no bundle header)")
    if value["tintag_bundle"] == UNSEALED_FORMAT and not isinstance(value["tintag_bundle"], bool):
        raise BundleError(f"{path}:1: written by an older TinTag (bundle format 1, whose header is not "
                          "sealed: its annotator could have been changed); export the bundle again "
                          "with this version of TinTag")
    if value["tintag_bundle"] != FORMAT or isinstance(value["tintag_bundle"], bool):
        raise BundleError(f"{path}:1: bundle format {short_repr(value['tintag_bundle'])} is not "
                          f"supported by this TinTag (it reads {FORMAT})")
    for key in ("annotator", "created_at", "sha256"):
        if not isinstance(value.get(key), str) or not value[key]:
            raise BundleError(f"{path}:1: bundle header lacks {key!r}")
    name = _name(path, 1, value["annotator"], "annotator", required=True)
    if name != name.strip():
        raise BundleError(f"{path}:1: annotator name {name!r} starts or ends with spaces")
    if name == GOLD:
        raise BundleError(f"{path}:1: a bundle cannot carry the gold layer")
    _name(path, 1, value["created_at"], "created_at")
    return value


def _name(path: Path, number: int, value, what: str, *, required: bool = False) -> str | None:
    """A label, name or uid: a storable string of sensible length (or None when allowed)."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise BundleError(f"{path}:{number}: {what} must be a non-empty string, not {short_repr(value)}")
    try:
        return check_name(path, number, value, what, required=required)
    except ImportFailure as err:
        raise BundleError(str(err)) from None


# ------------------------------------------------------- checking a record
def checked_record(path: Path, number: int, record: dict) -> None:
    """The document fields of a bundle line (its items are checked against the text later)."""
    for key in ("uid", "text_sha256"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise BundleError(f"{path}:{number}: {key} must be a non-empty string")
    if record.get("status", "todo") not in STATUSES:
        raise BundleError(f"{path}:{number}: unknown status {short_repr(record.get('status'))}")
    note = record.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
        raise BundleError(f"{path}:{number}: note must be a string of at most {MAX_NOTE_CHARS:,} characters")
    try:
        check_storable(note)
    except BadText as err:
        raise BundleError(f"{path}:{number}: note {err}") from None
    spent = record.get("time_spent", 0.0)
    if isinstance(spent, bool) or not isinstance(spent, (int, float)) or not 0 <= spent <= MAX_SECONDS:
        raise BundleError(f"{path}:{number}: time_spent must be a number of seconds, not {short_repr(spent)}")


def checked_items(path: Path, number: int, record: dict, text: str) -> dict[str, list[dict]]:
    """The record's items, each field checked: offsets inside the text and matching
    their surface, names storable, kinds and polarities known, and every link
    (speaker, holder, target, evidence) pointing at an item of this same record.
    Returned with every stored field present (``item_fields``)."""
    out: dict[str, list[dict]] = {}
    uids: dict[str, set[str]] = {}
    for kind in KINDS:
        rows = record.get(PLURAL[kind], [])
        if not isinstance(rows, list):
            raise BundleError(f"{path}:{number}: {PLURAL[kind]} must be a list")
        checked, seen = [], uids.setdefault(kind, set())
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("uid"), str) or not row["uid"]:
                raise BundleError(f"{path}:{number}: every {kind} needs a uid")
            uid = _name(path, number, row["uid"], f"{kind} uid", required=True)
            if any(uid in other for other in uids.values()):
                raise BundleError(f"{path}:{number}: {kind} uid {short_repr(uid)} is used twice")
            unknown = set(row) - set(ITEM_FIELDS[kind]) - {"uid", "text"}
            if unknown:
                raise BundleError(f"{path}:{number}: unknown {kind} fields {sorted(unknown)}")
            where = f"{path}:{number}: {kind} {short_repr(uid)}"
            if kind != "stance":
                _span(where, row, "start", "end", text, required=True)
                if text[row["start"]:row["end"]] != row.get("text"):
                    raise BundleError(f"{where} says {short_repr(row.get('text'))} but the text there is "
                                      f"{short_repr(text[row['start']:row['end']])}")
            if row.get("origin", "import") not in ORIGINS:
                raise BundleError(f"{where}: unknown origin {short_repr(row.get('origin'))}")
            if kind == "entity":
                _name(path, number, row.get("label"), f"{kind} {short_repr(uid)} label", required=True)
            elif kind == "quote":
                if row.get("kind", "direct") not in QUOTE_KINDS:
                    raise BundleError(f"{where}: kind {short_repr(row.get('kind'))} is not 'direct' or 'indirect'")
                _span(where, row, "cue_start", "cue_end", text)
                _link(where, row, "speaker_uid", uids["entity"])
                _name(path, number, row.get("speaker_name"), f"{kind} {short_repr(uid)} speaker_name")
            else:
                # a stance label as the project defines them (Settings may add or rename them)
                _name(path, number, row.get("polarity"), f"{kind} {short_repr(uid)} polarity", required=True)
                _span(where, row, "evidence_start", "evidence_end", text)
                for end in ("holder", "target"):
                    _link(where, row, f"{end}_uid", uids["entity"])
                    _name(path, number, row.get(f"{end}_name"), f"{kind} {short_repr(uid)} {end}_name")
                _link(where, row, "evidence_quote_uid", uids["quote"])
            seen.add(uid)
            checked.append(item_fields(kind, row))
        out[kind] = checked
    return out


def checked_deleted(path: Path, number: int, record: dict,
                    items: dict[str, list[dict]]) -> dict[tuple[str, str], str]:
    """The record's deleted items: {(kind, uid): fingerprint of the version deleted}."""
    rows = record.get("deleted", [])
    if not isinstance(rows, list):
        raise BundleError(f"{path}:{number}: deleted must be a list")
    present = {(kind, row["uid"]) for kind in KINDS for row in items[kind]}
    out: dict[tuple[str, str], str] = {}
    for row in rows:
        if not isinstance(row, dict) or set(row) != {"kind", "uid", "fingerprint"}:
            raise BundleError(f"{path}:{number}: every deleted item is a kind, a uid and a fingerprint")
        if row["kind"] not in KINDS:
            raise BundleError(f"{path}:{number}: deleted item of unknown kind {short_repr(row['kind'])}")
        uid = _name(path, number, row["uid"], "deleted uid", required=True)
        if not isinstance(row["fingerprint"], str) or not _HEX64.fullmatch(row["fingerprint"]):
            raise BundleError(f"{path}:{number}: deleted {row['kind']} {short_repr(uid)}: "
                              f"fingerprint {short_repr(row['fingerprint'])} is not a sha256")
        key = (row["kind"], uid)
        if key in out or key in present:
            raise BundleError(f"{path}:{number}: {row['kind']} {short_repr(uid)} is listed as deleted "
                              + ("twice" if key in out else "and also present"))
        out[key] = row["fingerprint"]
    return out


def _span(where: str, row: dict, start_key: str, end_key: str, text: str, *, required: bool = False) -> None:
    start, end = row.get(start_key), row.get(end_key)
    if start is None and end is None and not required:
        return
    if not (is_offset(start) and is_offset(end) and 0 <= start < end <= len(text)):
        raise BundleError(f"{where}: {start_key}..{end_key} {short_repr(start)}..{short_repr(end)} "
                          "lie outside the text")


def _link(where: str, row: dict, key: str, targets: set[str]) -> None:
    value = row.get(key)
    if value is not None and (not isinstance(value, str) or value not in targets):
        raise BundleError(f"{where}: {key} {short_repr(value)} is not an item of this document in the bundle")


def record_line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode() + b"\n"
