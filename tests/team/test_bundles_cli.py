"""`tintag bundle merge` says what it did per layer; `tintag bundle conflicts`
lists what a merge kept for review and settles it."""
from __future__ import annotations

import shutil

from team_helpers import TEXT, add_docs, span

from tintag.cli import main
from tintag.core import annotate
from tintag.core.store import ProjectStore


def run(*argv) -> int:
    return main(list(map(str, argv)))


def hanoi(store, doc):
    s, e = span(TEXT, "Hà Nội")
    return [x for x in store.entities(doc, "lan") if (x["start"], x["end"]) == (s, e)][0]


def test_merge_report_then_list_take_and_keep_conflicts(tmp_path, capsys):
    master = tmp_path / "master.tintag"
    with ProjectStore.create(master, actor="lead") as lead:
        (doc,) = add_docs(lead, [TEXT])
        lead.add_annotator("lan")
    shutil.copy(master, tmp_path / "lan.tintag")
    with ProjectStore.open(tmp_path / "lan.tintag", actor="lan") as lan:
        for surface, label in (("Hà Nội", "LOC"), ("Huế", "LOC"), ("Nguyễn Văn An", "PER")):
            annotate.apply(annotate.tag_span(lan, doc, "lan", *span(TEXT, surface), label, exact=True))
    assert run("bundle", "export", tmp_path / "lan.tintag", "--annotator", "lan", "-o", tmp_path / "v1.jsonl") == 0
    capsys.readouterr()
    assert run("bundle", "merge", master, tmp_path / "v1.jsonl") == 0
    assert capsys.readouterr().out == (
        "merged 1 bundle(s): 1 documents updated, 0 unchanged, 0 already merged before\n"
        "  'lan': 3 items added, 0 changed, 0 deleted, 0 left in conflict\n")

    with ProjectStore.open(master, actor="lead") as lead, \
            ProjectStore.open(tmp_path / "lan.tintag", actor="lan") as lan:
        annotate.apply(annotate.update(lead, "entity", hanoi(lead, doc)["uid"], label="ORG"))
        annotate.apply(annotate.update(lan, "entity", hanoi(lan, doc)["uid"], label="MISC"))
        lead.set_status(doc, "lan", "skipped")
        lan.set_status(doc, "lan", "done")
        uid = hanoi(lan, doc)["uid"]
    assert run("bundle", "export", tmp_path / "lan.tintag", "--annotator", "lan", "-o", tmp_path / "v2.jsonl") == 0
    capsys.readouterr()
    assert run("bundle", "merge", master, tmp_path / "v2.jsonl") == 0
    assert capsys.readouterr().out == (
        "merged 1 bundle(s): 0 documents updated, 1 unchanged, 0 already merged before\n"
        f"  'lan': 0 items added, 0 changed, 0 deleted, 2 left in conflict (see tintag bundle conflicts {master})\n")

    assert run("bundle", "conflicts", master) == 0
    assert capsys.readouterr().out == (
        "2 open conflict(s); the layer holds this project's version until the bundle's is taken\n"
        f"#1 'lan' document {_uid(master, doc)!r} entity {uid[:12]!r}: here ORG 'Hà Nội' | bundle MISC 'Hà Nội' "
        "— changed here and in the bundle ('v2.jsonl')\n"
        f"#2 'lan' document {_uid(master, doc)!r} status: here 'skipped' | bundle 'done' "
        "— status changed here and in the bundle ('v2.jsonl')\n")

    assert run("bundle", "conflicts", master, "--take-bundle", "1", "--keep-here", "2") == 0
    assert capsys.readouterr().out == (
        "settled 2 conflict(s): 1 took the bundle's version, 1 kept this project's\n"
        "0 open conflict(s); the layer holds this project's version until the bundle's is taken\n")
    with ProjectStore.open(master, readonly=True) as store:
        assert hanoi(store, doc)["label"] == "MISC" and store.assignment(doc, "lan")["status"] == "skipped"

    assert run("bundle", "conflicts", master, "--take-bundle", "1") == 1
    assert capsys.readouterr().err == f"tintag: error: {master}: no open bundle conflict '1' (open: none)\n"
    assert run("bundle", "conflicts", master, "--settled") == 0
    out = capsys.readouterr().out
    assert "[settled: theirs by 'cli']" in out and "[settled: ours by 'cli']" in out


def _uid(path, doc):
    with ProjectStore.open(path, readonly=True) as store:
        return store.document(doc)["uid"]
