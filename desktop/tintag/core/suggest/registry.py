"""The producers a project runs, in order (quotes need entities, stances need quotes)."""
from __future__ import annotations

from .base import Produced, Producer, Suggestion
from .entities import EntityProducer
from .quotes import QuoteProducer
from .stances import StanceProducer

DEFAULT_PRODUCERS = ("underthesea-ner", "rules-quotes", "rules-stances")


def build(names: list[str] | tuple[str, ...] = DEFAULT_PRODUCERS,
          label_map: dict[str, str] | None = None) -> list[Producer]:
    makers = {
        "underthesea-ner": lambda: EntityProducer(label_map),
        "rules-quotes": QuoteProducer,
        "rules-stances": StanceProducer,
    }
    unknown = [n for n in names if n not in makers]
    if unknown:
        raise ValueError(f"unknown suggestion producer {unknown[0]!r}; known: {', '.join(makers)}")
    return [makers[n]() for n in names]


def project_producers(store) -> list[Producer]:
    """The producers configured for a project (settings 'producers', 'label_map')."""
    return build(tuple(store.get_setting("producers", DEFAULT_PRODUCERS)),
                 store.get_setting("label_map", None))


def versions(producers: list[Producer]) -> dict[str, str]:
    return {p.name: p.version for p in producers}


def run_all(producers: list[Producer], text: str) -> dict[str, Produced]:
    """Run every producer on a text, each seeing the ones before it."""
    results: dict[str, Produced] = {}
    prior: list[Suggestion] = []
    for producer in producers:
        produced = producer.suggest(text, list(prior))
        results[producer.name] = produced
        prior += produced.suggestions
    return results
