"""Rights fail closed (issue 14, item 9).

Found by a tester: on a read-only project an unknown name ran as the project
lead and read other layers in blind mode; a profile named ``cli`` turned the
command line into a blind annotator; fullwidth ``ｇｏｌｄ`` was accepted beside
``gold``. Now only the tools themselves (the command line, imports, the demo)
act as the lead, under names no profile may take; any other name that is not a
profile gets no rights; names are compared after NFKC and case folding.
"""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from team_helpers import TEXT, project_with_layers, span

from tintag.core.store import GOLD, PermissionDenied, ProjectStore, access


def _blind_project(tmp_path) -> tuple[Path, int]:
    lead, (doc,) = project_with_layers(tmp_path / "p.tintag")
    lead.add_annotator("lan")
    lead.add_annotator("minh")
    s, e = span(TEXT, "Nguyễn Văn An")
    lead.add_item("entity", doc, "minh", start=s, end=e, label="ORG")
    lead.set_blind(True)
    lead.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = lead.path
    lead.close()
    return path, doc


def test_an_unknown_name_on_a_read_only_project_reads_no_other_layer(tmp_path):
    path, doc = _blind_project(tmp_path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with ProjectStore.open(path, actor="stranger") as store:
            assert store.readonly and store.role == access.NOBODY
            with pytest.raises(PermissionDenied):
                store.entities(doc, "minh")
            assert store.layers() == [] and "minh" not in store.stats()["layers"]
            assert not store.may_manage()
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_an_unknown_name_writes_nothing_and_manages_nothing(tmp_path):
    path, doc = _blind_project(tmp_path)
    with ProjectStore.open(path, actor="stranger") as store:
        for call in (lambda: store.add_item("entity", doc, "stranger", start=0, end=3, label="PER"),
                     lambda: store.add_item("entity", doc, GOLD, start=0, end=3, label="PER"),
                     lambda: store.set_blind(False),
                     lambda: store.set_role("lan", "reviewer")):
            with pytest.raises(PermissionDenied):
                call()


def test_the_window_on_a_read_only_project_under_a_new_name_sees_no_other_layer(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tintag.ui import app as app_module

    path, doc = _blind_project(tmp_path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: None)
    try:
        session = app_module.Session("stranger")
        assert session.open(path), session.last_error
        qtbot.addWidget(session.window)
        store = session.window.store
        assert store.readonly and not store.may_read("minh")
        with pytest.raises(PermissionDenied):
            store.entities(doc, "minh")
        session.window.close()
        store.close()
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.parametrize("name", ["cli", "CLI", "lead", "system", "gold", "ｇｏｌｄ", "ＧＯＬＤ", "Suggestions",
                                  "ｃｌｉ", " gold "])
def test_reserved_names_cannot_be_profiles(tmp_path, name):
    path, _ = _blind_project(tmp_path)
    with ProjectStore.open(path, actor="lead") as store:
        with pytest.raises(ValueError, match="not of a person"):
            store.add_annotator(name)
    assert access.profile_name_problem(name)


def test_a_profile_named_cli_in_an_old_project_does_not_bind_the_command_line(tmp_path):
    """A project made before names were reserved may hold a profile 'cli'."""
    path, doc = _blind_project(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO annotators (name, role, created_at) VALUES ('cli', 'annotator', '2026-01-01')")
    conn.commit()
    conn.close()
    out = tmp_path / "minh.jsonl"
    cmd = [sys.executable, "-m", "tintag", "export", str(path), "--layer", "minh", "-o", str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert [e["label"] for e in json.loads(line)["entities"]] == ["ORG"]


def test_names_are_compared_after_nfkc_and_case_folding(tmp_path):
    path, _ = _blind_project(tmp_path)
    with ProjectStore.open(path, actor="lead") as store:
        store.add_annotator("Ｌａｎ２")  # fullwidth letters and digit
        with pytest.raises(ValueError, match="differ only"):
            store.add_annotator("lan2")
        assert store.profile_like("LAN2") == "Ｌａｎ２"
        assert store.profile_like("ｍｉｎｈ") == "minh"


def test_the_window_refuses_a_fullwidth_reserved_name(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tintag.ui import app as app_module

    path, _ = _blind_project(tmp_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    session = app_module.Session("ｇｏｌｄ")
    assert session.open(path) is False
    assert len(shown) == 1 and "not of a person" in shown[0]
    with ProjectStore.open(path, readonly=True) as store:
        assert "ｇｏｌｄ" not in {a["name"] for a in store.annotators()}
    assert os.path.exists(path)
