"""Every export format as a ratio to the native JSONL export of the same documents.

Formats without word segmentation (doccano, Label Studio) are measured on the
100k-article project; token formats (🤗, CoNLL, spaCy) segment every sentence
with underthesea, so they are measured on 1,000 articles (their cost per
article does not depend on project size) — the ratio is what is reported.
"""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from bench.data import DATA, articles_jsonl
from tintag.core.export import EXPORTERS
from tintag.core.export.options import ExportOptions
from tintag.core.importers import import_files
from tintag.core.store import ProjectStore

NAMES = re.compile(r"Vladimir Putin|Kim Jong-un|Sergey Lavrov|Triều Tiên|Bình Nhưỡng|Ukraine|KCNA|Nga")
LABEL = {"Vladimir Putin": "PER", "Kim Jong-un": "PER", "Sergey Lavrov": "PER", "KCNA": "ORG"}


def _annotated(path: Path, n: int) -> Path:
    """A project of n articles whose gold layer tags the names they mention."""
    if path.exists():
        return path
    src = articles_jsonl(100_000)
    tmp = path.with_suffix(".tmp")
    part = DATA / f"articles-head-{n}.jsonl"
    with open(src, encoding="utf-8") as fh, open(part, "w", encoding="utf-8") as out:
        for _, line in zip(range(n), fh):
            out.write(line)
    if tmp.exists():
        tmp.unlink()
    with ProjectStore.create(tmp, actor="bench") as store:
        import_files(store, [part])
        with store.write():
            for doc in store.iter_documents():
                for m in NAMES.finditer(doc["text"]):
                    store.conn.execute(
                        'INSERT INTO entities (uid, document_id, layer, start, "end", label, origin, created_at,'
                        " updated_at) VALUES (lower(hex(randomblob(16))), ?, 'gold', ?, ?, ?, 'manual', '', '')",
                        (doc["id"], m.start(), m.end(), LABEL.get(m.group(0), "LOC")))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp.replace(path)
    return path


def _time(fmt: str, project: Path, out: Path) -> float:
    with ProjectStore.open(project, readonly=True) as store:
        started = time.perf_counter()
        EXPORTERS[fmt](store, out, ExportOptions(layers=["gold"]))
        return time.perf_counter() - started


def _raw_segmentation(project: Path) -> float:
    from underthesea import sent_tokenize, word_tokenize

    from tintag.core.suggest.entities import paragraphs

    with ProjectStore.open(project, readonly=True) as store:
        texts = [d["text"] for d in store.iter_documents()]
    started = time.perf_counter()
    for text in texts:
        for a, b in paragraphs(text):
            for sentence in sent_tokenize(text[a:b]):
                word_tokenize(sentence)
    return time.perf_counter() - started


def run(report) -> None:
    DATA.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = _annotated(DATA / "project-100k-annotated.tintag", 100_000)
        native = _time("jsonl", big, tmp / "n.jsonl")
        for fmt, out in (("doccano", "d.jsonl"), ("labelstudio", "ls.json")):
            seconds = _time(fmt, big, tmp / out)
            report.add(f"export_100k_{fmt}_vs_native", seconds / native, "ratio", 1.5,
                       detail=f"({seconds:.1f} s vs native {native:.1f} s)")
        small = _annotated(DATA / "project-1k-annotated.tintag", 1_000)
        native = _time("jsonl", small, tmp / "n1.jsonl")
        segmenting = _raw_segmentation(small)
        for fmt in ("hf", "conll", "spacy"):
            seconds = _time(fmt, small, tmp / fmt)
            # the floor is underthesea's own segmentation of the same texts
            report.add(f"export_{fmt}_vs_native", seconds / native, "ratio",
                       round(1.2 * (native + segmenting) / native, 1),
                       detail=f"(1,000 articles: {seconds:.1f} s; native {native:.2f} s; raw sent_tokenize + "
                              f"word_tokenize of the same texts {segmenting:.1f} s; target = 1.2 × both)")
