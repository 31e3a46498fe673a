"""The Team menu: review mode, dashboard, bundles in and out."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from tintag.core.store import GOLD, ProjectError

from .plain import show_message


def tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)  # one context for module-level helpers


def install(window) -> None:
    bar = window.menuBar()
    menu = QMenu(tr("&Team"), window)
    bar.insertMenu(bar.actions()[-1], menu)  # before Help
    review = QAction(tr("&Review mode…"), window, shortcut=QKeySequence("Ctrl+R"))
    review.triggered.connect(lambda: open_review(window))
    dashboard = QAction(tr("&Dashboard…"), window, shortcut=QKeySequence("Ctrl+D"))
    dashboard.triggered.connect(lambda: open_dashboard(window))
    export = QAction(tr("&Export my bundle…"), window)
    export.triggered.connect(lambda: export_my_bundle(window))
    merge = QAction(tr("&Merge bundles…"), window)
    merge.triggered.connect(lambda: merge_bundles(window))
    team = QAction(tr("&Profiles and assignment…"), window)
    team.triggered.connect(lambda: open_team(window))
    switch = QAction(tr("&Switch profile…"), window)
    switch.triggered.connect(lambda: switch_profile(window))
    for action in (review, dashboard, team, switch, export, merge):
        menu.addAction(action)
        window.addAction(action)
    layers = menu.addMenu(tr("Work on &layer"))
    layers.aboutToShow.connect(lambda: _fill_layers(window, layers))


def _fill_layers(window, menu) -> None:
    """The layers this profile may open: its own, and for reviewers gold and the others."""
    menu.clear()
    own = window.annotator
    for layer in [own] + [x for x in window.store.layers() if x != own]:
        if layer == "suggestions":
            continue
        action = menu.addAction(layer + (tr(" (mine)") if layer == own else ""))
        action.setCheckable(True)
        action.setChecked(layer == window.layer)
        action.setEnabled(window.store.may_read(layer))
        action.triggered.connect(lambda _c=False, name=layer: window.set_layer(name))


def switch_profile(window) -> None:
    """Work under another profile (a shared machine, a reviewer who also
    annotates): the window reopens the project as that profile, and the name
    is remembered for the next start. Profiles are trusted, not passwords:
    blind mode keeps annotators unbiased, it is not access control."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QInputDialog

    from tintag.core.store.access import profile_name_problem

    names = [a["name"] for a in window.store.annotators()]
    if window.annotator not in names:
        names.insert(0, window.annotator)
    name, ok = QInputDialog.getItem(window, tr("Switch profile"), tr("Work as (a new name adds a profile):"),
                                    names, names.index(window.annotator), True)
    name = (name or "").strip()
    if not ok or not name or name == window.annotator:
        return
    if profile_name_problem(name):  # "gold" would act as the project lead
        window.statusBar().showMessage(
            tr("'{0}' is the name of a layer, not of a person; choose another name").format(name), 0)
        return
    QSettings().setValue("annotator", name)
    reopen = getattr(window, "reopen_as", None)
    if reopen is None:  # a window made without a session (tests, embedding)
        window.statusBar().showMessage(tr("Restart TinTag to work as {0}").format(name), 0)
        return
    reopen(name)


def open_review(window) -> None:
    from .review_window import ReviewWindow

    if window.current_id is None:
        window.statusBar().showMessage(tr("Open a document first"), 4000)
        return
    try:
        review = ReviewWindow(window.store, window.current_id, window)
    except ProjectError as err:  # an annotator: only reviewers settle into gold
        show_message(window, tr("Review mode"), str(err))
        return

    def gold_changed():
        window.model.invalidate()
        if window.layer == GOLD:
            window.refresh()

    review.gold_changed.connect(gold_changed)
    window.review_window = review
    review.show()
    review.activateWindow()


def open_team(window) -> None:
    from .team_dialog import TeamDialog

    TeamDialog(window.store, window).exec()
    window.model.refresh()
    window._update_title()


def open_dashboard(window) -> None:
    from .dashboard import DashboardWindow

    try:
        dashboard = DashboardWindow(window.store, window)
    except ProjectError as err:
        show_message(window, tr("Dashboard"), str(err))
        return
    window.dashboard = dashboard
    dashboard.show()


def export_my_bundle(window) -> None:
    from tintag.core.team.bundle import export_bundle

    default = Path.home() / f"{Path(window.store.path).stem}-{window.layer}.bundle.jsonl"
    path, _ = QFileDialog.getSaveFileName(window, tr("Export my bundle"), str(default),
                                          tr("TinTag bundles (*.jsonl)"))
    if not path:
        return
    layer = window.layer

    def done(header) -> None:
        window.statusBar().showMessage(
            tr("Bundle written: {0} documents → {1}").format(header["documents"], path), 8000)

    _run_task(window, tr("Export my bundle"), tr("Writing the bundle…"),
              lambda store, progress, cancelled: export_bundle(store, layer, path, progress, cancelled),
              done, readonly=True)


def merge_bundles(window) -> None:
    from tintag.core.backup import backup_before
    from tintag.core.team.bundle import merge_bundles as merge

    paths, _ = QFileDialog.getOpenFileNames(window, tr("Merge bundles"), str(Path.home()),
                                            tr("TinTag bundles (*.jsonl);;All files (*)"))
    if not paths:
        return

    def done(summary) -> None:
        window.model.refresh()
        window.refresh()
        show_message(window, tr("Merge bundles"), merge_report(summary))

    def task(store, progress, cancelled):
        with backup_before(store.path, "merge"):  # as `tintag bundle merge` does
            return merge(store, paths, progress, cancelled)

    _run_task(window, tr("Merge bundles"), tr("Checking and merging bundles…"), task, done)


def merge_report(summary: dict) -> str:
    """What a merge did: the documents, then per layer the items added, changed,
    deleted and left in conflict (the layer keeps this project's version)."""
    lines = [tr("{0} bundle(s): {1} documents updated, {2} unchanged, {3} merged before").format(
        summary["bundles"], summary["documents_changed"], summary["unchanged"], summary["already_merged"])]
    for name, n in summary["layers"].items():
        lines.append(tr("{0}: {1} items added, {2} changed, {3} deleted, {4} in conflict").format(
            name, n["added"], n["changed"], n["deleted"], n["conflicts"]))
    if any(n["conflicts"] for n in summary["layers"].values()):
        lines.append(tr("Items in conflict keep this project's version; the bundle's waits for review "
                        "(tintag bundle conflicts)."))
    return "\n".join(lines)


def _run_task(window, title: str, label: str, task, on_done, readonly: bool = False) -> None:
    """Run a core task off the GUI thread behind a progress dialog with Cancel;
    a failure (or a cancel) is shown as a plain message."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    from .workers import StoreTask

    progress = QProgressDialog(label, tr("Cancel"), 0, 0, window)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    worker = StoreTask(window.store.path, window.store.actor, task, readonly=readonly, parent=window)
    window.team_task = worker  # kept alive, and visible to tests
    worker.progress.connect(lambda d, t: (progress.setMaximum(max(t, 1)), progress.setValue(d)))
    progress.canceled.connect(worker.cancel)

    def finished(result) -> None:
        progress.reset()
        if isinstance(result, str):
            show_message(window, title, result, warning=True)
        else:
            on_done(result)

    worker.finished_task.connect(finished)
    worker.start()
