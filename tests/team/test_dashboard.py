"""The team dashboard shows the project's own numbers, computed off the GUI
thread, names as plain text, and refreshes."""
from __future__ import annotations

import html

import pytest
from agreement_helpers import add_doc, entity
from PySide6.QtWidgets import QLabel

from tintag.core.agreement import agreement_report
from tintag.core.agreement.progress import team_progress
from tintag.ui.charts import BarChart, Series
from tintag.ui.dashboard import DashboardWindow

NAME = "<b>x</b>"


@pytest.fixture
def team_project(project):
    """Two annotators ("lan" and a name that looks like markup) on three articles."""
    texts = ["Ông Nguyễn Văn An gặp bà Lê Thị Bình ở Hà Nội hôm qua.",
             "Thủ tướng Phạm Minh Chính phát biểu tại Đà Nẵng sáng nay.",
             "Công ty Vinamilk mở nhà máy mới ở Bình Dương."]
    docs = [add_doc(project, t) for t in texts]
    for layer in ("lan", NAME):
        project.add_annotator(layer)
        entity(project, docs[0], layer, "Nguyễn Văn An", "PER")
        entity(project, docs[0], layer, "Hà Nội", "LOC")
        entity(project, docs[1], layer, "Phạm Minh Chính", "PER")
        project.set_status(docs[0], layer, "done")
        project.add_time(docs[0], layer, 120.0)
    entity(project, docs[0], "lan", "Lê Thị Bình", "PER")
    entity(project, docs[1], NAME, "Đà Nẵng", "ORG")  # lan says LOC below
    entity(project, docs[1], "lan", "Đà Nẵng", "LOC")
    project.set_status(docs[1], "lan", "done")
    project.add_time(docs[1], "lan", 300.0)
    project.set_status(docs[1], NAME, "in_progress")
    project.set_status(docs[2], "lan", "skipped")
    # suggestion decisions: lan accepts one and rejects one, x accepts two
    project.replace_suggestions(docs[2], "test", "1", project.document(docs[2])["text_sha256"], [
        {"kind": "entity", "key": f"k{i}", "payload": {"start": 0, "end": 3, "label": "ORG"}, "score": 1.0}
        for i in range(2)])
    project.decide_suggestion(docs[2], "k0", "lan", "accepted")
    project.decide_suggestion(docs[2], "k1", "lan", "rejected")
    project.decide_suggestion(docs[2], "k0", NAME, "accepted")
    project.decide_suggestion(docs[2], "k1", NAME, "accepted")
    return project, docs


def open_dashboard(qtbot, store):
    window = DashboardWindow(store, workers=1)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.result is not None and not window.computing)
    return window


def cells(table, row):
    return [table.item(row, col).text() for col in range(table.columnCount())]


def test_numbers_come_from_the_project(qtbot, team_project):
    store, docs = team_project
    window = open_dashboard(qtbot, store)
    progress = team_progress(store)
    report = agreement_report(store)
    assert progress["layers"] == [NAME, "lan"]
    # the annotator table, row by row
    table = window.annotator_table
    assert table.rowCount() == 2
    assert cells(table, 0)[:10] == [NAME, "1", "1", "0", "0", "0", "2", "0", "100%", "0%"]
    assert cells(table, 1)[:10] == ["lan", "2", "0", "0", "1", "0", "1", "1", "50%", "0%"]
    assert cells(table, 1)[10:] == ["3.5 min", "3.5 min"]  # 120 s and 300 s
    assert cells(table, 0)[10:] == ["2.0 min", "2.0 min"]
    # charts hold the same figures
    assert window.progress_chart.value("lan", "done") == 2
    assert window.progress_chart.value(NAME, "in progress") == 1
    assert window.labels_chart.value("PER", "lan") == 3 and window.labels_chart.value("ORG", NAME) == 1
    assert window.acceptance_chart.value("lan", "accepted of decided") == 50
    assert window.time_chart.value("lan", "median") == pytest.approx(3.5)
    # agreement: same as the core report, per label and overall
    pair = report["pairs"][0]
    name = f"{NAME} ↔ lan"
    assert window.agreement_chart.categories == [*report["labels"], "ALL"]
    for label in window.agreement_chart.categories:
        assert window.agreement_chart.value(label, name) == pair["entities"][label]["kappa"]
    assert [s.name for s in window.agreement_chart.series] == [name]  # two annotators: no "all" bar
    window.measure.setCurrentIndex(window.measure.findData("f1_exact"))
    assert window.agreement_chart.value("LOC", name) == pair["entities"]["LOC"]["f1_exact"] == 0.6667
    row = cells(window.agreement_table, 0)
    assert row[:6] == [name, "2", f"{pair['tokens']:,}", f"{pair['entities']['ALL']['f1_exact']:.3f}",
                       f"{pair['entities']['ALL']['f1_overlap']:.3f}", f"{pair['entities']['ALL']['kappa']:.3f}"]
    assert cells(window.agreement_table, 1)[0] == "all"


