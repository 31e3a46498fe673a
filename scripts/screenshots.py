"""Render the main states of the window to screenshots/*.png (offscreen).

    make screenshots
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent.parent / "screenshots"


def main() -> int:
    home = tempfile.mkdtemp(prefix="tintag-shots-")
    os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = home
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setOrganizationName("TinTag")
    app.setApplicationName("TinTag")
    from tintag.core import annotate
    from tintag.core.demo import ensure_demo_project
    from tintag.core.store import ProjectStore
    from tintag.core.suggest.batch import suggest_project
    from tintag.ui import menus
    from tintag.ui.app import install_translation
    from tintag.ui.main_window import MainWindow
    from tintag.ui.settings_dialog import SettingsDialog

    OUT.mkdir(exist_ok=True)
    demo = ensure_demo_project(Path(home) / "demo.tintag")

    def window_on(path, annotator="Lan"):
        window = MainWindow(ProjectStore.open(path, actor=annotator), annotator)
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        return window

    def save(widget, name):
        for _ in range(3):  # layout requests travel one parent per round
            app.processEvents()
        widget.grab().save(str(OUT / name))
        print("wrote", OUT / name)

    # 1. the demo as a first-time user sees it, before any suggestion exists
    fresh = window_on(demo)
    for worker in list(fresh._workers):
        worker.wait()
    save(fresh, "01-fresh-demo.png")
    fresh.close()

    suggest_project(demo, workers=1)
    # 2. an article with suggestions: some accepted, one current
    window = window_on(demo)
    store, doc_id = window.store, window.current_id
    window.step_suggestion(1)
    for _ in range(3):
        window.accept_current()
    window.step_suggestion(1)
    save(window, "02-suggestions.png")
    # 3. quotes and stances accepted, Quotes tab shown
    for s in store.suggestions(doc_id, layer=window.layer, kind="quote", open_only=True)[:4]:
        window.push(annotate.accept(store, window.layer, s))
    for s in store.suggestions(doc_id, layer=window.layer, kind="stance", open_only=True)[:3]:
        window.push(annotate.accept(store, window.layer, s))
    quote = store.quotes(doc_id, window.layer)[0]
    window.set_current(("quote", quote["uid"]))
    window.panel.setCurrentIndex(1)
    save(window, "03-quotes.png")
    window.panel.setCurrentIndex(2)
    window.guidelines_dock.show()
    menus.show_guidelines(window)
    save(window, "04-stances-guidelines.png")
    # 5. settings
    dialog = SettingsDialog(store, window)
    dialog.show()
    save(dialog, "05-settings.png")
    dialog.close()
    window.close()
    # 7. review mode: two annotators who disagree on some labels, a reviewer settling
    review_window(store, doc_id, save)
    # 8. the team dashboard over the whole demo, three annotators
    dashboard_window(store.path, app, save)
    # 6. the Vietnamese interface
    QSettings().setValue("language", "vi_VN")
    install_translation(app)
    vi = window_on(demo)
    vi.panel.setCurrentIndex(0)
    vi.step_suggestion(1)
    save(vi, "06-vietnamese.png")
    vi.close()
    return 0


def review_window(window_store, doc_id, save) -> None:
    from tintag.core import annotate
    from tintag.core.team.review import compare, take
    from tintag.ui.review_window import ReviewWindow

    store = type(window_store).open(window_store.path, actor="lead")  # sets up the team
    for name in ("Minh", "Thu"):
        store.add_annotator(name)
    store.set_role("Thu", "reviewer")
    labels = ["PER", "ORG", "LOC", "MISC"]
    for n, s in enumerate(store.suggestions(doc_id, layer="Minh", kind="entity")[:14]):
        change = annotate.apply(annotate.accept(store, "Minh", s))
        if n % 4 == 1:  # Minh reads some names differently
            uid = change.created[0][1]
            label = store.item("entity", uid)["label"]
            store.update_item("entity", uid, label=labels[(labels.index(label) + 1) % 4])
    with type(store).open(store.path, actor="Thu") as thu:
        rows = compare(thu, doc_id)
        for row in rows[:3]:
            annotate.apply(take(thu, row.kind, next(iter(row.votes.values()))["uid"]))
        review = ReviewWindow(thu, doc_id)
        review.resize(1440, 860)
        review.show()
        review.select_row(next(i for i, r in enumerate(review.rows) if not r.agreed and not r.decided))
        save(review, "07-review.png")
        review.close()
    store.close()


def dashboard_window(path, app, save) -> None:
    """Three annotators over every demo article, each reading some suggestions
    their own way, so every chart has something to show."""
    import random

    from tintag.core import annotate
    from tintag.ui.dashboard import DashboardWindow

    rnd = random.Random(7)
    labels = ["PER", "ORG", "LOC", "MISC"]
    polarities = ["support", "oppose", "neutral"]
    with type_open(path, "lead") as store:
        for name in ("Lan", "Minh", "Thu"):
            store.add_annotator(name)
        for doc_id in store.document_ids():
            for n, layer in enumerate(("Lan", "Minh", "Thu")):
                if layer == "Thu" and doc_id == store.document_ids()[-1]:
                    continue  # Thu has one article left to do
                for s in store.suggestions(doc_id, layer=layer, kind="entity", open_only=True):
                    if rnd.random() < 0.1:
                        annotate.apply(annotate.reject(store, layer, s))
                        continue
                    change = annotate.apply(annotate.accept(store, layer, s))
                    if change.created and rnd.random() < 0.08 * (n + 1):
                        uid = change.created[0][1]
                        label = store.item("entity", uid)["label"]
                        store.update_item("entity", uid, label=labels[(labels.index(label) + 1) % 4])
                for kind in ("quote", "stance"):
                    for s in store.suggestions(doc_id, layer=layer, kind=kind, open_only=True):
                        change = annotate.apply(annotate.accept(store, layer, s))
                        if kind == "stance" and change.created and rnd.random() < 0.25:
                            store.update_item("stance", change.created[0][1],
                                              polarity=rnd.choice(polarities))
                store.set_status(doc_id, layer, "done")
                store.add_time(doc_id, layer, rnd.uniform(240, 900))
    with type_open(path, "Thu") as thu:
        window = DashboardWindow(thu, workers=1)
        window.resize(1440, 980)
        window.show()
        while window.result is None or window.computing:
            app.processEvents()
        save(window, "08-dashboard.png")
        window.close()


def type_open(path, actor):
    from tintag.core.store import ProjectStore

    return ProjectStore.open(path, actor=actor)


if __name__ == "__main__":
    raise SystemExit(main())
