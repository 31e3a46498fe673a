"""Pre-annotation speed (DESIGN §6): one process vs raw underthesea
(sent_tokenize + ner on the same texts, target ≤ 1.1×), and all cores vs one
process (throughput ratio / cores, target ≥ 0.85)."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.data import varied_articles
from tintag.core.store import ProjectStore
from tintag.core.suggest import registry
from tintag.core.suggest.batch import suggest_project
from tintag.core.suggest.entities import paragraphs

N_TEXTS = 80
N_POOL = 240  # enough work that the pool's start-up (~1 s per worker) is a small share


def _raw(texts: list[str]) -> float:
    from underthesea import ner, sent_tokenize

    started = time.perf_counter()
    for text in texts:
        for start, end in paragraphs(text):
            for sentence in sent_tokenize(text[start:end]):
                ner(sentence)
    return time.perf_counter() - started


def _ours(texts: list[str]) -> float:
    producers = registry.build()
    started = time.perf_counter()
    for text in texts:
        registry.run_all(producers, text)
    return time.perf_counter() - started


def _project(tmp: Path, name: str, rows: list[dict]) -> Path:
    from tintag.core.importers.common import build_row

    path = tmp / f"{name}.tintag"
    with ProjectStore.create(path) as store, store.write():
        store.insert_documents(build_row("bench", i, r["text"], uid=r["id"]) for i, r in enumerate(rows))
    return path


def run(report) -> None:
    rows = list(varied_articles(N_TEXTS, seed=11))
    texts = [r["text"] for r in rows]
    _raw(texts[:3]), _ours(texts[:3])  # load models once, outside the timings
    raw = min(_raw(texts) for _ in range(2))
    ours = min(_ours(texts) for _ in range(2))
    report.add("suggest_one_process_vs_raw_ner", ours / raw, "ratio", 1.1,
               detail=f"(ours {ours / len(texts) * 1000:.0f} ms/article, raw {raw / len(texts) * 1000:.0f} ms)")

    cores = os.cpu_count() or 1
    rows = list(varied_articles(N_POOL, seed=13))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one = _project(tmp, "one", rows)
        started = time.perf_counter()
        suggest_project(one, workers=1)
        t_one = time.perf_counter() - started
        many = _project(tmp, "many", rows)
        started = time.perf_counter()
        suggest_project(many, workers=cores)
        t_many = time.perf_counter() - started
    scaling = (t_one / t_many) / cores
    report.add("suggest_all_cores_scaling", scaling, "ratio", 0.85, better="higher",
               detail=f"({cores} cores: {len(rows) / t_many:.1f} docs/s vs {len(rows) / t_one:.1f} docs/s "
                      f"in one process, pool start-up included)")
