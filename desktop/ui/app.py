"""Start the Qt application on a project (or the built-in demo)."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from desktop.core.store import ProjectError, ProjectStore


def run_app(project_path: str | None = None, annotator: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("TinTag")
    app.setOrganizationName("TinTag")
    app.setDesktopFileName("tintag")  # matches packaging/linux/tintag.desktop
    set_icon(app)
    install_translation(app)
    name = annotator or ask_annotator()
    if not name:
        return 0
    if project_path is None:
        from desktop.core.demo import ensure_demo_project

        project_path = str(ensure_demo_project())
    session = Session(name)
    if not session.open(project_path):
        return 1
    return app.exec()


class Session:
    """The open window; File → Open replaces it with a window on another project."""

    def __init__(self, annotator: str):
        self.annotator = annotator
        self.window = None

    def open(self, path: str | Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from .main_window import MainWindow
        from .menus import remember_recent

        try:
            store = ProjectStore.open(Path(path), actor=self.annotator)
        except ProjectError as err:
            QMessageBox.critical(self.window, "TinTag", str(err))
            return False
        if not store.readonly:
            from desktop.core.backup import take_backup

            try:
                take_backup(path)  # a rolling copy each time a project is opened
            except (OSError, sqlite3.Error) as err:
                QMessageBox.warning(self.window, "TinTag",
                                    QMessageBox.tr("No backup could be made: {0}").format(err))
        old = self.window
        self.window = MainWindow(store, self.annotator)
        self.window.open_project = self.open
        if store.readonly:
            self.window.statusBar().showMessage(
                QMessageBox.tr("This project is read-only: changes cannot be saved"), 0)
        remember_recent(path)
        self.window.show()
        if old is not None:
            old.close()
            old.store.close()
        return True


def ask_annotator() -> str | None:
    """The annotator's name: asked once on first launch, then remembered."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QInputDialog

    settings = QSettings()
    name = str(settings.value("annotator") or "").strip()
    if name:
        return name
    name, ok = QInputDialog.getText(
        None, "TinTag", QCoreApplication.translate("App", "Your name (it labels your annotations):"))
    name = name.strip()
    if not ok or not name:
        return None
    settings.setValue("annotator", name)
    return name


def install_translation(app) -> None:
    """Vietnamese or English: the 'language' setting, else the system locale."""
    from PySide6.QtCore import QLocale, QSettings, QTranslator

    from desktop import paths

    language = str(QSettings().value("language") or QLocale.system().name())
    if not language.startswith("vi"):
        return
    translator = QTranslator(app)
    if translator.load(str(paths.resources_dir() / "i18n" / "tintag_vi.qm")):
        app.installTranslator(translator)
        app._tintag_translator = translator  # keep it alive with the app


def set_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from desktop import paths

    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = paths.resources_dir() / "icons" / f"tintag-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    app.setWindowIcon(icon)
