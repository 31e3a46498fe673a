"""The right-hand tabs: Entities, Quotes, Stances, Suggestions, Document.

Thin: it shows rows it is given and reports what the user picked or
changed; the window turns that into core actions (so undo covers it).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QWidget,
)

from tintag.core.store import STATUSES

from .document_model import status_text
from .plain import plain_tooltip

SIZE_TO_CONTENTS_ROWS = 150  # bigger tables keep their column widths (measuring is slow)
MAX_COLUMN_WIDTH = 260  # a long quote must not push the other columns out of sight


class RowsModel(QAbstractTableModel):
    """Rows of (ident, [cell texts]); swapping in new rows is O(1) and the
    view asks only for what it shows, so a 1,000-row refresh stays cheap."""

    def __init__(self, headers: list[str], editable: set[int], parent=None):
        super().__init__(parent)
        self.headers, self.editable = headers, editable
        self.rows: list[tuple[object, list[str]]] = []

    def set_rows(self, rows: list[tuple[object, list[str]]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ident, cells = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(cells[index.column()])
        if role == Qt.ItemDataRole.UserRole:
            return ident
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if index.column() in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        return False  # edits go through the window's undoable changes, then a refresh


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
        # a choice made with the keyboard or the mouse is saved at once
        editor.activated.connect(lambda _i, e=editor: self._commit(e))
        return editor

    def _commit(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)

    def setEditorData(self, editor, index):
        # arrows or typing choose, Enter commits (the delegate's own key handling)
        editor.setCurrentIndex(max(0, editor.findText(index.data())))

    def setModelData(self, editor, model, index):
        if editor.currentText() != index.data():
            self.chosen(index.row(), editor.currentData())


class ItemTable(QTableView):
    delete_pressed = Signal(object)
    row_chosen = Signal(object)  # ident of a clicked / current row

    def __init__(self, headers: list[str], editable: set[int] = frozenset(), parent=None):
        super().__init__(parent)
        self.rows = RowsModel(headers, set(editable), self)
        self.setModel(self.rows)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # F2, double click or a click on the selected row edits label/speaker/polarity
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(False)
        self.clicked.connect(lambda index: self._chosen(index.row()))
        self.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._chosen(cur.row()))

    def set_rows(self, rows) -> None:
        self.rows.set_rows(rows)
        if len(rows) <= SIZE_TO_CONTENTS_ROWS:
            for column in range(self.rows.columnCount() - 1):
                self.resizeColumnToContents(column)
                self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN_WIDTH))

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.rows.rows) and not self.signalsBlocked():
            self.row_chosen.emit(self.rows.rows[row][0])

    def rowCount(self) -> int:
        return self.rows.rowCount()

    def ident(self, row: int):
        return self.rows.rows[row][0] if 0 <= row < len(self.rows.rows) else None

    def cell(self, row: int, column: int) -> str:
        return self.rows.rows[row][1][column]

    def select_ident(self, ident) -> None:
        """Show which row is current without telling the window again."""
        blocked = self.blockSignals(True)
        try:
            for row, (key, _cells) in enumerate(self.rows.rows):
                if key == ident:
                    self.selectRow(row)
                    self.scrollTo(self.rows.index(row, 0))
                    return
            self.clearSelection()
        finally:
            self.blockSignals(blocked)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentIndex().isValid():
            self.delete_pressed.emit(self.ident(self.currentIndex().row()))
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
        self.entities = ItemTable([self.tr("Label"), self.tr("Text"), self.tr("Origin")], {0})
        self.quotes = ItemTable([self.tr("Speaker"), self.tr("Content"), self.tr("Cue"), self.tr("Kind")], {0})
        self.stances = ItemTable([self.tr("Holder"), self.tr("→ Target"), self.tr("Polarity"),
                                  self.tr("Evidence")], {2})
        self.suggestions = ItemTable([self.tr("Kind"), self.tr("Suggestion"), self.tr("Score")])
        for table, name in ((self.entities, self.tr("Entities")), (self.quotes, self.tr("Quotes")),
                            (self.stances, self.tr("Stances")), (self.suggestions, self.tr("Suggestions"))):
            table.row_chosen.connect(self.item_selected)
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
        self._current = None
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
        fill = (self._fill_entities, self._fill_quotes, self._fill_stances, self._fill_suggestions)[index]
        fill(text, entities, quotes, stances, suggestions)
        if self._current is not None:
            (self.entities, self.quotes, self.stances, self.suggestions)[index].select_ident(self._current)

    def _fill_entities(self, text, entities, quotes, stances, suggestions) -> None:
        self.entities.set_rows([(("entity", e["uid"]), [e["label"], text[e["start"]:e["end"]], e["origin"]])
                                for e in entities])

    def _fill_quotes(self, text, entities, quotes, stances, suggestions) -> None:
        by_uid = {e["uid"]: text[e["start"]:e["end"]] for e in entities}
        rows = []
        for q in quotes:
            speaker = by_uid.get(q["speaker_uid"]) or q["speaker_name"] or self.tr("(no speaker)")
            cue = text[q["cue_start"]:q["cue_end"]] if q["cue_start"] is not None else ""
            rows.append((("quote", q["uid"]), [speaker, text[q["start"]:q["end"]], cue, q["kind"]]))
        self.quotes.set_rows(rows)

    def _fill_stances(self, text, entities, quotes, stances, suggestions) -> None:
        by_uid = {e["uid"]: text[e["start"]:e["end"]] for e in entities}
        rows = []
        for s in stances:
            holder = by_uid.get(s["holder_uid"]) or s["holder_name"] or "?"
            target = by_uid.get(s["target_uid"]) or s["target_name"] or "?"
            if s["evidence_quote_uid"]:
                evidence = self.tr("quote")
            elif s["evidence_start"] is not None:
                evidence = text[s["evidence_start"]:s["evidence_end"]][:60]
            else:
                evidence = ""
            rows.append((("stance", s["uid"]), [holder, target, s["polarity"], evidence]))
        self.stances.set_rows(rows)

    def _fill_suggestions(self, text, entities, quotes, stances, suggestions) -> None:
        rows = []
        for g in suggestions:
            p = g["payload"]
            if g["kind"] == "entity":
                what = f"{p['label']}: {p['text']}"
            elif g["kind"] == "quote":
                what = f"“{p['text'][:60]}” — {p.get('speaker_name') or '?'}"
            else:
                what = f"{p.get('holder_name')} → {p.get('target_name')}: {p['polarity']}"
            rows.append((("suggestion", g["key"]), [g["kind"], what, f"{g['score']:.2f}"]))
        self.suggestions.set_rows(rows)

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
        self._current = ident
        for table in (self.entities, self.quotes, self.stances, self.suggestions):
            table.select_ident(ident)
