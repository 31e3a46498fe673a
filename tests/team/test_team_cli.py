"""The team commands as a user types them."""
from __future__ import annotations

import shutil

from tintag.cli import main
from tintag.core.store import ProjectStore


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


def test_assign_refuses_unknown_names_and_clears_unstarted_queues(tmp_path, seed_paths, capsys):
    master = tmp_path / "master.tintag"
    assert run("new", master) == 0
    assert run("import", master, *seed_paths) == 0
    assert run("team", master, "--add", "lan", "--add", "minh") == 0
    capsys.readouterr()
    assert run("assign", master, "--annotators", "lan,lna") == 1  # a typo
    err = capsys.readouterr().err
    assert err == (f"tintag: error: {master}: no profile 'lna' (profiles: lan, minh); "
                   "add it with 'tintag team --add NAME' or pass --new-profiles\n")
    with ProjectStore.open(master, readonly=True) as store:
        assert [a["name"] for a in store.annotators()] == ["lan", "minh"] and store.queue_counts() == {}

    assert run("assign", master, "--annotators", "lan,minh", "--seed", "1") == 0
    with ProjectStore.open(master, actor="lan") as lan:
        started = [d for d in lan.document_ids() if lan.assignment(d, "lan")["assigned_at"]][0]
        lan.set_status(started, "lan", "in_progress")
    capsys.readouterr()
    assert run("assign", master, "--clear", "lan", "--clear", "minh") == 0
    out = capsys.readouterr().out
    with ProjectStore.open(master, readonly=True) as store:
        assert store.queue_counts() == {"lan": {"in_progress": 1}}  # started work stays
    assert out.count("cleared") == 2
    # re-planned with another overlap: every document to both, the started one kept
    assert run("assign", master, "--annotators", "lan,minh", "--per-doc", "2") == 0
    with ProjectStore.open(master, readonly=True) as store:
        counts = store.queue_counts()
        assert sum(counts["lan"].values()) == 5 and sum(counts["minh"].values()) == 4
    assert run("assign", master, "--annotators", "an", "--new-profiles") == 0
    assert run("assign", master, "--clear", "nobody") == 1
    assert "no profile 'nobody'" in capsys.readouterr().err
