"""Label Studio JSON: one task per document with one annotation per layer;
results use the labeling config's `label`/`text` names (the config is written
beside the export as `label_config.xml`), spans carry value.start/end/text/labels,
quote → speaker is a relation."""
from __future__ import annotations

import json
from pathlib import Path

from .options import ExportOptions, selected_records

QUOTE_LABEL = "QUOTE"


def label_config(labels: list[str]) -> str:
    items = "".join(f'<Label value="{name}"/>' for name in labels + [QUOTE_LABEL])
    return (f'<View><Relations><Relation value="speaker"/></Relations>'
            f'<Labels name="label" toName="text">{items}</Labels><Text name="text" value="$text"/></View>')


def annotation(record: dict) -> dict:
    results, ids = [], {}

    def span(start, end, label):
        rid = f"{label[:3].lower()}{len(results)}"
        results.append({"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
                        "value": {"start": start, "end": end, "text": record["text"][start:end],
                                  "labels": [label]}})
        return rid

    for e in record["entities"]:
        ids[(e["start"], e["end"])] = span(e["start"], e["end"], e["label"])
    for q in record["quotes"]:
        qid = span(q["start"], q["end"], QUOTE_LABEL)
        speaker = q["speaker"]
        if speaker and (speaker["start"], speaker["end"]) in ids:
            results.append({"type": "relation", "from_id": qid, "to_id": ids[(speaker["start"], speaker["end"])],
                            "direction": "right", "labels": ["speaker"]})
    return {"completed_by": record["layer"], "result": results, "was_cancelled": False,
            "ground_truth": record["layer"] == "gold"}


def export_labelstudio(store, out: Path, opts: ExportOptions | None = None) -> int:
    """Tasks (a JSON list) per split; documents keep all their layers together."""
    opts = opts or ExportOptions()
    out = Path(out)
    tasks: dict[str | None, dict[str, dict]] = {}
    count = 0
    for split, record in selected_records(store, opts):
        by_doc = tasks.setdefault(split, {})
        task = by_doc.setdefault(record["id"], {
            "id": len(by_doc) + 1,  # Label Studio's own exports number their tasks
            "data": {"text": record["text"], "doc_id": record["id"], "title": record["title"]},
            "annotations": []})
        task["annotations"].append(annotation(record))
        count += 1
    config = label_config([label["name"] for label in store.labels("entity")])
    for split, by_doc in (tasks or {None: {}}).items():
        path = out if split is None else out / f"{split}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(list(by_doc.values()), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    folder = out.parent if out.suffix else out
    (folder / "label_config.xml").write_text(config + "\n", encoding="utf-8")
    return count
