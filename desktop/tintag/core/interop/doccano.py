"""doccano JSONL: `label: [[start, end, label], …]` (sequence labelling) or
`entities` (start_offset/end_offset/label) with `relations` (from_id/to_id/type).
QUOTE spans become quotes, a `speaker` relation from a quote names its speaker,
a relation typed like a stance label becomes a stance. The same span with the
same label given twice (doccano's example_overlapping.jsonl) is kept once."""
from __future__ import annotations

from tintag.core.importers.common import ImportFailure, short_repr

from .jsonlines import json_lines, span_list

QUOTE_LABEL = "QUOTE"
POLARITIES = {"support", "oppose", "neutral"}


def _int(path, number, value, what):
    if not isinstance(value, int) or isinstance(value, bool):
        raise ImportFailure(path, number, f"{what} must be an integer, not {short_repr(value)}")
    return value


def _key(value):
    """An entity id as a dict key: doccano's ids are integers (strings seen too)."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    return None


def doccano_records(path, layer=None):
    for number, obj in json_lines(path):
        spans = []  # (id or None, start, end, label)
        if "entities" in obj:
            for e in span_list(path, number, obj["entities"], "entities"):
                if not isinstance(e, dict):
                    raise ImportFailure(path, number, "each entity must be an object")
                sid = e.get("id")
                if sid is not None and _key(sid) is None:
                    raise ImportFailure(path, number,
                                        f"entity id must be an integer or a string, not {short_repr(sid)}")
                spans.append((sid, _int(path, number, e.get("start_offset"), "start_offset"),
                              _int(path, number, e.get("end_offset"), "end_offset"), e.get("label")))
        else:
            for n, item in enumerate(span_list(path, number, obj.get("label"), "label")):
                if not (isinstance(item, list) and len(item) == 3):
                    raise ImportFailure(path, number, f"label {n + 1} must be [start, end, label]")
                spans.append((n, _int(path, number, item[0], "start"), _int(path, number, item[1], "end"),
                              item[2]))
        relations = span_list(path, number, obj.get("relations"), "relations")
        entities, quotes, stances, seen = [], [], [], set()
        by_id = {}
        for sid, start, end, label in spans:
            if sid is not None:
                if sid in by_id:
                    raise ImportFailure(path, number, f"entity id {sid!r} is given twice")
                by_id[sid] = {"start": start, "end": end}
            key = (start, end, label if isinstance(label, (str, int)) else repr(label))
            if key in seen:
                continue
            seen.add(key)
            if label == QUOTE_LABEL:
                quotes.append({"start": start, "end": end, "kind": "direct", "_id": sid})
            else:
                entities.append({"start": start, "end": end, "label": label})
        for r in relations:
            if not isinstance(r, dict):
                raise ImportFailure(path, number, "each relation must be an object")
            from_id, to_id, kind = _key(r.get("from_id")), _key(r.get("to_id")), r.get("type")
            a, b = by_id.get(from_id), by_id.get(to_id)
            if a is None or b is None:
                raise ImportFailure(path, number, f"relation {short_repr(r.get('id'))} points at an unknown entity")
            if kind == "speaker":
                for q in quotes:
                    if q.get("_id") == from_id:
                        q["speaker"] = dict(b)
            elif isinstance(kind, str) and kind in POLARITIES:
                stances.append({"holder": dict(a), "target": dict(b), "polarity": kind})
        for q in quotes:
            q.pop("_id", None)
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else None
        yield number, {"id": obj.get("id") if isinstance(obj.get("id"), str) else None, "text": obj["text"],
                       "meta": meta, "entities": entities, "quotes": quotes, "stances": stances}
