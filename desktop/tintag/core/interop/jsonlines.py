"""Read JSON Lines with line numbers, for the interop readers."""
from __future__ import annotations

from pathlib import Path

from tintag.core.importers.common import ImportFailure, bounded_lines, decode_bytes, parse_json
from tintag.core.importers.safe_open import open_regular


def json_lines(path: Path):
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    with open_regular(path) as fh:
        for number, raw in bounded_lines(path, fh):
            if not raw.strip():
                continue
            obj = parse_json(path, number, decode_bytes(path, raw, number))
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
