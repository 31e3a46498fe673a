"""Team dialog: roles, blind mode and assignment saved as they are changed."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from team_helpers import add_docs

from tintag.core.store import ProjectStore
from tintag.ui.team_dialog import TeamDialog


def test_roles_blind_mode_and_assignment(qtbot, tmp_path):
    store = ProjectStore.create(tmp_path / "p.tintag", actor="lead")
    add_docs(store, [f"Bài số {i} ở Hà Nội." for i in range(10)])
    dialog = TeamDialog(store)
    qtbot.addWidget(dialog)
    add = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add")
    for name in ("lan", "minh", "thu"):
        qtbot.keyClicks(dialog.new_name, name)
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert [a["name"] for a in store.annotators()] == ["lan", "minh", "thu"]
    dialog.table.cellWidget(2, 1).setCurrentText("reviewer")
    assert store.annotator("thu")["role"] == "reviewer"
    qtbot.mouseClick(dialog.blind, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.blind.height() // 2))
    assert store.blind
    assert [dialog.who.item(i).text() for i in range(dialog.who.count())] == ["lan", "minh"]
    dialog.per_doc.setValue(2)
    go = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Assign")
    qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    assert store.count_documents(layer="lan", queue=True) == 10
    assert store.count_documents(layer="minh", queue=True) == 10
    assert "Assigned 10 documents (10 to several annotators)" in dialog.result.text()
    store.close()
