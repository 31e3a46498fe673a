"""HTML in label and annotator names is shown as the literal text everywhere:
window title, key legend, filters, side panel cells and tooltips, review
columns and message boxes."""
from __future__ import annotations

from gui_helpers import drag_select
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tintag.core.store import ProjectStore
from tintag.ui.main_window import MainWindow
from tintag.ui.review_window import ReviewWindow

TEXT = "Ông Nguyễn Văn An đến Hà Nội hôm qua."
LABEL = "<b>X</b>"
NAME = "<i>an</i>"


def test_html_in_label_and_annotator_names_stays_literal(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "hostile.tintag"
    with ProjectStore.create(path, actor="lead") as lead:
        from tintag.core.importers.common import build_row

        lead.insert_documents([build_row("t", None, TEXT, title="<script>alert(1)</script>")])
        doc = lead.document_ids()[0]
        from tintag.core.suggest import registry

        for producer in registry.project_producers(lead):
            lead.replace_suggestions(doc, producer.name, producer.version, lead.document(doc)["text_sha256"], [])
        lead.save_label("entity", LABEL, "#ffcc00", "5", "<img src=x onerror=alert(1)>")
        lead.add_annotator(NAME)
        lead.add_annotator("thu", role="reviewer")

    store = ProjectStore.open(path, actor=NAME)
    window = MainWindow(store, NAME)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert NAME in window.windowTitle()
    assert f"5={LABEL}" in window.legend.text()
    assert window.legend.textFormat() == Qt.TextFormat.PlainText
    assert window.label_filter.findText(LABEL) >= 0
    assert window.title_label.text() == "<script>alert(1)</script>"

    s = TEXT.index("Nguyễn")
    drag_select(qtbot, window.article, s, s + len("Nguyễn Văn An"))
    qtbot.keyClick(window.article, Qt.Key.Key_5)
    (entity,) = store.entities(doc, NAME)
    assert entity["label"] == LABEL
    model = window.panel.entities.model()
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert LABEL in cells
    tip = model.index(0, cells.index(LABEL)).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;X&lt;/b&gt;" in tip and "<b>X</b>" not in tip

    # an annotator asking for review mode gets a plain-text refusal naming them literally
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append((box.text(), box.textFormat())))
    qtbot.keyClick(window.article, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert boxes and boxes[0][0].startswith(NAME) and boxes[0][1] == Qt.TextFormat.PlainText

    with ProjectStore.open(path, actor="thu") as thu:
        review = ReviewWindow(thu, doc)
        qtbot.addWidget(review)
        assert review.model.headerData(3, Qt.Orientation.Horizontal) == f"1. {NAME}"
        assert review.model.index(0, 3).data() == LABEL
        tip = review.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
        assert "&lt;i&gt;an&lt;/i&gt;" in tip
        review.close()
    window.close()
    store.close()
    QApplication.processEvents()
