"""Crash safety (DESIGN §7, issue 7): killing TinTag at any moment loses
nothing that was shown as saved, and the file stays sound.

A worker process (edit_worker.py) opens a project the way the window does and
applies a seeded stream of edits through tintag.core.annotate — tag, quote,
stance, update, delete, status, accept, reject, undo — reporting each edit
after its function returned. The test SIGKILLs it after a random delay
(seeded: 5–300 ms after it is ready, or 0–30 ms into opening, when WAL
recovery and the backup-on-open run), then checks the file:

- ``PRAGMA integrity_check`` is ``ok``;
- the worker's layer is exactly what its reported edits made of it — every
  reported addition and change is there, every reported deletion is gone —
  or that plus the one edit that was in flight when the kill came (it may
  have committed before it could be reported);
- every backup listed beside the project is a whole, sound project.

The next worker then starts on the very file the kill left behind, so runs
build on each other. Two lanes (two files) run side by side to keep the
default 50 kills quick; ``TINTAG_SOAK=1`` makes it 500.
"""
from __future__ import annotations

import random
import signal
import sqlite3
import threading
import time

from conftest import SOAK, WorkerRun, make_project
from edit_worker import EMPTY_STATE, apply_effects, parse_report, read_state

from tintag.core.backup import list_backups
from tintag.core.store import ProjectStore
from tintag.core.store.schema import APPLICATION_ID

KILLS = 500 if SOAK else 50
LANES = 2
LAYER = "crash"
SEED = 20240607


def _diff(expected: dict, actual: dict) -> str:
    lines = []
    for part in ("items", "status", "decisions"):
        e, a = expected[part], actual[part]
        for key in sorted(set(e) | set(a)):
            if e.get(key) != a.get(key):
                lines.append(f"{part}[{key}]: reported {e.get(key)!r}, in the file {a.get(key)!r}")
    return "\n".join(lines[:20])


def _kill_runs(path, lane: int, kills: int, figures: dict) -> None:
    rnd = random.Random(SEED + lane)
    with ProjectStore.open(path, readonly=True) as store:
        state = read_state(store.conn, LAYER)
    assert state == EMPTY_STATE
    for run_no in range(kills):
        early = run_no % 5 == 4  # kill during open (WAL recovery) and the backup taken on open
        worker = WorkerRun(path, LAYER, seed=SEED * 1000 + lane * 10000 + run_no, backup=run_no % 3 == 2)
        if early:
            started = worker.wait_for_line("opening")
            delay = rnd.uniform(0.0, 0.03)
        else:
            started = worker.wait_for_line("ready")
            delay = rnd.uniform(0.005, 0.3)
        assert started, f"lane {lane} run {run_no}: the worker failed to start:\n{worker.stderr}"
        time.sleep(delay)
        code = worker.kill()
        assert code == -signal.SIGKILL, (
            f"lane {lane} run {run_no}: the worker ended by itself ({code}) before the kill:\n{worker.stderr}")

        committed, pending = parse_report(worker.stdout)
        expected = state
        for effects in committed:
            expected = apply_effects(expected, effects)
        with ProjectStore.open(path, readonly=True) as store:
            assert store.integrity_check() == "ok", f"lane {lane} run {run_no}: damaged after the kill"
            actual = read_state(store.conn, LAYER)
        if actual != expected:
            assert pending is not None and actual == apply_effects(expected, pending), (
                f"lane {lane} run {run_no} (killed {delay * 1000:.0f} ms after "
                f"{'opening' if early else 'ready'}): reported edits missing or changed:\n"
                + _diff(expected, actual))
            figures["in_flight_committed"] += 1
        state = actual
        figures["kills"] += 1
        figures["edits"] += len(committed)
        figures["runs_with_edits"] += bool(committed)

        for backup in list_backups(path):  # a backup is whole or absent, whenever the kill came
            conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
            try:
                assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok", backup
                assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID, backup
            finally:
                conn.close()
            figures["backups_checked"] += 1
    figures["items_at_end"] += len(state["items"])


def test_sigkill_at_random_moments_loses_no_reported_edit(tmp_path):
    paths = [make_project(tmp_path / f"crash{lane}.tintag", layers=(LAYER,)) for lane in range(LANES)]
    figures = {k: 0 for k in ("kills", "edits", "runs_with_edits", "in_flight_committed",
                              "backups_checked", "items_at_end")}
    failures: list[BaseException] = []
    lock = threading.Lock()

    def lane_main(lane: int) -> None:
        mine = {k: 0 for k in figures}
        try:
            _kill_runs(paths[lane], lane, KILLS // LANES + (lane < KILLS % LANES), mine)
        except BaseException as err:  # reported by the test thread below
            failures.append(err)
        with lock:
            for k, v in mine.items():
                figures[k] += v

    threads = [threading.Thread(target=lane_main, args=(lane,)) for lane in range(LANES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    print(f"\ncrash safety: {figures}")
    assert figures["kills"] == KILLS
    # the kills really landed among edits, not only before the first one
    assert figures["runs_with_edits"] >= KILLS // 2
    assert figures["edits"] >= KILLS * 5
