"""The team dashboard: progress per annotator, label counts, suggestion
acceptance, time per document and inter-annotator agreement, as charts and
two tables.

Thin by design: every number comes from ``tintag.core.agreement``
(``team_progress``, ``agreement_report``), computed on a worker thread with its
own connection to the project (the store's role checks apply: a blind
annotator sees only what the store lets them read). Annotator names and labels
are shown as plain text everywhere.

Open it with ``DashboardWindow(store).show()``.
"""
from __future__ import annotations

import os
import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tintag.core.store import ProjectStore

from .charts import BarChart, Series
from .plain import plain_tooltip
from .workers import StoreTask

MAX_PAIRS_SHOWN = 6  # more pairs than this: the agreement chart starts with "all" only
ALL_PAIRS = "all"


def _figures(store, layers, workers: int, progress, cancelled) -> dict | None:
    """The dashboard's figures (run by a StoreTask, off the GUI thread); None
    when cancelled."""
    from tintag.core.agreement import AgreementCancelled, agreement_report
    from tintag.core.agreement.progress import team_progress

    result = {"progress": team_progress(store, layers), "agreement": None, "agreement_note": ""}
    shown = result["progress"]["layers"]
    if len(shown) < 2:
        result["agreement_note"] = "agreement needs at least two annotator layers"
        return result
    try:
        result["agreement"] = agreement_report(store, shown, progress=progress, cancelled=cancelled,
                                               workers=workers)
    except AgreementCancelled:
        return None
    return result


