"""One long document (1,000,000 characters, allowed by import) against the same
characters as normal articles: suggestion time per character and peak memory
should not grow with the document's length (chunks keep both bounded), and
progress comes once per chunk. Each run is its own process, one worker, so
its peak RSS is its own."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.data import seed_paragraphs

LONG_CHARS = 1_000_000
ARTICLE_CHARS = 3_000  # about the seeds' length


def _texts(total: int, article: int | None) -> list[str]:
    """The seeds' paragraphs in turn (numbered each pass), as one text or as
    articles of about ``article`` characters."""
    paras = seed_paragraphs()
    texts, current, size, n = [], [], 0, 0
    while size < total:
        para = paras[n % len(paras)]
        if n % len(paras) == 0:
            para = f"Phần {n // len(paras) + 1}. {para}"
        current.append(para)
        size += len(para) + 2
        n += 1
        if article and sum(len(p) + 2 for p in current) >= article:
            texts.append(f"Bài {len(texts) + 1}. " + "\n\n".join(current))  # unique: none is a duplicate
            current = []
    if current:
        texts.append("\n\n".join(current))
    return texts


def _measure(project: Path) -> dict:
    """Suggest ``project`` with one worker in a fresh process."""
    out = subprocess.run([sys.executable, "-m", "bench.bench_long_document", str(project)],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _project(tmp: Path, name: str, texts: list[str]) -> Path:
    from tintag.core.importers.common import build_row
    from tintag.core.store import ProjectStore

    path = tmp / f"{name}.tintag"
    with ProjectStore.create(path) as store, store.write():
        store.insert_documents(build_row("bench", i, t) for i, t in enumerate(texts))
    return path


def run(report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        articles = _texts(LONG_CHARS, ARTICLE_CHARS)
        long = _measure(_project(tmp, "long", _texts(LONG_CHARS, None)))
        short = _measure(_project(tmp, "articles", articles))
    per_char = (long["cpu_seconds"] / long["chars"]) / (short["cpu_seconds"] / short["chars"])
    report.add("suggest_long_document_time_per_char", per_char, "ratio", 1.2,
               detail=f"(one {long['chars']:,}-character document: {long['seconds']:.0f} s, "
                      f"{long['cpu_seconds']:.0f} s CPU; the same characters as {len(articles):,} articles: "
                      f"{short['cpu_seconds']:.0f} s CPU)")
    report.add("suggest_long_document_peak_rss", long["peak_rss_mb"] / short["peak_rss_mb"], "ratio", 1.25,
               detail=f"({long['peak_rss_mb']} MB vs {short['peak_rss_mb']} MB; progress {long['reports']} times, "
                      f"at most {long['longest_gap']:.1f} s apart)")


def _suggest(project: Path) -> dict:
    from tintag.core.store import ProjectStore
    from tintag.core.suggest.batch import suggest_project

    with ProjectStore.open(project, readonly=True) as store:
        chars = store.stats()["characters"]
    stamps = []
    started = time.perf_counter()
    suggest_project(project, workers=1, progress=lambda done, total: stamps.append(time.perf_counter()))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    gaps = [b - a for a, b in zip([started] + stamps, stamps)]
    return {"chars": chars, "seconds": time.perf_counter() - started,
            "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss // 1024,
            "reports": len(stamps), "longest_gap": max(gaps)}


if __name__ == "__main__":
    print(json.dumps(_suggest(Path(sys.argv[1]))))
