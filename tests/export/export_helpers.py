"""Projects and file-tree snapshots shared by the export tests."""
from __future__ import annotations

import os
from pathlib import Path

from tintag.core.importers.common import build_row
from tintag.core.store import ProjectStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# What the README promises each format writes (the tests' own copy, not the code's table)
EXT = {"jsonl": ".jsonl", "hf": ".jsonl", "conll": ".conll", "spacy": ".jsonl", "doccano": ".jsonl",
       "labelstudio": ".json", "csv": ".csv"}
FORMATS = sorted(EXT)
FOLDER_ONLY = {"hf", "spacy"}


def folder_names(fmt: str, stems) -> set[str]:
    """Every file an export of ``fmt`` writes in a folder holding those data stems."""
    names = {stem + EXT[fmt] for stem in stems}
    if fmt == "hf":
        names.add("dataset_info.json")
    if fmt == "spacy":
        names |= {stem + ".spacy" for stem in stems}
    if fmt == "labelstudio":
        names.add("label_config.xml")
    return names


def seed_paragraphs() -> list[str]:
    paras = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").split(" ", 3)[-1]
        paras += [p.strip() for p in text.split("\n") if p.strip()]
    return paras


def make_project(path: Path, n: int, paragraphs_per_doc: int = 2, lead: str = "Bản tin") -> Path:
    """n distinct articles (``lead`` and a number, then seed paragraphs in turn), each
    with a gold PER entity on its first word, and an annotator layer on every third."""
    paras = seed_paragraphs()
    with ProjectStore.create(path, actor="lead") as store:
        with store.write():
            store.insert_documents(
                build_row("gen", i, f"{lead} số {i}.\n\n" + "\n\n".join(
                    paras[(i + k) % len(paras)] for k in range(paragraphs_per_doc)), uid=f"doc{i}")
                for i in range(n))
        for doc in store.iter_documents():
            store.add_item("entity", doc["id"], "gold", start=0, end=3, label="PER")
            if doc["id"] % 3 == 0:
                store.add_item("entity", doc["id"], "lan", start=0, end=7, label="MISC")
                store.set_status(doc["id"], "lan", "done")
    return path


def tree(root: Path) -> dict[str, bytes | None]:
    """Every entry under root, hidden ones too: relative path → bytes (None for a folder)."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            out[os.path.relpath(os.path.join(folder, name), root)] = None
        for name in files:
            full = os.path.join(folder, name)
            with open(full, "rb") as fh:
                out[os.path.relpath(full, root)] = fh.read()
    return out
