"""The right-hand tabs: Entities, Quotes, Stances, Suggestions, Document.

Thin: it shows rows it is given and reports what the user picked or
changed; the window turns that into core actions (so undo covers it).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHeaderView, QLabel, QPlainTextEdit, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.core.store import STATUSES

from .document_model import status_text


def _cell(text: str, ident=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # QTableWidgetItem shows plain text
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if ident is not None:
        item.setData(Qt.ItemDataRole.UserRole, ident)
    return item


class FieldCombo(QComboBox):
    """An in-place editor for one field of one item.

    It reports through its own signal instead of a lambda that captures the
    widget: PySide double-frees such captured wrappers once Qt has deleted
    the replaced cell widgets.
    """
    changed = Signal(str, str, dict)  # kind, uid, {field: value}

    def __init__(self, kind: str, uid: str, field: str, by_data: bool = False):
        super().__init__()
        self.kind, self.uid, self.field, self.by_data = kind, uid, field, by_data
        self.activated.connect(self._report)

    def _report(self, _index: int) -> None:
        value = (self.currentData() or None) if self.by_data else self.currentText()
        self.changed.emit(self.kind, self.uid, {self.field: value})


class ItemTable(QTableWidget):
    delete_pressed = Signal(object)

    def __init__(self, headers: list[str], parent=None):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        self.quotes = ItemTable([self.tr("Content"), self.tr("Cue"), self.tr("Speaker"), self.tr("Kind")])
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
        # refilling a table changes its selection; that must not re-enter the window
        tables = (self.entities, self.quotes, self.stances, self.suggestions)
        for table in tables:
            table.blockSignals(True)
        try:
            self._fill(text, entities, quotes, stances, suggestions, labels, polarities, speakers)
        finally:
            for table in tables:
                table.blockSignals(False)

    def _fill(self, text, entities, quotes, stances, suggestions, labels, polarities, speakers) -> None:
        self._labels, self._polarities = labels, polarities
        by_uid = {e["uid"]: text[e["start"]:e["end"]] for e in entities}
        self.entities.setRowCount(len(entities))
        for row, e in enumerate(entities):
            self.entities.setItem(row, 0, _cell(e["label"], ("entity", e["uid"])))
            self.entities.setCellWidget(row, 0, self._combo(labels, e["label"], "entity", e["uid"], "label"))
            self.entities.setItem(row, 1, _cell(text[e["start"]:e["end"]]))
            self.entities.setItem(row, 2, _cell(e["origin"]))
        self.quotes.setRowCount(len(quotes))
        for row, q in enumerate(quotes):
            self.quotes.setItem(row, 0, _cell(text[q["start"]:q["end"]], ("quote", q["uid"])))
            cue = text[q["cue_start"]:q["cue_end"]] if q["cue_start"] is not None else ""
            self.quotes.setItem(row, 1, _cell(cue))
            combo = FieldCombo("quote", q["uid"], "speaker_uid", by_data=True)
            for uid, name in [("", "")] + speakers:
                combo.addItem(name or self.tr("(no speaker)"), uid)
            combo.setCurrentIndex(max(0, combo.findData(q["speaker_uid"] or "")))
            if not q["speaker_uid"] and q["speaker_name"]:
                combo.setItemText(0, q["speaker_name"])
            combo.changed.connect(self.edit_requested)
            self.quotes.setItem(row, 2, _cell(q["speaker_name"] or ""))
            self.quotes.setCellWidget(row, 2, combo)
            self.quotes.setItem(row, 3, _cell(q["kind"]))
        self.stances.setRowCount(len(stances))
        for row, s in enumerate(stances):
            holder = by_uid.get(s["holder_uid"]) or s["holder_name"] or "?"
            target = by_uid.get(s["target_uid"]) or s["target_name"] or "?"
            self.stances.setItem(row, 0, _cell(holder, ("stance", s["uid"])))
            self.stances.setItem(row, 1, _cell(target))
            self.stances.setItem(row, 2, _cell(s["polarity"]))
            self.stances.setCellWidget(row, 2, self._combo(polarities, s["polarity"], "stance", s["uid"], "polarity"))
            if s["evidence_quote_uid"]:
                evidence = self.tr("quote")
            elif s["evidence_start"] is not None:
                evidence = text[s["evidence_start"]:s["evidence_end"]][:60]
            else:
                evidence = ""
            self.stances.setItem(row, 3, _cell(evidence))
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
        self.setTabText(0, self.tr("Entities ({0})").format(len(entities)))
        self.setTabText(1, self.tr("Quotes ({0})").format(len(quotes)))
        self.setTabText(2, self.tr("Stances ({0})").format(len(stances)))
        self.setTabText(3, self.tr("Suggestions ({0})").format(len(suggestions)))

    def _combo(self, values: list[str], current: str, kind: str, uid: str, field: str) -> QComboBox:
        combo = FieldCombo(kind, uid, field)
        combo.addItems(values if current in values else values + [current])
        combo.setCurrentText(current)
        combo.changed.connect(self.edit_requested)
        return combo

    def show_document(self, status: str, note: str, history: list[str]) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        if not self.note.hasFocus():
            self.note.setPlainText(note)
        self.history.setText("\n".join(history))

    def select(self, ident) -> None:
        for table in (self.entities, self.quotes, self.stances, self.suggestions):
            table.select_ident(ident)
