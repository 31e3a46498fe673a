"""Review mode driven by real keys and clicks: two annotators disagree, the
reviewer takes one into gold, gold holds it, agreement recomputes; in blind
mode an annotator's window cannot reach other layers."""
from __future__ import annotations

from agreement_helpers import whitespace_tokens  # noqa: F401 (a fixture)
from gui_helpers import drag_select
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from team_helpers import TEXT, add_docs, span

from tintag.core.store import GOLD, ProjectStore
from tintag.core.team.review import compare
from tintag.ui.main_window import MainWindow
from tintag.ui.review_window import ReviewWindow


def open_window(qtbot, path, name):
    store = ProjectStore.open(path, actor=name)
    window = MainWindow(store, name)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def tag(qtbot, window, surface, key):
    s, e = span(TEXT, surface)
    drag_select(qtbot, window.article, s, e)
    qtbot.keyClick(window.article, key)


def test_reviewer_settles_a_disagreement_into_gold(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "team.tintag"
    with ProjectStore.create(path, actor="lead") as lead:
        (doc,) = add_docs(lead, [TEXT])
        from tintag.core.suggest import registry

        for producer in registry.project_producers(lead):  # no background suggestions here
            lead.replace_suggestions(doc, producer.name, producer.version, lead.document(doc)["text_sha256"], [])
        for name in ("lan", "minh"):
            lead.add_annotator(name)
        lead.add_annotator("thu", role="reviewer")
        lead.set_blind(True)

    lan = open_window(qtbot, path, "lan")
    tag(qtbot, lan, "Nguyễn Văn An", Qt.Key.Key_1)  # PER
    tag(qtbot, lan, "Hà Nội", Qt.Key.Key_2)  # LOC
    minh = open_window(qtbot, path, "minh")
    tag(qtbot, minh, "Nguyễn Văn An", Qt.Key.Key_3)  # ORG: the disagreement
    tag(qtbot, minh, "Hà Nội", Qt.Key.Key_2)
    assert "blind" in lan.windowTitle() and "(annotator)" in lan.windowTitle()

    # blind mode: lan's window cannot open review mode (other layers) at all
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()))
    qtbot.keyClick(lan.article, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert said and "gold" in said[0] and not isinstance(getattr(lan, "review_window", None), ReviewWindow)

    thu = open_window(qtbot, path, "thu")
    qtbot.keyClick(thu.article, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    review = thu.review_window
    qtbot.addWidget(review)
    qtbot.waitUntil(review.isActiveWindow)
    assert review.model.layers == ["lan", "minh"]
    assert "1 of 2 rows agree" in review.figures_label.text()
    # click the disagreeing row, then take minh's version (annotator column 2) with one key
    row = next(i for i, r in enumerate(review.rows) if not r.agreed)
    rect = review.table.visualRect(review.model.index(row, 2))
    qtbot.mouseClick(review.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(review.table, Qt.Key.Key_2)
    (gold,) = thu.store.entities(doc, GOLD)
    assert (TEXT[gold["start"]:gold["end"]], gold["label"], gold["origin"]) == ("Nguyễn Văn An", "ORG", "review")
    (decision,) = thu.store.reviews(doc)
    assert (decision["decided_by"], decision["source_layer"]) == ("thu", "minh")
    assert "0 open disagreements" in review.figures_label.text()
    assert "lan 0% · minh 67%" in review.figures_label.text()  # F1 vs a gold of one item so far
    # Enter on the agreed row takes the shared label; agreement with gold follows
    agreed = next(i for i, r in enumerate(review.rows) if r.agreed)
    rect = review.table.visualRect(review.model.index(agreed, 2))
    qtbot.mouseClick(review.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    assert {e["label"] for e in thu.store.entities(doc, GOLD)} == {"ORG", "LOC"}
    assert "lan 50%" in review.figures_label.text() and "minh 100%" in review.figures_label.text()
    # undo in review mode takes it back out of gold
    qtbot.keyClick(review.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {e["label"] for e in thu.store.entities(doc, GOLD)} == {"ORG"}
    assert all(r.decided or not r.agreed or r.gold is None for r in compare(thu.store, doc))
    # the main window: a reviewer can work on gold, a blind annotator cannot open minh's layer
    assert thu.set_layer(GOLD) and [e["label"] for e in thu.entities] == ["ORG"]
    assert "[gold]" in thu.windowTitle()
    assert not lan.set_layer("minh") and lan.layer == "lan"
    assert "blind mode" in lan.statusBar().currentMessage()
    for w in (lan, minh, thu):
        w.close()
        w.store.close()
    QApplication.processEvents()


OTHER = "Ông Trần Văn Cường đến Đà Nẵng."
AGREED = "Bà Lê Thị Bình ở Huế."


def state_column(review, row):
    return review.model.index(row, 0).data()


def figures(store, a, b):
    from tintag.core.agreement import agreement_report

    (pair,) = agreement_report(store, [a, b])["pairs"]
    return pair["documents"], pair["entities"]["ALL"]["f1_exact"]


def test_review_keys_walk_settle_and_undo(qtbot, tmp_path, whitespace_tokens):
    """N walks open rows (this document, then the next), E takes and relabels,
    1/2 take a version (overlapping variants are one row), R / Delete say "not
    in gold", Ctrl+Z / Ctrl+Shift+Z undo and redo it, Ctrl+1 takes a whole
    layer, J/K step documents; gold, reviews and the agreement report follow."""
    path = tmp_path / "walk.tintag"
    with ProjectStore.create(path, actor="lead") as lead:
        a, b, c = add_docs(lead, [TEXT, OTHER, AGREED])
        for name in ("lan", "minh"):
            lead.add_annotator(name)
        lead.add_annotator("thu", role="reviewer")
        marks = [(a, TEXT, "lan", "Nguyễn Văn An", "PER"), (a, TEXT, "minh", "Nguyễn Văn An", "ORG"),
                 (a, TEXT, "lan", "Hà Nội", "LOC"), (a, TEXT, "minh", "tại Hà Nội", "LOC"),
                 (a, TEXT, "minh", "Huế", "LOC"),  # only minh: can only be rejected
                 (b, OTHER, "lan", "Trần Văn Cường", "PER"), (b, OTHER, "minh", "Trần Văn Cường", "ORG"),
                 (b, OTHER, "lan", "Đà Nẵng", "LOC"), (b, OTHER, "minh", "Đà Nẵng", "LOC"),
                 (c, AGREED, "lan", "Lê Thị Bình", "PER"), (c, AGREED, "minh", "Lê Thị Bình", "PER")]
        for doc, text, layer, surface, label in marks:
            s, e = span(text, surface)
            lead.add_item("entity", doc, layer, start=s, end=e, label=label)
    store = ProjectStore.open(path, actor="thu")
    review = ReviewWindow(store, a)
    qtbot.addWidget(review)
    review.show()
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow)
    table = review.table

    def press(key, mods=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(table, key, mods)

    def current():
        return review.document_id, table.currentIndex().row()

    def gold(doc):
        return sorted((text_of(doc)[g["start"]:g["end"]], g["label"]) for g in store.entities(doc, GOLD))

    def text_of(doc):
        return {a: TEXT, b: OTHER, c: AGREED}[doc]

    assert [r.kind for r in review.rows] == ["entity"] * 3  # "Hà Nội" / "tại Hà Nội" are one row
    assert "R/Delete not in gold" in review.legend.text()
    # N: the open rows of this document, then the next document's, then round to the first
    assert current() == (a, 0)
    press(Qt.Key.Key_N)
    assert current() == (a, 1)
    press(Qt.Key.Key_N)
    assert current() == (a, 2)
    press(Qt.Key.Key_N)
    assert current() == (b, 0) and "1 of 2 rows agree" in review.figures_label.text()
    press(Qt.Key.Key_N)
    assert current() == (a, 0)  # c agrees throughout: skipped

    # E: take (the majority; a tie goes to the first annotator) and relabel in the picker
    press(Qt.Key.Key_E)
    qtbot.waitUntil(lambda: review._picker is not None and review._picker.isVisible())
    qtbot.keyClick(review._picker, Qt.Key.Key_4)  # PER, LOC, ORG, MISC
    assert gold(a) == [("Nguyễn Văn An", "MISC")]
    assert [(d["action"], d["source_layer"]) for d in store.reviews(a)] == [("take", "lan"), ("edit", None)]
    assert state_column(review, 0) == "★ in gold"  # decided though gold's label is nobody's

    # 2 then 1 on the overlapping row: gold keeps one entity, the variant taken last
    press(Qt.Key.Key_N)
    assert current() == (a, 1)
    press(Qt.Key.Key_2)
    assert gold(a) == [("Nguyễn Văn An", "MISC"), ("tại Hà Nội", "LOC")]
    press(Qt.Key.Key_1)
    assert gold(a) == [("Hà Nội", "LOC"), ("Nguyễn Văn An", "MISC")]
    assert state_column(review, 1) == "★ in gold"

    # R on the row only minh marked: "not in gold"; undo and redo it; Delete does the same
    press(Qt.Key.Key_N)
    assert current() == (a, 2)
    press(Qt.Key.Key_R)
    (rejected,) = [d for d in store.reviews(a) if d["action"] == "reject"]
    assert (rejected["source_layer"], rejected["decided_by"], rejected["gold_uid"]) == ("minh", "thu", None)
    assert state_column(review, 2) == "⊘ not in gold"
    colour = lambda row: review.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()  # noqa: E731
    assert colour(2) == "#e6e6e6" and colour(0) == "#dde9f8"  # rejected grey, in gold blue
    assert "3 settled (1 not in gold) · 0 open disagreements" in review.figures_label.text()
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not [d for d in store.reviews(a) if d["action"] == "reject"]
    assert "1 open disagreements" in review.figures_label.text() and state_column(review, 2) == "✗ differ"
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [d["action"] for d in store.reviews(a)].count("reject") == 1
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_Delete)
    assert [d["action"] for d in store.reviews(a)].count("reject") == 1
    assert gold(a) == [("Hà Nội", "LOC"), ("Nguyễn Văn An", "MISC")]  # a reject with nothing in gold removes nothing

    # J to the next document; Ctrl+1 takes lan's whole layer; the agreement report follows gold
    assert figures(store, "lan", GOLD) == (1, 0.5)  # document a: "Hà Nội" LOC matches, An PER ≠ MISC
    press(Qt.Key.Key_J)
    assert review.document_id == b
    press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert gold(b) == [("Trần Văn Cường", "PER"), ("Đà Nẵng", "LOC")]
    assert [(d["action"], d["source_layer"]) for d in store.reviews(b)] == [("take", "lan")] * 2
    assert figures(store, "lan", GOLD) == (2, 0.75)  # 3 of lan's 4 spans now match gold's 4
    assert figures(store, "minh", GOLD) == (2, round(2 * 1 / (5 + 4), 4))  # only Đà Nẵng
    assert "0 open disagreements" in review.figures_label.text()
    press(Qt.Key.Key_K)
    assert review.document_id == a
    press(Qt.Key.Key_N)  # everything is settled now
    assert current() == (a, 0) and "No open disagreements" in review.statusBar().currentMessage()
    store.close()  # qtbot closes the window (it deletes itself on close)
    QApplication.processEvents()
