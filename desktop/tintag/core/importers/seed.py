"""The seed article format: ' date YYYY-MM-DD ' followed by the article text."""
from __future__ import annotations

import re
from pathlib import Path

from .common import build_row, decode_bytes
from .safe_open import read_document_file

HEADER = re.compile(r"\A\s*date (\d{4}-\d{2}-\d{2}) ")


def is_seed_text(head: str) -> bool:
    return HEADER.match(head) is not None


def read_seed(path: Path) -> list[dict]:
    text = decode_bytes(path, read_document_file(path))
    match = HEADER.match(text)
    if match:
        date, body = match.group(1), text[match.end():]
    else:
        date, body = None, text
    return [build_row(path, None, body, date=date, source=path.name)]
