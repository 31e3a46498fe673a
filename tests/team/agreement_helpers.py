"""Helpers for the agreement tests: small projects with several annotators' layers."""
from __future__ import annotations

import re

import pytest

from tintag.core.textnorm import canonicalise, text_sha256


def add_doc(store, text: str, uid: str | None = None, title: str = "") -> int:
    text, changes = canonicalise(text)
    row = {"uid": uid or text_sha256(text)[:12], "title": title, "text": text,
           "text_sha256": text_sha256(text), "normalisation": changes}
    with store.write():
        store.insert_documents([row])
    return store.document_by_uid(row["uid"])["id"]


def find(store, document_id: int, words: str, occurrence: int = 0) -> tuple[int, int]:
    text = store.document(document_id)["text"]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def entity(store, document_id: int, layer: str, words: str, label: str, occurrence: int = 0) -> dict:
    start, end = find(store, document_id, words, occurrence)
    return store.add_item("entity", document_id, layer, start=start, end=end, label=label)


@pytest.fixture
def whitespace_tokens(monkeypatch):
    """Segment on whitespace (one sentence per document), so token counts can be
    worked out by hand; a fresh cache, so real segmentations are not mixed in."""
    from tintag.core.agreement import report, tokens

    def segment_text(text: str):
        return tokens.from_sentences([[m.span() for m in re.finditer(r"\S+", text)]])

    monkeypatch.setattr(tokens, "segment_text", segment_text)
    monkeypatch.setattr(report, "CACHE", tokens.SegmentationCache())
