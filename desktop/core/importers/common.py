"""Shared pieces of the document importers: errors, limits, row building."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.textnorm import BadText, canonicalise, check_storable, storable_sha256

# Limits that keep a bad file from exhausting memory or the project.
MAX_TEXT_CHARS = 5_000_000  # one document
MAX_LINE_BYTES = 20_000_000  # one JSONL/CSV line
MAX_TITLE_CHARS = 1_000
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
    if not text.strip():
        raise ImportFailure(file, line, "'text' is empty")
    try:
        digest = storable_sha256(text)
    except BadText as err:
        raise ImportFailure(file, line, f"text {err}") from None
    if meta is not None and not isinstance(meta, dict):
        raise ImportFailure(file, line, "'meta' must be an object")
    fields = {"id": uid, "date": date, "source": source}
    fields["title"] = title_from_text(text) if title in (None, "") else title
    for name, value in fields.items():
        if value is None:
            continue
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ImportFailure(file, line, f"'{name}' must be a string")
        value = str(value)
        if len(value) > MAX_TITLE_CHARS:
            raise ImportFailure(file, line, f"'{name}' longer than {MAX_TITLE_CHARS:,} characters")
        try:
            check_storable(value)
        except BadText as err:
            raise ImportFailure(file, line, f"'{name}' {err}") from None
        fields[name] = value
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
    """UTF-8 (BOM allowed) or a clear error naming the file and line."""
    if b"\x00" in data:
        raise ImportFailure(file, line, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportFailure(file, line, f"not valid UTF-8 (byte {err.start})") from None
