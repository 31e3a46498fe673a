"""Drive the real window with mouse drags and key presses; assert on the database."""
from __future__ import annotations

from gui_helpers import click_at, drag_select
from PySide6.QtCore import Qt

EMOJI_TEXT = 'Xin chào 😀 hôm nay, ông Nguyễn Văn Nam nói: "Hà Nội sẽ ủng hộ Kim Jong-un". Hết.'


def idx(text, word):
    return text.index(word), text.index(word) + len(word)


def test_drag_and_label_key_snaps_to_words_with_emoji(qtbot, make_window, project):
    window = make_window([{"id": "e", "text": EMOJI_TEXT}])
    view = window.article
    s, e = idx(EMOJI_TEXT, "Nguyễn Văn Nam")
    drag_select(qtbot, view, s + 2, e - 1)  # from inside "Nguyễn" to inside "Nam"
    assert view.selection() == (s + 2, e - 1)
    qtbot.keyClick(view, Qt.Key.Key_1)  # PER
    (ent,) = project.entities(window.current_id, "lan")
    assert (ent["start"], ent["end"], ent["label"]) == (s, e, "PER")
    assert EMOJI_TEXT[ent["start"]:ent["end"]] == "Nguyễn Văn Nam"
    # Alt keeps the selection exact
    hs, he = idx(EMOJI_TEXT, "Hà Nội")
    drag_select(qtbot, view, hs, he - 1)
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    loc = [x for x in project.entities(window.current_id, "lan") if x["label"] == "LOC"][0]
    assert EMOJI_TEXT[loc["start"]:loc["end"]] == "Hà Nộ"
    # the label letter works too (O = ORG), and undo/redo follow in the database
    ks, ke = idx(EMOJI_TEXT, "Kim Jong-un")
    drag_select(qtbot, view, ks, ke)
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert {x["label"] for x in project.entities(window.current_id, "lan")} == {"PER", "LOC", "ORG"}
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {x["label"] for x in project.entities(window.current_id, "lan")} == {"PER", "LOC"}
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert {x["label"] for x in project.entities(window.current_id, "lan")} == {"PER", "LOC", "ORG"}
    assert window.saved_label.text().startswith("Saved")


def entity_suggestion(text, word, label):
    s, e = idx(text, word)
    return {"kind": "entity", "key": f"entity:{s}:{e}:{label}", "score": 0.8,
            "payload": {"start": s, "end": e, "label": label, "text": word}}


def test_tab_enter_delete_and_accept_all(qtbot, make_window, project):
    window = make_window([{"id": "e", "text": EMOJI_TEXT}])
    doc = project.document(window.current_id)
    items = [entity_suggestion(EMOJI_TEXT, "Nguyễn Văn Nam", "PER"), entity_suggestion(EMOJI_TEXT, "Hà Nội", "LOC"),
             entity_suggestion(EMOJI_TEXT, "Kim Jong-un", "PER")]
    project.replace_suggestions(doc["id"], "underthesea-ner", "1", doc["text_sha256"], items)
    window.refresh()
    view = window.article
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.current == ("suggestion", items[0]["key"])
    qtbot.keyClick(view, Qt.Key.Key_Return)  # accept Nguyễn Văn Nam
    assert [(e["label"], e["origin"]) for e in project.entities(doc["id"], "lan")] == [("PER", "suggestion")]
    assert window.current == ("suggestion", items[1]["key"])  # moved on to the next one
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # reject Hà Nội
    decisions = {s["key"]: s["decision"] for s in project.suggestions(doc["id"], layer="lan")}
    assert decisions[items[1]["key"]] == "rejected"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {s["key"] for s in project.suggestions(doc["id"], layer="lan", open_only=True)} == {
        items[1]["key"], items[2]["key"]}
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.current == ("suggestion", items[2]["key"])
    qtbot.keyClick(view, Qt.Key.Key_A)  # accept all open PER suggestions
    assert sorted(e["label"] for e in project.entities(doc["id"], "lan")) == ["PER", "PER"]
    assert [s["key"] for s in project.suggestions(doc["id"], layer="lan", open_only=True)] == [items[1]["key"]]
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert window.current == ("suggestion", items[1]["key"])


