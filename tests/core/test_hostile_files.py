"""Files that are not what their name says: FIFOs, devices behind a symlink,
symlinks leading out of an imported folder. Imports read regular files only,
never more than their limit, and refuse the rest by name."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tintag.core.importers import ImportFailure, import_files
from tintag.core.store import ProjectStore

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev need a POSIX system")

TEXT = "Ông Nguyễn Văn An đến Hà Nội hôm qua.\n"
# only a safety net so a regression cannot hang the suite; not a speed assertion
HANG_GUARD_SECONDS = 120
MEMORY_CAP = 4 << 30


def _memory_cap():
    """A reader of /dev/zero would fill the machine's memory: in the child, fail at 4 GB instead."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def tintag(*argv, cwd=None):
    """Run the real command in its own process: a FIFO that blocks open()
    would block it forever, so the test can end it and say what happened."""
    try:
        return subprocess.run([sys.executable, "-m", "tintag", *map(str, argv)], capture_output=True,
                              text=True, timeout=HANG_GUARD_SECONDS, cwd=cwd, preexec_fn=_memory_cap)
    except subprocess.TimeoutExpired:
        pytest.fail(f"tintag {' '.join(map(str, argv))} hung on a FIFO (killed after {HANG_GUARD_SECONDS} s)")


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "p.tintag"
    ProjectStore.create(path).close()
    return path


def documents(path) -> int:
    with ProjectStore.open(path, readonly=True) as store:
        return store.document_count()


@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl", "pipe.csv"])
def test_importing_a_fifo_ends_with_a_clear_error(project_path, tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    done = tintag("import", project_path, fifo)
    assert done.returncode == 1, done.stderr
    assert f"tintag: error: {fifo}: a FIFO (named pipe), not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("argv", [("import", "{p}", "{f}", "--format", "doccano", "--layer", "lan"),
                                  ("bundle", "merge", "{p}", "{f}")], ids=["annotations", "bundle"])
def test_annotation_import_and_bundle_merge_refuse_a_fifo(project_path, tmp_path, argv):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    done = tintag(*(a.format(p=project_path, f=fifo) for a in argv))
    assert done.returncode == 1, done.stderr
    assert f"{fifo}: a FIFO (named pipe), not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("device", ["/dev/urandom", "/dev/zero"])
def test_a_txt_symlink_to_a_device_is_refused_unread(project_path, tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "article.txt"
    link.symlink_to(device)
    done = tintag("import", project_path, link)
    assert done.returncode == 1, done.stderr
    assert f"tintag: error: {link}: {device} is a character device, not a regular file" in done.stderr
    assert "Traceback" not in done.stderr and documents(project_path) == 0


def test_annotation_import_refuses_a_device(project_path, tmp_path):
    link = tmp_path / "tasks.json"
    link.symlink_to("/dev/zero")
    done = tintag("import", project_path, link, "--format", "labelstudio", "--layer", "lan")
    assert done.returncode == 1, done.stderr
    assert f"{link}: /dev/zero is a character device, not a regular file" in done.stderr


def test_a_symlink_to_a_regular_file_is_followed(project, tmp_path):
    real = tmp_path / "elsewhere" / "real.txt"
    real.parent.mkdir()
    real.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "named.txt"
    link.symlink_to(real)
    summary = import_files(project, [link])  # named on the command line: the user chose it
    assert (summary.inserted, summary.errors) == (1, [])


def test_folder_import_does_not_follow_a_symlink_out_of_the_folder(project, tmp_path):
    secret = tmp_path / "private" / "diary.txt"
    secret.parent.mkdir()
    secret.write_text("Nhật ký riêng, không được nhập.", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "escape.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # stays in the folder: followed
    summary = import_files(project, [folder])
    assert summary.inserted == 1 and summary.duplicates == 1
    assert summary.errors == [f"{folder / 'escape.txt'}: a symbolic link to {secret}, outside the folder "
                              f"{folder}; not followed"]
    assert all("Nhật ký" not in d["text"] for d in project.iter_documents())


def test_folder_import_refuses_a_fifo_by_name_and_imports_the_rest(project_path, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    done = tintag("import", project_path, folder)
    assert done.returncode == 1, done.stderr
    assert f"tintag: error: {folder / 'b.txt'}: a FIFO (named pipe), not a regular file" in done.stderr
    assert "total: 1 imported, 0 duplicates skipped, 1 files refused" in done.stdout
    assert documents(project_path) == 1


def test_a_file_read_whole_is_bounded_by_bytes_read_not_by_its_size(project, tmp_path, monkeypatch):
    """st_size can lie (files in /proc read as 0 bytes): the limit counts what is read."""
    from tintag.core.importers import common

    path = tmp_path / "big.txt"
    path.write_text("Hà Nội\n" * 200, encoding="utf-8")  # 10 bytes a line
    monkeypatch.setattr(common, "MAX_TEXT_CHARS", 20)  # 4 × 20 + 1024 = 1,104 bytes allowed
    monkeypatch.setattr(os, "stat", _reporting_empty(os.stat))
    monkeypatch.setattr(os, "fstat", _reporting_empty(os.fstat))
    (result,) = import_files(project, [path]).files
    # byte 1,105 is on line 111
    assert result.error == (f"{path}:111: larger than a document can be (more than 1,104 bytes; "
                            "a document is at most 20 characters)")


def test_the_bound_is_exact(tmp_path):
    from tintag.core.importers.safe_open import open_regular

    path = tmp_path / "ten.txt"
    path.write_bytes("Hà Nội\n".encode() * 2)
    with open_regular(path, limit=10) as fh:
        assert fh.read(10) == "Hà Nội\n".encode()  # exactly the limit: fine
        with pytest.raises(ImportFailure, match=r"ten.txt:2: file larger than 10 bytes$"):
            fh.read(1)
    with open_regular(path, limit=20) as fh:
        assert fh.read() == "Hà Nội\n".encode() * 2


def _reporting_empty(real):
    """os.stat / os.fstat reporting every regular file as empty, as /proc does."""
    def stat(*args, **kwargs):
        st = real(*args, **kwargs)
        if not (st.st_mode & 0o170000 == 0o100000):
            return st
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                               0, int(st.st_atime), int(st.st_mtime), int(st.st_ctime)))
    return stat
