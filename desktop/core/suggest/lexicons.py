"""Load the data files of resources/lexicons/ once per process."""
from __future__ import annotations

import json
import re
from functools import lru_cache

from desktop import paths


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    return json.loads((paths.resources_dir() / "lexicons" / f"{name}.json").read_text(encoding="utf-8"))


def phrase_pattern(phrases: list[str]) -> re.Pattern:
    """Whole-word, case-insensitive alternation, longest phrase first."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def countries() -> frozenset[str]:
    return frozenset(c.lower() for c in load("places")["countries"])


@lru_cache(maxsize=None)
def person_titles() -> frozenset[str]:
    return frozenset(t.lower() for t in load("titles")["person_titles"])


@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    data = load("places")
    return frozenset(c.lower() for c in data["countries"] + data["cities"])


@lru_cache(maxsize=None)
def not_entities() -> frozenset[str]:
    return frozenset(c.lower() for c in load("places")["not_entities"])


@lru_cache(maxsize=None)
def org_names() -> frozenset[str]:
    return frozenset(c.lower() for c in load("orgs")["names"])


@lru_cache(maxsize=None)
def org_heads() -> re.Pattern:
    body = "|".join(re.escape(h) for h in sorted(load("orgs")["heads"], key=len, reverse=True))
    return re.compile(rf"^(?:{body})(?!\w)", re.IGNORECASE)
