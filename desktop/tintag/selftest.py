"""`tintag --self-test`: prove an installed or bundled TinTag works end to end.

Opens the demo project in a throw-away user folder, shows the main window
(offscreen is fine), runs suggestions on one article with underthesea, checks
the offsets of what came back, and exits 0 — or prints what failed and exits 1.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time


def run_self_test() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tintag-selftest-") as home:
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = home
        try:
            return _check(started)
        except Exception as err:  # report, do not crash: this is a diagnostic
            print(f"self-test FAILED: {type(err).__name__}: {err}", file=sys.stderr)
            return 1


def _check(started: float) -> int:
    from PySide6.QtWidgets import QApplication

    from tintag.core.demo import ensure_demo_project
    from tintag.core.store import ProjectStore
    from tintag.core.suggest.batch import ensure_suggestions

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from tintag.ui.main_window import MainWindow

    path = ensure_demo_project()
    store = ProjectStore.open(path, actor="self-test")
    window = MainWindow(store, "self-test")
    window.show()
    app.processEvents()
    window_at = time.perf_counter() - started
    for worker in list(window._workers):  # the window computes the first article's suggestions
        worker.wait()
    document_id = store.document_ids()[0]
    ensure_suggestions(store, document_id)
    text = store.document(document_id)["text"]
    entities = [s["payload"] for s in store.suggestions(document_id, kind="entity")]
    bad = [p for p in entities if text[p["start"]:p["end"]] != p["text"]]
    window.close()
    store.close()
    if not entities or bad:
        print(f"self-test FAILED: {len(entities)} entity suggestions, {len(bad)} with wrong offsets",
              file=sys.stderr)
        return 1
    print(f"self-test ok: window in {window_at:.2f} s, {len(entities)} entity suggestions on the first demo "
          f"article, all offsets exact, {time.perf_counter() - started:.2f} s in all")
    return 0
