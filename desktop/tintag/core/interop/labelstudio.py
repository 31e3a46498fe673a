"""Label Studio JSON export: a list of tasks, each with `data` (the text) and
`annotations[].result[]` of type labels (value.start/end/text/labels) and
relations. One annotation per task is imported: the one completed by the
target layer's name when there is one, else the first.

Errors name the line where the task starts in the file (Label Studio and
TinTag write one task per line or indented; either way the line is right)."""
from __future__ import annotations

import json
from pathlib import Path

from tintag.core.importers import common
from tintag.core.importers.common import ImportFailure, decode_bytes
from tintag.core.importers.safe_open import open_regular

QUOTE_LABEL = "QUOTE"
_WHITESPACE = " \t\n\r"


def labelstudio_records(path: Path, layer: str | None = None):
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    limit = common.MAX_JSON_FILE_BYTES  # read at call time so tests can lower it
    with open_regular(path, limit, f"file larger than {limit // 1_000_000:,} MB; export it in parts") as fh:
        text = decode_bytes(path, fh.read())
    for line, n, task in _tasks(path, text):
        record = _record(path, line, n, task, layer)
        if record is not None:
            yield line, record


def _tasks(path: Path, text: str):
    """(line, task number, task) of a JSON list of tasks (or a single task),
    parsed one task at a time so each knows the line it starts on."""
    decoder = json.JSONDecoder()
    pos, line = 0, 1

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in _WHITESPACE:
            pos += 1
        return pos

    def value_at(pos: int):
        try:
            return decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            raise ImportFailure(path, err.lineno, f"not a Label Studio JSON export "
                                                  f"(invalid JSON: {err.msg}, column {err.colno})") from None
        except RecursionError:
            raise ImportFailure(path, text.count("\n", 0, pos) + 1,
                                "not a Label Studio JSON export (JSON nested too deeply)") from None
        except ValueError as err:  # e.g. an integer longer than Python converts
            raise ImportFailure(path, text.count("\n", 0, pos) + 1,
                                f"not a Label Studio JSON export ({err})") from None

    def line_of(target: int) -> int:
        nonlocal pos, line
        line += text.count("\n", pos, target)
        pos = target
        return line

    start = skip(0)
    if start == len(text):
        raise ImportFailure(path, None, "empty file, not a Label Studio JSON export")
    if text[start] != "[":  # a single task
        first = line_of(start)
        task, end = value_at(start)
        if skip(end) != len(text):
            raise ImportFailure(path, line_of(skip(end)), "not a Label Studio JSON export (text after the JSON)")
        if not isinstance(task, dict):
            raise ImportFailure(path, first, "expected a list of tasks")
        yield first, 1, task
        return
    at, n = skip(start + 1), 0
    if at < len(text) and text[at] == "]":
        at = skip(at + 1)
    else:
        while True:
            if at >= len(text):
                raise ImportFailure(path, line_of(len(text)),
                                    "not a Label Studio JSON export (invalid JSON: the list is not closed)")
            task, end = value_at(at)
            n += 1
            yield line_of(at), n, task
            at = skip(end)
            if at < len(text) and text[at] == ",":
                at = skip(at + 1)
                continue
            if at < len(text) and text[at] == "]":
                at = skip(at + 1)
                break
            raise ImportFailure(path, line_of(min(at, len(text))),
                                "not a Label Studio JSON export (invalid JSON: expected ',' or ']')")
    if at != len(text):
        raise ImportFailure(path, line_of(at), "not a Label Studio JSON export (text after the list)")


def _record(path: Path, line: int, n: int, task, layer: str | None) -> dict | None:
    def fail(message: str):
        raise ImportFailure(path, line, f"task {n}: {message}")

    data = task.get("data") if isinstance(task, dict) else None
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str):
        fail("no data.text")
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        fail("'annotations' must be a list of objects")
    if not annotations:
        return None
    chosen = next((a for a in annotations if layer is not None and a.get("completed_by") == layer),
                  annotations[0])
    results = chosen.get("result") or []
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        fail("'result' must be a list of objects")
    entities, quotes, ids = [], [], {}
    for result in results:
        if result.get("type") != "labels":
            continue
        value = result.get("value")
        if not isinstance(value, dict):
            fail("a labels result has no 'value' object")
        labels = value.get("labels")
        if not isinstance(labels, list) or not labels:
            fail("a result has no labels")
        span = {"start": value.get("start"), "end": value.get("end"), "text": value.get("text")}
        rid = result.get("id")
        if isinstance(rid, (str, int)) and not isinstance(rid, bool):
            ids[rid] = span
        if labels[0] == QUOTE_LABEL:
            quotes.append({**span, "kind": "direct", "_id": rid})
        else:
            entities.append({**span, "label": labels[0]})
    for result in results:
        if result.get("type") != "relation":
            continue
        labels = result.get("labels") or ["speaker"]
        if not isinstance(labels, list) or "speaker" not in labels:
            continue
        to_id = result.get("to_id")
        if not (isinstance(to_id, (str, int)) and not isinstance(to_id, bool) and to_id in ids):
            continue
        for q in quotes:
            if q["_id"] is not None and q["_id"] == result.get("from_id"):
                q["speaker"] = dict(ids[to_id])
    for q in quotes:
        q.pop("_id")
    return {"id": data.get("doc_id") if isinstance(data.get("doc_id"), str) else None, "text": text,
            "title": data.get("title") if isinstance(data.get("title"), str) else None,
            "entities": entities, "quotes": quotes, "stances": []}
