"""A small keyboard-first chooser (speaker, stance target, polarity).

Non-modal so the window stays live: type to filter, arrows to move, Enter to
choose, Escape to cancel; a number key picks that row directly.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class Picker(QWidget):
    chosen = Signal(object)  # the data of the chosen row
    cancelled = Signal()

    def __init__(self, title: str, choices: list[tuple[str, object]], parent=None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        self.list = QListWidget()
        for n, (text, data) in enumerate(choices, start=1):
            item = QListWidgetItem(f"{n}. {text}" if n <= 9 else text)
            item.setData(Qt.ItemDataRole.UserRole, data)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._choose)
        layout.addWidget(self.list)
        self.resize(320, min(360, 60 + 24 * max(1, len(choices))))
        self._done = False

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            row = key - Qt.Key.Key_1
            if row < self.list.count():
                self._choose(self.list.item(row))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.list.currentItem():
                self._choose(self.list.currentItem())
            return
        if key == Qt.Key.Key_Escape:
            self.close()
            return
        self.list.keyPressEvent(event)

    def _choose(self, item) -> None:
        self._done = True
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.close()

    def closeEvent(self, event) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
        super().closeEvent(event)
