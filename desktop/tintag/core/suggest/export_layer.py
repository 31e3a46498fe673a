"""The current suggestions as a native-JSONL layer named "suggestions",
each item carrying its producer and score."""
from __future__ import annotations

from collections.abc import Iterator

from tintag.core.export.native import FORMAT_FIELDS
from tintag.core.store import ProjectStore

LAYER = "suggestions"


def _span(p: dict | None) -> dict | None:
    return None if not p else {"start": p["start"], "end": p["end"], "text": p["text"]}


def suggestion_record(store: ProjectStore, doc: dict) -> dict:
    entities, quotes, stances = [], [], []
    for row in store.suggestions(doc["id"]):
        p, extra = row["payload"], {"producer": f"{row['producer']}@{row['producer_version']}",
                                    "score": row["score"], "origin": "suggestion"}
        if row["kind"] == "entity":
            entities.append({"start": p["start"], "end": p["end"], "label": p["label"],
                             "text": p["text"], **extra})
        elif row["kind"] == "quote":
            quotes.append({"start": p["start"], "end": p["end"], "text": p["text"], "kind": p["kind"],
                           "cue": _span(p["cue"]), "speaker": _span(p["speaker"]),
                           "speaker_name": p["speaker_name"], **extra})
        else:
            stances.append({"holder": _span(p["holder"]) or {"name": p["holder_name"]},
                            "target": _span(p["target"]) or {"name": p["target_name"]},
                            "polarity": p["polarity"], "evidence": p["evidence"], **extra})
    return {"id": doc["uid"], "title": doc["title"], "date": doc["date"], "source": doc["source"],
            "text": doc["text"], "meta": doc["meta"], "layer": LAYER, "status": "todo",
            "text_sha256": doc["text_sha256"], **FORMAT_FIELDS,
            "entities": entities, "quotes": quotes, "stances": stances}


def suggestion_records(store: ProjectStore) -> Iterator[dict]:
    for doc in store.iter_documents():
        yield suggestion_record(store, doc)