def _fit_height(table: QTableWidget) -> None:
    """Rows sized to their text and the table exactly as tall as its rows: the
    page scrolls, not each table (AdjustToContents alone cut the last row)."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    bar = table.horizontalScrollBar().sizeHint().height() if table.horizontalScrollBar().isVisible() else 0
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + bar)


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _fmt(x, pattern: str = "{:.3f}") -> str:
    return "—" if x is None else pattern.format(x)


def _minutes(seconds) -> str:
    if seconds is None:
        return "—"
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.0f} s"


class DashboardWindow(QWidget):
    """Progress per annotator, label counts, acceptance, time and agreement."""
    updated = Signal()  # new figures are on screen

    def __init__(self, store: ProjectStore, parent=None, layers=None, workers: int | None = None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setWindowTitle(self.tr("Team dashboard — %s") % store.path.name)
        self.project_path, self.actor, self.readonly = store.path, store.actor, store.readonly
        self.layers, self.workers = layers, workers
        self.result: dict | None = None
        self.worker: StoreTask | None = None

        self.status = _plain_label()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.hide()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.bar)
        top.addWidget(self.refresh_button)

        self.measure = QComboBox()
        self.measure.addItem(self.tr("kappa (tokens)"), "kappa")
        self.measure.addItem(self.tr("span F1, exact"), "f1_exact")
        self.measure.addItem(self.tr("span F1, overlap"), "f1_overlap")
        self.measure.currentIndexChanged.connect(self._show_agreement_chart)
        self.each_pair = QCheckBox(self.tr("Each pair"))
        self.each_pair.setChecked(True)
        self.each_pair.toggled.connect(self._show_agreement_chart)
        self.agreement_chart = BarChart(self.tr("Agreement per label"))
        self.agreement_chart.setMinimumHeight(260)
        agreement_box = QGroupBox(self.tr("Agreement"))
        controls = QHBoxLayout()
        controls.addWidget(_plain_label(self.tr("Measure:")))
        controls.addWidget(self.measure)
        controls.addWidget(self.each_pair)
        controls.addStretch(1)
        self.agreement_table = self._table([
            self.tr("Annotators"), self.tr("Documents"), self.tr("Tokens"), self.tr("F1 exact"),
            self.tr("F1 overlap"), self.tr("kappa"), self.tr("Stance α"), self.tr("Speaker α")])
        box = QVBoxLayout(agreement_box)
        box.addLayout(controls)
        box.addWidget(self.agreement_chart)
        box.addWidget(self.agreement_table)

        self.progress_chart = BarChart(self.tr("Documents per annotator"))
        self.labels_chart = BarChart(self.tr("Entities per label"))
        self.acceptance_chart = BarChart(self.tr("Suggestions taken (%)"))
        self.time_chart = BarChart(self.tr("Time per finished document (minutes)"))
        self.annotator_table = self._table([
            self.tr("Annotator"), self.tr("Done"), self.tr("In progress"), self.tr("To do"),
            self.tr("Skipped"), self.tr("Assigned"), self.tr("Accepted"), self.tr("Rejected"),
            self.tr("Acceptance"), self.tr("From suggestions"), self.tr("Median time"),
            self.tr("Mean time")])

        grid = QGridLayout()
        grid.addWidget(agreement_box, 0, 0, 1, 2)
        grid.addWidget(self.progress_chart, 1, 0)
        grid.addWidget(self.labels_chart, 1, 1)
        grid.addWidget(self.acceptance_chart, 2, 0)
        grid.addWidget(self.time_chart, 2, 1)
        grid.addWidget(self.annotator_table, 3, 0, 1, 2)
        grid.setRowStretch(4, 1)  # spare height goes below the tables, not into them
        content = QWidget()
        content.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.resize(1000, 860)
        app = QApplication.instance()
        if app is not None:  # never leave a running thread behind at exit
            app.aboutToQuit.connect(self.stop)
        self.refresh()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        return table

    # ------------------------------------------------------------ compute
    @property
    def computing(self) -> bool:
        return self.worker is not None

    def refresh(self) -> None:
        if self.worker is not None:
            return
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Computing…"))
        self.bar.setRange(0, 0)
        self.bar.show()
        layers, workers = self.layers, self.workers or os.cpu_count() or 1
        worker = StoreTask(self.project_path, self.actor,
                           lambda store, progress, cancelled: _figures(store, layers, workers, progress, cancelled),
                           readonly=self.readonly, parent=self)
        worker.progress.connect(self._progress)
        worker.finished_task.connect(self._done)
        worker.finished.connect(self._finished)
        self.worker = worker
        worker.start()

    def _progress(self, done: int, total: int) -> None:
        if self.sender() is not self.worker:
            return
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.status.setText(self.tr("Comparing annotators… %d of %d documents") % (done, total))

    def _finished(self) -> None:
        worker = self.sender()
        if worker is self.worker:
            self.worker = None
            self.bar.hide()
            self.refresh_button.setEnabled(True)
        if worker is not None:
            worker.deleteLater()

    def _done(self, result) -> None:
        if isinstance(result, str):  # the error's message
            self._failed(result)
        elif result is not None:  # None: cancelled
            self._ready(result)

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Could not compute the figures: %s") % message)

    def _ready(self, result: dict) -> None:
        self.result = result
        shared = result["agreement"]["documents"]["shared"] if result["agreement"] else 0
        self.status.setText(self.tr("Updated %s · %d annotators · %d documents done by at least two")
                            % (time.strftime("%H:%M:%S"), len(result["progress"]["layers"]), shared))
        self._show_progress(result["progress"])
        self._show_agreement(result["agreement"], result["agreement_note"])
        self.updated.emit()

    def stop(self) -> None:
        """Cancel a computation in progress and wait for its thread (quick: the
        worker checks between documents)."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)

    # --------------------------------------------------------------- show
    def _show_progress(self, progress: dict) -> None:
        layers, per = progress["layers"], progress["per_layer"]
        none = self.tr("No annotator layers yet")
        statuses = (("done", self.tr("done")), ("in_progress", self.tr("in progress")),
                    ("todo", self.tr("to do")), ("skipped", self.tr("skipped")))
        colours = {"done": "#59a14f", "in_progress": "#edc948", "todo": "#bab0ac", "skipped": "#e15759"}
        self.progress_chart.set_data(
            layers, [Series(name, [per[who]["status"][key] for who in layers], colours[key])
                     for key, name in statuses],
            stacked=True, value_format="{:.0f}", integers=True,
            empty_text=none if not layers else self.tr("No document started yet"))
        labels = progress["labels"]
        self.labels_chart.set_data(
            labels, [Series(who, [per[who]["labels"].get(label, 0) for label in labels]) for who in layers],
            value_format="{:.0f}", integers=True, empty_text=self.tr("No entities yet"))

        def pct(x):
            return None if x is None else 100 * x
        self.acceptance_chart.set_data(
            layers, [Series(self.tr("accepted of decided"),
                            [pct(per[who]["suggestions"]["acceptance_rate"]) for who in layers]),
                     Series(self.tr("annotations from suggestions"),
                            [pct(per[who]["suggestions"]["from_suggestions_rate"]) for who in layers])],
            value_format="{:.0f}", value_range=(0, 100), empty_text=self.tr("No suggestions decided yet"))

        def minutes(x):
            return None if x is None else x / 60
        self.time_chart.set_data(
            layers, [Series(self.tr("median"), [minutes(per[who]["time"]["median_seconds"]) for who in layers]),
                     Series(self.tr("mean"), [minutes(per[who]["time"]["mean_seconds"]) for who in layers])],
            value_format="{:.1f}", empty_text=self.tr("No finished documents with time yet"))

        table = self.annotator_table
        table.setRowCount(len(layers))
        for row, layer in enumerate(layers):
            p = per[layer]
            s, t = p["suggestions"], p["time"]
            cells = [layer, p["status"]["done"], p["status"]["in_progress"], p["status"]["todo"],
                     p["status"]["skipped"], p["assigned"], s["accepted"], s["rejected"],
                     _fmt(s["acceptance_rate"], "{:.0%}"), _fmt(s["from_suggestions_rate"], "{:.0%}"),
                     _minutes(t["median_seconds"]), _minutes(t["mean_seconds"])]
            for col, value in enumerate(cells):
                self._set_cell(table, row, col, value)
        _fit_height(table)

    def _set_cell(self, table: QTableWidget, row: int, col: int, value) -> None:
        item = QTableWidgetItem(f"{value:,}" if isinstance(value, int) else str(value))
        if col > 0:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, col, item)

    def _show_agreement(self, report: dict | None, note: str) -> None:
        self._report, self._note = report, note
        if report is not None:
            many = len(report["pairs"]) > MAX_PAIRS_SHOWN
            self.each_pair.blockSignals(True)
            self.each_pair.setChecked(not many)
            self.each_pair.blockSignals(False)
        self._show_agreement_chart()
        table = self.agreement_table
        groups = [] if report is None else [
            *((f"{p['a']} ↔ {p['b']}", p, p["tokens"]) for p in report["pairs"]),
            (self.tr("all"), report["all"], report["all"]["kappa"]["tokens"])]
        table.setRowCount(len(groups))
        for row, (name, g, tokens) in enumerate(groups):
            e = g["entities"]["ALL"]
            sp, st = g["quote_speaker"], g["stance_polarity"]
            cells = [name, g["documents"], tokens, _fmt(e["f1_exact"]), _fmt(e["f1_overlap"]),
                     _fmt(e["kappa"]), f"{_fmt(st['alpha'])} ({st['units']:,})",
                     f"{_fmt(sp['alpha'])} ({sp['units']:,})"]
            for col, value in enumerate(cells):
                self._set_cell(table, row, col, value)
        if report is not None and report["all"]["kappa"]["method"] == "fleiss":
            k = report["all"]["kappa"]
            tip = plain_tooltip(self._fleiss_text(k, len(report["layers"])))
            for col in (2, 5):
                table.item(len(groups) - 1, col).setToolTip(tip)
        _fit_height(table)

    def _fleiss_text(self, kappa: dict, layers: int) -> str:
        """Which documents the Fleiss figure covers: every one done by two or more
        annotators, whatever their number (see tintag.core.agreement.report)."""
        numbers = [r["raters"] for r in kappa.get("raters", [])] or [2]
        if numbers[0] == numbers[-1]:
            return (self.tr("Fleiss' kappa on %d documents done by %d of %d annotators (%d tokens)")
                    % (kappa["documents"], numbers[0], layers, kappa["tokens"]))
        return (self.tr("Fleiss' kappa on %d documents done by %d to %d of %d annotators (%d tokens; "
                        "Gwet's generalisation for a varying number of annotators)")
                % (kappa["documents"], numbers[0], numbers[-1], layers, kappa["tokens"]))

    def _show_agreement_chart(self) -> None:
        report = getattr(self, "_report", None)
        chart = self.agreement_chart
        if report is None:
            chart.set_data([], [], empty_text=getattr(self, "_note", "") or "—")
            return
        key = self.measure.currentData()
        categories = [*report["labels"], "ALL"]
        pairs = [(f"{p['a']} ↔ {p['b']}", p) for p in report["pairs"]]
        if len(pairs) == 1:
            groups = pairs  # two annotators: "all" is that pair
        elif self.each_pair.isChecked():
            groups = pairs + [(self.tr("all"), report["all"])]
        else:
            groups = [(self.tr("all"), report["all"])]
        chart.set_data(categories, [Series(name, [g["entities"][c][key] for c in categories])
                                    for name, g in groups],
                       value_format="{:.2f}", value_range=(0, 1),
                       empty_text=self.tr("No document was done by two annotators yet"))
