"""Starting the app: annotator name asked once, demo by default, bad projects refused politely."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tintag.ui import app as app_module


def test_name_asked_once_then_remembered(qtbot, monkeypatch):
    QSettings().remove("annotator")
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (asked.append(1), (" Lan ", True))[1])
    assert app_module.ask_annotator() == "Lan"
    assert app_module.ask_annotator() == "Lan"
    assert len(asked) == 1


def test_session_opens_demo_and_switches_projects(qtbot, tmp_path, monkeypatch):
    from tintag.core.demo import ensure_demo_project
    from tintag.core.store import ProjectStore

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
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))  # never a real modal box
    bad = tmp_path / "bad.tintag"
    bad.write_text("not a project", encoding="utf-8")
    assert session.open(bad) is False
    assert shown == [f"{bad}: not a TinTag project (not an SQLite database)"]
    assert bad.read_text(encoding="utf-8") == "not a project"
    assert session.window is not None  # the window already open stays


def test_file_name_with_html_is_shown_literally(qtbot, tmp_path, monkeypatch):
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append((box.text(), box.textFormat())))
    for helper in ("critical", "warning", "information"):  # they guess rich text from '<'
        monkeypatch.setattr(QMessageBox, helper, lambda *args, h=helper: pytest.fail(f"QMessageBox.{h} used"))
    bad = tmp_path / "<b>tin tức & <img src=x>.tintag"  # no "/" in a name: it would be a folder
    bad.write_bytes(b"")
    session = app_module.Session("lan")
    assert session.open(bad) is False
    assert boxes == [(f"{bad}: an empty file, not a TinTag project", Qt.TextFormat.PlainText)]
    assert session.last_error == boxes[0][0]


def test_team_menu_switches_profile_in_a_new_window(qtbot, tmp_path, monkeypatch):
    from tintag.core.store import ProjectStore

    path = tmp_path / "news.tintag"
    ProjectStore.create(path).close()
    session = app_module.Session("lan")
    assert session.open(path)
    first = session.window
    qtbot.addWidget(first)
    (switch,) = [a for a in first.actions() if a.text() == "&Switch profile…"]
    offered = []

    def pick(parent, title, label, items, current, editable):
        offered.append((list(items), current, editable))
        return answer

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    answer = ("lan", True)  # the same profile: nothing happens
    switch.trigger()
    assert session.window is first
    answer = (" minh ", False)  # cancelled
    switch.trigger()
    assert session.window is first and QSettings().value("annotator") != "minh"

    answer = (" minh ", True)  # a new name adds a profile
    switch.trigger()
    second = session.window
    qtbot.addWidget(second)
    assert second is not first and not first.isVisible()
    assert second.annotator == "minh" and second.layer == "minh" and "— minh (annotator)" in second.windowTitle()
    assert session.annotator == "minh" and QSettings().value("annotator") == "minh"
    assert offered[0] == (["lan"], 0, True)
    switch2 = [a for a in second.actions() if a.text() == "&Switch profile…"][0]
    answer = ("lan", True)
    switch2.trigger()
    qtbot.addWidget(session.window)
    assert session.window.annotator == "lan" and offered[-1][0][:2] == ["lan", "minh"] and offered[-1][1] == 1
    with ProjectStore.open(path, readonly=True) as store:
        assert [a["name"] for a in store.annotators()] == ["lan", "minh"]


def test_layer_names_are_refused_as_profiles(qtbot, tmp_path, monkeypatch):
    from tintag.core.store import ProjectStore

    path = tmp_path / "news.tintag"
    ProjectStore.create(path).close()
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()))
    session = app_module.Session("gold")  # `tintag open --annotator gold`
    assert session.open(path) is False and session.window is None
    assert boxes == ["'gold' is the name of a layer or of TinTag itself, not of a person; choose another name"]

    QSettings().setValue("annotator", "gold")  # remembered from an older TinTag: asked again
    answers = iter([(" Suggestions ", True), ("lan", True)])
    prompts = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda parent, title, prompt, *a, **k: (prompts.append(prompt), next(answers))[1])
    assert app_module.ask_annotator() == "lan" and QSettings().value("annotator") == "lan"
    assert prompts[1] == "'Suggestions' is the name of a layer, not of a person. Your name:"

    session = app_module.Session("lan")
    assert session.open(path)
    qtbot.addWidget(session.window)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("gold", True))
    (switch,) = [a for a in session.window.actions() if a.text() == "&Switch profile…"]
    first = session.window
    switch.trigger()
    assert session.window is first and first.annotator == "lan"
    assert "name of a layer" in first.statusBar().currentMessage()
    with ProjectStore.open(path, readonly=True) as store:
        assert [a["name"] for a in store.annotators()] == ["lan"]


def test_a_name_differing_only_in_case_opens_the_existing_profile(qtbot, tmp_path):
    from tintag.core.store import ProjectStore

    path = tmp_path / "news.tintag"
    with ProjectStore.create(path, actor="lead") as store:
        store.add_annotator("Đức")
    session = app_module.Session("đức")  # typed in lower case on another start
    assert session.open(path)
    qtbot.addWidget(session.window)
    assert session.window.annotator == "Đức" and session.window.layer == "Đức"
    assert session.window.store.actor == "Đức" and "— Đức (annotator)" in session.window.windowTitle()
    with ProjectStore.open(path, readonly=True) as store:
        assert [a["name"] for a in store.annotators()] == ["Đức"]
