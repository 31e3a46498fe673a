"""`tintag suggest` workers die with their parent: killed (SIGKILL) or asked
to stop (SIGTERM), no worker process is left behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from long_documents import long_text, write_jsonl

from tintag.core.importers import import_files
from tintag.core.store import ProjectStore

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")

# safety nets only (a worker that never goes must not hang the suite); not speed assertions
APPEAR_SECONDS = 120
GONE_SECONDS = 60


def children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (zombies count as gone)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = _stat(int(entry.name))
            if state and state[1] == pid and state[0] != "Z":
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    state = _stat(pid)
    return state is not None and state[0] != "Z"


def _stat(pid: int) -> tuple[str, int] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()  # the name in (…) may hold spaces
    return fields[0], int(fields[1])


def is_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.fixture
def busy_project(tmp_path):
    """Work for a few seconds per worker: long documents and the seeds."""
    path = tmp_path / "p.tintag"
    with ProjectStore.create(path) as store:
        import_files(store, [write_jsonl(tmp_path / "long.jsonl",
                                         [long_text(120_000, start=k * 7) for k in range(3)])])
        import_files(store, sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")))
    return path


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_go_when_the_parent_goes(busy_project, sig):
    parent = subprocess.Popen([sys.executable, "-m", "tintag", "suggest", str(busy_project), "--workers", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[int] = []
    try:
        deadline = time.monotonic() + APPEAR_SECONDS
        while len([p for p in seen if is_worker(p)]) < 2:
            assert parent.poll() is None, parent.communicate()
            assert time.monotonic() < deadline, "the workers never started"
            seen = children(parent.pid)
            time.sleep(0.05)
        seen = children(parent.pid)  # the workers and multiprocessing's resource tracker
        parent.send_signal(sig)
        deadline = time.monotonic() + GONE_SECONDS
        while any(alive(p) for p in seen) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [p for p in seen if alive(p)]
        assert left == [], f"{len(left)} of {len(seen)} child processes outlived tintag suggest ({sig.name})"
        parent.wait(timeout=GONE_SECONDS)
        if sig == signal.SIGTERM:
            _, err = parent.communicate()
            assert parent.returncode == 128 + signal.SIGTERM
            assert "tintag: stopped (SIGTERM); finished work is saved" in err and "Traceback" not in err
    finally:
        for pid in [parent.pid] + seen:  # only what this test started, by id
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.wait()
