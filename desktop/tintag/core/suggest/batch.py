"""Compute and store suggestions: one document (GUI), or a whole project in a
process pool (CLI and the GUI's pre-annotate action).

Work is resumable: a document's suggestions are stored as soon as its batch
is written, and only documents lacking a current run (producer version and
text hash) are computed, so an interrupted run picks up where it stopped.
Long documents run in chunks (chunks.py): progress and cancel between
chunks, and a long document's chunks spread over the workers. Workers die
with the process that started them (lifetime.py).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from tintag.core.store import ProjectStore

from . import registry
from .base import Produced
from .chunks import MAX_CHUNK_CHARS, chunk_spans, merge, run_chunked, run_span, shift_results
from .lifetime import die_with_parent

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
    results = run_chunked(producers, document["text"])
    store_results(store, document_id, document["text_sha256"], producers, results)
    return True


@dataclass
class _Units:
    """Progress counted in chunks: a normal article is one, a long document
    one per chunk (added to the total when the document is read)."""
    total: int
    done: int = 0


# --------------------------------------------------------------- process pool
_WORKER_PRODUCERS = None


def _init_worker(names, label_map, parent_pid: int) -> None:
    global _WORKER_PRODUCERS
    die_with_parent(parent_pid)  # first: loading the models takes seconds
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    _WORKER_PRODUCERS = registry.build(names, label_map)


def _compute(document_id: int, index: int, start: int, chunk: str) -> tuple[int, int, dict[str, Produced]]:
    return document_id, index, shift_results(registry.run_all(_WORKER_PRODUCERS, chunk), start)


def suggest_project(project_path: str | Path, workers: int | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    batch_size: int = DEFAULT_BATCH, actor: str = "suggest",
                    chunk_chars: int = MAX_CHUNK_CHARS) -> RunSummary:
    """Pre-annotate every document lacking current suggestions.

    ``progress(done, total)`` counts chunks (see ``_Units``): it is called
    after each stored batch and after each chunk of a long document;
    ``cancelled()`` is polled between chunks. Finished documents stay saved;
    a document is stored whole or not at all.
    """
    workers = max(1, workers or os.cpu_count() or 1)
    with ProjectStore.open(Path(project_path), actor=actor) as store:
        names = tuple(store.get_setting("producers", registry.DEFAULT_PRODUCERS))
        label_map = store.get_setting("label_map", None)
        producers = registry.build(names, label_map)
        todo = store.documents_needing_suggestions(registry.versions(producers))
        summary = RunSummary(total=len(todo))
        units = _Units(total=len(todo))

        def report() -> None:
            if progress:
                progress(units.done, units.total)

        report()
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
            units.done += len(pending)  # each document's last chunk
            pending.clear()
            report()

        def finished(document_id: int, results: dict[str, Produced]) -> None:
            pending.append((document_id, results))
            if len(pending) >= batch_size:
                flush()

        def chunk_done() -> None:  # a chunk of a long document that is not its last
            units.done += 1
            report()

        hashes: dict[int, str] = {}

        def load(document_id: int) -> tuple[str, list[tuple[int, int]]]:
            doc = store.document(document_id)
            hashes[document_id] = doc["text_sha256"]
            spans = chunk_spans(doc["text"], chunk_chars)
            units.total += len(spans) - 1
            return doc["text"], spans

        try:
            if workers == 1:
                summary.cancelled = _run_here(todo, producers, load, finished, chunk_done, cancelled)
            else:
                summary.cancelled = _run_pool(todo, workers, names, label_map, load, finished,
                                              chunk_done, cancelled)
        finally:
            flush()
        return summary


def _run_here(todo, producers, load, finished, chunk_done, cancelled) -> bool:
    """One process, chunk after chunk. True when cancelled."""
    for document_id in todo:
        if cancelled and cancelled():
            return True
        text, spans = load(document_id)
        parts = []
        for i, span in enumerate(spans):
            if i and cancelled and cancelled():
                return True  # the document's chunks so far are dropped: stored whole or not at all
            parts.append(run_span(producers, text, span))
            if i < len(spans) - 1:
                chunk_done()
        finished(document_id, parts[0] if len(parts) == 1 else merge(parts))
    return False


def _run_pool(todo, workers, names, label_map, load, finished, chunk_done, cancelled) -> bool:
    """Chunks spread over worker processes. True when cancelled."""
    context = multiprocessing.get_context("spawn")  # safe beside Qt threads
    documents = iter(todo)
    waiting: deque[tuple[int, int, int, str]] = deque()  # (document, index, start, text) to submit
    parts: dict[int, list] = {}  # document → its chunks' results, None until computed
    in_flight: set[Future] = set()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(names, label_map, os.getpid())) as pool:
        try:
            while True:
                if cancelled and cancelled():
                    _stop_now(pool)
                    return True
                while len(in_flight) < workers * 3:
                    if not waiting:
                        document_id = next(documents, None)
                        if document_id is None:
                            break
                        text, spans = load(document_id)
                        parts[document_id] = [None] * len(spans)
                        waiting.extend((document_id, i, start, text[start:end])
                                       for i, (start, end) in enumerate(spans))
                    in_flight.add(pool.submit(_compute, *waiting.popleft()))
                if not in_flight:
                    return False
                done, in_flight = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    if future.cancelled():
                        continue
                    document_id, index, results = future.result()
                    got = parts[document_id]
                    got[index] = results
                    if any(part is None for part in got):
                        chunk_done()
                    else:
                        del parts[document_id]
                        finished(document_id, got[0] if len(got) == 1 else merge(got))
        except BaseException:  # Ctrl-C, SIGTERM (the CLI raises on it), a failing chunk
            _stop_now(pool)
            raise


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Drop the queued chunks and end the workers now instead of letting them
    finish the chunks they hold: a document is stored whole or not at all, so
    those results would be dropped anyway, and a stop should not wait for them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before 3.14
    pool.shutdown(wait=False, cancel_futures=True)  # (it forgets its processes)
    for process in processes:
        if process.is_alive():
            process.terminate()
