"""What every export shares: which layers and documents, and their splits (where
the files go: destinations.py)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from tintag.core.store import ProjectStore

from .splits import split_of


@dataclass
class ExportOptions:
    layers: list[str] | None = None  # None: every layer with content (or gold)
    status: str | None = None
    split: tuple[float, ...] | None = None  # train/dev/test ratios
    seed: int = 0
    include_suggestions: bool = False  # add the "suggestions" layer
    on_record: Callable[[], None] | None = None
    extra: dict = field(default_factory=dict)  # format-specific (e.g. conll_syllables)


def selected_records(store: ProjectStore, opts: ExportOptions) -> Iterator[tuple[str | None, dict]]:
    """(split name or None, native record) for every selected document × layer."""
    from .native import records

    layers = opts.layers
    if opts.include_suggestions and layers is not None and "suggestions" not in layers:
        layers = layers + ["suggestions"]
    for record in records(store, layers, opts.status):
        split = split_of(record["id"], opts.split, opts.seed) if opts.split else None
        if opts.on_record:
            opts.on_record()
        yield split, record
    if opts.include_suggestions and layers is None:
        for record in records(store, ["suggestions"], None):
            yield (split_of(record["id"], opts.split, opts.seed) if opts.split else None), record
