"""The team commands as a user types them."""
from __future__ import annotations

import shutil

from desktop.cli import main
from desktop.core.store import ProjectStore


def run(*argv) -> int:
    return main(list(map(str, argv)))


def test_team_assign_bundle_round_trip(tmp_path, seed_paths, capsys):
    master = tmp_path / "master.tintag"
    assert run("new", master) == 0
    assert run("import", master, *seed_paths) == 0
    assert run("team", master, "--add", "lan", "--add", "minh", "--reviewer", "thu", "--blind", "on") == 0
    assert run("assign", master, "--annotators", "lan,minh", "--overlap", "0.4", "--seed", "2") == 0
    out = capsys.readouterr().out
    assert "assigned 5 documents (2 to more than one annotator)" in out
    shutil.copy(master, tmp_path / "lan.tintag")
    with ProjectStore.open(tmp_path / "lan.tintag", actor="lan") as lan:
        (doc,) = [d for d in lan.document_ids() if lan.assignment(d, "lan")["assigned_at"]][:1]
        lan.add_item("entity", doc, "lan", start=0, end=3, label="MISC")
    assert run("bundle", "export", tmp_path / "lan.tintag", "--annotator", "lan", "-o", tmp_path / "b.jsonl") == 0
    assert run("bundle", "merge", master, tmp_path / "b.jsonl") == 0
    assert "1 documents updated" in capsys.readouterr().out
    assert run("bundle", "merge", master, tmp_path / "b.jsonl") == 0
    assert "1 already merged" in capsys.readouterr().out
    (tmp_path / "bad.jsonl").write_text('{"tintag_bundle": 1}\n', encoding="utf-8")
    assert run("bundle", "merge", master, tmp_path / "bad.jsonl") == 1
    err = capsys.readouterr().err
    assert "bad.jsonl" in err and "Traceback" not in err
