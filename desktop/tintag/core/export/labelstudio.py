"""Label Studio JSON: one task per document with one annotation per layer;
results use the labeling config's `label`/`text` names (the config is written
beside the export as `label_config.xml`), spans carry value.start/end/text/labels,
quote → speaker is a relation."""
from __future__ import annotations

import json
from pathlib import Path

from .destinations import open_output
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
    """A JSON list of tasks per split, streamed: a document's layers arrive
    together, so each task is written as soon as the next document starts."""
    opts = opts or ExportOptions()
    numbers: dict[str | None, int] = {}
    pending: dict | None = None
    pending_split = None
    count = 0
    with open_output(out, "labelstudio", opts) as output:

        def flush() -> None:
            if pending is None:
                return
            # Label Studio's own exports number their tasks
            number = numbers[pending_split] = numbers.get(pending_split, 0) + 1
            fh = output.text(pending_split)
            fh.write("[\n" if number == 1 else ",\n")
            fh.write(json.dumps({"id": number, **pending}, ensure_ascii=False))

        for split, record in selected_records(store, opts):
            if pending is None or pending["data"]["doc_id"] != record["id"]:
                flush()
                pending_split = split
                pending = {"data": {"text": record["text"], "doc_id": record["id"], "title": record["title"]},
                           "annotations": []}
            pending["annotations"].append(annotation(record))
            count += 1
        flush()
        for split in list(output.files):
            output.text(split).write("\n]\n")
        if not opts.split and None not in output.files:
            output.text(None).write("[]\n")  # nothing selected: an empty list
        config = label_config([label["name"] for label in store.labels("entity")])
        output.write_text("label_config.xml", config + "\n")
    return count
