"""The status bar's account of saving: saved, waiting for another program, or
not saved. A failure stays until the user dismisses it: the status bar's
message area is rewritten by every key, so it is no place for "Not saved"."""
from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

from .save_queue import SaveQueue


def tr(text: str) -> str:
    return QCoreApplication.translate("SaveStatus", text)


class SaveStatus(QObject):
    def __init__(self, bar: QStatusBar, queue: SaveQueue):
        super().__init__(bar)
        self.queue = queue
        self.state = QLabel()  # Saved ✓ 12:03:04 | Waiting for … | Not saved ✗
        self.problem = QLabel()
        self.dismiss = QToolButton(text="✕")
        for label in (self.state, self.problem):
            label.setTextFormat(Qt.TextFormat.PlainText)  # edits quote document text
        self.problem.setStyleSheet("color: #b71c1c; font-weight: bold")
        self.problem.setWordWrap(False)
        self.dismiss.setToolTip(tr("Dismiss this message"))
        self.dismiss.setAutoRaise(True)
        self.dismiss.clicked.connect(self.clear_failure)
        bar.addPermanentWidget(self.problem, 1)
        bar.addPermanentWidget(self.dismiss)
        bar.addPermanentWidget(self.state)
        self.problem.hide()
        self.dismiss.hide()
        self._saved_at: str | None = None
        self._failed = False
        queue.changed.connect(self.update)
        queue.failed.connect(self.show_failure)

    def saved(self) -> None:
        self._saved_at = time.strftime("%H:%M:%S")
        self._failed = False
        self.update()

    def show_failure(self, message: str) -> None:
        self._failed = True
        self.problem.setText(message)
        self.problem.setToolTip(message)
        self.problem.show()
        self.dismiss.show()
        self.update()

    def clear_failure(self) -> None:
        self.problem.hide()
        self.dismiss.hide()
        self.problem.clear()

    @property
    def failure(self) -> str:
        return self.problem.text() if self.problem.isVisible() else ""

    def update(self) -> None:
        queue = self.queue
        if queue.waiting:
            text = tr("Waiting for another program to finish saving…")
            if queue.holder:
                text += f" ({queue.holder})"
            first = queue.jobs[0].text if queue.jobs else ""
            if queue.pending == 1:
                text += " · " + tr("1 edit not saved yet: {0}").format(first)
            else:
                text += " · " + tr("{0} edits not saved yet, first: {1}").format(queue.pending, first)
        elif self._failed:
            text = tr("Not saved ✗")
        elif self._saved_at:
            text = tr("Saved ✓ {0}").format(self._saved_at)
        else:
            text = ""
        self.state.setText(text)
