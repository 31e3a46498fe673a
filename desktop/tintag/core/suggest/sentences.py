"""Sentence spans of a document, for the rules (quotes, speakers, stances).

A light splitter on purpose: rules need "the rest of this sentence", and
quotes are document-level spans anyway (2 of 40 cross a sentence boundary).
"""
from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[.!?…]+[\"”»’']?(?=\s+[\"“«'‘(\[]?[A-ZÀ-ỸĐ0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        end_line = pos + len(line)
        start = pos
        for match in _BOUNDARY.finditer(text, pos, end_line):
            end = match.end()
            if text[start:end].strip():
                spans.append(_trim(text, start, end))
            start = end
        if text[start:end_line].strip():
            spans.append(_trim(text, start, end_line))
        pos = end_line + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding ``pos`` (or the nearest one before it)."""
    best = spans[0] if spans else (0, 0)
    for span in spans:
        if span[0] <= pos:
            best = span
        else:
            break
    return best
