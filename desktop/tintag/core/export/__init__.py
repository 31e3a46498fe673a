"""Dataset exports. EXPORTERS maps a format name to a function
(store, out_path, ExportOptions) -> records written (for the formats in
COUNTS_ROWS: table rows, one per annotation); each reads the native records
(desktop/tintag/core/export/native.py) so every format sees the same data, and
writes through destinations.open_output: one rule for what `out` means, and
files that appear under their names only when complete (atomic.py)."""
from __future__ import annotations

from .conll import export_conll
from .csv_table import export_csv
from .doccano import export_doccano
from .hf import export_hf
from .labelstudio import export_labelstudio
from .native import export_jsonl
from .spacy_fmt import export_spacy

EXPORTERS = {
    "jsonl": export_jsonl,
    "hf": export_hf,
    "conll": export_conll,
    "spacy": export_spacy,
    "doccano": export_doccano,
    "labelstudio": export_labelstudio,
    "csv": export_csv,
}
COUNTS_ROWS = {"csv"}  # formats whose count is annotation rows, not document × layer records
