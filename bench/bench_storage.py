"""Import of 100k articles vs raw sqlite-utils insert_all; native export vs raw
read + json.dumps. Targets: both ≤ 1.5× (DESIGN §6)."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import sqlite_utils

from bench.data import articles_jsonl
from tintag.core.export import EXPORTERS
from tintag.core.importers import import_files
from tintag.core.store import ProjectStore

N = 100_000


def _raw_insert(src: Path, db_path: Path) -> float:
    started = time.perf_counter()
    db = sqlite_utils.Database(db_path)
    db.conn.execute("PRAGMA journal_mode = WAL")
    with open(src, encoding="utf-8") as fh:
        db["documents"].insert_all((json.loads(line) for line in fh), batch_size=500)
    db.close()
    return time.perf_counter() - started


def _raw_export(db_path: Path, out: Path) -> float:
    started = time.perf_counter()
    db = sqlite_utils.Database(db_path)
    with open(out, "w", encoding="utf-8") as fh:
        for row in db.query("SELECT * FROM documents"):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    db.close()
    return time.perf_counter() - started


def run(report) -> None:
    src = articles_jsonl(N)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        raw_db = tmp / "raw.db"
        raw_import = _raw_insert(src, raw_db)
        started = time.perf_counter()
        with ProjectStore.create(tmp / "p.tintag") as store:
            summary = import_files(store, [src])
        our_import = time.perf_counter() - started
        assert summary.inserted == N, summary.errors
        report.add("import_100k_vs_insert_all", our_import / raw_import, "ratio", 1.5,
                   detail=f"(tintag {our_import:.1f} s, raw insert_all {raw_import:.1f} s)")

        raw_export = _raw_export(raw_db, tmp / "raw.jsonl")
        started = time.perf_counter()
        with ProjectStore.open(tmp / "p.tintag", readonly=True) as store:
            count = EXPORTERS["jsonl"](store, tmp / "native.jsonl")
        our_export = time.perf_counter() - started
        assert count == N
        report.add("export_native_100k_vs_raw_dumps", our_export / raw_export, "ratio", 1.5,
                   detail=f"(tintag {our_export:.1f} s, raw read+dumps {raw_export:.1f} s)")
