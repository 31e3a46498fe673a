"""Help → About: TinTag's version (from the installed package metadata, i.e.
pyproject.toml) and the versions of the libraries it runs on."""
from __future__ import annotations

import platform
import sqlite3
from importlib import metadata

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

import tintag


def versions() -> dict[str, str]:
    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    import PySide6

    return {
        "TinTag": tintag.__version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "underthesea": dist("underthesea"),
        "underthesea-core": dist("underthesea-core"),
        "sqlite-utils": dist("sqlite-utils"),
        "SQLite": sqlite3.sqlite_version,
        "Python": platform.python_version(),
    }


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About TinTag"))
        lines = [self.tr("TinTag — annotate Vietnamese news: entities, quotes, stances."), ""]
        lines += [f"{name}: {version}" for name, version in versions().items()]
        self.text = QLabel("\n".join(lines))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
