"""Start the Qt application on a project (or the built-in demo)."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from desktop.core.store import ProjectError, ProjectStore


def run_app(project_path: str | None = None, annotator: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("TinTag")
    app.setOrganizationName("TinTag")
    if project_path is None:
        from desktop.core.demo import ensure_demo_project

        project_path = str(ensure_demo_project())
    name = annotator or _default_annotator()
    try:
        store = ProjectStore.open(Path(project_path), actor=name)
    except ProjectError as err:
        QMessageBox.critical(None, "TinTag", str(err))
        return 1
    window = MainWindow(store, name)
    window.show()
    code = app.exec()
    store.close()
    return code


def _default_annotator() -> str:
    from PySide6.QtCore import QSettings

    remembered = QSettings().value("annotator")
    if remembered:
        return str(remembered)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"
