"""Compute and store suggestions: one document (GUI), or a whole project in a
process pool (CLI and the GUI's pre-annotate action).

Work is resumable: a document's suggestions are stored as soon as its batch
is written, and only documents lacking a current run (producer version and
text hash) are computed, so an interrupted run picks up where it stopped.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from desktop.core.store import ProjectStore

from . import registry
from .base import Produced

DEFAULT_BATCH = 16  # documents per write transaction


@dataclass
class RunSummary:
    total: int = 0  # documents that needed work when the run started
    done: int = 0
    dropped_tokens: int = 0
    cancelled: bool = False


def store_results(store: ProjectStore, document_id: int, text_sha256: str,
                  producers, results: dict[str, Produced]) -> None:
    with store.write():
        for producer in producers:
            produced = results[producer.name]
            store.replace_suggestions(document_id, producer.name, producer.version, text_sha256,
                                      [s.as_row() for s in produced.suggestions], produced.dropped)


def is_current(store: ProjectStore, document: dict, producers) -> bool:
    for producer in producers:
        run = store.suggestion_run(document["id"], producer.name)
        if not run or run["producer_version"] != producer.version or run["text_sha256"] != document["text_sha256"]:
            return False
    return True


def ensure_suggestions(store: ProjectStore, document_id: int, producers=None) -> bool:
    """Compute a document's suggestions unless they are current. True if computed."""
    producers = producers or registry.project_producers(store)
    document = store.document(document_id)
    if document is None or is_current(store, document, producers):
        return False
    results = registry.run_all(producers, document["text"])
    store_results(store, document_id, document["text_sha256"], producers, results)
    return True


# --------------------------------------------------------------- process pool
_WORKER_PRODUCERS = None


def _init_worker(names, label_map) -> None:
    global _WORKER_PRODUCERS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    _WORKER_PRODUCERS = registry.build(names, label_map)


def _compute(document_id: int, text: str) -> tuple[int, dict[str, Produced]]:
    return document_id, registry.run_all(_WORKER_PRODUCERS, text)


def suggest_project(project_path: str | Path, workers: int | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    batch_size: int = DEFAULT_BATCH, actor: str = "suggest") -> RunSummary:
    """Pre-annotate every document lacking current suggestions.

    ``progress(done, total)`` is called after each stored batch;
    ``cancelled()`` is polled between documents — finished work stays saved.
    """
    workers = max(1, workers or os.cpu_count() or 1)
    with ProjectStore.open(Path(project_path), actor=actor) as store:
        names = tuple(store.get_setting("producers", registry.DEFAULT_PRODUCERS))
        label_map = store.get_setting("label_map", None)
        producers = registry.build(names, label_map)
        todo = store.documents_needing_suggestions(registry.versions(producers))
        summary = RunSummary(total=len(todo))
        if progress:
            progress(0, summary.total)
        if not todo:
            return summary
        pending: list[tuple[int, dict[str, Produced]]] = []

        def flush() -> None:
            if not pending:
                return
            with store.write():
                for document_id, results in pending:
                    sha = hashes[document_id]
                    store_results(store, document_id, sha, producers, results)
                    summary.dropped_tokens += sum(r.dropped for r in results.values())
            summary.done += len(pending)
            pending.clear()
            if progress:
                progress(summary.done, summary.total)

        hashes: dict[int, str] = {}

        def load(document_id: int) -> str:
            doc = store.document(document_id)
            hashes[document_id] = doc["text_sha256"]
            return doc["text"]

        try:
            if workers == 1:
                for document_id in todo:
                    if cancelled and cancelled():
                        summary.cancelled = True
                        break
                    pending.append((document_id, registry.run_all(producers, load(document_id))))
                    if len(pending) >= batch_size:
                        flush()
            else:
                summary.cancelled = _run_pool(todo, workers, names, label_map, load, pending,
                                              flush, batch_size, cancelled)
        finally:
            flush()
        return summary


def _run_pool(todo, workers, names, label_map, load, pending, flush, batch_size, cancelled) -> bool:
    context = multiprocessing.get_context("spawn")  # safe beside Qt threads
    queue = list(reversed(todo))
    in_flight: set[Future] = set()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(names, label_map)) as pool:
        try:
            while queue or in_flight:
                if cancelled and cancelled():
                    for future in in_flight:
                        future.cancel()
                    return True
                while queue and len(in_flight) < workers * 3:
                    document_id = queue.pop()
                    in_flight.add(pool.submit(_compute, document_id, load(document_id)))
                done, in_flight = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    if not future.cancelled():
                        pending.append(future.result())
                if len(pending) >= batch_size:
                    flush()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return False
