"""Suggestion quality metrics: hand-computed cases, then the gold fixture."""
from __future__ import annotations

import json
from pathlib import Path

from tintag.cli import main
from tintag.core.importers import import_files
from tintag.core.importers.native_layer import import_native_layer
from tintag.core.store import ProjectStore
from tintag.core.suggest.evaluate import evaluate_document, match_count, prf

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold_seeds.jsonl"


def test_prf_by_hand():
    assert prf(2, 4, 5) == {"precision": 0.5, "recall": 0.4, "f1": 0.4444, "tp": 2, "predicted": 4, "gold": 5}
    assert prf(0, 0, 3)["f1"] == 0.0


def test_exact_versus_overlap_matching():
    gold = [(0, 5, "PER"), (10, 15, "LOC"), (20, 25, "ORG")]
    pred = [(0, 5, "PER"), (11, 15, "LOC"), (20, 25, "PER"), (30, 33, "LOC")]
    assert match_count(pred, gold, overlap=False) == 1
    assert match_count(pred, gold, overlap=True) == 2  # label must still agree
    # one prediction cannot match two gold spans
    assert match_count([(0, 10, "PER")], [(0, 4, "PER"), (5, 10, "PER")], overlap=True) == 1


def test_document_counts_by_hand():
    text = "Ông Nam nói: \"Hà Nội đẹp\". Bà Lan ủng hộ Nam."
    suggested = [
        {"kind": "entity", "payload": {"start": 4, "end": 7, "label": "PER"}},
        {"kind": "entity", "payload": {"start": 14, "end": 20, "label": "ORG"}},
        {"kind": "quote", "payload": {"start": 14, "end": 24, "speaker_name": "Nam", "speaker": None}},
        {"kind": "stance", "payload": {"holder_name": "Lan", "target_name": "Nam", "polarity": "oppose"}},
    ]
    gold = {"entities": [{"start": 4, "end": 7, "label": "PER"}, {"start": 14, "end": 20, "label": "LOC"}],
            "quotes": [{"start": 14, "end": 24, "speaker_name": "Ông Nam"}],
            "stances": [{"holder": {"name": "Bà Lan"}, "target": {"name": "Nam"}, "polarity": "support"}]}
    counts = evaluate_document(text, suggested, gold)
    assert counts["entities"]["PER"]["exact"] == 1 and counts["entities"]["LOC"]["exact"] == 0
    assert counts["quotes"] == {"pred": 1, "gold": 1, "exact": 1, "overlap": 1}
    assert counts["speakers"] == {"matched": 1, "correct": 1}
    assert counts["stances"] == {"matched": 1, "correct": 0}


def test_gold_fixture_is_consistent():
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        for item in record["entities"] + record["quotes"]:
            assert text[item["start"]:item["end"]] == item["text"]


def test_evaluate_against_gold_fixture(tmp_path, seed_paths, capsys):
    path = tmp_path / "p.tintag"
    with ProjectStore.create(path) as store:
        import_files(store, seed_paths)
        assert import_native_layer(store, GOLD, "gold") == 2
    assert main(["suggest", str(path), "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(path), "--against", "gold", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 2
    entities = report["entities"]["ALL"]["exact"]
    assert entities["gold"] == 93
    assert entities["tp"] <= entities["predicted"] and entities["f1"] > 0.5
    assert report["quotes"]["exact"]["gold"] == 16
    assert report["entities"]["ALL"]["overlap"]["f1"] >= report["entities"]["ALL"]["exact"]["f1"]
    assert 0 <= report["speaker_accuracy"]["accuracy"] <= 1
    assert main(["evaluate", str(path), "--against", "gold"]) == 0
    table = capsys.readouterr().out
    assert "quote span F1" in table and "speaker accuracy" in table
    assert main(["evaluate", str(path), "--against", "nobody"]) == 1


def test_suggestions_layer_export(tmp_path, seed_paths, capsys):
    import jsonschema

    from tintag import paths

    path = tmp_path / "p.tintag"
    with ProjectStore.create(path) as store:
        import_files(store, seed_paths[:1])
    main(["suggest", str(path), "--workers", "1"])
    out = tmp_path / "s.jsonl"
    assert main(["export", str(path), "--layer", "suggestions", "-o", str(out)]) == 0
    schema = json.loads((paths.resources_dir() / "schema" / "native.schema.json").read_text())
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    jsonschema.validate(record, schema)
    assert record["layer"] == "suggestions"
    assert record["entities"] and all(e["producer"].startswith("underthesea-ner@") for e in record["entities"])
    assert any(q["speaker"] for q in record["quotes"])
    assert all(0 <= s["score"] <= 1 for s in record["stances"])
