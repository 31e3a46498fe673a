"""The main window: document list on the left, the article on the right."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow,
    QPlainTextEdit, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from desktop.core.store import GOLD, STATUSES, ProjectStore

from .document_model import DocumentListModel, status_text


class MainWindow(QMainWindow):
    def __init__(self, store: ProjectStore, annotator: str, layer: str | None = None):
        super().__init__()
        self.store = store
        self.annotator = annotator
        self.layer = layer or annotator or GOLD
        self.current_id: int | None = None
        self.model = DocumentListModel(store, self.layer, self)
        self._build()
        self._update_title()
        self.resize(1280, 800)
        if self.model.rowCount():
            self.select_row(0)

    # ----------------------------------------------------------------- build
    def _build(self) -> None:
        self.search = QLineEdit(placeholderText=self.tr("Search title and text (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._apply_filters())
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_text(status), status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.label_filter = QComboBox()
        self.label_filter.addItem(self.tr("All labels"), None)
        for label in self.store.labels("entity"):
            self.label_filter.addItem(label["name"], label["name"])
        self.label_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 80), (1, 86), (3, 40), (4, 52), (5, 56), (6, 46)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.label_filter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.meta_label = QLabel()
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.article = QPlainTextEdit()
        self.article.setReadOnly(True)
        self.article.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        article_font = QFont(self.article.font())
        article_font.setPointSizeF(max(article_font.pointSizeF(), 10) * 1.15)
        self.article.setFont(article_font)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 6, 6, 6)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.meta_label)
        right_layout.addWidget(self.article, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 720])
        self.setCentralWidget(splitter)

        find = QAction(self.tr("Search"), self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(find)
        self.statusBar().showMessage(self._status_message())

    def _status_message(self) -> str:
        count = self.store.document_count()
        return self.tr("Annotator: {0} · layer: {1} · {2} documents · every edit is saved at once").format(
            self.annotator, self.layer, count)

    def _update_title(self) -> None:
        self.setWindowTitle(f"TinTag — {Path(self.store.path).name} — {self.annotator} [{self.layer}]")

    # --------------------------------------------------------------- actions
    def _apply_filters(self) -> None:
        self.model.set_filter(search=self.search.text(), status=self.status_filter.currentData(),
                              label=self.label_filter.currentData())
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.show_document(None)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _row_changed(self, current, _previous) -> None:
        record = self.model.row(current.row()) if current.isValid() else None
        self.show_document(record["id"] if record else None)

    def show_document(self, document_id: int | None) -> None:
        self.current_id = document_id
        doc = self.store.document(document_id) if document_id is not None else None
        if doc is None:
            self.title_label.setText("")
            self.meta_label.setText("")
            self.article.setPlainText("")
            return
        self.title_label.setText(doc["title"])
        meta = " · ".join(part for part in (doc["date"], doc["source"]) if part)
        self.meta_label.setText(meta)
        self.article.setPlainText(doc["text"])
