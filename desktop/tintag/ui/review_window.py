"""Review mode: every annotator's layer of a document side by side, settled into gold.

Keys (the table or the text has focus):
  Enter        take the row's majority value into gold
  1–9          take the item of annotator column N into gold
  Ctrl+1–9     take all of annotator N's layer of this document into gold
  E            take, then edit it (label, speaker or polarity)
  R / Delete   reject: not in gold (removes gold's item there, if any)
  N            next open disagreement (this document, then the project)
  J / K        next / previous document that several annotators worked on
  Ctrl+Z / Ctrl+Shift+Z  undo / redo
"""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tintag.core import annotate
from tintag.core.store import GOLD, ProjectError, ProjectStore
from tintag.core.team import review

from .article_view import ArticleView
from .picker import Picker
from .review_model import ReviewRowsModel


class _Command(QUndoCommand):
    def __init__(self, window: ReviewWindow, change: annotate.Change):
        super().__init__(change.text)
        self.window, self.change = window, change

    def redo(self) -> None:
        self.window.run(self.change.redo, self.change)

    def undo(self) -> None:
        self.window.run(self.change.undo, self.change)


class _Keys(QObject):
    """Routes key presses of the table and the text to the window's key map."""

    def __init__(self, window: ReviewWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            return self.window.handle_key(event)
        return False


class ReviewWindow(QMainWindow):
    gold_changed = Signal()

    def __init__(self, store: ProjectStore, document_id: int, parent=None):
        store.check_write(GOLD)  # only reviewers (and the lead) settle into gold
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.store = store
        self.document_id = document_id
        self.rows: list[review.Row] = []
        self.undo_stack = QUndoStack(self)
        self._commands: list[QUndoCommand] = []
        self._picker: Picker | None = None
        self._build()
        self.show_document(document_id)
        self.resize(1300, 760)

    def _build(self) -> None:
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.figures_label = QLabel()
        self.figures_label.setTextFormat(Qt.TextFormat.PlainText)
        self.figures_label.setWordWrap(True)
        self.article = ArticleView()
        self.model = ReviewRowsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._row_changed(cur.row()))
        keys = _Keys(self)
        self.table.installEventFilter(keys)
        self.article.installEventFilter(keys)
        self.legend = legend = QLabel(self.tr(
            "Enter take majority · 1–9 take annotator N · Ctrl+1–9 take N's whole layer · "
            "E take and edit · R/Delete not in gold · N next disagreement · J/K documents · Ctrl+Z undo"))
        legend.setTextFormat(Qt.TextFormat.PlainText)
        legend.setWordWrap(True)
        splitter = QSplitter()
        splitter.addWidget(self.article)
        splitter.addWidget(self.table)
        splitter.setSizes([560, 740])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title_label)
        layout.addWidget(self.figures_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(legend)
        self.setCentralWidget(body)
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (undo, redo):
            self.addAction(action)
        close = QAction(self, shortcut=QKeySequence("Escape"))
        close.triggered.connect(self.close)
        self.addAction(close)

    # ------------------------------------------------------------- content
    def show_document(self, document_id: int, row: int = 0) -> None:
        self.document_id = document_id
        doc = self.store.document(document_id)
        self.setWindowTitle(self.tr("Review — {0}").format(doc["title"] or doc["uid"]))
        self.title_label.setText(doc["title"])
        self.article.set_text(doc["text"])
        self.reload(row)

    def reload(self, row: int | None = None) -> None:
        keep = self.table.currentIndex().row() if row is None else row
        self.rows = review.compare(self.store, self.document_id)
        layers = self.rows[0].layers if self.rows else review.review_layers(self.store, self.document_id)
        self.model.set_rows(self.rows, list(layers), self.article.text)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        figures = review.document_agreement(self.rows)
        with_gold = " · ".join(f"{layer} {value:.0%}" if value is not None else f"{layer} —"
                               for layer, value in figures["with_gold"].items())
        self.figures_label.setText(self.tr(
            "{0} annotators · {1} of {2} rows agree · {3} settled ({4} not in gold) · {5} open disagreements"
            " · agreement with gold: {6}").format(
            len(layers), figures["rows_agreed"], figures["rows"], figures["settled"], figures["rejected"],
            figures["open"], with_gold or "—"))
        if self.rows:
            self.select_row(min(max(keep, 0), len(self.rows) - 1))
        else:
            self._paint(None)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._paint(row)

    def _row_changed(self, row: int) -> None:
        self._paint(row if 0 <= row < len(self.rows) else None)

    def _paint(self, current: int | None) -> None:
        colours = {label["name"]: label["colour"] for label in self.store.labels("entity")}
        items = []
        for i, row in enumerate(self.rows):
            if row.start is None or row.end is None or row.kind == "stance":
                continue
            label = (row.gold or {}).get("label") or row.votes[review.majority_layer(row)].get("label")
            items.append({"kind": row.kind, "start": row.start, "end": row.end, "label": label,
                          "ident": ("row", i)})
        self.article.show_items(items, colours, ("row", current) if current is not None else None)
        if current is not None and self.rows[current].start is not None:
            self.article.reveal(self.rows[current].start, self.rows[current].end or self.rows[current].start)

    def current_row(self) -> review.Row | None:
        row = self.table.currentIndex().row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # --------------------------------------------------------------- keys
    def handle_key(self, event) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            n = key - Qt.Key.Key_1
            if n < len(self.model.layers):
                layer = self.model.layers[n]
                self.take_whole_layer(layer) if ctrl else self.take_from(layer)
            return True
        if ctrl:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            row = self.current_row()
            if row is not None:
                self.take_from(review.majority_layer(row))
            return True
        if key == Qt.Key.Key_E:
            self.take_and_edit()
            return True
        if key in (Qt.Key.Key_R, Qt.Key.Key_Delete):
            self.reject_current()
            return True
        if key == Qt.Key.Key_N:
            self.next_disagreement()
            return True
        if key in (Qt.Key.Key_J, Qt.Key.Key_K):
            self.step_document(1 if key == Qt.Key.Key_J else -1)
            return True
        return False

    # ------------------------------------------------------------ actions
    def push(self, change: annotate.Change) -> None:
        command = _Command(self, change)
        self._commands.append(command)  # keep the Python wrapper alive with the stack
        self.undo_stack.push(command)

    def run(self, step, change: annotate.Change) -> None:
        try:
            step()
        except (ValueError, KeyError, sqlite3.Error, ProjectError) as err:
            self.statusBar().showMessage(self.tr("Not saved: {0}").format(err), 8000)
            return
        if change.document_id is not None and change.document_id != self.document_id:
            self.show_document(change.document_id)
        else:
            self.reload()
        self.statusBar().showMessage(self.tr("Saved ✓ {0}").format(change.text), 4000)
        self.gold_changed.emit()

    def take_from(self, layer: str) -> annotate.Change | None:
        row = self.current_row()
        if row is None:
            return None
        item = row.votes.get(layer)
        if item is None:
            self.statusBar().showMessage(self.tr("{0} has nothing here").format(layer), 4000)
            return None
        try:
            change = review.take(self.store, row.kind, item["uid"])
        except (ValueError, KeyError, ProjectError) as err:
            self.statusBar().showMessage(str(err), 6000)
            return None
        self.push(change)
        return change

    def take_whole_layer(self, layer: str) -> None:
        try:
            self.push(review.take_layer(self.store, self.document_id, layer))
        except (ValueError, ProjectError) as err:
            self.statusBar().showMessage(str(err), 6000)

    def reject_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            self.push(review.reject(self.store, row))
        except (ValueError, KeyError, ProjectError) as err:
            self.statusBar().showMessage(str(err), 6000)

    def take_and_edit(self) -> None:
        row = self.current_row()
        if row is None:
            return
        layer = review.majority_layer(row)
        source = row.votes[layer]
        if self.take_from(layer) is None:
            return
        # the row may have been regrouped by the take: find it by the item taken
        gold = next((r.gold for r in self.rows if r.kind == row.kind
                     and any(v["uid"] == source["uid"] for v in r.votes.values())), None)
        if gold is None:
            return
        if row.kind == "entity":
            choices = [(label["name"], {"label": label["name"]}) for label in self.store.labels("entity")]
        elif row.kind == "stance":
            choices = [(label["name"], {"polarity": label["name"]}) for label in self.store.labels("stance")]
        else:
            text = self.article.text
            can_speak = self.store.speaker_labels()
            choices = [(text[e["start"]:e["end"]], {"speaker_uid": e["uid"]})
                       for e in self.store.entities(self.document_id, GOLD) if e["label"] in can_speak]
        if not choices:
            return
        self._picker = Picker(self.tr("Change to…"), choices, self)
        self._picker.chosen.connect(lambda fields: self.edit_gold(row.kind, gold["uid"], fields))
        self._picker.move(self.table.viewport().mapToGlobal(
            self.table.visualRect(self.table.currentIndex()).bottomLeft()))
        self._picker.show()

    def edit_gold(self, kind: str, gold_uid: str, fields: dict) -> None:
        try:
            self.push(review.edit_gold(self.store, kind, gold_uid, **fields))
        except (ValueError, KeyError, ProjectError) as err:
            self.statusBar().showMessage(str(err), 6000)

    def next_disagreement(self) -> None:
        found = review.next_disagreement(self.store, self.document_id, self.table.currentIndex().row(),
                                         rows=self.rows)
        if found is None:
            self.statusBar().showMessage(self.tr("No open disagreements left in the project"), 5000)
            return
        document_id, row = found
        if document_id != self.document_id:
            self.show_document(document_id, row)
        else:
            self.select_row(row)

    def step_document(self, step: int) -> None:
        ids = self.store.documents_with_layers(min_layers=2)
        later = [d for d in ids if (d > self.document_id if step > 0 else d < self.document_id)]
        if not later:
            self.statusBar().showMessage(self.tr("No more documents with several annotators"), 4000)
            return
        self.show_document(later[0] if step > 0 else later[-1])
