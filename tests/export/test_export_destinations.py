"""`-o` means the same for every format (issue 14, item 3): a name with an
extension is a file, a name without one, a trailing `/` or an existing folder
is a folder (`data.<ext>`, or `train/dev/test.<ext>` with --split); formats
that always write several files, and --split, refuse a file name. A folder
holding only a previous TinTag export of the format is replaced as a whole;
any other folder keeps its other files."""
from __future__ import annotations

import json
import os
import sys

import pytest
from export_helpers import EXT, FOLDER_ONLY, FORMATS, folder_names, tree

from tintag.cli import main
from tintag.core.export.splits import split_of
from tintag.core.store import ProjectStore

SPLIT = "0.5,0.5"
SEED = "4"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def split_stems(project_file) -> set[str]:
    with ProjectStore.open(project_file, readonly=True) as store:
        return {split_of(d["uid"], (0.5, 0.5), int(SEED)) for d in store.iter_documents()}


def assert_readable(fmt: str, path) -> None:
    """The data file holds the export (not a stub): parseable, one item per record."""
    raw = path.read_bytes()
    assert raw, path
    if path.suffix == ".jsonl":
        assert all(json.loads(line) for line in raw.decode("utf-8").splitlines())
    elif fmt == "labelstudio":
        assert json.loads(raw)
    elif fmt == "conll":
        assert raw.startswith(b"# id = ")
    elif fmt == "csv":
        assert raw.startswith(b"\xef\xbb\xbfdocument_id,")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_output_shape_means_the_same_for_every_format(capsys, tmp_path, project_file, fmt):
    stems = split_stems(project_file)
    assert stems == {"train", "dev"}  # the seed puts documents in both halves
    ext = EXT[fmt]

    def export(case: str, output: str, *extra):
        where = tmp_path / case
        where.mkdir()
        code, out, err = run(capsys, "export", project_file, "--format", fmt, *extra, "-o", where / output
                             if not output.endswith("/") else f"{where / output}/")
        return where, code, out, err

    # -o out.ext: the file itself (Label Studio: its label_config.xml beside it); folder formats refuse
    where, code, out, err = export("file", "out" + ext)
    if fmt in FOLDER_ONLY:
        assert code == 1 and "writes a folder" in err and str(where / ("out" + ext)) in err, err
        assert tree(where) == {}
    else:
        assert code == 0, err
        assert set(tree(where)) == {"out" + ext} | ({"label_config.xml"} if fmt == "labelstudio" else set())
        assert_readable(fmt, where / ("out" + ext))
        assert out.strip().endswith(f"to {where / ('out' + ext)}")

    # -o out and -o out/: a folder with data.<ext>, the same for every format
    for case, output in (("bare", "out"), ("slash", "out/")):
        where, code, out, err = export(case, output)
        assert code == 0, err
        assert set(tree(where)) == {"out"} | {f"out/{n}" for n in folder_names(fmt, {"data"})}, case
        assert_readable(fmt, where / "out" / ("data" + ext))
        assert out.strip().endswith(f"to {where / 'out'}/")

    # --split: a folder of train/dev files, whichever way the folder is named; never a file name
    for case, output in (("split-bare", "out"), ("split-slash", "out/")):
        where, code, out, err = export(case, output, "--split", SPLIT, "--seed", SEED)
        assert code == 0, err
        assert set(tree(where)) == {"out"} | {f"out/{n}" for n in folder_names(fmt, stems)}, case
        for stem in stems:
            assert_readable(fmt, where / "out" / (stem + ext))
    where, code, _out, err = export("split-file", "out" + ext, "--split", SPLIT, "--seed", SEED)
    assert code == 1 and "writes a folder" in err and "Traceback" not in err, err
    assert tree(where) == {}


@pytest.mark.parametrize("fmt", ["jsonl", "labelstudio", "hf"])
def test_an_existing_folder_with_an_extension_in_its_name_is_a_folder(capsys, tmp_path, project_file, fmt):
    folder = tmp_path / "release-1.2"
    folder.mkdir()
    code, _out, err = run(capsys, "export", project_file, "--format", fmt, "-o", folder)
    assert code == 0, err
    assert set(tree(folder)) == folder_names(fmt, {"data"})


def test_a_name_without_extension_that_is_a_file_is_refused(capsys, tmp_path, project_file):
    taken = tmp_path / "notes"
    taken.write_bytes(b"my own notes")
    code, _out, err = run(capsys, "export", project_file, "-o", taken)
    assert code == 1 and f"{taken}: " in err and "folder" in err, err
    assert taken.read_bytes() == b"my own notes"
    code, _out, err = run(capsys, "export", project_file, "--format", "labelstudio", "-o", taken)
    assert code == 1 and taken.read_bytes() == b"my own notes"


