"""Deterministic train/dev/test splits: a document's split depends only on its id
and the seed, so every layer of a document lands in the same split and
re-exporting gives the same sets."""
from __future__ import annotations

import hashlib

NAMES = ("train", "dev", "test")


def parse_ratios(text: str) -> tuple[float, ...]:
    try:
        ratios = tuple(float(x) for x in text.split(","))
    except ValueError:
        raise ValueError(f"--split wants numbers like 0.8,0.1,0.1, not {text!r}") from None
    if not 1 <= len(ratios) <= 3 or any(r < 0 for r in ratios) or abs(sum(ratios) - 1) > 1e-6:
        raise ValueError(f"--split wants up to three ratios that add up to 1 (got {text!r})")
    return ratios


def split_of(document_id: str, ratios: tuple[float, ...], seed: int = 0) -> str:
    digest = hashlib.sha256(f"{seed}:{document_id}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    edge = 0.0
    for name, ratio in zip(NAMES, ratios):
        edge += ratio
        if point < edge:
            return name
    return NAMES[len(ratios) - 1]
