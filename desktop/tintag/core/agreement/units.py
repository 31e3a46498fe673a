"""What the alpha coefficients rate: stances and quote speakers, made comparable
across layers.

Entity uids differ from layer to layer, so parties and speakers are compared
by what they *say*: the entity's surface text in the document (or the typed
name when there is no entity), normalised by :func:`normalise_name` (NFC,
case-folded, whitespace collapsed, surrounding punctuation removed).

- **Stance polarity**: a unit is (document, holder, target); each layer's
  value is its polarity. A layer holding two stances for the same pair keeps
  the first one (in the order they were made).
- **Quote speaker**: a unit is a quote found by several layers — quotes are
  matched across layers by span (see :func:`cluster_spans`); each layer's value
  is its speaker, or ``"(none)"`` when the quote has no speaker (saying "no
  speaker" where another layer names one is a disagreement).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

NO_SPEAKER = "(none)"
_SPACE = re.compile(r"\s+")
_EDGE = " \t\n.,;:!?\"'“”‘’«»()[]{}–—-…"


def normalise_name(name: str | None) -> str:
    if not name:
        return ""
    name = unicodedata.normalize("NFC", name).casefold()
    return _SPACE.sub(" ", name).strip(_EDGE)


def surface(text: str, entity: Mapping | None) -> str | None:
    if not entity:
        return None
    return text[entity["start"]:entity["end"]]


def stance_values(text: str, stances: Sequence[Mapping], entities: Mapping[str, Mapping]) -> dict:
    """{(holder, target): polarity} of one layer on one document.

    ``entities`` maps the layer's entity uids to rows (for the surface text)."""
    out: dict[tuple[str, str], str] = {}
    for stance in stances:
        holder = _party(text, stance.get("holder_uid"), stance.get("holder_name"), entities)
        target = _party(text, stance.get("target_uid"), stance.get("target_name"), entities)
        out.setdefault((holder, target), stance["polarity"])
    return out


def speaker_value(text: str, quote: Mapping, entities: Mapping[str, Mapping]) -> str:
    value = _party(text, quote.get("speaker_uid"), quote.get("speaker_name"), entities)
    return value or NO_SPEAKER


def _party(text: str, uid: str | None, name: str | None, entities: Mapping[str, Mapping]) -> str:
    if uid and uid in entities:
        return normalise_name(surface(text, entities[uid]))
    return normalise_name(name)


def cluster_spans(spans: Mapping[str, Sequence[tuple[int, int]]]) -> list[dict[str, int]]:
    """Group the spans of several layers into units, at most one span per layer.

    ``spans`` maps layer → its spans; the result is a list of units, each
    ``{layer: index into that layer's spans}``. Candidate links are pairs of
    overlapping spans from different layers, taken best first (identical spans
    first, then by the share of characters they have in common, then by
    position); a link joins two units unless they already hold a span of the
    same layer. With two layers this is a greedy one-to-one matching that
    always pairs identical spans; every span ends up in exactly one unit.
    """
    layers = list(spans)
    links = []
    for i, a_layer in enumerate(layers):
        for b_layer in layers[i + 1:]:
            for ia, (sa, ea) in enumerate(spans[a_layer]):
                for ib, (sb, eb) in enumerate(spans[b_layer]):
                    common = min(ea, eb) - max(sa, sb)
                    if common <= 0:
                        continue
                    union = max(ea, eb) - min(sa, sb)
                    exact = (sa, ea) == (sb, eb)
                    links.append((not exact, -common / union, sa, sb, a_layer, ia, b_layer, ib))
    links.sort(key=lambda link: (link[0], link[1], link[2], link[3], layers.index(link[4]),
                                 link[5], layers.index(link[6]), link[7]))
    unit_of: dict[tuple[str, int], int] = {}
    units: list[dict[str, int] | None] = []
    for layer in layers:
        for index in range(len(spans[layer])):
            unit_of[(layer, index)] = len(units)
            units.append({layer: index})
    for *_, a_layer, ia, b_layer, ib in links:
        ua, ub = unit_of[(a_layer, ia)], unit_of[(b_layer, ib)]
        if ua == ub or set(units[ua]) & set(units[ub]):
            continue
        for layer, index in units[ub].items():
            unit_of[(layer, index)] = ua
        units[ua].update(units[ub])
        units[ub] = None
    return [u for u in units if u is not None]
