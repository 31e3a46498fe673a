"""Exports are written under a temporary name and renamed into place when
complete (issue 14, item 3): a killed, failed or cancelled export leaves the
previous good export byte for byte and no partial file under the final name."""
from __future__ import annotations

import builtins
import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from export_helpers import EXT, FOLDER_ONLY, FORMATS, make_project, tree

from tintag.cli import main
from tintag.core.export import EXPORTERS, native
from tintag.core.export.options import ExportOptions
from tintag.core.store import ProjectStore

REPO = Path(__file__).resolve().parents[2]
PARTIAL = ".tintag-partial-"
GROWN = 32 * 1024  # bytes a running export has written when we kill it


def output_for(fmt: str, split: bool, exports: Path) -> Path:
    """The -o of a case: a file for single-file formats, else a folder."""
    if split or fmt in FOLDER_ONLY:
        return exports / "out"
    return exports / ("out" + EXT[fmt])


def options(split: bool) -> ExportOptions:
    return ExportOptions(split=(0.5, 0.5) if split else None, seed=4)


def previous_export(project_file: Path, fmt: str, out: Path, split: bool) -> dict:
    """A good export under the final name; returns the snapshot of its folder."""
    with ProjectStore.open(project_file, readonly=True) as store:
        assert EXPORTERS[fmt](store, out, options(split)) > 0
    return tree(out.parent)


# ---------------------------------------------------------------- SIGKILL
def wait_until_writing(proc: subprocess.Popen, root: Path, before: dict) -> None:
    """Until some file under root (hidden ones too) is new or changed and has
    grown past GROWN bytes: the export is mid-way."""
    while True:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                full = os.path.join(folder, name)
                try:
                    with open(full, "rb") as fh:
                        head = fh.read(GROWN + 1)
                except FileNotFoundError:
                    continue
                if len(head) > GROWN and not before.get(os.path.relpath(full, root), b"").startswith(head):
                    return
        assert proc.poll() is None, "the export finished before it could be killed: give it more documents"
        time.sleep(0.002)


@pytest.fixture(scope="module")
def slow_project(tmp_path_factory):
    """Enough articles that a word-segmenting export runs for seconds."""
    return make_project(tmp_path_factory.mktemp("slow") / "slow.tintag", 400, lead="Tin nhanh")


@pytest.mark.parametrize("fmt, split", [("conll", False), ("hf", True)], ids=["single-file", "split-folder"])
def test_a_killed_export_leaves_the_previous_export_intact(tmp_path, project_file, slow_project, fmt, split):
    exports = tmp_path / "exports"
    exports.mkdir()
    out = output_for(fmt, split, exports)
    before = previous_export(project_file, fmt, out, split)
    argv = [sys.executable, "-m", "tintag", "export", str(slow_project), "--format", fmt, "-o", str(out)]
    if split:
        argv += ["--split", "0.5,0.5", "--seed", "4"]
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until_writing(proc, exports, before)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    after = tree(exports)
    visible = {k: v for k, v in after.items() if not any(p.startswith(PARTIAL) for p in Path(k).parts)}
    assert visible == before  # byte for byte, and no truncated file under a final name
    assert set(after) != set(before)  # what was written went to a temporary name …
    assert all(k in before or Path(k).parts[0].startswith(PARTIAL) for k in after)  # … beside the output

    # the leftover is not an export, and the next export of that output cleans it up once it is old
    stale = [exports / k for k in after if Path(k).parts[0].startswith(PARTIAL) and len(Path(k).parts) == 1]
    hour_ago = time.time() - 3700
    for path in stale:
        for inner in [path, *path.rglob("*")]:
            os.utime(inner, (hour_ago, hour_ago))
    previous_export(project_file, fmt, out, split)
    assert set(tree(exports)) == set(before)


# ------------------------------------------------- exceptions, Ctrl-C, full disk
class Failure(Exception):
    pass


