"""The command line is as safe as the window (issue 14, item 2).

Found by a tester: ``tintag export p.tintag -o p.tintag`` (and ``bundle export
… -o p.tintag``) destroyed the project, then suggested ``tintag restore``,
which had no backup. Outputs that are the project (by any name), its
-wal/-shm, its backups folder or any SQLite file are refused, and every
command that writes takes the rolling backup first.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tintag.cli import main
from tintag.core.backup import list_backups
from tintag.core.store import ProjectStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(capsys, tmp_path):
    path = tmp_path / "p.tintag"
    assert run(capsys, "new", path)[0] == 0
    assert run(capsys, "import", path, SEEDS)[0] == 0
    assert run(capsys, "team", path, "--add", "lan")[0] == 0
    return path


def _outputs_onto(path: Path, tmp_path: Path) -> dict[str, Path]:
    link = tmp_path / "link.tintag"
    os.link(path, link)
    sym = tmp_path / "sym.jsonl"
    sym.symlink_to(path)
    other = tmp_path / "other.tintag"
    ProjectStore.create(other).close()
    return {"itself": path, "hard link": link, "symlink": sym, "wal": Path(f"{path}-wal"),
            "shm": Path(f"{path}-shm"), "backups": path.with_name(path.name + ".backups") / "x.jsonl",
            "another project": other, "relative": Path(os.path.relpath(path))}


@pytest.mark.parametrize("command", ["export", "export-split", "bundle"])
def test_no_output_onto_a_project_or_its_files(capsys, project, tmp_path, command):
    for what, out in _outputs_onto(project, tmp_path).items():
        before = _sha(project)
        if command == "export":
            argv = ["export", project, "--format", "jsonl", "-o", out]
        elif command == "export-split":
            argv = ["export", project, "--format", "conll", "--split", "0.5,0.5", "-o", out]
        else:
            argv = ["bundle", "export", project, "--annotator", "lan", "-o", out]
        code, out_text, err = run(capsys, *argv)
        assert code == 1, (what, out_text, err)
        assert err.startswith("tintag: error: ") and err.count("\n") == 1, (what, err)
        assert "choose another output name" in err, (what, err)
        assert _sha(project) == before, what
        with ProjectStore.open(project, readonly=True) as store:
            assert store.integrity_check() == "ok" and store.document_count() == 5


def test_every_writing_command_takes_a_backup_first(capsys, project, tmp_path):
    from tintag.core.backup import backup_reason

    reasons = []
    steps = [
        ("import", ["import", project, SEEDS / "000_40e56f67e38e45fa.txt", tmp_path / "new.jsonl"]),
        ("team", ["team", project, "--add", "minh"]),
        ("assign", ["assign", project, "--annotators", "lan,minh"]),
    ]
    (tmp_path / "new.jsonl").write_text('{"text": "Một bài báo mới về Hà Nội."}\n', encoding="utf-8")
    for reason, argv in steps:
        before = list_backups(project)
        code, _, err = run(capsys, *argv)
        assert code == 0, err
        (made,) = [p for p in list_backups(project) if p not in before]
        assert backup_reason(made) == f"before-{reason}"
        reasons.append(reason)
        with ProjectStore.open(made, readonly=True) as copy, ProjectStore.open(project, readonly=True) as now:
            assert copy.integrity_check() == "ok"
            assert len(copy.events(limit=10**6)) < len(now.events(limit=10**6))  # the state before
    # a read-only command takes none; a command refused before writing leaves none behind
    before = list_backups(project)
    assert run(capsys, "stats", project)[0] == 0
    assert run(capsys, "team", project)[0] == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    assert run(capsys, "import", project, bad)[0] == 1
    assert list_backups(project) == before


def test_a_bundle_merge_takes_a_backup_first(capsys, project, tmp_path):
    from tintag.core.backup import backup_reason

    copy = tmp_path / "lan-copy.tintag"
    assert run(capsys, "backup", project)[0] == 0
    copy.write_bytes(list_backups(project)[0].read_bytes())
    with ProjectStore.open(copy, actor="lan") as store:
        store.add_item("entity", store.document_ids()[0], "lan", start=0, end=3, label="PER")
    bundle = tmp_path / "lan.jsonl"
    assert run(capsys, "bundle", "export", copy, "--annotator", "lan", "-o", bundle)[0] == 0
    assert run(capsys, "team", project, "--add", "minh")[0] == 0  # the master moved on meanwhile
    before = list_backups(project)
    code, _, err = run(capsys, "bundle", "merge", project, bundle)
    assert code == 0, err
    (made,) = [p for p in list_backups(project) if p not in before]
    assert backup_reason(made) == "before-merge"


def test_a_folder_export_never_replaces_a_database_named_like_its_files(capsys, project, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    ProjectStore.create(folder / "data.jsonl").close()  # a project someone named oddly
    before = _sha(folder / "data.jsonl")
    code, _, err = run(capsys, "export", project, "-o", folder)
    assert code == 1 and "choose another output name" in err
    assert _sha(folder / "data.jsonl") == before
