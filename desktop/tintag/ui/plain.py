"""Show text from files and users literally, never as Qt rich text."""
from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Tooltips guess rich text from '<'; escape and wrap so it is always literal."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def show_message(parent, title: str, text: str, warning: bool = False) -> None:
    """A message box whose text is never read as rich text (file names, annotator
    names and errors can hold '<b>'); QMessageBox's static helpers guess."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
