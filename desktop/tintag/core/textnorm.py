"""Canonical form of a document's text, applied once at import (DESIGN §2).

Every offset in the project is a Python ``str`` index into this canonical
text, so it must never change after import.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Invisible characters that only break matching and offsets. ZWJ/ZWNJ
# (U+200D/U+200C) are kept: they are part of emoji sequences and some scripts.
_INVISIBLE = {
    "\ufeff": "bom",
    "\u200b": "zero_width_space",
    "\u2060": "word_joiner",
    "\u00ad": "soft_hyphen",
}
_DROP_TABLE = {ord(ch): None for ch in _INVISIBLE}


_NEEDS_WORK = re.compile("[\r\ufeff\u200b\u2060\u00ad]")


def canonicalise(text: str) -> tuple[str, dict[str, int]]:
    """Return the canonical text and a count of what was changed.

    NFC, ``\\r\\n``/``\\r`` → ``\\n``, invisible characters removed. The
    author's tone-mark style (``hoà`` vs ``hòa``) is kept: NFC does not touch it.
    """
    changes: dict[str, int] = {}
    if _NEEDS_WORK.search(text):  # most texts need none of this: one scan to know
        crlf = text.count("\r\n")
        if crlf:
            text = text.replace("\r\n", "\n")
            changes["crlf"] = crlf
        cr = text.count("\r")
        if cr:
            text = text.replace("\r", "\n")
            changes["cr"] = cr
        for ch, name in _INVISIBLE.items():
            n = text.count(ch)
            if n:
                changes[name] = n
        if any(k in changes for k in _INVISIBLE.values()):
            text = text.translate(_DROP_TABLE)
    if not unicodedata.is_normalized("NFC", text):
        nfc = unicodedata.normalize("NFC", text)
        changes["nfc"] = abs(len(text) - len(nfc)) or 1
        text = nfc
    return text, changes


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class BadText(ValueError):
    """Text that cannot be stored as a document (the message says why)."""


def storable_sha256(text: str) -> str:
    """check_storable() and text_sha256() with a single UTF-8 encode."""
    if "\x00" in text:
        check_storable(text)
    try:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError:
        check_storable(text)
        raise


def check_storable(text: str) -> None:
    """Refuse characters SQLite or UTF-8 cannot hold faithfully.

    NUL truncates SQLite's length(), and lone surrogates have no UTF-8 form.
    """
    if "\x00" in text:
        raise BadText(f"contains a NUL character at position {text.index(chr(0))}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise BadText(
            f"contains a lone surrogate U+{ord(text[err.start]):04X} at position {err.start}"
        ) from None