def test_names_are_plain_text(qtbot, team_project):
    store, _ = team_project
    window = open_dashboard(qtbot, store)
    assert window.annotator_table.item(0, 0).text() == NAME
    assert NAME in window.progress_chart.categories
    assert any(s.name == NAME for s in window.labels_chart.series)
    for label in window.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == label.textFormat().PlainText
    window.status.setText(NAME)  # the status line is plain text too
    assert window.status.textFormat() == window.status.textFormat().PlainText


def test_refresh_shows_new_work(qtbot, team_project):
    store, docs = team_project
    window = open_dashboard(qtbot, store)
    assert cells(window.annotator_table, 0)[1] == "1"
    store.set_status(docs[1], NAME, "done")
    with qtbot.waitSignal(window.updated):
        window.refresh_button.click()
    assert cells(window.annotator_table, 0)[1:3] == ["2", "0"]
    # the thread's own "finished" comes just after the figures
    qtbot.waitUntil(lambda: not window.computing)
    assert window.refresh_button.isEnabled()


def test_one_annotator_says_why_there_is_no_agreement(qtbot, project):
    doc = add_doc(project, "Ông An ở Huế.")
    entity(project, doc, "lan", "An", "PER")
    window = open_dashboard(qtbot, project)
    assert window.result["agreement"] is None
    assert "two annotator layers" in window.agreement_chart.empty_text
    assert window.agreement_table.rowCount() == 0
    assert cells(window.annotator_table, 0)[0] == "lan"


def test_bar_chart_paints_negative_stacked_and_empty(qtbot):
    chart = BarChart("kappa")
    qtbot.addWidget(chart)
    chart.resize(400, 260)
    chart.set_data(["PER", "LOC", NAME], [Series("a ↔ b", [0.8, -0.2, None]), Series("all", [1.0, 0.1, 0.3])])
    assert chart.grab().width() == 400
    assert chart.value("LOC", "a ↔ b") == -0.2 and chart.value(NAME, "a ↔ b") is None
    chart.set_data(["a", "b"], [Series("done", [3, 1]), Series("todo", [1, 4])], stacked=True,
                   value_format="{:.0f}")
    assert not chart.grab().isNull()
    chart.set_data([], [], empty_text="nothing yet")
    assert not chart.has_data() and not chart.grab().isNull()
    with pytest.raises(ValueError):
        chart.set_data(["a"], [Series("s", [1, 2])])


def test_three_annotators_each_pair_or_all(qtbot, project):
    doc = add_doc(project, "Ông Nguyễn Văn An gặp bà Lê Thị Bình ở Hà Nội hôm qua.")
    for layer, label in (("lan", "PER"), ("minh", "PER"), ("thu", "ORG")):
        entity(project, doc, layer, "Nguyễn Văn An", label)
    window = open_dashboard(qtbot, project)
    names = [s.name for s in window.agreement_chart.series]
    assert names == ["lan ↔ minh", "lan ↔ thu", "minh ↔ thu", "all"]
    assert window.agreement_chart.value("PER", "lan ↔ minh") == 1.0
    window.each_pair.setChecked(False)
    assert [s.name for s in window.agreement_chart.series] == ["all"]
    fleiss = window.result["agreement"]["all"]["entities"]["ALL"]["kappa"]
    assert window.agreement_chart.value("ALL", "all") == fleiss
    tip = html.unescape(window.agreement_table.item(3, 5).toolTip())
    assert "Fleiss' kappa on 1 documents done by 3 of 3 annotators (" in tip


def test_fleiss_on_documents_done_by_some_of_the_annotators(qtbot, project):
    """Every document to 2 of 4 (then one to 3): "all" still has a kappa, and
    its tooltip says which documents it covers."""
    texts = ["Ông Nguyễn Văn An gặp bà Lê Thị Bình ở Hà Nội hôm qua.",
             "Thủ tướng Phạm Minh Chính phát biểu tại Đà Nẵng sáng nay."]
    docs = [add_doc(project, t) for t in texts]
    for doc, layers, words in ((docs[0], ("lan", "minh"), "Nguyễn Văn An"),
                               (docs[1], ("thu", "an"), "Phạm Minh Chính")):
        for layer in layers:
            entity(project, doc, layer, words, "PER")
    window = open_dashboard(qtbot, project)
    all_row = window.agreement_table.rowCount() - 1
    assert window.agreement_table.item(all_row, 5).text() != "—"
    assert "done by 2 of 4 annotators" in window.agreement_table.item(all_row, 5).toolTip()
    entity(project, docs[1], "lan", "Phạm Minh Chính", "ORG")
    window.refresh()
    qtbot.waitUntil(lambda: not window.computing)
    tip = html.unescape(window.agreement_table.item(all_row, 5).toolTip())
    assert "Fleiss' kappa on 2 documents done by 2 to 3 of 4 annotators" in tip and "Gwet" in tip


def test_closing_while_computing_stops_the_worker(qtbot, team_project):
    store, _ = team_project
    window = DashboardWindow(store, workers=1)
    qtbot.addWidget(window)
    window.show()
    worker = window.worker
    assert worker is not None and window.computing
    window.close()  # cancels and waits; no crash, no late update
    assert worker.isFinished()
