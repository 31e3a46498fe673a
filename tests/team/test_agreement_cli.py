"""`tintag agreement`: the table, --json, --layers, one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from agreement_helpers import add_doc, entity

from tintag.cli import main
from tintag.core.store import ProjectStore


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def make_project(path):
    with ProjectStore.create(path, actor="lead") as store:
        doc = add_doc(store, "Ông Nguyễn Văn An gặp bà Lê Thị Bình ở Hà Nội hôm qua.")
        other = add_doc(store, "Thủ tướng phát biểu tại Đà Nẵng.")
        for layer in ("anna", "<b>binh</b>", "chi"):
            entity(store, doc, layer, "Nguyễn Văn An", "PER")
            entity(store, doc, layer, "Hà Nội", "LOC" if layer != "chi" else "ORG")
            store.set_status(other, layer, "done")
        entity(store, doc, "gold", "Lê Thị Bình", "PER")
        entity(store, other, "anna", "Đà Nẵng", "LOC")
    return path


def test_table_and_json(capsys, tmp_path):
    project = make_project(tmp_path / "p.tintag")
    code, out, err = run(capsys, "agreement", project)
    assert code == 0, err
    assert "<b>binh</b> ↔ anna" in out and "anna ↔ chi" in out and "all" in out
    assert "gold" not in out
    assert "Fleiss" in out and "Krippendorff" in out
    code, out, _ = run(capsys, "agreement", project, "--json")
    report = json.loads(out)
    assert report["layers"] == ["<b>binh</b>", "anna", "chi"]
    assert report["documents"]["shared"] == 2
    assert report["all"]["kappa"]["method"] == "fleiss"
    pair = next(p for p in report["pairs"] if {p["a"], p["b"]} == {"anna", "<b>binh</b>"})
    # PER and LOC agree on the first article; anna's Đà Nẵng is alone on the second
    assert pair["entities"]["PER"]["f1_exact"] == 1.0
    assert pair["entities"]["LOC"]["f1_exact"] == round(2 * 1 / 3, 4)
    assert "Nguyễn" not in out or "\\u" not in out  # ensure_ascii=False


def test_layers_option_and_errors(capsys, tmp_path):
    project = make_project(tmp_path / "p.tintag")
    code, out, _ = run(capsys, "agreement", project, "--layers", "anna,gold", "--json")
    assert code == 0 and json.loads(out)["layers"] == ["anna", "gold"]
    code, _, err = run(capsys, "agreement", project, "--layers", "anna,nobody")
    assert code == 1 and err.strip() == "tintag: error: no layer named 'nobody'"
    code, _, err = run(capsys, "agreement", project, "--layers", "anna")
    assert code == 1 and "at least two layers" in err and "Traceback" not in err
    code, _, err = run(capsys, "agreement", project, "--layers", " , ")
    assert code == 1 and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "agreement", tmp_path / "missing.tintag")
    assert code == 1 and "no such project file" in err


def test_project_without_two_annotators(capsys, tmp_path):
    path = tmp_path / "empty.tintag"
    ProjectStore.create(path).close()
    code, _, err = run(capsys, "agreement", path)
    assert code == 1 and err.strip() == "tintag: error: agreement needs at least two layers (found: none)"


def test_reader_that_stops_early_is_not_an_error(tmp_path):
    """`tintag agreement … | head`: no "Broken pipe" error line (run_command
    ends such a run quietly with 141, like other Unix tools)."""
    project = make_project(tmp_path / "p.tintag")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written: every write fails
    try:
        child = subprocess.run([sys.executable, "-m", "tintag", "agreement", str(project), "--workers", "1"],
                               stdout=write, stderr=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parents[2])
    finally:
        os.close(write)
    assert child.stderr == "" and child.returncode == 141
