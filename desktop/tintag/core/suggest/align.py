"""Align underthesea's tokens back to character offsets of the stored text.

underthesea returns words with syllables joined by single spaces, NFC
normalised, and some syllables rewritten through a table (hoà→hòa,
thuỷ→thủy, qui→quy). So a token is matched syllable by syllable: first
exactly, then ignoring case and diacritics (which covers the rewrites and
tone-mark placement). The span is always cut from the stored text, so
``text[start:end]`` is the surface by construction; a token that matches
nowhere near the cursor is dropped and counted, never guessed.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LOOKAHEAD = 64  # how far past the cursor a token may start (skipped junk)
_NON_SPACE = re.compile(r"\S+")


@lru_cache(maxsize=65536)
def fold(syllable: str) -> str:
    """Lower case without tone marks or diacritics; đ → d; y → i (Vietnamese
    spells qui/quy, kĩ/kỹ both ways and underthesea rewrites between them)."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("y", "i")


class Aligner:
    """Walks a text left to right, placing tokens after the previous one."""

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text = text
        self.cursor = start
        self.limit = len(text) if end is None else end
        self.dropped = 0

    def place(self, token: str) -> tuple[int, int] | None:
        """Offsets of ``token`` at or just after the cursor, or None (dropped)."""
        syllables = token.split()
        if not syllables:
            return None
        found = self._exact(token, syllables) or self._folded(syllables)
        if found is None:
            self.dropped += 1
            return None
        self.cursor = found[1]
        return found

    def _skip_space(self, pos: int) -> int:
        text, limit = self.text, self.limit
        while pos < limit and text[pos].isspace():
            pos += 1
        return pos

    def _exact(self, token: str, syllables: list[str]) -> tuple[int, int] | None:
        pos = self._skip_space(self.cursor)
        if self.text.startswith(token, pos) and pos + len(token) <= self.limit:
            return pos, pos + len(token)
        # same syllables, other whitespace between them (double spaces, line breaks)
        pattern = r"\s+".join(re.escape(s) for s in syllables)
        match = re.compile(pattern).match(self.text, pos, self.limit)
        if match:
            return match.span()
        return None

    def _folded(self, syllables: list[str]) -> tuple[int, int] | None:
        wanted = [fold(s) for s in syllables]
        pos = self._skip_space(self.cursor)
        stop = min(self.limit, pos + LOOKAHEAD)
        while pos < stop:
            span = self._match_folded_at(pos, wanted)
            if span:
                return span
            pos += 1
        return None

    def _match_folded_at(self, pos: int, wanted: list[str]) -> tuple[int, int] | None:
        text, limit = self.text, self.limit
        start = pos
        for i, syl in enumerate(wanted):
            if i:
                nxt = self._skip_space(pos)
                if nxt == pos:
                    return None
                pos = nxt
            # take as many characters as the syllable has once folded
            end = pos
            while end < limit and not text[end].isspace() and len(fold(text[pos:end])) < len(syl):
                end += 1
            if end == pos or fold(text[pos:end]) != syl:
                return None
            pos = end
        return start, pos