def records_failing_after(n: int, error: BaseException, monkeypatch) -> None:
    """The native record generator (every format reads it) raises after n records."""
    real = native.records

    def failing(*args, **kwargs):
        for i, record in enumerate(real(*args, **kwargs)):
            if i == n:
                raise error
            yield record

    monkeypatch.setattr(native, "records", failing)


def disk_full_after(n_bytes: int, under: Path, monkeypatch) -> None:
    """Files opened for writing under ``under`` raise ENOSPC once n_bytes are written."""
    real_open = builtins.open

    class Full:
        def __init__(self, fh):
            self.fh, self.written = fh, 0

        def write(self, text):
            self.written += len(text)
            if self.written > n_bytes:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self.fh.write(text)

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    def opening(file, mode="r", *args, **kwargs):
        fh = real_open(file, mode, *args, **kwargs)
        if set(mode) & set("wxa") and str(Path(file).resolve()).startswith(str(under.resolve())):
            return Full(fh)
        return fh

    monkeypatch.setattr(builtins, "open", opening)


@pytest.mark.parametrize("split", [False, True], ids=["one", "split"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("failure", ["exception", "ctrl-c", "disk-full"])
def test_a_failed_export_leaves_the_previous_export_and_no_temporary(tmp_path, project_file, monkeypatch,
                                                                     fmt, split, failure):
    exports = tmp_path / "exports"
    exports.mkdir()
    out = output_for(fmt, split, exports)
    before = previous_export(project_file, fmt, out, split)
    if failure == "disk-full":
        disk_full_after(300, exports, monkeypatch)
        raised = OSError
    else:
        raised = Failure if failure == "exception" else KeyboardInterrupt
        records_failing_after(3, raised(), monkeypatch)
    with ProjectStore.open(project_file, readonly=True) as store, pytest.raises(raised) as caught:
        EXPORTERS[fmt](store, out, options(split))
    monkeypatch.undo()
    assert tree(exports) == before  # nothing new, nothing changed, no temporary left
    if failure == "disk-full":
        assert caught.value.errno == errno.ENOSPC
        assert PARTIAL not in str(caught.value.filename) and str(out) in str(caught.value.filename)


@pytest.mark.parametrize("fmt, split", [("jsonl", False), ("hf", True)])
def test_a_full_disk_is_one_line_naming_the_output(capsys, tmp_path, project_file, monkeypatch, fmt, split):
    exports = tmp_path / "exports"
    exports.mkdir()
    out = output_for(fmt, split, exports)
    before = previous_export(project_file, fmt, out, split)
    disk_full_after(300, exports, monkeypatch)
    code = main(["export", str(project_file), "--format", fmt, "-o", str(out)]
                + (["--split", "0.5,0.5", "--seed", "4"] if split else []))
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"tintag: error: {out}") and err.strip().endswith(": No space left on device"), err
    assert PARTIAL not in err and len(err.splitlines()) == 1
    assert tree(exports) == before


# ---------------------------------------------------------------- leftovers
def test_only_stale_temporaries_are_cleaned_up(tmp_path, project_file):
    """Temporaries older than an hour go; a fresh one (an export running now) and
    anything not named like ours stay."""
    exports = tmp_path / "exports"
    exports.mkdir()
    old_file = exports / f"{PARTIAL}dead-out.jsonl"
    old_folder = exports / f"{PARTIAL}dead-out"
    fresh = exports / f"{PARTIAL}live-out.jsonl"
    lookalike = exports / "tintag-partial-mine.txt"
    for path in (old_file, fresh, lookalike):
        path.write_text("{}\n", encoding="utf-8")
    old_folder.mkdir()
    (old_folder / "train.jsonl").write_text("{}\n", encoding="utf-8")
    hour_ago = time.time() - 3700
    for path in (old_file, old_folder / "train.jsonl", old_folder, lookalike):
        os.utime(path, (hour_ago, hour_ago))
    with ProjectStore.open(project_file, readonly=True) as store:
        EXPORTERS["jsonl"](store, exports / "out.jsonl")
    assert set(tree(exports)) == {"out.jsonl", fresh.name, lookalike.name}
