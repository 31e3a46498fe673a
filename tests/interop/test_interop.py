"""Annotations from other tools in, datasets for real tools out."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tintag.core.export import EXPORTERS
from tintag.core.export.options import ExportOptions
from tintag.core.export.splits import parse_ratios, split_of
from tintag.core.importers import ImportFailure, import_files
from tintag.core.importers.native_layer import import_native_layer
from tintag.core.interop import import_annotations

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOCCANO = FIXTURES / "doccano"
GOLD = FIXTURES / "gold_seeds.jsonl"


def fixture(name):
    return DOCCANO / name


def test_good_doccano_files_import(project):
    n = import_annotations(project, fixture("data_import__tests__data__relation_extraction__example.jsonl"),
                           "doccano", "gold")
    assert n == 1
    doc = next(project.iter_documents())
    labels = [(doc["text"][e["start"]:e["end"]], e["label"]) for e in project.entities(doc["id"], "gold")]
    assert labels == [("Google", "ORG"), ("September 4, 1998", "DATE"), ("Larry Page", "PERSON"),
                      ("Sergey Brin", "PERSON")]
    n = import_annotations(project, fixture("data_export__pipeline__examples__sequence_labeling__example.jsonl"),
                           "doccano", "gold")
    assert n == 3
    # a span repeated with the same label is kept once
    import_annotations(project, fixture("data_import__tests__data__sequence_labeling__example_overlapping.jsonl"),
                       "doccano", "gold")
    doc = project.document_by_sha(__import__("tintag.core.textnorm", fromlist=["x"]).text_sha256("exampleA"))
    assert len(project.entities(doc["id"], "gold")) == 1


def test_good_conll_files_import(project):
    assert import_annotations(project, fixture("data_import__tests__data__sequence_labeling__example.conll"),
                              "conll", "gold") == 2
    texts = {d["text"]: [(d["text"][e["start"]:e["end"]], e["label"]) for e in project.entities(d["id"], "gold")]
             for d in project.iter_documents()}
    assert texts["JAPAN GET"] == [("JAPAN", "LOC")]
    assert ("Nadim Ladki", "PER") in texts["Nadim Ladki"]
    assert import_annotations(project, fixture("data_import__tests__data__sequence_labeling__labeling.trailing.conll"),
                              "conll", "gold") == 1


@pytest.mark.parametrize("name, fmt, line", [
    ("data_import__tests__data__sequence_labeling__labeling.invalid.conll", "conll", 1),
    ("data_import__tests__data__sequence_labeling__example.jsonl", "doccano", 3),
])
def test_bad_files_refused_with_file_and_line(project, name, fmt, line):
    with pytest.raises(ImportFailure) as err:
        import_annotations(project, fixture(name), fmt, "gold")
    assert str(err.value).startswith(f"{fixture(name)}:{line}: ")
    assert project.document_count() == 0  # not even the good lines before it


@pytest.mark.parametrize("line, message", [
    ({"text": "Hà Nội", "label": [[0, 99, "LOC"]]}, "outside the text"),
    ({"text": "Hà Nội", "entities": [{"id": 1, "start_offset": 0, "end_offset": "x", "label": "LOC"}]}, "integer"),
])
def test_offsets_out_of_range_refused(project, tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "Một"}) + "\n" + json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match=message) as err:
        import_annotations(project, path, "doccano", "gold")
    assert str(err.value).startswith(f"{path}:2: ")
    assert project.document_count() == 0


def test_prodigy_span_text_must_match(project, tmp_path):
    good = tmp_path / "p.jsonl"
    good.write_text(json.dumps({"text": "Ông Nam ở Huế", "spans": [{"start": 10, "end": 13, "label": "LOC"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert import_annotations(project, good, "prodigy", "minh") == 1
    bad = tmp_path / "q.jsonl"
    bad.write_text(json.dumps({"text": "Ông Nam ở Huế", "spans": [{"start": 4, "end": 7, "label": "PER",
                                                                  "text": "Lan"}]}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    with pytest.raises(ImportFailure, match="does not match"):
        import_annotations(project, bad, "prodigy", "minh")


@pytest.fixture
def gold_project(project, seed_paths):
    import_files(project, seed_paths)
    import_native_layer(project, GOLD, "gold")
    return project


def layer_snapshot(store, layer):
    out = {}
    for doc in store.iter_documents():
        ents = sorted((e["start"], e["end"], e["label"]) for e in store.entities(doc["id"], layer))
        quotes = sorted((q["start"], q["end"], q["speaker_name"] if q["speaker_uid"] else None)
                        for q in store.quotes(doc["id"], layer))
        if ents or quotes:
            out[doc["text_sha256"]] = (ents, quotes)
    return out


@pytest.mark.parametrize("fmt, reader, carries_quotes", [
    ("jsonl", "jsonl", True), ("doccano", "doccano", True), ("labelstudio", "labelstudio", True),
])
def test_round_trip(gold_project, tmp_path, fmt, reader, carries_quotes):
    out = tmp_path / f"gold.{'json' if fmt == 'labelstudio' else 'jsonl'}"
    assert EXPORTERS[fmt](gold_project, out, ExportOptions(layers=["gold"])) == 2
    import_annotations(gold_project, out, reader, "copy")
    original, copy = layer_snapshot(gold_project, "gold"), layer_snapshot(gold_project, "copy")
    if not carries_quotes:
        original = {k: (v[0], []) for k, v in original.items()}
    assert copy == original


def test_round_trip_conll_keeps_words_and_labels(gold_project, tmp_path):
    out = tmp_path / "gold.conll"
    EXPORTERS["conll"](gold_project, out, ExportOptions(layers=["gold"]))
    from tintag.core.store import ProjectStore

    other = ProjectStore.create(tmp_path / "other.tintag")
    assert import_annotations(other, out, "conll", "gold") == 2
    for doc in other.iter_documents():
        surfaces = [(doc["text"][e["start"]:e["end"]], e["label"]) for e in other.entities(doc["id"], "gold")]
        assert ("Kim Jong-un", "PER") in surfaces and ("KCNA", "ORG") in surfaces
    other.close()


def test_huggingface_datasets_loads_the_export(gold_project, tmp_path):
    datasets = pytest.importorskip("datasets")
    os.environ["HF_DATASETS_OFFLINE"] = os.environ["HF_HUB_OFFLINE"] = "1"
    out = tmp_path / "hf"
    EXPORTERS["hf"](gold_project, out, ExportOptions(layers=["gold"], split=(0.5, 0.5), seed=1))
    info = json.loads((out / "dataset_info.json").read_text(encoding="utf-8"))
    files = {name: str(out / f"{name}.jsonl") for name in info["splits"]}
    ds = datasets.load_dataset("json", data_files=files, features=datasets.Features.from_dict(info["features"]),
                               cache_dir=str(tmp_path / "cache"))
    names = ds[info["splits"][0]].features["ner_tags"].feature.names
    assert names[:3] == ["O", "B-PER", "I-PER"]
    rows = [row for split in ds.values() for row in split]
    tagged = [(tok, names[tag]) for row in rows for tok, tag in zip(row["tokens"], row["ner_tags"])]
    assert ("Kim Jong-un", "B-PER") in tagged and ("Nga", "B-LOC") in tagged
    assert all(len(r["tokens"]) == len(r["ner_tags"]) for r in rows)


def test_spacy_accepts_every_exported_span(gold_project, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc, DocBin

    out = tmp_path / "spacy"
    EXPORTERS["spacy"](gold_project, out, ExportOptions(layers=["gold"]))
    vocab = spacy.blank("xx").vocab
    rows = [json.loads(line) for line in (out / "data.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        doc = Doc(vocab, words=row["words"], spaces=row["spaces"])
        assert doc.text == row["text"]
        for start, end, label in row["spans"]:
            assert doc.char_span(start, end, label=label, alignment_mode="strict") is not None
    docs = list(DocBin().from_disk(out / "data.spacy").get_docs(vocab))
    assert sum(len(d.ents) for d in docs) >= 80


def test_label_studio_export_shape(gold_project, tmp_path):
    out = tmp_path / "ls.json"
    EXPORTERS["labelstudio"](gold_project, out, ExportOptions(layers=["gold"]))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert len(tasks) == 2
    for task in tasks:
        text = task["data"]["text"]
        (annotation,) = task["annotations"]
        assert annotation["completed_by"] == "gold"
        spans = {r["id"]: r for r in annotation["result"] if r["type"] == "labels"}
        for r in spans.values():
            assert r["from_name"] == "label" and r["to_name"] == "text"
            v = r["value"]
            assert text[v["start"]:v["end"]] == v["text"] and len(v["labels"]) == 1
        for rel in (r for r in annotation["result"] if r["type"] == "relation"):
            assert rel["from_id"] in spans and rel["to_id"] in spans
    config = (tmp_path / "label_config.xml").read_text(encoding="utf-8")
    assert '<Labels name="label" toName="text">' in config and '<Text name="text" value="$text"/>' in config


def test_splits_are_deterministic_and_keep_documents_whole(gold_project, tmp_path):
    assert parse_ratios("0.8,0.1,0.1") == (0.8, 0.1, 0.1)
    with pytest.raises(ValueError):
        parse_ratios("0.5,0.6")
    ids = [f"doc{i}" for i in range(2000)]
    splits = [split_of(i, (0.8, 0.1, 0.1), seed=7) for i in ids]
    assert splits == [split_of(i, (0.8, 0.1, 0.1), seed=7) for i in ids]
    assert 0.75 < splits.count("train") / len(ids) < 0.85
    assert splits != [split_of(i, (0.8, 0.1, 0.1), seed=8) for i in ids]
    out = tmp_path / "native"
    EXPORTERS["jsonl"](gold_project, out, ExportOptions(split=(0.5, 0.5), seed=3))
    seen = {}
    for path in out.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert seen.setdefault(record["id"], path.name) == path.name  # never in two splits
            assert "\\u" not in line


def test_label_studio_own_converter_reads_the_export(gold_project, tmp_path):
    converter_module = pytest.importorskip("label_studio_sdk.converter")
    out = tmp_path / "ls.json"
    EXPORTERS["labelstudio"](gold_project, out, ExportOptions(layers=["gold"]))
    config = (tmp_path / "label_config.xml").read_text(encoding="utf-8")
    converter = converter_module.Converter(config=config, project_dir=str(tmp_path), download_resources=False)
    converter.convert_to_conll2003(str(out), str(tmp_path / "conll"), is_dir=False)
    lines = (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8").splitlines()
    tags = [(line.split()[0], line.split()[-1]) for line in lines if line and not line.startswith("-DOCSTART-")]
    assert ("Kim", "B-PER") in tags and ("Jong-un", "I-PER") in tags and ("KCNA", "B-ORG") in tags


def test_a_conll_token_made_of_a_bom_is_refused_on_its_line(project, tmp_path):
    """Found by the CoNLL fuzz test: a BOM is the file's mark only at its start;
    on line 5 it was dropped with the line's first column, so 'NN' became the token."""
    from tintag.core.importers import ImportFailure
    from tintag.core.interop import import_annotations

    path = tmp_path / "bom.conll"
    path.write_bytes(b"-DOCSTART- -X- O O\n\nH\xc3\xa0 NN O\n\n\xef\xbb\xbf NN O\n\n")
    with pytest.raises(ImportFailure, match=r":5: the token has no visible characters"):
        import_annotations(project, path, "conll", "lan")
    assert project.document_count() == 0
