"""Label Studio JSON export: a list of tasks, each with `data` (the text) and
`annotations[].result[]` of type labels (value.start/end/text/labels) and
relations. One annotation per task is imported: the one completed by the
target layer's name when there is one, else the first."""
from __future__ import annotations

import json
from pathlib import Path

from desktop.core.importers.common import MAX_LINE_BYTES, ImportFailure

QUOTE_LABEL = "QUOTE"


def labelstudio_records(path: Path, layer: str | None = None):
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    if path.stat().st_size > MAX_LINE_BYTES * 10:
        raise ImportFailure(path, None, "file larger than 200 MB; export it in parts")
    try:
        tasks = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ImportFailure(path, getattr(err, "lineno", None), f"not a Label Studio JSON export ({err})") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise ImportFailure(path, None, "expected a list of tasks")
    for n, task in enumerate(tasks, start=1):
        data = task.get("data") if isinstance(task, dict) else None
        text = (data or {}).get("text") if isinstance(data, dict) else None
        if not isinstance(text, str):
            raise ImportFailure(path, n, f"task {n} has no data.text")
        annotations = task.get("annotations") or []
        if not annotations:
            continue
        chosen = next((a for a in annotations if a.get("completed_by") == layer), annotations[0])
        entities, quotes, ids = [], [], {}
        for result in chosen.get("result") or []:
            if result.get("type") == "labels":
                value = result.get("value") or {}
                labels = value.get("labels") or []
                if not labels:
                    raise ImportFailure(path, n, f"task {n}: a result has no labels")
                span = {"start": value.get("start"), "end": value.get("end"), "text": value.get("text")}
                ids[result.get("id")] = span
                if labels[0] == QUOTE_LABEL:
                    quotes.append({**span, "kind": "direct", "_id": result.get("id")})
                else:
                    entities.append({**span, "label": labels[0]})
        for result in chosen.get("result") or []:
            if result.get("type") == "relation" and "speaker" in (result.get("labels") or ["speaker"]):
                for q in quotes:
                    if q["_id"] == result.get("from_id") and result.get("to_id") in ids:
                        q["speaker"] = dict(ids[result["to_id"]])
        for q in quotes:
            q.pop("_id")
        yield n, {"id": data.get("doc_id") if isinstance(data.get("doc_id"), str) else None, "text": text,
                  "title": data.get("title") if isinstance(data.get("title"), str) else None,
                  "entities": entities, "quotes": quotes, "stances": []}
