"""Review mode driven by real keys and clicks: two annotators disagree, the
reviewer takes one into gold, gold holds it, agreement recomputes; in blind
mode an annotator's window cannot reach other layers."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.store import GOLD, ProjectStore
from desktop.core.team.review import compare
from desktop.ui.main_window import MainWindow
from desktop.ui.review_window import ReviewWindow

from gui_helpers import drag_select
from team_helpers import TEXT, add_docs, span


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
        from desktop.core.suggest import registry

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
