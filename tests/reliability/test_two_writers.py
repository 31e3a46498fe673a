"""Two writers (DESIGN §7, issue 7): two processes edit one project at the
same moment; they wait for each other instead of failing.

Each process is an edit_worker.py annotator (its own layer, the same
documents and suggestions) applying a bounded stream of edits through
tintag.core.annotate as fast as it can, so nearly every write meets the
other's lock. Then: both exit 0 with nothing on stderr (no "database is
locked" reaches anyone), every edit each reported is in the file and nothing
else changed its layer, the file is sound, and each process — on the
connection it edited with — sees exactly the other's final layer.
"""
from __future__ import annotations

import json
import threading

from conftest import SOAK, WorkerRun, make_project
from edit_worker import EMPTY_STATE, apply_effects, parse_report, read_state

from tintag.core.store import SCHEMA_VERSION, ProjectStore

EDITS = 3000 if SOAK else 300


def _final_state(worker: WorkerRun) -> dict:
    committed, pending = parse_report(worker.stdout)
    assert pending is None, "a finished worker left an edit unreported"
    state = EMPTY_STATE
    for effects in committed:
        state = apply_effects(state, effects)
    return state


def _line(worker: WorkerRun, word: str) -> dict:
    (line,) = [x for x in worker.stdout.splitlines() if x.startswith(word + " ")]
    return json.loads(line[len(word) + 1:])


def test_two_processes_edit_one_project_at_once(tmp_path):
    path = make_project(tmp_path / "shared.tintag", layers=("lan", "minh"))
    lan = WorkerRun(path, "lan", seed=11, edits=EDITS, peer="minh")
    minh = WorkerRun(path, "minh", seed=12, edits=EDITS, peer="lan")
    for worker in (lan, minh):
        assert worker.wait_for_line("done"), worker.stderr
    for worker in (lan, minh):  # both finished: now each reads the other's layer
        worker.tell("check")
    for worker in (lan, minh):
        assert worker.finish() == 0, worker.stderr
        assert worker.stderr == "", worker.stderr

    expected = {"lan": _final_state(lan), "minh": _final_state(minh)}
    with ProjectStore.open(path, readonly=True) as store:
        assert store.integrity_check() == "ok"
        for layer in ("lan", "minh"):
            assert read_state(store.conn, layer) == expected[layer], f"{layer}: edits lost or changed"
        actors = [row[0] for row in store.conn.execute(
            "SELECT actor FROM events WHERE actor IN ('lan', 'minh') ORDER BY id")]
    assert _line(lan, "peer") == expected["minh"] and _line(minh, "peer") == expected["lan"]
    assert _line(lan, "self") == expected["lan"] and _line(minh, "self") == expected["minh"]
    # the two really wrote at the same time: their edits interleave in the audit log
    switches = sum(a != b for a, b in zip(actors, actors[1:]))
    print(f"\ntwo writers: {EDITS} edits each, {len(actors)} events, writer switched {switches} times")
    assert len(actors) >= 2 * EDITS
    assert switches >= 10


def test_two_processes_upgrade_an_old_project_at_once(tmp_path):
    """Both read format N-1, both wait for the write lock to upgrade: the second
    must go on from the format the first reached, not fail on its half-done steps."""
    import sqlite3
    import time

    path = tmp_path / "old.tintag"
    ProjectStore.open(path, create=True, target_version=SCHEMA_VERSION - 1).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # both openers block on the upgrade's write lock
    results: list = []

    def open_it() -> None:
        try:
            with ProjectStore.open(path, actor="lead") as store:
                results.append(store.schema_version)
        except Exception as err:  # collected for the assertion below
            results.append(err)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.5)  # let both read the old version and queue for the lock (not a time limit)
    holder.execute("COMMIT")
    holder.close()
    for t in threads:
        t.join()
    assert results == [SCHEMA_VERSION, SCHEMA_VERSION]
    with ProjectStore.open(path, readonly=True) as store:
        assert store.integrity_check() == "ok"
