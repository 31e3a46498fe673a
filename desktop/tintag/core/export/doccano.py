"""doccano JSONL (relation-extraction shape): entities with start_offset /
end_offset / label, and relations. A quote is a span labelled QUOTE with a
`speaker` relation to its speaker's entity; a stance between two entities is
a relation typed by its polarity."""
from __future__ import annotations

import json
from pathlib import Path

from .destinations import open_output
from .options import ExportOptions, selected_records

QUOTE_LABEL = "QUOTE"


def doccano_line(record: dict) -> dict:
    entities, ids = [], {}

    def entity(start, end, label):
        key = (start, end, label)
        if key not in ids:
            ids[key] = len(entities) + 1
            entities.append({"id": ids[key], "start_offset": start, "end_offset": end, "label": label})
        return ids[key]

    by_span = {}
    for e in record["entities"]:
        by_span[(e["start"], e["end"])] = entity(e["start"], e["end"], e["label"])
    relations = []
    for q in record["quotes"]:
        quote_id = entity(q["start"], q["end"], QUOTE_LABEL)
        if q["speaker"] and (q["speaker"]["start"], q["speaker"]["end"]) in by_span:
            relations.append({"id": len(relations) + 1, "from_id": quote_id,
                              "to_id": by_span[(q["speaker"]["start"], q["speaker"]["end"])], "type": "speaker"})
    for s in record["stances"]:
        holder, target = s["holder"] or {}, s["target"] or {}
        h = by_span.get((holder.get("start"), holder.get("end")))
        t = by_span.get((target.get("start"), target.get("end")))
        if h and t:
            relations.append({"id": len(relations) + 1, "from_id": h, "to_id": t, "type": s["polarity"]})
    return {"id": record["id"], "text": record["text"], "entities": entities, "relations": relations,
            "meta": {"layer": record["layer"], "status": record["status"], "title": record["title"]}}


def export_doccano(store, out: Path, opts: ExportOptions | None = None) -> int:
    opts = opts or ExportOptions()
    count = 0
    with open_output(out, "doccano", opts) as output:
        for split, record in selected_records(store, opts):
            output.text(split).write(json.dumps(doccano_line(record), ensure_ascii=False) + "\n")
            count += 1
    return count
