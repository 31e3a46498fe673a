"""Annotations written by other tools, read into a layer.

Each reader turns its format into TinTag's native record shape; the shared
``import_records`` checks every span against the text and stores a whole
file in one transaction, or nothing.
"""
from __future__ import annotations

from pathlib import Path

from tintag.core.importers.common import ImportFailure
from tintag.core.importers.native_layer import import_records, native_records
from tintag.core.store import ProjectStore

from .conll import conll_records
from .doccano import doccano_records
from .labelstudio import labelstudio_records
from .prodigy import prodigy_records

READERS = {
    "jsonl": lambda path, layer=None: native_records(path),
    "doccano": doccano_records,
    "labelstudio": labelstudio_records,
    "prodigy": prodigy_records,
    "conll": conll_records,
}


def import_annotations(store: ProjectStore, path: str | Path, fmt: str, layer: str) -> int:
    """Documents touched; raises ImportFailure (FILE:LINE: message) with nothing stored."""
    if fmt not in READERS:
        raise ValueError(f"unknown annotation format {fmt!r}; one of {', '.join(READERS)}")
    path = Path(path)
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    if path.is_dir():
        raise ImportFailure(path, None, "is a folder; give the annotation file")
    try:
        return import_records(store, path, layer, READERS[fmt](path, layer))
    except ImportFailure:  # a refused file (RefusedFile) is an OSError too: keep its line
        raise
    except OSError as err:  # unreadable file: nothing was stored (one transaction)
        raise ImportFailure(path, None, err.strerror or str(err)) from None
