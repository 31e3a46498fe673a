"""Project settings: entity labels, stance labels, guidelines. Saved to the
project on OK and applied to the open window at once."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tintag.core.store import ProjectStore

from .plain import show_message

COLUMNS = ("name", "colour", "hotkey", "description")


class LabelTable(QWidget):
    def __init__(self, labels: list[dict], with_hotkey: bool, parent=None):
        super().__init__(parent)
        self.with_hotkey = with_hotkey
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Colour"), self.tr("Key"),
                                              self.tr("Description")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(2, not with_hotkey)
        self.table.itemChanged.connect(self._paint)
        self.originals: list[str | None] = []
        for label in labels:
            self._add_row(label, label["name"])
        add = QPushButton(self.tr("Add label"))
        add.clicked.connect(lambda: self._add_row({"name": "", "colour": "#cccccc", "hotkey": "",
                                                   "description": ""}, None))
        remove = QPushButton(self.tr("Remove selected"))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.removed: list[str] = []

    def _add_row(self, label: dict, original: str | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, key in enumerate(COLUMNS):
            self.table.setItem(row, column, QTableWidgetItem(str(label.get(key) or "")))
        self.originals.append(original)

    def _paint(self, item: QTableWidgetItem) -> None:
        if item.column() == 1 and QColor.isValidColorName(item.text()):
            self.table.blockSignals(True)
            item.setBackground(QColor(item.text()))
            self.table.blockSignals(False)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        if self.originals[row]:
            self.removed.append(self.originals[row])
        self.table.removeRow(row)
        del self.originals[row]

    def rows(self) -> list[tuple[str | None, dict]]:
        out = []
        for row in range(self.table.rowCount()):
            values = {key: (self.table.item(row, c).text().strip() if self.table.item(row, c) else "")
                      for c, key in enumerate(COLUMNS)}
            out.append((self.originals[row], values))
        return out


class SettingsDialog(QDialog):
    def __init__(self, store: ProjectStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Project settings"))
        self.resize(720, 480)
        self.entity_labels = LabelTable(store.labels("entity"), with_hotkey=True)
        self.stance_labels = LabelTable(store.labels("stance"), with_hotkey=False)
        self.guidelines = QPlainTextEdit(store.get_setting("guidelines", ""))
        hint = QLabel(self.tr("Guidelines are written in Markdown and shown in the Guidelines panel."))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        guide = QWidget()
        guide_layout = QVBoxLayout(guide)
        guide_layout.addWidget(hint)
        guide_layout.addWidget(self.guidelines)
        tabs = QTabWidget()
        tabs.addTab(self.entity_labels, self.tr("Entity labels"))
        tabs.addTab(self.stance_labels, self.tr("Stance labels"))
        tabs.addTab(guide, self.tr("Guidelines"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.save()
        except ValueError as err:
            show_message(self, self.tr("Settings not saved"), str(err), warning=True)
            return
        super().accept()

    def save(self) -> None:
        """All changes in one transaction: a bad row saves nothing."""
        with self.store.write():
            for kind, table in (("entity", self.entity_labels), ("stance", self.stance_labels)):
                for name in table.removed:
                    self.store.delete_label(kind, name)
                for order, (original, values) in enumerate(table.rows()):
                    if not values["name"]:
                        raise ValueError(self.tr("A label needs a name"))
                    if not QColor.isValidColorName(values["colour"]):
                        raise ValueError(self.tr("{0}: '{1}' is not a colour (use #rrggbb)").format(
                            values["name"], values["colour"]))
                    if original and original != values["name"]:
                        self.store.rename_label(kind, original, values["name"])
                    self.store.save_label(kind, values["name"], values["colour"], values["hotkey"],
                                          values["description"], order)
            text = self.guidelines.toPlainText()
            if text != self.store.get_setting("guidelines", ""):
                self.store.set_setting("guidelines", text)
