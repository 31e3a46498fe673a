"""Window speed (DESIGN §6): open a 30k-character article with 1,000 spans,
one annotation keystroke to saved + repainted, a 100k-document project to a
usable window. Each timing is also shown against a baseline of the same run
(plain setPlainText of the same text; a bare QMainWindow start-up)."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.data import DATA, articles_jsonl  # noqa: E402

OPEN_SCRIPT = r"""
import os, sys, time, resource
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
if sys.argv[2] == "tintag":
    from tintag.core.store import ProjectStore
    from tintag.ui.main_window import MainWindow
    store = ProjectStore.open(sys.argv[1], actor="bench")
    window = MainWindow(store, "bench")
else:
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit
    window = QMainWindow(); window.setCentralWidget(QPlainTextEdit("x"))
window.show()
app.processEvents()
window.grab()
elapsed = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.close()  # waits for the background suggestion thread
print(elapsed, rss)
"""


def _big_project() -> Path:
    path = DATA / "project-100k.tintag"
    if not path.exists():
        from tintag.core.importers import import_files
        from tintag.core.store import ProjectStore

        tmp = path.with_suffix(".tmp")
        if tmp.exists():
            tmp.unlink()
        with ProjectStore.create(tmp) as store:
            import_files(store, [articles_jsonl(100_000)])
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tmp.replace(path)
    return path


def _article(n_chars: int = 30_000, n_spans: int = 1000):
    words = "Tổng thống Nga Vladimir Putin gặp nhà lãnh đạo Triều Tiên Kim Jong-un tại Bình Nhưỡng 😀".split()
    # paragraphs of ~600 characters, as in news articles (one 30k-character
    # line would make Qt lay out a single giant block on every repaint)
    parts, length, i = [], 0, 0
    while length < n_chars:
        word = words[i % len(words)]
        i += 1
        sep = "\n\n" if i % 80 == 0 else " "
        parts.append(word + sep)
        length += len(word) + len(sep)
    text = "".join(parts).rstrip()
    starts = [j for j in range(1, len(text)) if text[j - 1] in " \n" and not text[j].isspace()]
    step = max(1, len(starts) // n_spans)
    spans = []
    for s in starts[::step][:n_spans]:
        e = s
        while e < len(text) and not text[e].isspace():
            e += 1
        spans.append((s, e))
    return text, spans


def run(report) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from tintag.core.importers.common import build_row
    from tintag.core.store import ProjectStore
    from tintag.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    text, spans = _article()
    with tempfile.TemporaryDirectory() as tmp:
        store = ProjectStore.create(Path(tmp) / "p.tintag", actor="bench")
        with store.write():
            store.insert_documents([build_row("bench", 1, text, uid="big"),
                                    build_row("bench", 2, "Bài ngắn.", uid="small")])
        from tintag.core.suggest import registry

        for doc in store.iter_documents():
            for p in registry.project_producers(store):
                store.replace_suggestions(doc["id"], p.name, p.version, doc["text_sha256"], [])
        with store.write():
            for n, (s, e) in enumerate(spans):
                store.add_item("entity", 1, "bench", start=s, end=e, label=("PER", "LOC", "ORG", "MISC")[n % 4])
        window = MainWindow(store, "bench")
        window.show()
        window.select_row(1)
        app.processEvents()

        def open_big():
            started = time.perf_counter()
            window.select_row(0)
            app.processEvents()
            window.article.viewport().grab()
            return (time.perf_counter() - started) * 1000

        def open_small():
            window.select_row(1)
            app.processEvents()

        timings = []
        for _ in range(7):
            open_small()
            timings.append(open_big())
        plain = QPlainTextEdit()
        plain.resize(window.article.size())
        plain.show()
        base = []
        for _ in range(7):
            started = time.perf_counter()
            plain.setPlainText(text)
            app.processEvents()
            plain.viewport().grab()
            base.append((time.perf_counter() - started) * 1000)
        ms = statistics.median(timings)
        report.add("open_30k_article_1000_spans_ms", ms, "ms", 50,
                   detail=f"(plain setPlainText of the same text: {statistics.median(base):.1f} ms, "
                          f"ratio {ms / statistics.median(base):.1f}x)")

        # one keystroke: select a word, press 1, saved + repainted
        view = window.article
        presses = []
        words = [sp for sp in spans if text[sp[0]].isalnum()]
        for n in range(40):
            s, e = words[n * 20 + 1]
            view.select(s, e)
            started = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_1)
            app.processEvents()
            view.viewport().grab()
            presses.append((time.perf_counter() - started) * 1000)
        report.add("keystroke_to_saved_and_repainted_ms", statistics.median(presses), "ms", 16,
                   detail=f"(median of {len(presses)} on the 30k article with 1,000+ spans)")
        window.close()
        store.close()

    big = _big_project()
    code = f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n" + OPEN_SCRIPT
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ours = [subprocess.run([sys.executable, "-c", code, str(big), "tintag"], capture_output=True, text=True,
                           env=env, check=True).stdout.split() for _ in range(3)]
    bare = [subprocess.run([sys.executable, "-c", code, str(big), "bare"], capture_output=True, text=True,
                           env=env, check=True).stdout.split() for _ in range(3)]
    seconds = statistics.median(float(o[0]) for o in ours)
    rss = max(float(o[1]) for o in ours)
    bare_s = statistics.median(float(o[0]) for o in bare)
    report.add("open_100k_project_to_window_s", seconds, "s", 1.0,
               detail=f"(a bare Qt window starts in {bare_s:.2f} s in the same run)")
    report.add("open_100k_project_rss_mb", rss, "MB", 250)
