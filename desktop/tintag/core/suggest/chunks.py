"""Long documents are suggested in bounded chunks.

The producers' cost grows faster than the text (speaker and stance look-ups
scan every entity of the document), and one call on a 5,000,000-character
document ran for over 15 minutes with nothing to show or cancel. So a text
longer than ``MAX_CHUNK_CHARS`` is cut into chunks of at most that many
characters, each chunk runs the producers on its own, and the suggestions
are shifted back to the document's offsets (keys included, since keys hold
offsets). Progress and cancelling happen between chunks, and the chunks of
one long document can run in different worker processes.

Cuts go after a blank line when there is one in the chunk's last three
quarters; else after a line end, after a sentence, after a space, and only
then anywhere. Nothing crosses a blank line in the producers (entities are
tagged per line, quotes never span a blank line, stances stay in a
sentence or a quote), so what changes at such a cut is only what looks far
back: a pronoun is not resolved to a person named in an earlier chunk, and
"Lavrov" is not lengthened to a "Sergey Lavrov" named in another chunk.
A text of at most ``MAX_CHUNK_CHARS`` (15 times a long news article) is one
chunk: its suggestions are exactly what one producer run gives.
"""
from __future__ import annotations

import re

from . import registry
from .base import Produced, Suggestion
from .entities import entity_key
from .quotes import quote_key
from .stances import stance_key

MAX_CHUNK_CHARS = 40_000  # about 3 s of underthesea on one core: the longest wait for progress
KEYS = {"entity": entity_key, "quote": quote_key, "stance": stance_key}  # a new kind adds its key here
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»’')\]]*\s+")


def chunk_spans(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks covering ``text``, none longer than ``limit``."""
    if limit < 1:
        raise ValueError("a chunk holds at least one character")
    spans, start = [], 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def run_span(producers, text: str, span: tuple[int, int]) -> dict[str, Produced]:
    """Every producer on ``text[start:end]``, in the document's offsets."""
    start, end = span
    return shift_results(registry.run_all(producers, text[start:end]), start)


def run_chunked(producers, text: str, limit: int = MAX_CHUNK_CHARS) -> dict[str, Produced]:
    """``registry.run_all`` over a text of any length, chunk by chunk."""
    spans = chunk_spans(text, limit)
    if len(spans) == 1:
        return registry.run_all(producers, text)
    return merge([run_span(producers, text, span) for span in spans])


def merge(parts: list[dict[str, Produced]]) -> dict[str, Produced]:
    """The chunks' results, in chunk order, as one document's results."""
    out: dict[str, Produced] = {}
    for part in parts:
        for name, produced in part.items():
            into = out.setdefault(name, Produced())
            into.suggestions.extend(produced.suggestions)
            into.dropped += produced.dropped
    return out


def shift_results(results: dict[str, Produced], delta: int) -> dict[str, Produced]:
    """``results`` of a chunk starting at ``delta``, moved to document offsets:
    every start/end in the payloads, the keys built from them, and the keys
    that stances keep of their evidence quotes."""
    if not delta:
        return results
    moved: dict[str, str] = {}
    out: dict[str, Produced] = {}
    for name, produced in results.items():
        items = []
        for s in produced.suggestions:
            payload = _shifted(s.payload, delta)
            key = KEYS[s.kind](payload)
            moved[s.key] = key
            items.append(Suggestion(s.kind, key, payload, s.score))
        out[name] = Produced(items, produced.dropped)
    for produced in out.values():
        for s in produced.suggestions:
            if s.payload.get("evidence_quote_key"):
                s.payload["evidence_quote_key"] = moved[s.payload["evidence_quote_key"]]
    return out


def _shifted(value, delta: int):
    if isinstance(value, dict):
        return {k: v + delta if k in ("start", "end") and type(v) is int else _shifted(v, delta)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, delta) for v in value]
    return value


def _cut(text: str, lo: int, hi: int) -> int:
    """Where a chunk starting at ``lo`` ends, at most at ``hi``."""
    floor = lo + max(1, (hi - lo) // 4)  # cut no earlier: chunks stay near the limit
    blank = text.rfind("\n\n", lo, hi)
    if blank >= 0 and blank + 2 > floor:
        return blank + 2
    line = text.rfind("\n", lo, hi)
    if line >= 0 and line + 1 > floor:
        return line + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, hi)]
    if ends:
        return ends[-1]
    for i in range(hi - 1, floor - 1, -1):
        if text[i].isspace():
            return i + 1
    return hi
