"""Starting the app: annotator name asked once, demo by default, bad projects refused politely."""
from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from desktop.ui import app as app_module


def test_name_asked_once_then_remembered(qtbot, monkeypatch):
    QSettings().remove("annotator")
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (asked.append(1), (" Lan ", True))[1])
    assert app_module.ask_annotator() == "Lan"
    assert app_module.ask_annotator() == "Lan"
    assert len(asked) == 1


def test_session_opens_demo_and_switches_projects(qtbot, tmp_path, monkeypatch):
    from desktop.core.demo import ensure_demo_project
    from desktop.core.store import ProjectStore

    session = app_module.Session("lan")
    assert session.open(ensure_demo_project())
    first = session.window
    qtbot.addWidget(first)
    assert first.model.rowCount() == 5 and "demo.tintag" in first.windowTitle()
    other = tmp_path / "other.tintag"
    ProjectStore.create(other).close()
    first.opener(str(other))
    assert session.window is not first and "other.tintag" in session.window.windowTitle()
    qtbot.addWidget(session.window)
    assert str(other) in QSettings().value("recent")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "bad.tintag"
    bad.write_text("not a project", encoding="utf-8")
    assert session.open(bad) is False
    assert shown == [f"{bad}: not a TinTag project (not an SQLite database)"]
    assert bad.read_text(encoding="utf-8") == "not a project"
