"""Start the Qt application on a project (or the built-in demo)."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from tintag.core.store import ProjectError, ProjectStore
from tintag.core.store.access import profile_name_problem


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
        from tintag.core.demo import ensure_demo_project

        project_path = str(ensure_demo_project())
    session = Session(name)
    if not session.open(project_path):
        if session.last_error:  # the dialog said it; a terminal gets the same line
            print(f"tintag: error: {session.last_error}", file=sys.stderr)
        return 1
    return app.exec()


class Session:
    """The open window; File → Open replaces it with a window on another project."""

    def __init__(self, annotator: str):
        self.annotator = annotator
        self.window = None
        self.last_error: str | None = None  # why the last open() refused

    def open(self, path: str | Path) -> bool:
        """Open a project in a new window; False (after a clear message) if it cannot be used.

        Read-only files open read-only and say so; a damaged file is refused
        with the way back (``tintag restore``) before it can replace a good
        backup; nothing here lets a traceback reach the user.
        """
        from PySide6.QtWidgets import QLabel, QMessageBox

        from tintag.core.store.errors import DamagedProject, project_error

        from .main_window import MainWindow
        from .menus import remember_recent
        from .plain import show_message

        path = Path(path)
        if self.window is not None and self.window.saves.pending:  # they would be lost with its connection
            return self._refuse(QMessageBox.tr(
                "Edits in this window are still waiting to be saved (another program is saving the "
                "project); open the other project once they are saved, or take them back with Ctrl+Z"))
        problem = profile_name_problem(self.annotator)
        if problem:  # "gold" as a profile would act as the project lead
            return self._refuse(problem)
        try:
            store = ProjectStore.open(path, actor=self.annotator, before_upgrade=lambda: _backup_before_upgrade(path))
        except ProjectError as err:
            return self._refuse(str(err))
        except sqlite3.Error as err:
            return self._refuse(str(project_error(path, err)))
        except OSError as err:
            return self._refuse(f"{path}: {err.strerror or err}")
        same = store.profile_like(self.annotator)
        if same and same != self.annotator:  # "Lan" typed, "lan" is the profile with the work
            self.annotator = store.actor = same
        if not store.readonly:
            from tintag.core.backup import take_backup

            try:
                take_backup(path, only_if_changed=True)  # a rolling copy when a project is opened
            except DamagedProject as err:
                store.close()
                return self._refuse(str(err))
            except (ProjectError, OSError, sqlite3.Error) as err:
                show_message(self.window, "TinTag",
                             QMessageBox.tr("No backup could be made: {0}").format(err), warning=True)
        try:
            window = MainWindow(store, self.annotator)
        except (ProjectError, sqlite3.Error) as err:
            store.close()
            return self._refuse(str(err) if isinstance(err, ProjectError) else str(project_error(path, err)))
        old, self.window = self.window, window
        self.last_error = None
        self.window.open_project = self.open
        self.window.reopen_as = self.reopen_as
        if store.readonly:
            note = QLabel(QMessageBox.tr("Read-only"))
            note.setToolTip(QMessageBox.tr("This project file is read-only: changes cannot be saved"))
            self.window.statusBar().addPermanentWidget(note)
            self.window.read_only_note = note
            self.window.statusBar().showMessage(
                QMessageBox.tr("This project is read-only: changes cannot be saved"), 0)
        remember_recent(str(path))
        self.window.show()
        if old is not None:
            old.close()
            old.store.close()
        return True

    def reopen_as(self, annotator: str) -> bool:
        """Team → Switch profile: the same project in a new window, working as
        ``annotator``; the old profile stays if the project cannot be reopened."""
        previous, self.annotator = self.annotator, annotator
        if self.open(self.window.store.path):
            return True
        self.annotator = previous
        return False

    def _refuse(self, message: str) -> bool:
        from .plain import show_message

        self.last_error = message
        show_message(self.window, "TinTag", message, warning=True)  # plain text: names can hold '<b>'
        return False


def ask_annotator() -> str | None:
    """The annotator's name: asked once on first launch, then remembered."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QInputDialog

    settings = QSettings()
    name = str(settings.value("annotator") or "").strip()
    if name and not profile_name_problem(name):
        return name
    prompt = QCoreApplication.translate("App", "Your name (it labels your annotations):")
    while True:
        name, ok = QInputDialog.getText(None, "TinTag", prompt)
        name = name.strip()
        if not ok or not name:
            return None
        if not profile_name_problem(name):
            break
        prompt = QCoreApplication.translate(
            "App", "'{0}' is the name of a layer, not of a person. Your name:").format(name)
    settings.setValue("annotator", name)
    return name


def install_translation(app) -> None:
    """Vietnamese or English: the 'language' setting, else the system locale."""
    from PySide6.QtCore import QLocale, QSettings, QTranslator

    from tintag import paths

    language = str(QSettings().value("language") or QLocale.system().name())
    if not language.startswith("vi"):
        return
    translator = QTranslator(app)
    if translator.load(str(paths.resources_dir() / "i18n" / "tintag_vi.qm")):
        app.installTranslator(translator)
        app._tintag_translator = translator  # keep it alive with the app


def set_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from tintag import paths

    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = paths.resources_dir() / "icons" / f"tintag-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    app.setWindowIcon(icon)


def _backup_before_upgrade(path: Path) -> None:
    """A copy in the old format before the file is upgraded (a newer TinTag
    cannot be undone by an older one)."""
    from tintag.core.backup import take_backup

    take_backup(path, reason="before-upgrade", only_if_changed=True)
