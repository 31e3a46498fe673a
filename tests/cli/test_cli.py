"""The tintag command line: exit codes and one-line messages, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tintag.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_import_stats_export(capsys, tmp_path):
    project = tmp_path / "p.tintag"
    assert run(capsys, "new", project)[0] == 0
    code, out, err = run(capsys, "import", project, SEEDS)
    assert code == 0 and "total: 5 imported, 0 duplicates skipped, 0 files refused" in out
    code, out, _ = run(capsys, "import", project, SEEDS)
    assert code == 0 and "total: 0 imported, 5 duplicates skipped" in out
    code, out, _ = run(capsys, "stats", project, "--json")
    assert code == 0 and json.loads(out)["documents"] == 5
    code, out, _ = run(capsys, "stats", project)
    assert "documents" in out and "5" in out
    dest = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "export", project, "--format", "jsonl", "-o", dest)
    assert code == 0 and "wrote 5 records" in out
    assert len(dest.read_text(encoding="utf-8").splitlines()) == 5


def test_bad_input_exit_codes(capsys, tmp_path):
    project = tmp_path / "p.tintag"
    run(capsys, "new", project)
    code, _, err = run(capsys, "new", project)
    assert code == 1 and err.strip() == f"tintag: error: {project}: already exists; open it instead of creating it"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "tốt"}\n{"text": \n', encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "vẫn được nhập"}\n', encoding="utf-8")
    code, out, err = run(capsys, "import", project, bad, good)
    assert code == 1
    assert err.strip().splitlines() == [f"tintag: error: {bad}:2: invalid JSON (Expecting value, column 10) "
                                        "(nothing from that file was imported)"]
    assert "total: 1 imported" in out
    code, _, err = run(capsys, "stats", tmp_path / "missing.tintag")
    assert code == 1 and "no such project file" in err and "Traceback" not in err
    code, _, err = run(capsys, "export", project, "--layer", "nobody", "-o", tmp_path / "x.jsonl")
    assert code == 1 and "no layer named 'nobody'" in err
    code, _, err = run(capsys, "import", project, tmp_path / "nothing.csv")
    assert code == 1 and "nothing.csv: no such file" in err
    code, _, err = run(capsys, "export", project, "-o", tmp_path / "no" / "dir.jsonl")
    assert code == 1 and "does not exist" in err


def test_no_command_prints_help(capsys):
    code, out, _ = run(capsys)
    assert code == 2 and "usage: tintag" in out


def test_real_process_on_non_project(tmp_path):
    fake = tmp_path / "fake.tintag"
    fake.write_text("not sqlite", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tintag", "stats", str(fake)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == f"tintag: error: {fake}: not a TinTag project (not an SQLite database)"
    assert fake.read_text(encoding="utf-8") == "not sqlite"


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    """`tintag team news.tintag | head -1`: no "Broken pipe" error, no traceback."""
    import subprocess
    import sys

    from tintag.core.store import ProjectStore

    path = tmp_path / "news.tintag"
    with ProjectStore.create(path, actor="lead") as store:
        with store.write():
            for i in range(3000):  # a listing far larger than a pipe's buffer
                store.add_annotator(f"người-gán-nhãn-{i:04d}")
    proc = subprocess.Popen([sys.executable, "-m", "tintag", "team", str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"blind mode:")
    proc.stdout.close()  # as `head -1` does
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait() == 141 and err == "", err
