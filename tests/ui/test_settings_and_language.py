"""Project settings apply live; the Vietnamese translation loads and shows."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from tintag.ui import menus
from tintag.ui.app import install_translation
from tintag.ui.settings_dialog import SettingsDialog


def test_settings_dialog_renames_recolours_and_adds(qtbot, make_window, project):
    window = make_window([{"id": "a", "text": "Ông Nam ở Hà Nội."}])
    project.add_item("entity", window.current_id, "lan", start=4, end=7, label="PER")
    dialog = SettingsDialog(project, window)
    qtbot.addWidget(dialog)
    table = dialog.entity_labels.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["PER", "LOC", "ORG", "MISC"]
    table.item(0, 0).setText("NGƯỜI")
    table.item(0, 1).setText("#ff8800")
    dialog.entity_labels._add_row({"name": "EVENT", "colour": "#00aa00", "hotkey": "5", "description": "Sự kiện"}, None)
    dialog.guidelines.setPlainText("# Quy tắc\n<b>không</b> phải HTML")
    dialog.accept()
    names = [label["name"] for label in project.labels("entity")]
    assert names == ["NGƯỜI", "LOC", "ORG", "MISC", "EVENT"]
    assert project.entities(window.current_id, "lan")[0]["label"] == "NGƯỜI"  # renamed everywhere
    assert project.labels("entity")[0]["colour"] == "#ff8800"
    window.apply_settings()
    menus.show_guidelines(window)
    assert window.label_filter.findData("EVENT") > 0
    assert "5=EVENT" in window.legend.text()
    assert "<b>không</b>" in window.guidelines_view.toPlainText()  # raw HTML stays text


def test_bad_colour_saves_nothing(qtbot, project, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    dialog = SettingsDialog(project)
    qtbot.addWidget(dialog)
    dialog.entity_labels.table.item(0, 0).setText("NEW")
    dialog.entity_labels.table.item(1, 1).setText("not-a-colour")
    dialog.accept()
    assert "not a colour" in shown[0]
    assert [label["name"] for label in project.labels("entity")][0] == "PER"


def test_vietnamese_ui(qtbot, make_window):
    app = QApplication.instance()
    QSettings().setValue("language", "vi_VN")
    try:
        install_translation(app)
        window = make_window([{"id": "a", "text": "Bài viết."}])
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles[:3] == ["&Tệp", "&Sửa", "&Bài viết"]
        assert "&Nhóm" in titles and "&Trợ giúp" in titles  # the Team menu, from its own module
        team = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Nhóm")
        assert "Chế độ &duyệt…" in [a.text() for a in team.actions()]
        assert window.search.placeholderText() == "Tìm trong tiêu đề và nội dung (Ctrl+F)"
        assert window.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Trạng thái"
        assert QCoreApplication.translate("Status", "done") == "xong"
    finally:
        app.removeTranslator(app._tintag_translator)
        QSettings().remove("language")