def test_quote_speaker_by_click_then_stance(qtbot, make_window, project):
    window = make_window([{"id": "e", "text": EMOJI_TEXT}])
    view = window.article
    doc_id = window.current_id
    s, e = idx(EMOJI_TEXT, "Nguyễn Văn Nam")
    drag_select(qtbot, view, s, e)
    qtbot.keyClick(view, Qt.Key.Key_1)
    ks, ke = idx(EMOJI_TEXT, "Kim Jong-un")
    drag_select(qtbot, view, ks, ke)
    qtbot.keyClick(view, Qt.Key.Key_1)
    qs, qe = idx(EMOJI_TEXT, '"Hà Nội sẽ ủng hộ Kim Jong-un"')
    drag_select(qtbot, view, qs, qe)
    qtbot.keyClick(view, Qt.Key.Key_Q)
    (quote,) = project.quotes(doc_id, "lan")
    assert EMOJI_TEXT[quote["start"]:quote["end"]] == "Hà Nội sẽ ủng hộ Kim Jong-un"  # marks left out
    assert window._picker is not None and window._picker.isVisible()
    click_at(qtbot, view, s + 3)  # click the speaker in the text
    nam = [x for x in project.entities(doc_id, "lan") if x["start"] == s][0]
    assert project.item("quote", quote["uid"])["speaker_uid"] == nam["uid"]
    assert project.item("quote", quote["uid"])["speaker_name"] == "Nguyễn Văn Nam"
    # S: a stance from the current quote: holder = its speaker; pick target, then polarity
    window.set_current(("quote", quote["uid"]))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_S)
    picker = window._picker
    targets = [picker.list.item(i).text() for i in range(picker.list.count())]
    row = next(i for i, t in enumerate(targets) if "Kim Jong-un" in t)
    qtbot.keyClick(picker, getattr(Qt.Key, f"Key_{row + 1}"))
    polarity = window._picker
    assert polarity is not None and polarity is not picker
    qtbot.keyClick(polarity, Qt.Key.Key_1)  # support
    (stance,) = project.stances(doc_id, "lan")
    assert (stance["holder_uid"], stance["polarity"], stance["evidence_quote_uid"]) == (
        nam["uid"], "support", quote["uid"])
    assert stance["target_name"] == "Kim Jong-un"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.stances(doc_id, "lan") == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.item("quote", quote["uid"])["speaker_uid"] is None
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.quotes(doc_id, "lan") == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(project.quotes(doc_id, "lan")) == 1


def test_done_and_next_and_j_k(qtbot, make_window, project):
    window = make_window([{"id": f"d{i}", "text": f"Bài số {i} ở Hà Nội."} for i in range(3)])
    first = window.current_id
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert project.assignment(first, "lan")["status"] == "done"
    assert window.current_id != first
    second = window.current_id
    qtbot.keyClick(window.article, Qt.Key.Key_J)
    assert window.current_id not in (first, second)
    qtbot.keyClick(window.article, Qt.Key.Key_K)
    assert window.current_id == second
    assert window.model.index(0, 0).data() == "done"
    # the status filter then lists only what is left to do
    window.status_filter.setCurrentIndex(window.status_filter.findData("todo"))
    assert window.model.rowCount() == 2


def test_background_suggestions_with_underthesea(qtbot, make_window, project):
    window = make_window([{"id": "s", "text": "Tổng thống Nga Vladimir Putin tới Bình Nhưỡng hôm 19/6."}],
                         compute_suggestions=True)
    qtbot.waitUntil(lambda: len(window.open_suggestions) > 0, timeout=60000)
    labels = {(s["payload"]["label"], s["payload"]["text"]) for s in window.open_suggestions if s["kind"] == "entity"}
    assert ("PER", "Vladimir Putin") in labels and ("LOC", "Bình Nhưỡng") in labels
    window.panel.setCurrentIndex(3)  # tables fill when their tab is shown
    assert window.panel.suggestions.rowCount() == len(window.open_suggestions)
    assert window.panel.tabText(3).endswith(f"({len(window.open_suggestions)})")


def test_side_panel_row_click_and_in_place_label_edit(qtbot, make_window, project):
    from gui_helpers import click_at
    from PySide6.QtWidgets import QComboBox

    window = make_window([{"id": "e", "text": EMOJI_TEXT}])
    doc_id = window.current_id
    s, e = idx(EMOJI_TEXT, "Hà Nội")
    ent = project.add_item("entity", doc_id, "lan", start=s, end=e, label="PER")
    window.refresh()
    table = window.panel.entities
    assert table.cell(0, 1) == "Hà Nội"
    # click the row: the text selects the entity
    rect = table.visualRect(table.rows.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current == ("entity", ent["uid"])
    assert window.article.selection() == (s, e)
    # click in the text: the row follows
    window.set_current(None)
    click_at(qtbot, window.article, s + 1)
    assert window.current == ("entity", ent["uid"])
    # F2 on the label cell opens a chooser; picking LOC relabels (undoably)
    table.setCurrentIndex(table.rows.index(0, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QComboBox)
    assert editor is not None
    assert editor.currentText() == "PER"
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # PER → LOC, saved at once
    assert project.item("entity", ent["uid"])["label"] == "LOC"
    window.undo()  # Ctrl+Z: through the save queue, as the key does
    assert project.item("entity", ent["uid"])["label"] == "PER"
    # Delete in the table deletes the entity
    table.setCurrentIndex(table.rows.index(0, 1))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert project.entities(doc_id, "lan") == []


def test_hostile_text_stays_literal_in_panels(qtbot, make_window, project):
    text = 'Ông <b>Nam</b> nói: "<i>xin chào</i>".'
    window = make_window([{"id": "h", "title": "<script>x</script>", "text": text}])
    doc_id = window.current_id
    s = text.index("<b>Nam</b>")
    project.add_item("entity", doc_id, "lan", start=s, end=s + 10, label="PER")
    window.refresh()
    assert window.panel.entities.cell(0, 1) == "<b>Nam</b>"
    assert "&lt;b&gt;" in window.panel.entities.rows.data(window.panel.entities.rows.index(0, 1),
                                                           Qt.ItemDataRole.ToolTipRole)
    assert window.article.toPlainText() == text
    assert window.title_label.text() == "<script>x</script>"
