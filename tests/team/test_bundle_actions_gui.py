"""Team → Export my bundle / Merge bundles in the window: run off the GUI thread
behind a progress dialog, the result in the database; a bad bundle is a plain
message with nothing merged; a cancelled merge merges nothing."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from team_helpers import TEXT, add_docs, span
from test_review_mode_gui import open_window, tag

from tintag.core.store import ProjectStore
from tintag.core.team.bundle import BundleError, export_bundle, merge_bundles

OTHER = "Thủ tướng Phạm Minh Chính làm việc với tỉnh Quảng Ninh."


@pytest.fixture
def machines(tmp_path):
    master = tmp_path / "master.tintag"
    with ProjectStore.create(master, actor="lead") as lead:
        docs = add_docs(lead, [TEXT, OTHER])
        from tintag.core.suggest import registry

        for doc in docs:  # no background suggestion runs in these tests
            for producer in registry.project_producers(lead):
                lead.replace_suggestions(doc, producer.name, producer.version, lead.document(doc)["text_sha256"], [])
        lead.add_annotator("lan")
        lead.add_annotator("thu", role="reviewer")
    shutil.copy(master, tmp_path / "lan.tintag")
    return master, tmp_path / "lan.tintag", docs


def action(window, text):
    (found,) = [a for a in window.actions() if a.text() == text]
    return found


def wait_for_task(qtbot, window):
    qtbot.waitUntil(lambda: window.team_task.isFinished(), timeout=60000)
    qtbot.wait(50)  # the finished signal's slot runs on the GUI thread


def test_export_then_merge_through_the_team_menu(qtbot, machines, tmp_path, monkeypatch):
    master, lan_copy, docs = machines
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()))
    lan = open_window(qtbot, lan_copy, "lan")
    tag(qtbot, lan, "Nguyễn Văn An", Qt.Key.Key_1)
    tag(qtbot, lan, "Hà Nội", Qt.Key.Key_2)
    out = tmp_path / "lan.bundle.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    action(lan, "&Export my bundle…").trigger()
    wait_for_task(qtbot, lan)
    assert boxes == [] and lan.statusBar().currentMessage() == f"Bundle written: 1 documents → {out}"

    thu = open_window(qtbot, master, "thu")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(out)], ""))
    action(thu, "&Merge bundles…").trigger()
    wait_for_task(qtbot, thu)
    assert boxes == ["1 bundle(s): 1 documents updated, 0 unchanged, 0 merged before\n"
                     "lan: 2 items added, 0 changed, 0 deleted, 0 in conflict"]
    with ProjectStore.open(master, readonly=True) as store:
        assert [(e["label"], TEXT[e["start"]:e["end"]]) for e in store.entities(docs[0], "lan")] == [
            ("PER", "Nguyễn Văn An"), ("LOC", "Hà Nội")]
    thu.set_layer("lan")  # the list shows the merged work at once
    assert thu.model.row(thu.model.row_of(docs[0]))["entities"] == 2
    from tintag.core.backup import backup_reason, list_backups

    (before,) = list_backups(master)  # the merge took the rolling backup first, as the CLI does
    assert backup_reason(before) == "before-merge"
    with ProjectStore.open(before, readonly=True) as store:
        assert store.entities(docs[0], "lan") == []

    # a changed bundle: a plain warning naming it, nothing merged
    bad = tmp_path / "bad.bundle.jsonl"
    bad.write_text(out.read_text(encoding="utf-8").replace('"PER"', '"ORG"'), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    boxes.clear()
    action(thu, "&Merge bundles…").trigger()
    wait_for_task(qtbot, thu)
    assert boxes == [f"{bad}: the bundle was changed after it was written (its checksum does not match); "
                     "ask for a fresh one"]
    with ProjectStore.open(master, readonly=True) as store:
        assert [e["label"] for e in store.entities(docs[0], "lan")] == ["PER", "LOC"]
    assert list_backups(master) == [before]  # a refused merge leaves no backup behind


def test_merge_reports_progress_and_a_cancel_merges_nothing(machines, tmp_path):
    master, lan_copy, docs = machines
    with ProjectStore.open(lan_copy, actor="lan") as lan:
        for doc, text, word in ((docs[0], TEXT, "Huế"), (docs[1], OTHER, "Quảng Ninh")):
            s, e = span(text, word)
            lan.add_item("entity", doc, "lan", start=s, end=e, label="LOC")
        seen = []
        export_bundle(lan, "lan", tmp_path / "lan.jsonl", progress=lambda d, t: seen.append((d, t)))
        assert seen == [(2, 2)]
        with pytest.raises(BundleError, match="cancelled; nothing written"):
            export_bundle(lan, "lan", tmp_path / "never.jsonl", cancelled=lambda: True)
        assert not (tmp_path / "never.jsonl").exists()
    with ProjectStore.open(master, actor="thu") as store:
        calls = []

        def cancel_while_applying():  # 2 documents checked, then cancelled inside the transaction
            calls.append(1)
            return len(calls) > 3

        with pytest.raises(BundleError, match="merge cancelled; nothing merged"):
            merge_bundles(store, [tmp_path / "lan.jsonl"], cancelled=cancel_while_applying)
        assert store.entities(docs[0], "lan") == [] and store.get_setting("bundle_merges") is None
        seen = []
        summary = merge_bundles(store, [tmp_path / "lan.jsonl"], progress=lambda d, t: seen.append((d, t)))
        assert summary["documents_changed"] == 2 and seen == [(4, 4)]


def test_the_merge_dialog_says_what_it_added_and_left_in_conflict(qtbot, machines, tmp_path, monkeypatch):
    """The master's own edit survives a merge made through the window; the item
    both sides changed is counted as a conflict in the dialog."""
    master, lan_copy, docs = machines
    s, e = span(TEXT, "Hà Nội")
    with ProjectStore.open(lan_copy, actor="lan") as lan:
        uid = lan.add_item("entity", docs[0], "lan", start=s, end=e, label="LOC")["uid"]
        export_bundle(lan, "lan", tmp_path / "v1.jsonl")
    with ProjectStore.open(master, actor="thu") as store:
        merge_bundles(store, [tmp_path / "v1.jsonl"])
        store.update_item("entity", uid, label="ORG")  # saved on the master since
    with ProjectStore.open(lan_copy, actor="lan") as lan:
        lan.update_item("entity", uid, label="MISC")
        h, t = span(OTHER, "Quảng Ninh")
        lan.add_item("entity", docs[1], "lan", start=h, end=t, label="LOC")
        export_bundle(lan, "lan", tmp_path / "v2.jsonl")
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()))
    thu = open_window(qtbot, master, "thu")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(tmp_path / "v2.jsonl")], ""))
    action(thu, "&Merge bundles…").trigger()
    wait_for_task(qtbot, thu)
    assert boxes == ["1 bundle(s): 1 documents updated, 1 unchanged, 0 merged before\n"
                     "lan: 1 items added, 0 changed, 0 deleted, 1 in conflict\n"
                     "Items in conflict keep this project's version; the bundle's waits for review "
                     "(tintag bundle conflicts)."]
    with ProjectStore.open(master, readonly=True) as store:
        assert store.item("entity", uid)["label"] == "ORG"
        assert [e["label"] for e in store.entities(docs[1], "lan")] == ["LOC"]
