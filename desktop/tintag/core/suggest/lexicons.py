"""Load the data files of resources/lexicons/ once per process."""
from __future__ import annotations

import json
import re
from functools import cache

from tintag import paths


@cache
def load(name: str) -> dict:
    return json.loads((paths.resources_dir() / "lexicons" / f"{name}.json").read_text(encoding="utf-8"))


def phrase_pattern(phrases: list[str]) -> re.Pattern:
    """Whole-word, case-insensitive alternation, longest phrase first."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@cache
def lowered(name: str, *keys: str) -> frozenset[str]:
    """The lower-cased entries of one or more lists of a data file."""
    data = load(name)
    return frozenset(entry.lower() for key in keys for entry in data[key])


def countries() -> frozenset[str]:
    return lowered("places", "countries")


def person_titles() -> frozenset[str]:
    return lowered("titles", "person_titles")


def places() -> frozenset[str]:
    return lowered("places", "countries", "cities")


def not_entities() -> frozenset[str]:
    return lowered("places", "not_entities")


def org_names() -> frozenset[str]:
    return lowered("orgs", "names")


@cache
def org_heads() -> re.Pattern:
    body = "|".join(re.escape(h) for h in sorted(load("orgs")["heads"], key=len, reverse=True))
    return re.compile(rf"^(?:{body})(?!\w)", re.IGNORECASE)
