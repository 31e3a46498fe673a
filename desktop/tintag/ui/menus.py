"""Menus of the main window: project files, settings, pre-annotation, help."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QProgressDialog,
    QTextBrowser,
)

from .plain import show_message
from .settings_dialog import SettingsDialog
from .workers import ProjectSuggestions

MAX_RECENT = 8


def tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def remember_recent(path: str | Path) -> None:
    settings = QSettings()
    recent = [p for p in (settings.value("recent") or []) if p != str(path)]
    settings.setValue("recent", [str(path)] + recent[:MAX_RECENT - 1])


def recent_projects() -> list[str]:
    return [p for p in (QSettings().value("recent") or []) if Path(p).exists()]


def install(window) -> None:
    """Add File / Project / Help menus; ``window.opener(path)`` opens another project."""
    file_menu = window.menuBar().actions()[0].menu()
    first = file_menu.actions()[0] if file_menu.actions() else None
    new = QAction(tr("&New project…"), window, shortcut="Ctrl+N")
    new.triggered.connect(lambda: _new_project(window))
    open_ = QAction(tr("&Open project…"), window, shortcut="Ctrl+O")
    open_.triggered.connect(lambda: _open_project(window))
    demo = QAction(tr("Open the &demo project"), window)
    demo.triggered.connect(lambda: _open_demo(window))
    recent = file_menu.addMenu(tr("&Recent projects"))
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    for action in (new, open_, demo):
        file_menu.insertAction(first, action)
    file_menu.insertMenu(first, recent)
    file_menu.insertSeparator(first)

    project = window.menuBar().addMenu(tr("&Project"))
    settings = QAction(tr("&Settings…"), window)
    settings.triggered.connect(lambda: open_settings(window))
    project.addAction(settings)
    pre = QAction(tr("&Pre-annotate every document…"), window)
    pre.triggered.connect(lambda: pre_annotate(window))
    project.addAction(pre)

    window.guidelines_dock = QDockWidget(tr("Guidelines"), window)
    window.guidelines_dock.setObjectName("guidelines")
    window.guidelines_view = QTextBrowser()
    window.guidelines_view.setOpenExternalLinks(False)
    window.guidelines_dock.setWidget(window.guidelines_view)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.guidelines_dock)
    window.resizeDocks([window.guidelines_dock], [280], Qt.Orientation.Horizontal)
    window.guidelines_dock.hide()
    view = window.menuBar().addMenu(tr("&View"))
    view.addAction(window.guidelines_dock.toggleViewAction())
    # not StandardKey: Ctrl+R on some desktops is review
    reload = QAction(tr("&Reload"), window, shortcut=QKeySequence("F5"))
    reload.triggered.connect(window.reload)
    view.addAction(reload)
    window.addAction(reload)
    show_guidelines(window)

    help_menu = window.menuBar().addMenu(tr("&Help"))
    keys = QAction(tr("&Keys"), window)
    keys.triggered.connect(lambda: show_message(window, tr("Keys"), KEYS_HELP()))
    help_menu.addAction(keys)
    about = QAction(tr("&About TinTag"), window)
    about.triggered.connect(lambda: _about(window))
    help_menu.addAction(about)


def _about(window) -> None:
    from .about import AboutDialog

    AboutDialog(window).exec()


def KEYS_HELP() -> str:  # noqa: N802 - translated at call time
    return tr("1–9 or the label's letter: tag the selection (Alt: exact, no snapping)\n"
              "Q: make the selection a quote, then pick its speaker\n"
              "S: stance from the current quote or entity\n"
              "Tab / Shift+Tab: next / previous suggestion\n"
              "Enter / Delete: accept / reject the suggestion\n"
              "A: accept all suggestions of the current label\n"
              "Ctrl+Z / Ctrl+Shift+Z: undo / redo\n"
              "Ctrl+Enter: done, next document · J / K: next / previous · Ctrl+F: search\n"
              "F5: reload what other windows saved")


def show_guidelines(window) -> None:
    text = window.store.get_setting("guidelines", "") or tr("No guidelines yet: Project → Settings.")
    # the project's own Markdown, with raw HTML switched off (shown as text)
    window.guidelines_view.document().setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownNoHTML)


def open_settings(window) -> None:
    dialog = SettingsDialog(window.store, window)
    if dialog.exec():
        window.apply_settings()
        show_guidelines(window)


def pre_annotate(window) -> None:
    progress = QProgressDialog(tr("Pre-annotating every document…"), tr("Cancel"), 0, 0, window)
    progress.setWindowTitle(tr("Suggestions"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    worker = ProjectSuggestions(window.store.path, os.cpu_count() or 1, window)
    window.pre_annotation = worker
    worker.progress.connect(lambda done, total: (progress.setMaximum(max(total, 1)), progress.setValue(done)))
    progress.canceled.connect(worker.cancel)

    def finished(result) -> None:
        progress.reset()
        if isinstance(result, str):
            show_message(window, tr("Suggestions"), result, warning=True)
        else:
            word = tr("cancelled after") if result.cancelled else tr("finished:")
            window.statusBar().showMessage(f"{tr('Pre-annotation')} {word} {result.done}/{result.total}", 8000)
        window.model.invalidate()
        window.refresh()

    worker.finished_run.connect(finished)
    worker.start()
    progress.show()


def _new_project(window) -> None:
    path, _ = QFileDialog.getSaveFileName(window, tr("New project"), str(Path.home() / "project.tintag"),
                                          tr("TinTag projects (*.tintag)"))
    if path:
        from tintag.core.store import ProjectStore

        if not path.endswith(".tintag"):
            path += ".tintag"
        try:
            ProjectStore.create(path).close()
        except Exception as err:  # a clear message, never a traceback
            show_message(window, tr("New project"), str(err), warning=True)
            return
        window.opener(path)


def _open_project(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, tr("Open project"), str(Path.home()),
                                          tr("TinTag projects (*.tintag);;All files (*)"))
    if path:
        window.opener(path)


def _open_demo(window) -> None:
    from tintag.core.demo import ensure_demo_project

    window.opener(str(ensure_demo_project()))


def _fill_recent(window, menu) -> None:
    menu.clear()
    for path in recent_projects():
        action = menu.addAction(path)
        action.triggered.connect(lambda _c=False, p=path: window.opener(p))
    if not menu.actions():
        menu.addAction(tr("(none yet)")).setEnabled(False)
