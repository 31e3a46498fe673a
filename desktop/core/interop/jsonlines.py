"""Read JSON Lines with line numbers, for the interop readers."""
from __future__ import annotations

import json
from pathlib import Path

from desktop.core.importers.common import MAX_LINE_BYTES, ImportFailure, decode_bytes


def json_lines(path: Path):
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise ImportFailure(path, number, f"line longer than {MAX_LINE_BYTES:,} bytes")
            if not raw.strip():
                continue
            try:
                obj = json.loads(decode_bytes(path, raw.rstrip(b"\r\n").removeprefix(b"\xef\xbb\xbf"), number))
            except json.JSONDecodeError as err:
                raise ImportFailure(path, number, f"invalid JSON ({err.msg})") from None
            if not isinstance(obj, dict):
                raise ImportFailure(path, number, "expected a JSON object")
            if not isinstance(obj.get("text"), str):
                raise ImportFailure(path, number, "missing 'text'")
            yield number, obj


def span_list(path, number, value, what):
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportFailure(path, number, f"'{what}' must be a list")
    return value
