"""Native JSONL export: shape, offsets, filters; validated by the shipped JSON Schema."""
from __future__ import annotations

import json

import jsonschema

from tintag import paths
from tintag.core.export import EXPORTERS
from tintag.core.export.options import ExportOptions
from tintag.core.importers import import_files


def schema():
    return json.loads((paths.resources_dir() / "schema" / "native.schema.json").read_text())


def annotated_project(project, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "title": "Tin <b>nóng</b>", "text":
        'Ông Putin 😀 nói: "Nga ủng hộ Triều Tiên". Hết.'}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "d2", "text": "Bài chưa gán nhãn."}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    import_files(project, [src])
    doc = project.document_by_uid("d1")
    text = doc["text"]
    s = text.index("Putin")
    putin = project.add_item("entity", doc["id"], "lan", start=s, end=s + 5, label="PER")
    n = text.index("Nga")
    nga = project.add_item("entity", doc["id"], "lan", start=n, end=n + 3, label="LOC")
    q0 = text.index("Nga ủng")
    quote = project.add_item("quote", doc["id"], "lan", start=q0, end=text.index('".'),
                             kind="direct", cue_start=text.index("nói"), cue_end=text.index("nói") + 3,
                             speaker_uid=putin["uid"], speaker_name="Vladimir Putin")
    project.add_item("stance", doc["id"], "lan", holder_uid=putin["uid"], target_name="Triều Tiên",
                     polarity="support", evidence_quote_uid=quote["uid"])
    project.set_status(doc["id"], "lan", "done")
    project.add_item("entity", doc["id"], "gold", start=s, end=s + 5, label="PER", origin="review")
    return doc, nga


def test_export_shape_and_offsets(project, tmp_path):
    doc, _ = annotated_project(project, tmp_path)
    out = tmp_path / "out.jsonl"
    count = EXPORTERS["jsonl"](project, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) == 3  # d1×{gold, lan} + untouched d2 as gold
    validator = jsonschema.Draft202012Validator(schema())
    records = [json.loads(line) for line in lines]
    for record in records:
        validator.validate(record)
        text = record["text"]
        for e in record["entities"]:
            assert text[e["start"]:e["end"]] == e["text"]
        for q in record["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"]
            assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"] == "nói"
    lan = next(r for r in records if r["layer"] == "lan")
    assert lan["status"] == "done" and lan["title"] == "Tin <b>nóng</b>"
    assert [e["text"] for e in lan["entities"]] == ["Putin", "Nga"]
    assert lan["quotes"][0]["text"] == "Nga ủng hộ Triều Tiên"
    assert lan["quotes"][0]["speaker"]["text"] == "Putin"
    assert lan["stances"][0] == {"holder": {"start": 4, "end": 9, "text": "Putin"},
                                 "target": {"name": "Triều Tiên"}, "polarity": "support",
                                 "evidence": {"start": lan["quotes"][0]["start"],
                                              "end": lan["quotes"][0]["end"]},
                                 "origin": "manual"}
    assert "😀" in lines[0] and "\\u" not in lines[0]  # UTF-8 kept, no escapes
    assert records[-1]["id"] == "d2" and records[-1]["layer"] == "gold"


def test_export_layer_and_status_filters(project, tmp_path):
    annotated_project(project, tmp_path)
    out = tmp_path / "gold.jsonl"
    EXPORTERS["jsonl"](project, out, ExportOptions(layers=["gold"]))
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    # only documents the layer holds something for: d2 was never touched in gold
    assert [(r["id"], r["layer"], len(r["entities"])) for r in records] == [("d1", "gold", 1)]
    EXPORTERS["jsonl"](project, out, ExportOptions(layers=["lan"], status="done"))
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["status"]) for r in records] == [("d1", "done")]


def test_deleted_speaker_leaves_name(project, tmp_path):
    doc, nga = annotated_project(project, tmp_path)
    speaker = project.quotes(doc["id"], "lan")[0]["speaker_uid"]
    project.delete_item("entity", speaker)
    out = tmp_path / "o.jsonl"
    EXPORTERS["jsonl"](project, out, ExportOptions(layers=["lan"]))
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert record["quotes"][0]["speaker"] is None
    assert record["quotes"][0]["speaker_name"] == "Vladimir Putin"
    assert record["stances"][0]["holder"] is None
