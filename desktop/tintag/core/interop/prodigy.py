"""Prodigy JSONL: `text` and `spans` with start/end/label (token fields ignored)."""
from __future__ import annotations

from tintag.core.importers.common import ImportFailure

from .jsonlines import json_lines, span_list


def prodigy_records(path, layer=None):
    for number, obj in json_lines(path):
        if obj.get("answer") in ("reject", "ignore"):
            continue  # the annotator threw this example out
        entities = []
        for span in span_list(path, number, obj.get("spans"), "spans"):
            if not isinstance(span, dict) or "label" not in span:
                raise ImportFailure(path, number, "each span needs start, end and label")
            entities.append({"start": span.get("start"), "end": span.get("end"), "label": span["label"],
                             "text": span.get("text")})
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else None
        yield number, {"text": obj["text"], "meta": meta, "entities": entities, "quotes": [], "stances": []}
