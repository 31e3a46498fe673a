"""Background work for the window: suggestions never run on the GUI thread."""
from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from tintag.core.store import ProjectStore


class DocumentSuggestions(QThread):
    """Compute one document's suggestions on its own connection."""
    ready = Signal(int, bool)  # document id, whether anything was computed
    failed = Signal(int, str)

    def __init__(self, project_path, document_id: int, actor: str, parent=None):
        super().__init__(parent)
        self.project_path, self.document_id, self.actor = project_path, document_id, actor

    def run(self) -> None:
        from tintag.core.suggest.batch import ensure_suggestions

        try:
            with ProjectStore.open(self.project_path, actor=self.actor) as store:
                computed = ensure_suggestions(store, self.document_id)
        except Exception as err:  # shown in the status bar; the window keeps working
            self.failed.emit(self.document_id, str(err))
            return
        self.ready.emit(self.document_id, computed)


class ProjectSuggestions(QThread):
    """Pre-annotate the whole project; progress and cancel for a dialog."""
    progress = Signal(int, int)
    finished_run = Signal(object)  # RunSummary or an error message

    def __init__(self, project_path, workers: int, parent=None):
        super().__init__(parent)
        self.project_path, self.workers = project_path, workers
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from tintag.core.suggest.batch import suggest_project

        try:
            summary = suggest_project(self.project_path, workers=self.workers,
                                      progress=lambda d, t: self.progress.emit(d, t),
                                      cancelled=self._cancel.is_set)
        except Exception as err:
            self.finished_run.emit(str(err))
            return
        self.finished_run.emit(summary)




class StoreTask(QThread):
    """Run ``task(store, progress, cancelled)`` on its own connection to the
    project (bundle export and merge, the dashboard's figures): the window
    stays responsive and can show progress and cancel. ``finished_task``
    carries the result, or the error's first line as a str."""
    progress = Signal(int, int)
    finished_task = Signal(object)

    def __init__(self, project_path, actor: str, task, readonly: bool = False, parent=None):
        super().__init__(parent)
        self.project_path, self.actor, self.task, self.readonly = project_path, actor, task, readonly
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            with ProjectStore.open(self.project_path, actor=self.actor, readonly=self.readonly) as store:
                result = self.task(store, lambda d, t: self.progress.emit(d, t), self._cancel.is_set)
        except Exception as err:  # shown in the window; the app keeps working
            self.finished_task.emit(str(err).splitlines()[0] if str(err) else type(err).__name__)
            return
        self.finished_task.emit(result)
