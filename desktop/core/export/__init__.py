"""Dataset exports. EXPORTERS maps a format name to a function
(store, out_path, layers=None, status=None, on_record=None) -> records written."""
from __future__ import annotations

from .native import export_jsonl

EXPORTERS = {
    "jsonl": export_jsonl,
}
