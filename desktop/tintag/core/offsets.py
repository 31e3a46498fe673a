"""Python string indices (code points) ⇄ Qt/UTF-16 positions.

Qt counts an astral-plane character (most emoji) as two positions; Python
counts it as one. Conversion happens only at the UI boundary, with this map.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    def __init__(self, text: str):
        self.length = len(text)
        # code-point indices of astral characters; empty for most texts
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        # their UTF-16 positions
        self._astral16 = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        """UTF-16 position of code-point index ``index``."""
        if not self._astral:
            return index
        return index + bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        """Code-point index of UTF-16 ``position``; a position inside a
        surrogate pair maps to the character's start."""
        if not self._astral:
            return position
        n = bisect_right(self._astral16, position - 1)  # astral chars starting before position
        index = position - n
        if n and self._astral16[n - 1] == position - 1:  # between the two halves of a pair
            index = self._astral[n - 1]
        return index

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_py(self, start: int, end: int) -> tuple[int, int]:
        return self.to_py(start), self.to_py(end)