def test_a_previous_export_folder_is_replaced_as_a_whole(capsys, tmp_path, project_file):
    """Re-exporting with fewer splits leaves no stale test.jsonl from the previous export."""
    out = tmp_path / "out"
    assert run(capsys, "export", project_file, "--split", "0.34,0.33,0.33", "-o", out)[0] == 0
    assert {p.name for p in out.iterdir()} == {"train.jsonl", "dev.jsonl", "test.jsonl"}
    code, _o, err = run(capsys, "export", project_file, "--split", SPLIT, "--seed", SEED, "-o", out)
    assert code == 0, err
    assert set(tree(out)) == {"train.jsonl", "dev.jsonl"}
    assert set(tree(tmp_path)) == {"p.tintag", "out", "out/train.jsonl", "out/dev.jsonl"}
    # the same with the format's extra files: a spaCy folder keeps exactly its DocBins
    spacy = tmp_path / "spacy"
    assert run(capsys, "export", project_file, "--format", "spacy", "--split", SPLIT, "--seed", SEED,
               "-o", spacy)[0] == 0
    assert run(capsys, "export", project_file, "--format", "spacy", "-o", spacy)[0] == 0
    assert set(tree(spacy)) == {"data.jsonl", "data.spacy"}


def test_a_folder_that_is_not_an_export_keeps_its_other_files(capsys, tmp_path, project_file, monkeypatch):
    """`-o ~/Documents`: the export's files are written into it (each atomically);
    nothing else there is removed, replaced or moved."""
    home = tmp_path / "Documents"
    (home / "thesis").mkdir(parents=True)
    (home / "thesis" / "draft.txt").write_text("chương 1", encoding="utf-8")
    (home / "todo.txt").write_text("mua sữa", encoding="utf-8")
    (home / "train.jsonl").write_text('{"mine": true}\n', encoding="utf-8")  # a name we write, among others
    (home / "test.jsonl").write_text('{"mine": "too"}\n', encoding="utf-8")
    before = tree(home)
    inode = os.stat(home).st_ino
    for fmt in FORMATS:
        code, _o, err = run(capsys, "export", project_file, "--format", fmt, "--split", SPLIT, "--seed", SEED,
                            "-o", home)
        assert code == 0, (fmt, err)
    after = tree(home)
    assert os.stat(home).st_ino == inode  # the folder itself was not swapped
    for name, content in before.items():
        if name != "train.jsonl":  # the export wrote train.jsonl, and only files it writes changed
            assert after[name] == content, name
    written = set(after) - set(before)
    assert written == set().union(*(folder_names(f, {"train", "dev"}) for f in FORMATS)) - set(before)
    assert after["train.jsonl"] != before["train.jsonl"]


def test_the_current_folder_is_never_swapped(capsys, tmp_path, project_file, monkeypatch):
    """`-o .` in a folder that looks like a previous export: written file by file,
    so the shell's working folder stays the same folder."""
    here = tmp_path / "work"
    here.mkdir()
    (here / "data.jsonl").write_text("{}\n", encoding="utf-8")
    inode = os.stat(here).st_ino
    monkeypatch.chdir(here)
    code, out, err = run(capsys, "export", project_file, "-o", ".")
    assert code == 0, err
    assert os.stat(here).st_ino == inode and os.path.samefile(os.getcwd(), here)
    assert set(tree(here)) == {"data.jsonl"} and len((here / "data.jsonl").read_text().splitlines()) > 1


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_the_folder_is_swapped_in_one_step_on_linux(capsys, tmp_path, project_file, monkeypatch):
    """With RENAME_EXCHANGE the old and new folders trade places: no moment without
    an export; where the system cannot, two renames do the same."""
    from tintag.core.export import atomic

    calls = []
    real = atomic.exchange

    def spying(a, b):
        swapped = real(a, b)
        calls.append((a, b, swapped))
        return swapped

    monkeypatch.setattr(atomic, "exchange", spying)
    out = tmp_path / "hf"
    assert run(capsys, "export", project_file, "--format", "hf", "-o", out)[0] == 0
    assert calls == []  # nothing to swap with the first time: a plain rename
    assert run(capsys, "export", project_file, "--format", "hf", "--split", SPLIT, "--seed", SEED, "-o", out)[0] == 0
    assert [(b, swapped) for _a, b, swapped in calls] == [(out, True)]
    assert set(tree(tmp_path)) == {"p.tintag", "hf"} | {f"hf/{n}" for n in folder_names("hf", {"train", "dev"})}

    monkeypatch.setattr(atomic, "exchange", lambda a, b: False)  # a file system without it
    assert run(capsys, "export", project_file, "--format", "hf", "-o", out)[0] == 0
    assert set(tree(tmp_path)) == {"p.tintag", "hf"} | {f"hf/{n}" for n in folder_names("hf", {"data"})}
