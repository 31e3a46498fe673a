"""Plain .txt files: one document per file (seed-format files get their date)."""
from __future__ import annotations

from pathlib import Path

from .common import ImportFailure, build_row, decode_bytes
from .safe_open import read_document_file
from .seed import HEADER


def read_txt(path: Path) -> list[dict]:
    data = read_document_file(path)
    if not data.strip():
        raise ImportFailure(path, None, "empty file")
    text = decode_bytes(path, data)
    match = HEADER.match(text)
    if match:
        return [build_row(path, None, text[match.end():], date=match.group(1), source=path.name)]
    return [build_row(path, None, text, source=path.name)]
