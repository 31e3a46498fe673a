"""The right-hand tabs: Entities, Quotes, Stances, Suggestions, Document.

Thin: it shows rows it is given and reports what the user picked or
changed; the window turns that into core actions (so undo covers it).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHeaderView, QLabel, QPlainTextEdit, QStyledItemDelegate,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.core.store import STATUSES

from .document_model import status_text


SIZE_TO_CONTENTS_ROWS = 150  # bigger tables keep their column widths (measuring is slow)


def _cell(text: str, ident=None, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # QTableWidgetItem shows plain text
    flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
    if ident is not None:
        item.setData(Qt.ItemDataRole.UserRole, ident)
    return item


class ChoiceDelegate(QStyledItemDelegate):
    """Edit a cell by choosing from a list (label, speaker, polarity).

    The choices are (shown text, value) pairs given per row by ``choices``;
    the chosen value is reported through ``chosen(row, value)`` and the
    window turns it into an undoable core change.
    """

    def __init__(self, choices, chosen, parent=None):
        super().__init__(parent)
        self.choices, self.chosen = choices, chosen

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        for text, value in self.choices(index.row()):
            editor.addItem(text, value)
        return editor

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findText(index.data())))
        editor.showPopup()

    def setModelData(self, editor, model, index):
        if editor.currentText() != index.data():
            self.chosen(index.row(), editor.currentData())


class ItemTable(QTableWidget):
    delete_pressed = Signal(object)

    def __init__(self, headers: list[str], parent=None):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # F2, double click or a click on the selected row edits label/speaker/polarity
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.verticalHeader().setVisible(False)
        # Interactive, not ResizeToContents: that re-measures every row on each
        # setItem and makes a 1,000-row refill take seconds
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(False)

    def ident(self, row: int):
        item = self.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_ident(self, ident) -> None:
        """Show which row is current without telling the window again."""
        blocked = self.blockSignals(True)
        try:
            for row in range(self.rowCount()):
                if self.ident(row) == ident:
                    self.selectRow(row)
                    self.scrollToItem(self.item(row, 0))
                    return
            self.clearSelection()
        finally:
            self.blockSignals(blocked)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.delete_pressed.emit(self.ident(self.currentRow()))
            return
        super().keyPressEvent(event)


class SidePanel(QTabWidget):
    item_selected = Signal(object)  # ("entity"|"quote"|"stance", uid) or ("suggestion", key)
    edit_requested = Signal(str, str, dict)  # kind, uid, changes
    delete_requested = Signal(object)
    status_changed = Signal(str)
    note_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entities = ItemTable([self.tr("Label"), self.tr("Text"), self.tr("Origin")])
        self.quotes = ItemTable([self.tr("Speaker"), self.tr("Content"), self.tr("Cue"), self.tr("Kind")])
        self.stances = ItemTable([self.tr("Holder"), self.tr("→ Target"), self.tr("Polarity"), self.tr("Evidence")])
        self.suggestions = ItemTable([self.tr("Kind"), self.tr("Suggestion"), self.tr("Score")])
        for table, name in ((self.entities, self.tr("Entities")), (self.quotes, self.tr("Quotes")),
                            (self.stances, self.tr("Stances")), (self.suggestions, self.tr("Suggestions"))):
            table.cellClicked.connect(lambda row, _col, t=table: self._selected(t, row))
            table.currentCellChanged.connect(lambda row, _c, _pr, _pc, t=table: self._selected(t, row))
            table.delete_pressed.connect(self.delete_requested)
            self.addTab(table, name)
        self.document_tab = QWidget()
        form = QFormLayout(self.document_tab)
        self.status = QComboBox()
        for st in STATUSES:
            self.status.addItem(status_text(st), st)
        self.status.activated.connect(lambda _i: self.status_changed.emit(self.status.currentData()))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("A note about this document (saved when you leave the field)"))
        self.note.installEventFilter(self)
        self.history = QLabel()
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setWordWrap(True)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Last edits"), self.history)
        self.addTab(self.document_tab, self.tr("Document"))
        self._labels: list[str] = []
        self._polarities: list[str] = []
        self._speakers: list[tuple[str, str]] = []
        self._pending = None
        self._filled: set[int] = set()
        self.currentChanged.connect(lambda _i: self._fill_current())
        self.entities.setItemDelegateForColumn(0, ChoiceDelegate(
            lambda _row: [(name, name) for name in self._labels],
            lambda row, value: self._edit(self.entities, row, "label", value), self))
        self.quotes.setItemDelegateForColumn(0, ChoiceDelegate(
            lambda _row: [(self.tr("(no speaker)"), None)] + [(name, uid) for uid, name in self._speakers],
            lambda row, value: self._edit(self.quotes, row, "speaker_uid", value), self))
        self.stances.setItemDelegateForColumn(2, ChoiceDelegate(
            lambda _row: [(name, name) for name in self._polarities],
            lambda row, value: self._edit(self.stances, row, "polarity", value), self))

    def _edit(self, table: ItemTable, row: int, field: str, value) -> None:
        kind, uid = table.ident(row)
        self.edit_requested.emit(kind, uid, {field: value})

    def eventFilter(self, obj, event) -> bool:
        if obj is self.note and event.type() == event.Type.FocusOut:
            self.note_changed.emit(self.note.toPlainText())
        return False

    def _selected(self, table: ItemTable, row: int) -> None:
        ident = table.ident(row) if row >= 0 else None
        if ident is not None:
            self.item_selected.emit(ident)

    def show_rows(self, text: str, entities, quotes, stances, suggestions, labels, polarities,
                  speakers: list[tuple[str, str]]) -> None:
        """New rows for the document; only the tab in view is filled now, the
        others when they are shown (a 1,000-row table costs milliseconds)."""
        self._pending = (text, entities, quotes, stances, suggestions, labels, polarities, speakers)
        self._filled = set()
        self._set_counts(len(entities), len(quotes), len(stances), len(suggestions))
        self._fill_current()

    def _fill_current(self) -> None:
        index = self.currentIndex()
        if self._pending is None or index in self._filled or index > 3:
            return
        self._filled.add(index)
        text, entities, quotes, stances, suggestions, labels, polarities, speakers = self._pending
        self._labels, self._polarities, self._speakers = labels, polarities, speakers
        table = (self.entities, self.quotes, self.stances, self.suggestions)[index]
        fill = (self._fill_entities, self._fill_quotes, self._fill_stances, self._fill_suggestions)[index]
        # refilling changes the table's selection; that must not re-enter the window
        table.blockSignals(True)
        table.setUpdatesEnabled(False)
        try:
            fill(text, entities, quotes, stances, suggestions)
        finally:
            if table.rowCount() <= SIZE_TO_CONTENTS_ROWS:
                for column in range(table.columnCount() - 1):
                    table.resizeColumnToContents(column)
            table.setUpdatesEnabled(True)
            table.blockSignals(False)

    def _fill_entities(self, text, entities, quotes, stances, suggestions) -> None:
        self.entities.setRowCount(len(entities))
        for row, e in enumerate(entities):
            self.entities.setItem(row, 0, _cell(e["label"], ("entity", e["uid"]), editable=True))
            self.entities.setItem(row, 1, _cell(text[e["start"]:e["end"]]))
            self.entities.setItem(row, 2, _cell(e["origin"]))

    def _fill_quotes(self, text, entities, quotes, stances, suggestions) -> None:
        by_uid = {e["uid"]: text[e["start"]:e["end"]] for e in entities}
        self.quotes.setRowCount(len(quotes))
        for row, q in enumerate(quotes):
            speaker = by_uid.get(q["speaker_uid"]) or q["speaker_name"] or self.tr("(no speaker)")
            self.quotes.setItem(row, 0, _cell(speaker, ("quote", q["uid"]), editable=True))
            self.quotes.setItem(row, 1, _cell(text[q["start"]:q["end"]]))
            cue = text[q["cue_start"]:q["cue_end"]] if q["cue_start"] is not None else ""
            self.quotes.setItem(row, 2, _cell(cue))
            self.quotes.setItem(row, 3, _cell(q["kind"]))

    def _fill_stances(self, text, entities, quotes, stances, suggestions) -> None:
        by_uid = {e["uid"]: text[e["start"]:e["end"]] for e in entities}
        self.stances.setRowCount(len(stances))
        for row, s in enumerate(stances):
            holder = by_uid.get(s["holder_uid"]) or s["holder_name"] or "?"
            target = by_uid.get(s["target_uid"]) or s["target_name"] or "?"
            self.stances.setItem(row, 0, _cell(holder, ("stance", s["uid"])))
            self.stances.setItem(row, 1, _cell(target))
            self.stances.setItem(row, 2, _cell(s["polarity"], editable=True))
            if s["evidence_quote_uid"]:
                evidence = self.tr("quote")
            elif s["evidence_start"] is not None:
                evidence = text[s["evidence_start"]:s["evidence_end"]][:60]
            else:
                evidence = ""
            self.stances.setItem(row, 3, _cell(evidence))

    def _fill_suggestions(self, text, entities, quotes, stances, suggestions) -> None:
        self.suggestions.setRowCount(len(suggestions))
        for row, g in enumerate(suggestions):
            p = g["payload"]
            if g["kind"] == "entity":
                what = f"{p['label']}: {p['text']}"
            elif g["kind"] == "quote":
                what = f"“{p['text'][:60]}” — {p.get('speaker_name') or '?'}"
            else:
                what = f"{p.get('holder_name')} → {p.get('target_name')}: {p['polarity']}"
            self.suggestions.setItem(row, 0, _cell(g["kind"], ("suggestion", g["key"])))
            self.suggestions.setItem(row, 1, _cell(what))
            self.suggestions.setItem(row, 2, _cell(f"{g['score']:.2f}"))

    def _set_counts(self, entities: int, quotes: int, stances: int, suggestions: int) -> None:
        self.setTabText(0, self.tr("Entities ({0})").format(entities))
        self.setTabText(1, self.tr("Quotes ({0})").format(quotes))
        self.setTabText(2, self.tr("Stances ({0})").format(stances))
        self.setTabText(3, self.tr("Suggestions ({0})").format(suggestions))

    def show_document(self, status: str, note: str, history: list[str]) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        if not self.note.hasFocus():
            self.note.setPlainText(note)
        self.history.setText("\n".join(history))

    def select(self, ident) -> None:
        for table in (self.entities, self.quotes, self.stances, self.suggestions):
            table.select_ident(ident)
