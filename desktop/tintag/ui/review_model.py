"""The merged view of a document's layers as a table: one row per item place,
one column per annotator, then gold and the row's state."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tintag.core.team.review import Row

from .plain import plain_tooltip

STATE_COLOURS = {"agree": "#e3f4e1", "differ": "#fde0c8", "gold": "#dde9f8", "rejected": "#e6e6e6"}
KIND_NAMES = {"entity": "Entity", "quote": "Quote", "stance": "Stance"}


def row_state(row: Row) -> str:
    if row.decided:  # settled: a version in gold, or "not in gold" (rejected, grey)
        return "rejected" if row.rejected else "gold"
    return "agree" if row.agreed else "differ"


class ReviewRowsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self.layers: list[str] = []
        self.text = ""

    def set_rows(self, rows: list[Row], layers: list[str], text: str) -> None:
        self.beginResetModel()
        self.rows, self.layers, self.text = rows, list(layers), text
        self.endResetModel()

    def columnCount(self, parent=QModelIndex()) -> int:
        return 3 + len(self.layers) + 1

    def rowCount(self, parent=QModelIndex()) -> int:
        return len(self.rows)

    def layer_of_column(self, column: int) -> str | None:
        i = column - 3
        return self.layers[i] if 0 <= i < len(self.layers) else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = [self.tr("State"), self.tr("Kind"), self.tr("Text")]
        if section < 3:
            return fixed[section]
        layer = self.layer_of_column(section)
        if layer is not None:
            return f"{section - 2}. {layer}"
        return self.tr("Gold")

    def surface(self, row: Row) -> str:
        if row.kind == "stance":  # the names as written (the row key is folded for matching)
            item = row.gold or next(iter(row.votes.values()))
            return f"{item.get('holder_name') or '?'} → {item.get('target_name') or '?'}"
        text = self.text[row.start:row.end].replace("\n", " ")
        return text if len(text) <= 80 else text[:77] + "…"

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        state = row_state(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATE_COLOURS[state]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join(f"{layer}: {row.values.get(layer, '—')}" for layer in self.layers))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return {"agree": self.tr("✓ agree"), "differ": self.tr("✗ differ"),
                    "gold": self.tr("★ in gold"), "rejected": self.tr("⊘ not in gold")}[state]
        if column == 1:
            return self.tr(KIND_NAMES[row.kind])
        if column == 2:
            return self.surface(row)
        layer = self.layer_of_column(column)
        if layer is not None:
            return row.values.get(layer, "—")
        return self.tr("(rejected)") if state == "rejected" else row.gold_value or ""
