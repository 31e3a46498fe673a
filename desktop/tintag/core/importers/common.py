"""Shared pieces of the document importers: errors, limits, row building."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tintag.core.textnorm import BadText, canonicalise, check_storable, storable_sha256

# Limits that keep a bad file from exhausting memory or the project.
MAX_TEXT_CHARS = 5_000_000  # one document
MAX_LINE_BYTES = 20_000_000  # one JSONL/CSV line
MAX_TITLE_CHARS = 1_000  # also labels and names in annotation imports
MAX_JSON_FILE_BYTES = 200_000_000  # a file parsed whole (a Label Studio export)
TITLE_FROM_TEXT_CHARS = 120


class ImportFailure(Exception):
    """A file that cannot be imported; str() is 'FILE:LINE: message'."""

    def __init__(self, file: Path | str, line: int | None, message: str):
        self.file = str(file)
        self.line = line
        self.message = message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {message}")


@dataclass
class FileResult:
    file: str
    inserted: int = 0
    duplicates: int = 0
    error: str | None = None


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)

    @property
    def inserted(self) -> int:
        return sum(f.inserted for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.files if f.error]


QUOTE_KINDS = ("direct", "indirect")


def short_repr(value) -> str:
    """A value as a message quotes it: repr, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_offset(value) -> bool:
    """An int offset from JSON (not a bool, which is an int in Python)."""
    return isinstance(value, int) and not isinstance(value, bool)


def title_from_text(text: str) -> str:
    """First line, cut at a word boundary so the list shows something useful."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= TITLE_FROM_TEXT_CHARS:
        return first
    cut = first[:TITLE_FROM_TEXT_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def build_row(file: Path | str, line: int | None, text: object, *, uid: object = None,
              title: object = None, date: object = None, source: object = None,
              meta: object = None) -> dict:
    """Validate one document and put it in the shape ProjectStore.insert_documents takes."""
    if not isinstance(text, str):
        raise ImportFailure(file, line, "'text' must be a string" if text is not None
                            else "missing 'text'")
    if len(text) > MAX_TEXT_CHARS:
        raise ImportFailure(file, line, f"text longer than {MAX_TEXT_CHARS:,} characters")
    text, changes = canonicalise(text)
    if len(text) > MAX_TEXT_CHARS:  # NFC can lengthen a text a little
        raise ImportFailure(file, line, f"text longer than {MAX_TEXT_CHARS:,} characters")
    if not text.strip():
        raise ImportFailure(file, line, "'text' is empty")
    try:
        digest = storable_sha256(text)
    except BadText as err:
        raise ImportFailure(file, line, f"text {err}") from None
    if meta is not None and not isinstance(meta, dict):
        raise ImportFailure(file, line, "'meta' must be an object")
    if meta:
        check_meta(file, line, meta)
    fields = {"id": uid, "date": date, "source": source}
    fields["title"] = title_from_text(text) if title in (None, "") else title
    for name, value in fields.items():
        if value is None:
            continue
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ImportFailure(file, line, f"'{name}' must be a string")
        fields[name] = _short_field(file, line, str(value), f"'{name}'")
    return {
        "uid": fields["id"] or f"sha256:{digest[:16]}",
        "title": canonicalise(fields["title"])[0].strip(),
        "date": fields["date"] or None,
        "source": fields["source"] or None,
        "text": text,
        "text_sha256": digest,
        "meta": meta or {},
        "normalisation": changes,
    }


def decode_bytes(file: Path | str, data: bytes, line: int | None = None) -> str:
    """UTF-8 or a clear error naming the file and line. A BOM is the file's
    mark, allowed at its start only (one on line 5 is a character of that line)."""
    if b"\x00" in data:
        raise ImportFailure(file, line, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig" if line in (None, 1) else "utf-8")
    except UnicodeDecodeError as err:
        raise ImportFailure(file, line, f"not valid UTF-8 (byte {err.start})") from None


def check_meta(file: Path | str, line: int | None, meta: dict) -> None:
    """The store keeps 'meta' as JSON text: it must have a strict JSON form
    (no NaN/Infinity) and hold no NUL or lone surrogate."""
    try:
        check_storable(json.dumps(meta, ensure_ascii=False, allow_nan=False))
    except ValueError as err:  # BadText is a ValueError too
        reason = err if isinstance(err, BadText) else "holds NaN or Infinity, which JSON cannot carry"
        raise ImportFailure(file, line, f"'meta' {reason}") from None


def parse_json(file: Path | str, line: int | None, text: str) -> Any:
    """json.loads with every way hostile input can make it fail turned into
    an ImportFailure: bad syntax, nesting deeper than the recursion limit,
    integers longer than Python's int/str conversion limit."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ImportFailure(file, line, f"invalid JSON ({err.msg}, column {err.colno})") from None
    except RecursionError:
        raise ImportFailure(file, line, "invalid JSON (nested too deeply)") from None
    except ValueError as err:
        raise ImportFailure(file, line, f"invalid JSON ({err})") from None


def bounded_lines(file: Path | str, fh: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line without its line end) of a binary file, one at
    a time. A line longer than MAX_LINE_BYTES stops the file without being
    read into memory whole. A UTF-8 BOM at the start of the file is dropped."""
    limit = MAX_LINE_BYTES  # read at call time so tests can lower it
    number = 0
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit:
            raise ImportFailure(file, number, f"line longer than {limit:,} bytes")
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        yield number, raw.rstrip(b"\r\n")


def check_name(file: Path | str, line: int | None, value: object, what: str,
               *, required: bool = False) -> str | None:
    """A label, name or kind from an annotation file: a string (an integer
    is taken as its digits) that the project can store."""
    if value is None or value == "":
        if required:
            raise ImportFailure(file, line, f"{what} is missing or empty")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ImportFailure(file, line, f"{what} must be a string, not {type(value).__name__}")
    return _short_field(file, line, str(value), what)


def _short_field(file: Path | str, line: int | None, value: str, what: str) -> str:
    """A title, id, label or name: at most MAX_TITLE_CHARS, and storable."""
    if len(value) > MAX_TITLE_CHARS:
        raise ImportFailure(file, line, f"{what} longer than {MAX_TITLE_CHARS:,} characters")
    try:
        check_storable(value)
    except BadText as err:
        raise ImportFailure(file, line, f"{what} {err}") from None
    return value

