"""`tintag agreement PROJECT` (being written)."""
from __future__ import annotations


def register(sub) -> None:
    pass
