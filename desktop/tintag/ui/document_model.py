"""Lazy table model over the project's documents.

Rows are fetched a page at a time from the store and cached; texts are never
loaded, so a 100,000-document project scrolls smoothly.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from tintag.core.store import ProjectStore

from .plain import plain_tooltip

PAGE = 200


class DocumentListModel(QAbstractTableModel):
    COLUMNS = ("status", "date", "title", "entities", "quotes", "stances", "suggestions")

    def __init__(self, store: ProjectStore, layer: str, parent=None):
        super().__init__(parent)
        self.store = store
        self.layer = layer
        self.search = ""
        self.status: str | None = None
        self.label: str | None = None
        self.queue = False  # only documents assigned to this layer
        self._count = 0
        self._pages: dict[int, list[dict]] = {}
        self.refresh()

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Status"), self.tr("Date"), self.tr("Title"), self.tr("Ent."),
                self.tr("Quotes"), self.tr("Stances"), self.tr("Sugg."))

    def set_filter(self, search: str | None = None, status: str | None = ...,
                   label: str | None = ..., queue: bool | None = None) -> None:
        if search is not None:
            self.search = search
        if status is not ...:
            self.status = status
        if label is not ...:
            self.label = label
        if queue is not None:
            self.queue = queue
        self.refresh()

    def filters(self) -> dict:
        return {"search": self.search, "status": self.status, "layer": self.layer,
                "label": self.label, "queue": self.queue}

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = self.store.count_documents(**self.filters())
        self.endResetModel()

    def invalidate(self) -> None:
        """Re-read cached rows (counts changed) without resetting the view."""
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def row(self, row: int) -> dict | None:
        if not 0 <= row < self._count:
            return None
        page = row // PAGE
        if page not in self._pages:
            self._pages[page] = self.store.list_documents(page * PAGE, PAGE, **self.filters())
        rows = self._pages[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def row_of(self, document_id: int) -> int | None:
        """Row of a document among the loaded pages (None if not loaded yet)."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r["id"] == document_id:
                    return page * PAGE + i
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self.row(index.row())
        if record is None:
            return None
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = record[column]
            shown = status_text(value) if column == "status" else ("" if value is None else str(value))
            return plain_tooltip(shown) if role == Qt.ItemDataRole.ToolTipRole else shown
        if role == Qt.ItemDataRole.UserRole:
            return record["id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("entities", "quotes", "stances", "suggestions"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None


def status_text(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "todo": QCoreApplication.translate("Status", "to do"),
        "in_progress": QCoreApplication.translate("Status", "in progress"),
        "done": QCoreApplication.translate("Status", "done"),
        "skipped": QCoreApplication.translate("Status", "skipped"),
    }
    return names.get(status, status)
