"""Shared pieces of the reliability tests (issue 7): projects to torture,
worker subprocesses, real `tintag` runs, and "was this file touched?" checks.

``TINTAG_SOAK=1`` (``make soak``) turns the bounded loops up: 500 kills
instead of 50, ten times the edits of the two-writer run.
"""
from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tintag.core.importers import import_files
from tintag.core.store import ProjectStore

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SEEDS = REPO / "seeds"
WORKER = HERE / "edit_worker.py"
SOAK = os.environ.get("TINTAG_SOAK") == "1"
TINTAG = Path(sys.executable).with_name("tintag")


def tintag_command() -> list[str]:
    """The installed `tintag` script of this venv (what an annotator runs)."""
    return [str(TINTAG)] if TINTAG.exists() else [sys.executable, "-m", "tintag"]


def run_tintag(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*tintag_command(), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, stdin=subprocess.DEVNULL)


def make_project(path: Path, layers: tuple[str, ...] = (), suggestions: bool = True,
                 documents: int = 5) -> Path:
    """A project with seed articles, annotator profiles for ``layers`` and, if
    asked, open entity suggestions (a fake producer) to accept and reject."""
    seeds = sorted(SEEDS.glob("*.txt"))[:documents]
    with ProjectStore.create(path, actor="lead") as store:
        summary = import_files(store, seeds)
        assert summary.errors == []
        for layer in layers:
            store.add_annotator(layer)
        if suggestions:
            rnd = random.Random(7)
            for doc_id in store.document_ids():
                doc = store.document(doc_id)
                items = []
                for m in re.finditer(r"\b[A-ZĐ]\w+(?: [A-ZĐ]\w+)*", doc["text"]):
                    label = rnd.choice(("PER", "LOC", "ORG", "MISC"))
                    items.append({"kind": "entity", "key": f"e:{m.start()}:{m.end()}",
                                  "payload": {"start": m.start(), "end": m.end(), "label": label,
                                              "text": m.group()},
                                  "score": 0.5})
                store.replace_suggestions(doc_id, "reliability-test", "1", doc["text_sha256"], items[:40])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def quiet_project(path: Path, layers: tuple[str, ...], documents: int = 2) -> Path:
    """A small project whose every producer's suggestions are current (empty),
    so a window opened on it starts no background run."""
    from tintag.core.suggest import registry

    make_project(path, layers=layers, suggestions=False, documents=documents)
    with ProjectStore.open(path, actor="lead") as store:
        for doc in store.iter_documents():
            for producer in registry.project_producers(store):
                store.replace_suggestions(doc["id"], producer.name, producer.version, doc["text_sha256"], [])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def seeded_project(tmp_path):
    """Factory: ``seeded_project(name, layers=…)`` → path of a fresh project."""
    def make(name: str = "project.tintag", **kwargs) -> Path:
        return make_project(tmp_path / name, **kwargs)
    return make


# ----------------------------------------------------------- worker runs
class WorkerRun:
    """An edit_worker.py subprocess whose stdout is collected by a thread
    (the pipe never fills, whatever the test is doing)."""

    def __init__(self, project: Path, layer: str, seed: int, edits: int = 0,
                 backup: bool = False, peer: str | None = None):
        cmd = [sys.executable, str(WORKER), str(project), "--layer", layer, "--seed", str(seed)]
        if edits:
            cmd += ["--edits", str(edits)]
        if backup:
            cmd.append("--backup")
        if peer:
            cmd += ["--peer", peer]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        self.chunks: list[str] = []
        self.lines_seen = threading.Condition()
        self.stderr = ""
        self._out = threading.Thread(target=self._read_stdout, daemon=True)
        self._err = threading.Thread(target=self._read_stderr, daemon=True)
        self._out.start()
        self._err.start()

    def _read_stdout(self) -> None:
        while True:
            chunk = self.proc.stdout.readline()  # a cut-off last line comes without \n
            with self.lines_seen:
                if chunk:
                    self.chunks.append(chunk)
                self.lines_seen.notify_all()
            if not chunk:
                return

    def _read_stderr(self) -> None:
        self.stderr = self.proc.stderr.read()

    @property
    def stdout(self) -> str:
        with self.lines_seen:
            return "".join(self.chunks)

    def wait_for_line(self, word: str) -> bool:
        """Block until a line ``word`` (or ``word …``) arrives; False if the process ended first."""
        with self.lines_seen:
            while True:
                if any(c == f"{word}\n" or c.startswith(f"{word} ") for c in self.chunks):
                    return True
                if self.proc.poll() is not None and not self._out.is_alive():
                    return False
                self.lines_seen.wait(0.05)

    def kill(self) -> int:
        self.proc.kill()  # SIGKILL: no cleanup, no atexit, no flush
        return self.finish()

    def tell(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def finish(self) -> int:
        code = self.proc.wait()
        self._out.join()
        self._err.join()
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                pipe.close()
            except OSError:
                pass
        return code


# ------------------------------------------------------ "left untouched"
def fingerprint(path: Path) -> dict:
    """The file's bytes and mtime, and which siblings (-wal, -shm, .backups) exist."""
    path = Path(path)
    state = {"siblings": sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)
                                and p.name != path.name)}
    if path.exists() and path.is_file():
        st = path.stat()
        state.update(sha=hashlib.sha256(path.read_bytes()).hexdigest(), mtime=st.st_mtime_ns,
                     mode=st.st_mode)
    return state
