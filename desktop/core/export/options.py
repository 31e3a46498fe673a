"""What every export shares: which layers and documents, splits, where files go."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from desktop.core.store import ProjectStore

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


def target(out: Path, split: str | None, filename: str) -> Path:
    """Where a split's file goes: ``out`` itself, or ``out/<split>.<ext>`` in a folder."""
    if split is None:
        return out
    out.mkdir(parents=True, exist_ok=True)
    return out / filename.format(split=split)


class Writers:
    """Open one text file per split lazily; close them all at the end."""

    def __init__(self, out: Path, filename: str):
        self.out, self.filename, self.files = out, filename, {}

    def __call__(self, split: str | None):
        if split not in self.files:
            path = target(self.out, split, self.filename)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.files[split] = open(path, "w", encoding="utf-8", newline="\n")
        return self.files[split]

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
