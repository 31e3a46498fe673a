"""JSON Lines: one object per line; 'text' required, 'id', 'title', 'date',
'source', 'meta' optional. Read line by line so huge files never sit in memory."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .common import MAX_LINE_BYTES, ImportFailure, build_row, decode_bytes


def read_jsonl(path: Path) -> Iterator[dict]:
    seen_any = False
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise ImportFailure(path, number, f"line longer than {MAX_LINE_BYTES:,} bytes")
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            line = decode_bytes(path, raw.rstrip(b"\r\n"), number)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ImportFailure(path, number, f"invalid JSON ({err.msg}, column {err.colno})") from None
            if not isinstance(obj, dict):
                raise ImportFailure(path, number, "expected a JSON object with a 'text' field")
            seen_any = True
            yield build_row(path, number, obj.get("text"), uid=obj.get("id"),
                            title=obj.get("title"), date=obj.get("date"),
                            source=obj.get("source"), meta=obj.get("meta"))
    if not seen_any:
        raise ImportFailure(path, None, "empty file: no JSON lines")
