"""🤗 token classification: word-segmented `tokens`, `ner_tags` as BIO ids.

Writes a folder: `<split>.jsonl` (or `data.jsonl`) plus `dataset_info.json`
whose `features` restore the label names:

    info = json.load(open("out/dataset_info.json"))
    ds = datasets.load_dataset("json", data_files="out/train.jsonl",
                               features=datasets.Features.from_dict(info["features"]))
"""
from __future__ import annotations

import json
from pathlib import Path

from .destinations import open_output
from .options import ExportOptions, selected_records
from .tokens import bio_tags, segment


def label_names(store) -> list[str]:
    names = ["O"]
    for label in store.labels("entity"):
        names += [f"B-{label['name']}", f"I-{label['name']}"]
    return names


def export_hf(store, out: Path, opts: ExportOptions | None = None) -> int:
    opts = opts or ExportOptions()
    names = label_names(store)
    index = {name: i for i, name in enumerate(names)}
    splits: set[str | None] = set() if opts.split else {None}  # data.jsonl is written even empty
    count = snapped = dropped = 0
    with open_output(out, "hf", opts) as output:
        for split, record in selected_records(store, opts):
            sentences = segment(record["text"])
            entities = [e for e in record["entities"] if f"B-{e['label']}" in index]
            tags, s, d = bio_tags(sentences, entities)
            snapped, dropped = snapped + s, dropped + d
            fh = output.text(split)
            splits.add(split)
            for n, (sentence, sentence_tags) in enumerate(zip(sentences, tags)):
                row = {"id": f"{record['id']}:{record['layer']}:{n}", "document": record["id"],
                       "layer": record["layer"], "tokens": [record["text"][a:b] for a, b in sentence],
                       "ner_tags": [index[t] for t in sentence_tags]}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        info = {
            "description": "TinTag export: word-segmented sentences (underthesea) with BIO entity tags",
            "features": {
                "id": {"dtype": "string", "_type": "Value"},
                "document": {"dtype": "string", "_type": "Value"},
                "layer": {"dtype": "string", "_type": "Value"},
                "tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"},
                "ner_tags": {"feature": {"names": names, "_type": "ClassLabel"}, "_type": "Sequence"},
            },
            "label_names": names,
            "snapped_spans": snapped,
            "dropped_spans": dropped,
            "splits": sorted(s or "data" for s in splits),
        }
        output.write_text("dataset_info.json", json.dumps(info, ensure_ascii=False, indent=2) + "\n")
    return count
