"""Word segmentation for token-level formats (🤗, CoNLL, spaCy): underthesea's
word_tokenize per sentence, aligned back to the text, and entity spans turned
into BIO tags on those tokens."""
from __future__ import annotations

from functools import lru_cache

from tintag.core.suggest.align import Aligner
from tintag.core.suggest.entities import paragraphs


@lru_cache(maxsize=256)
def segment(text: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Sentences of (start, end) token spans; tokens that cannot be aligned are left out."""
    from underthesea import sent_tokenize, word_tokenize

    sentences = []
    for start, end in paragraphs(text):
        aligner = Aligner(text, start, end)
        for sentence in sent_tokenize(text[start:end]):
            spans = [span for word in word_tokenize(sentence) if (span := aligner.place(word))]
            if spans:
                sentences.append(tuple(spans))
    return tuple(sentences)


def bio_tags(sentences, entities: list[dict]) -> tuple[list[list[str]], int, int]:
    """BIO tags per token; returns (tags, snapped, dropped).

    An entity covers every token it overlaps; when its edges fall inside a
    token it is snapped to the token's edges (counted). An entity overlapping
    one already tagged is dropped (counted): BIO cannot nest.
    """
    tags = [["O"] * len(sentence) for sentence in sentences]
    snapped = dropped = 0
    flat = [(s, t, span) for s, sentence in enumerate(sentences) for t, span in enumerate(sentence)]
    for entity in sorted(entities, key=lambda e: (e["start"], -(e["end"] - e["start"]))):
        hit = [(s, t, span) for s, t, span in flat if span[0] < entity["end"] and entity["start"] < span[1]]
        if not hit or any(tags[s][t] != "O" for s, t, _ in hit) or len({s for s, _, _ in hit}) > 1:
            dropped += 1
            continue
        if hit[0][2][0] != entity["start"] or hit[-1][2][1] != entity["end"]:
            snapped += 1
        for n, (s, t, _span) in enumerate(hit):
            tags[s][t] = ("B-" if n == 0 else "I-") + entity["label"]
    return tags, snapped, dropped
