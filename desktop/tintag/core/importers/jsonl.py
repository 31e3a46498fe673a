"""JSON Lines: one object per line; 'text' required, 'id', 'title', 'date',
'source', 'meta' optional. Read line by line so huge files never sit in memory."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .common import ImportFailure, bounded_lines, build_row, decode_bytes, parse_json
from .safe_open import open_regular


def read_jsonl(path: Path) -> Iterator[dict]:
    seen_any = False
    with open_regular(path) as fh:
        for number, raw in bounded_lines(path, fh):
            if not raw.strip():
                continue
            obj = parse_json(path, number, decode_bytes(path, raw, number))
            if not isinstance(obj, dict):
                raise ImportFailure(path, number, "expected a JSON object with a 'text' field")
            seen_any = True
            yield build_row(path, number, obj.get("text"), uid=obj.get("id"),
                            title=obj.get("title"), date=obj.get("date"),
                            source=obj.get("source"), meta=obj.get("meta"))
    if not seen_any:
        raise ImportFailure(path, None, "empty file: no JSON lines")
