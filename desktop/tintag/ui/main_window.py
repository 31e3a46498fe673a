"""The annotation workspace: document list | article | side panel.

Keyboard-first (DESIGN §4). Every edit is a core action (tintag.core.annotate)
saved through the window's SaveQueue, each as its own committed transaction,
and put on a QUndoStack once committed. When another program holds the
project's write lock the edit waits (shown in the status bar) without
blocking the window, and later edits queue behind it.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tintag.core import annotate
from tintag.core.store import GOLD, STATUSES, ProjectError, ProjectStore
from tintag.core.store.access import TOOL_ACTORS

from . import menus, team_menu
from .article_view import ArticleView
from .document_model import DocumentListModel, status_text
from .picker import Picker
from .save_queue import EDIT, OTHER, REDO, RETRY_WINDOW_S, UNDO, SaveJob, SaveQueue
from .save_status import SaveStatus
from .side_panel import SidePanel
from .workers import DocumentSuggestions

RESERVED_KEYS = {"Q", "S", "A", "J", "K"}


class ChangeCommand(QUndoCommand):
    """A committed core Change on Qt's undo stack. The stack only records: the
    window's SaveQueue runs the change's redo/undo and moves the stack once
    that is committed (MainWindow.undo/redo), so the stack never holds an edit
    that was not saved."""

    def __init__(self, change: annotate.Change):
        super().__init__(change.text)
        self.change = change

    def redo(self) -> None:
        pass  # already saved by the queue

    def undo(self) -> None:
        pass  # already saved by the queue


class MainWindow(QMainWindow):
    save_retry_window = RETRY_WINDOW_S  # how long an edit waits for another program's lock

    def __init__(self, store: ProjectStore, annotator: str, layer: str | None = None):
        super().__init__()
        self.store = store
        self.annotator = annotator
        self.layer = layer or annotator or GOLD
        self.saves = SaveQueue(store, self, retry_window=self.save_retry_window)
        if not store.readonly and annotator and annotator not in (GOLD, *TOOL_ACTORS) \
                and store.annotator(annotator) is None:
            # every window acts as a profile (roles, attribution); queued first, so every edit follows it
            self.saves.submit(SaveJob(self.tr("add profile {0}").format(annotator),
                                      lambda: store.add_annotator(annotator),
                                      lambda _row: self._update_title(), OTHER))
        self._close_when_saved = False
        self.close_question: QMessageBox | None = None
        self.current_id: int | None = None
        self.current: tuple | None = None  # ("entity", uid) | ("suggestion", key) | …
        self.doc: dict | None = None
        self.opened_at = time.monotonic()
        self.undo_stack = QUndoStack(self)
        self._commands: list[QUndoCommand] = []
        self.model = DocumentListModel(store, self.layer, self)
        self._workers: list = []
        self._picker: Picker | None = None
        self.open_project = None  # set by the app: callable(path)
        self._closed = False
        self._build()
        self._build_actions()
        self._update_title()
        self.resize(1400, 860)
        self.splitter.setSizes([340, 640, 420])
        if self.model.rowCount():
            self.select_row(0)

    # ----------------------------------------------------------------- build
    def _build(self) -> None:
        self.search = QLineEdit(placeholderText=self.tr("Search title and text (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._apply_filters())
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_text(status), status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.label_filter = QComboBox()
        self.label_filter.addItem(self.tr("All labels"), None)
        for label in self.store.labels("entity"):
            self.label_filter.addItem(label["name"], label["name"])
        self.label_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.queue_filter = QCheckBox(self.tr("My queue"))
        self.queue_filter.setToolTip(self.tr("Only the documents assigned to you"))
        self.queue_filter.setChecked(self.store.count_documents(layer=self.layer, queue=True) > 0)
        self.model.set_filter(queue=self.queue_filter.isChecked())
        self.queue_filter.toggled.connect(lambda _on: self._apply_filters())

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 76), (1, 84), (3, 36), (4, 50), (5, 54), (6, 44)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.label_filter)
        filters.addWidget(self.queue_filter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.meta_label = QLabel()
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)  # a long line would set the article's minimum width
        self.article = ArticleView()
        self.article.key_handler = self.handle_key
        self.article.clicked_at.connect(self._clicked_in_text)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(8, 6, 6, 6)
        centre_layout.addWidget(self.title_label)
        centre_layout.addWidget(self.meta_label)
        centre_layout.addWidget(self.article, 1)
        centre_layout.addWidget(self.legend)

        self.panel = SidePanel()
        self.panel.item_selected.connect(self._panel_selected)
        self.panel.edit_requested.connect(self._panel_edit)
        self.panel.delete_requested.connect(self._panel_delete)
        self.panel.status_changed.connect(self._set_status)
        self.panel.note_changed.connect(self._save_note)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.panel)
        for index, stretch in enumerate((3, 6, 4)):
            self.splitter.setStretchFactor(index, stretch)
        self.setCentralWidget(self.splitter)
        self._sized = False
        self.save_status = SaveStatus(self.statusBar(), self.saves)
        self.saved_label = self.save_status.state
        self.saves.changed.connect(self._saves_changed)
        self.saves.failed.connect(self._give_up_closing)
        self._show_status()

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit = self.menuBar().addMenu(self.tr("&Edit"))
        # not createUndoAction: those move the stack at once; these go through the save queue
        undo = QAction(self.tr("&Undo"), self, shortcut=QKeySequence("Ctrl+Z"))
        undo.triggered.connect(self.undo)
        self.undo_stack.undoTextChanged.connect(
            lambda text: undo.setText(self.tr("&Undo {0}").format(text) if text else self.tr("&Undo")))
        redo = QAction(self.tr("&Redo"), self)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.triggered.connect(self.redo)
        self.undo_stack.redoTextChanged.connect(
            lambda text: redo.setText(self.tr("&Redo {0}").format(text) if text else self.tr("&Redo")))
        edit.addAction(undo)
        edit.addAction(redo)
        find = QAction(self.tr("&Search"), self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        edit.addAction(find)

        doc_menu = self.menuBar().addMenu(self.tr("&Document"))
        done = QAction(self.tr("Mark &done and open next"), self)
        done.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        done.triggered.connect(self.done_and_next)
        doc_menu.addAction(done)
        for text, step, key in ((self.tr("&Next document"), 1, "J"), (self.tr("&Previous document"), -1, "K")):
            action = QAction(f"{text}\t{key}", self)
            action.triggered.connect(lambda _c=False, s=step: self.go(s))
            doc_menu.addAction(action)
        for action in (undo, redo, find, done):
            self.addAction(action)
        menus.install(self)
        team_menu.install(self)

    def opener(self, path: str) -> None:
        """Open another project (set by the app; a window alone just refuses)."""
        if self.open_project is not None:
            self.open_project(path)

    def apply_settings(self) -> None:
        """Labels, colours and keys changed: show them at once."""
        current = self.label_filter.currentData()
        self.label_filter.blockSignals(True)
        self.label_filter.clear()
        self.label_filter.addItem(self.tr("All labels"), None)
        for label in self.store.labels("entity"):
            self.label_filter.addItem(label["name"], label["name"])
        self.label_filter.setCurrentIndex(max(0, self.label_filter.findData(current)))
        self.label_filter.blockSignals(False)
        self.model.invalidate()
        self.refresh()

    def set_layer(self, layer: str) -> bool:
        """Work on another layer (a reviewer on gold); the store decides who may."""
        try:
            self.store.check_read(layer)
        except ProjectError as err:
            self.statusBar().showMessage(str(err), 8000)
            return False
        if self.saves.pending:  # they belong to this layer's undo history
            self.statusBar().showMessage(self.tr("Wait until your edits are saved, then switch layers"), 8000)
            return False
        self.layer = layer
        self.model.layer = layer
        self.undo_stack.clear()
        self._commands.clear()
        self._apply_filters()
        self._update_title()
        self._show_status()
        return True

    # ------------------------------------------------------------- the list
    def _apply_filters(self) -> None:
        self.model.set_filter(search=self.search.text(), status=self.status_filter.currentData(),
                              label=self.label_filter.currentData(), queue=self.queue_filter.isChecked())
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.show_document(None)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _row_changed(self, current, _previous) -> None:
        record = self.model.row(current.row()) if current.isValid() else None
        self.show_document(record["id"] if record else None)

    def go(self, step: int) -> bool:
        """J/K: the next/previous document in the list's order and filters."""
        if self.current_id is None:
            return False
        target = self.store.neighbour_document(self.current_id, step, **self.model.filters())
        if target is None:
            self.statusBar().showMessage(self.tr("No more documents in this list"), 3000)
            return False
        row = self.model.row_of(target)
        if row is None:
            row = self.table.currentIndex().row() + step
        self.select_row(row)
        if self.current_id != target:
            self.show_document(target)
        return True

    def done_and_next(self) -> None:
        if self.current_id is None:
            return
        doc, layer, spent = self.current_id, self.layer, time.monotonic() - self.opened_at
        self.push(lambda: annotate.set_status(self.store, doc, layer, "done"), self.tr("mark done"))
        self.save_plain(self.tr("time spent"), lambda: self.store.add_time(doc, layer, spent))
        self.go(1)

    # --------------------------------------------------------- the document
    def show_document(self, document_id: int | None) -> None:
        if self._picker is not None:
            self._picker.close()
        self.current_id = document_id
        self.current = None
        self.opened_at = time.monotonic()
        self.doc = self.store.document(document_id) if document_id is not None else None
        if self.doc is None:
            self.title_label.setText("")
            self.meta_label.setText("")
            self.article.set_text("")
            self.article.show_items([], {}, None)
            return
        self.title_label.setText(self.doc["title"])
        self.meta_label.setText(" · ".join(p for p in (self.doc["date"], self.doc["source"]) if p))
        self.article.set_text(self.doc["text"])
        self.refresh()
        self._ensure_suggestions(document_id)

    def _ensure_suggestions(self, document_id: int) -> None:
        from tintag.core.suggest import registry
        from tintag.core.suggest.batch import is_current

        if is_current(self.store, self.doc, registry.project_producers(self.store)):
            return
        worker = DocumentSuggestions(self.store.path, document_id, self.annotator, self)
        worker.ready.connect(self._suggestions_ready)
        worker.failed.connect(lambda _d, msg: self.statusBar().showMessage(
            self.tr("Suggestions failed: {0}").format(msg), 8000))
        worker.finished.connect(lambda w=worker: self._workers.remove(w) if w in self._workers else None)
        self._workers.append(worker)
        self.statusBar().showMessage(self.tr("Computing suggestions…"))
        worker.start()

    def _suggestions_ready(self, document_id: int, _computed: bool) -> None:
        if self._closed:  # the worker outlived the window
            return
        self.statusBar().showMessage(self.tr("Suggestions ready"), 3000)
        self.model.invalidate()
        if document_id == self.current_id:
            self.refresh()

    def reload(self) -> None:
        """View → Reload (F5): show what other windows and processes saved since —
        the list's counts and statuses and the open document's items — without
        leaving the document (its time keeps running, its undo history stays)."""
        current = self.current_id
        selection = self.table.selectionModel()
        selection.blockSignals(True)  # the same document stays open, not re-opened
        try:
            self.model.refresh()
            row = self.model.row_of(current) if current is not None else None
            if row is not None:
                self.select_row(row)
        finally:
            selection.blockSignals(False)
        if current is None and self.model.rowCount():
            self.select_row(0)
        self.refresh()
        self.statusBar().showMessage(self.tr("Reloaded: showing everything saved in the project"), 3000)

    def refresh(self) -> None:
        """Re-read the current document's layer and suggestions and repaint."""
        if self.doc is None:
            return
        doc_id, text = self.doc["id"], self.doc["text"]
        self.entities = self.store.entities(doc_id, self.layer)
        self.quotes = self.store.quotes(doc_id, self.layer)
        self.stances = self.store.stances(doc_id, self.layer)
        self.open_suggestions = sorted(self.store.suggestions(doc_id, layer=self.layer, open_only=True),
                                       key=_reading_order)
        labels = self.store.labels("entity")
        colours = {label["name"]: label["colour"] for label in labels}
        by_uid = {e["uid"]: text[e["start"]:e["end"]] for e in self.entities}
        items = [{"kind": "entity", "start": e["start"], "end": e["end"], "label": e["label"],
                  "ident": ("entity", e["uid"]), "tooltip": f"{e['label']} ({e['origin']})"}
                 for e in self.entities]
        for q in self.quotes:
            speaker = by_uid.get(q["speaker_uid"]) or q["speaker_name"] or self.tr("unknown speaker")
            items.append({"kind": "quote", "start": q["start"], "end": q["end"], "ident": ("quote", q["uid"]),
                          "tooltip": self.tr("Quote — speaker: {0}").format(speaker)})
        for s in self.open_suggestions:
            p = s["payload"]
            if s["kind"] in ("entity", "quote"):
                label = p.get("label") if s["kind"] == "entity" else None
                tip = (self.tr("Suggestion: {0} ({1:.0%}) — Enter accepts, Delete rejects").format(
                    label or self.tr("quote by {0}").format(p.get("speaker_name") or "?"), s["score"]))
                items.append({"kind": "suggestion", "start": p["start"], "end": p["end"], "label": label,
                              "ident": ("suggestion", s["key"]), "tooltip": tip})
        self.article.show_items(items, colours, self.current)
        can_speak = self.store.speaker_labels()
        speakers = [(e["uid"], text[e["start"]:e["end"]]) for e in self.entities if e["label"] in can_speak]
        self.panel.show_rows(text, self.entities, self.quotes, self.stances, self.open_suggestions,
                             [label["name"] for label in labels],
                             [label["name"] for label in self.store.labels("stance")], speakers)
        self.panel.select(self.current)
        assignment = self.store.assignment(doc_id, self.layer)
        history = [f"{e['at'][11:19]} {e['actor']}: {e['action']} {e['kind']}"
                   for e in self.store.events(doc_id, limit=5)]
        self.panel.show_document(assignment["status"], assignment["note"], history)
        self.legend.setText(self.tr("Keys: {0} label · Q quote · S stance · Tab/Shift+Tab suggestions · "
                                    "Enter accept · Delete reject · A accept all · J/K documents").format(
            " ".join(f"{self.hotkey(label)}={label['name']}" for label in labels)))

    # ---------------------------------------------------------------- edits
    def push(self, change, text: str = "") -> None:
        """Save an edit and, once committed, put it on the undo stack.

        ``change``: a Change, or a function making it (None: nothing to do),
        called when its turn comes, so an edit made while earlier ones wait for
        another program is built on top of them. ``text`` names a function's
        edit while it waits."""
        if change is None:
            return
        build = change if callable(change) else (lambda: change)
        job = SaveJob(text or getattr(change, "text", "") or self.tr("edit"), None, self._edit_saved, EDIT)

        def save():
            made = build()
            if made is not None:
                job.text = made.text
                made.redo()
            return made

        job.save = save
        self.saves.submit(job)

    def save_plain(self, text: str, save) -> None:
        """Save something that is not undone with Ctrl+Z (a note, time spent), in turn."""
        self.saves.submit(SaveJob(text, save, lambda _result: self.save_status.saved(), OTHER))

    def _edit_saved(self, change: annotate.Change | None) -> None:
        if change is None:
            return
        command = ChangeCommand(change)
        # Python keeps the wrappers alive as long as the stack holds the commands:
        # PySide otherwise frees them twice at interpreter exit.
        self._commands.append(command)
        self.undo_stack.push(command)  # records only: the change is saved already
        self._after_save(change, follow=False)

    def undo(self) -> None:
        """Ctrl+Z: take back an edit still waiting to be saved, else undo the
        newest saved one (in turn behind the edits that wait)."""
        cancelled = self.saves.cancel_last((EDIT, REDO))
        if cancelled is not None:
            self.statusBar().showMessage(self.tr("Taken back before it was saved: {0}").format(cancelled.text), 4000)
            return
        if not self.saves.pending and not self.undo_stack.canUndo():
            return

        def save():
            index = self.undo_stack.index()
            if index == 0:
                return None
            command = self.undo_stack.command(index - 1)
            command.change.undo()
            return command

        self.saves.submit(SaveJob(self.tr("undo {0}").format(self.undo_stack.undoText()), save,
                                  lambda command: self._stack_moved(command, self.undo_stack.undo), UNDO))

    def redo(self) -> None:
        """Ctrl+Shift+Z: take back an undo still waiting, else redo in turn."""
        cancelled = self.saves.cancel_last((UNDO,))
        if cancelled is not None:
            self.statusBar().showMessage(self.tr("Taken back before it was saved: {0}").format(cancelled.text), 4000)
            return
        if not self.saves.pending and not self.undo_stack.canRedo():
            return

        def save():
            index = self.undo_stack.index()
            if index >= self.undo_stack.count():
                return None
            command = self.undo_stack.command(index)
            command.change.redo()
            return command

        self.saves.submit(SaveJob(self.tr("redo {0}").format(self.undo_stack.redoText()), save,
                                  lambda command: self._stack_moved(command, self.undo_stack.redo), REDO))

    def _stack_moved(self, command: ChangeCommand | None, move) -> None:
        if command is None:
            return
        move()  # records only: the change is saved already
        self._after_save(command.change, follow=True)

    def _after_save(self, change: annotate.Change, follow: bool) -> None:
        """Repaint after a committed edit; an undo/redo shows the document it changed."""
        if self._closed:
            return
        if follow and change.document_id is not None and change.document_id != self.current_id:
            self.show_document(change.document_id)
        self.save_status.saved()
        self.statusBar().showMessage(change.text, 3000)
        self.model.invalidate()
        self.refresh()

    def _saves_changed(self) -> None:
        if self._close_when_saved and not self.saves.pending:
            self._close_when_saved = False
            self.close()

    def _ask_before_closing(self) -> None:
        if self.close_question is not None and self.close_question.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "TinTag", self.tr(
            "{0} edit(s) are waiting for another program to finish saving the project. "
            "Closing now would lose them.").format(self.saves.pending), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        wait = box.addButton(self.tr("Wait, then close"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Close without them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(wait)

        def answered(button) -> None:
            if button is wait:
                self._close_when_saved = True
                self.statusBar().showMessage(self.tr("The window closes once your edits are saved"))
                self._saves_changed()  # they may be saved already
            elif button is discard:
                self.saves.discard_all()
                self.close()

        box.buttonClicked.connect(answered)
        self.close_question = box
        box.open()  # no nested event loop: the edits go on being tried meanwhile

    def _give_up_closing(self, _message: str) -> None:
        self._close_when_saved = False  # a failure stays in sight, the window open

    def _set_status(self, status: str) -> None:
        doc, layer = self.current_id, self.layer
        if doc is not None:
            self.push(lambda: annotate.set_status(self.store, doc, layer, status), self.tr("mark {0}").format(status))

    def _save_note(self, note: str) -> None:
        if self.current_id is None:
            return
        doc, layer = self.current_id, self.layer
        if not self.saves.pending and note == self.store.assignment(doc, layer)["note"]:
            return

        def save():
            if note != self.store.assignment(doc, layer)["note"]:
                self.store.set_note(doc, layer, note)

        self.save_plain(self.tr("note"), save)

    def hotkey(self, label: dict) -> str:
        return label["hotkey"] or label["name"][:1].upper()

    def handle_key(self, event) -> bool:
        """The annotation keys of DESIGN §4, active while the article has focus."""
        if self.doc is None:
            return False
        try:
            return self._dispatch_key(event)
        except (ValueError, KeyError, sqlite3.Error, ProjectError) as err:
            self.save_status.show_failure(self.tr("Not saved: {0}").format(err))
            return True

    def _dispatch_key(self, event) -> bool:
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier):
            return False
        key = event.key()
        exact = bool(mods & Qt.KeyboardModifier.AltModifier)
        name = _key_name(key)
        for label in self.store.labels("entity"):
            letter = label["name"][:1].upper()
            if name and (name == label["hotkey"] or (name == letter and letter not in RESERVED_KEYS)):
                self.tag_selection(label["name"], exact)
                return True
        action = {
            Qt.Key.Key_Q: self.make_quote,
            Qt.Key.Key_S: self.start_stance,
            Qt.Key.Key_Tab: lambda: self.step_suggestion(1),
            Qt.Key.Key_Backtab: lambda: self.step_suggestion(-1),
            Qt.Key.Key_Return: self.accept_current,
            Qt.Key.Key_Enter: self.accept_current,
            Qt.Key.Key_Delete: self.reject_or_delete_current,
            Qt.Key.Key_Backspace: self.reject_or_delete_current,
            Qt.Key.Key_A: self.accept_all_of_current_label,
            Qt.Key.Key_J: lambda: self.go(1),
            Qt.Key.Key_K: lambda: self.go(-1),
            Qt.Key.Key_Escape: lambda: self.set_current(None),
        }.get(key)
        if action is None:
            return False
        action()
        return True

    def tag_selection(self, label: str, exact: bool = False) -> None:
        span = self.article.selection()
        if span is None:
            self.statusBar().showMessage(self.tr("Select words in the text first"), 3000)
            return
        self.push(annotate.tag_span(self.store, self.current_id, self.layer, *span, label, exact=exact))
        self.article.moveCursor(self.article.textCursor().MoveOperation.Start)

    def make_quote(self) -> None:
        span = self.article.selection()
        if span is None:
            self.statusBar().showMessage(self.tr("Select the quote's words first"), 3000)
            return
        change = annotate.make_quote(self.store, self.current_id, self.layer, *span)
        self.push(change)
        quote_uid = change.created[0][1]
        self.set_current(("quote", quote_uid))
        self.pick_speaker(quote_uid)

    def pick_speaker(self, quote_uid: str) -> None:
        """After Q: click an entity in the text, or choose from the list."""
        text = self.doc["text"]
        can_speak = self.store.speaker_labels()
        people = [(f"{text[e['start']:e['end']]} ({e['label']})", e["uid"]) for e in self.entities
                  if e["label"] in can_speak]
        self._speaker_for = quote_uid
        self.statusBar().showMessage(self.tr("Pick the speaker: click an entity, or choose from the list"))
        self._open_picker(self.tr("Speaker of the quote"), people, self._speaker_chosen)

    def _speaker_chosen(self, entity_uid) -> None:
        quote_uid, self._speaker_for = getattr(self, "_speaker_for", None), None
        if quote_uid and entity_uid:
            self.push(lambda: annotate.update(self.store, "quote", quote_uid, speaker_uid=entity_uid),
                      self.tr("set the speaker"))

    def start_stance(self) -> None:
        """S: holder = the current quote's speaker or the current entity; then target, polarity."""
        holder_uid = holder_name = evidence_quote = None
        quote = self.store.item("quote", self.current[1]) if self.current and self.current[0] == "quote" else None
        if quote is not None:  # (None while the quote still waits to be saved)
            holder_uid, holder_name, evidence_quote = quote["speaker_uid"], quote["speaker_name"], quote["uid"]
        elif self.current and self.current[0] == "entity":
            holder_uid = self.current[1]
        if not holder_uid and not holder_name:
            self.statusBar().showMessage(self.tr("Select a quote with a speaker, or an entity, then press S"), 4000)
            return
        text = self.doc["text"]
        targets = [(f"{text[e['start']:e['end']]} ({e['label']})", e["uid"]) for e in self.entities
                   if e["uid"] != holder_uid]

        def target_chosen(target_uid):
            polarities = [(p["name"], p["name"]) for p in self.store.labels("stance")]
            doc, layer = self.current_id, self.layer
            self._open_picker(self.tr("Polarity"), polarities, lambda polarity: self.push(
                lambda: annotate.make_stance(
                    self.store, doc, layer, polarity, holder_uid=holder_uid, holder_name=holder_name,
                    target_uid=target_uid, evidence_quote_uid=evidence_quote),
                self.tr("make stance")))

        self._open_picker(self.tr("Stance target"), targets, target_chosen)

    def _open_picker(self, title: str, choices, on_chosen) -> None:
        if self._picker is not None:
            self._picker.close()
        if not choices:
            self.statusBar().showMessage(self.tr("Nothing to choose from: tag entities first"), 4000)
            return
        picker = Picker(title, choices, self)
        picker.chosen.connect(on_chosen)
        picker.destroyed.connect(lambda *_: setattr(self, "_picker", None))
        rect = self.article.cursorRect()
        picker.move(self.article.viewport().mapToGlobal(rect.bottomRight()))
        self._picker = picker
        picker.show()
        picker.list.setFocus()

    def step_suggestion(self, step: int) -> None:
        walkable = [s for s in self.open_suggestions if s["kind"] in ("entity", "quote")] + \
                   [s for s in self.open_suggestions if s["kind"] == "stance"]
        if not walkable:
            self.statusBar().showMessage(self.tr("No open suggestions in this document"), 3000)
            return
        keys = [("suggestion", s["key"]) for s in walkable]
        if self.current in keys:
            index = (keys.index(self.current) + step) % len(keys)
        else:
            index = 0 if step > 0 else len(keys) - 1
        self.set_current(keys[index])

    def current_suggestion(self) -> dict | None:
        if not self.current or self.current[0] != "suggestion":
            return None
        return next((s for s in self.open_suggestions if s["key"] == self.current[1]), None)

    def accept_current(self) -> None:
        suggestion = self.current_suggestion()
        if suggestion is None:
            return
        following = self._following_suggestion()
        layer = self.layer
        self.push(lambda: annotate.accept(self.store, layer, suggestion), self.tr("accept"))
        self.set_current(following)

    def reject_or_delete_current(self) -> None:
        suggestion = self.current_suggestion()
        if suggestion is not None:
            following = self._following_suggestion()
            layer = self.layer
            self.push(lambda: annotate.reject(self.store, layer, suggestion), self.tr("reject"))
            self.set_current(following)
        elif self.current and self.current[0] in ("entity", "quote", "stance"):
            kind, uid = self.current
            self.push(lambda: annotate.delete(self.store, kind, uid), self.tr("delete {0}").format(kind))
            self.set_current(None)

    def _following_suggestion(self) -> tuple | None:
        keys = [("suggestion", s["key"]) for s in self.open_suggestions]
        if self.current in keys:
            index = keys.index(self.current)
            rest = keys[index + 1:] + keys[:index]
            return rest[0] if rest else None
        return None

    def accept_all_of_current_label(self) -> None:
        suggestion = self.current_suggestion()
        if suggestion is None or suggestion["kind"] != "entity":
            self.statusBar().showMessage(self.tr("Go to an entity suggestion (Tab) to accept all of its label"), 4000)
            return
        doc, layer, label = self.current_id, self.layer, suggestion["payload"]["label"]
        self.push(lambda: annotate.accept_all(self.store, doc, layer, label), self.tr("accept all {0}").format(label))
        self.set_current(None)

    # ------------------------------------------------------ current item
    def set_current(self, ident: tuple | None) -> None:
        self.current = ident
        span = self._span_of(ident)
        if span:
            self.article.reveal(*span)
        self.refresh()

    def _span_of(self, ident) -> tuple[int, int] | None:
        if ident is None:
            return None
        kind, key = ident
        if kind == "suggestion":
            s = next((s for s in self.open_suggestions if s["key"] == key), None)
            if s is None:
                return None
            p = s["payload"]
            return (p["start"], p["end"]) if "start" in p else (
                (p["evidence"]["start"], p["evidence"]["end"]) if p.get("evidence") else None)
        row = self.store.item(kind, key)
        if row is None:
            return None
        if kind == "stance":
            if row["evidence_start"] is not None:
                return row["evidence_start"], row["evidence_end"]
            quote = self.store.item("quote", row["evidence_quote_uid"]) if row["evidence_quote_uid"] else None
            return (quote["start"], quote["end"]) if quote else None
        return row["start"], row["end"]

    def _clicked_in_text(self, index: int) -> None:
        hits = self.article.items_at(index)
        if getattr(self, "_speaker_for", None):
            entity = next((h for h in hits if h["kind"] == "entity"), None)
            if entity is not None:
                if self._picker is not None:
                    self._picker.close()
                self._speaker_chosen(entity["ident"][1])
                return
        if not hits:
            return
        # the innermost item (an entity inside a quote) wins
        hit = min(hits, key=lambda h: h["end"] - h["start"])
        self.set_current(hit["ident"])

    def _panel_selected(self, ident) -> None:
        self.current = ident
        span = self._span_of(ident)
        if span:
            self.article.select(*span)
        self.refresh()

    def _panel_edit(self, kind: str, uid: str, changes: dict) -> None:
        self.push(lambda: annotate.update(self.store, kind, uid, **changes), self.tr("edit {0}").format(kind))

    def _panel_delete(self, ident) -> None:
        if ident and ident[0] == "suggestion":
            suggestion = next((s for s in self.open_suggestions if s["key"] == ident[1]), None)
            if suggestion:
                layer = self.layer
                self.push(lambda: annotate.reject(self.store, layer, suggestion), self.tr("reject"))
        elif ident:
            kind, uid = ident
            self.push(lambda: annotate.delete(self.store, kind, uid), self.tr("delete {0}").format(kind))

    # ------------------------------------------------------------- chrome
    def _show_status(self) -> None:
        self.statusBar().showMessage(self.tr("Annotator: {0} · layer: {1} · every edit is saved at once").format(
            self.annotator, self.layer))

    def _update_title(self) -> None:
        role = self.store.role if self.store.actor == self.annotator else "lead"
        if role == "nobody":  # a name that is no profile here (a read-only file): no rights
            role = self.tr("no profile, read-only")
        self.setWindowTitle(f"TinTag — {Path(self.store.path).name} — {self.annotator} ({role}) [{self.layer}]"
                            + (" — blind" if self.store.blind else ""))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # list : article : panel, once the real width is known
            self._sized = True
            width = max(self.splitter.width(), 900)
            self.splitter.setSizes([int(width * 0.24), int(width * 0.46), int(width * 0.30)])

    def closeEvent(self, event) -> None:
        if not self._closed:
            if self.current_id is not None and not self.store.readonly:
                self._save_note(self.panel.note.toPlainText())
            if self.saves.pending:  # never dropped unasked: wait for them, or the user lets them go
                event.ignore()
                self._ask_before_closing()
                return
            self._closed = True
            self.saves.shutdown()
            for worker in list(self._workers):
                worker.wait(30000)
            for task in (getattr(self, "pre_annotation", None), getattr(self, "team_task", None)):
                if task is not None:  # a bundle merge cancelled here rolls back whole
                    task.cancel()
                    task.wait(60000)
        super().closeEvent(event)


def _key_name(key: int) -> str:
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return chr(key)
    if Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
        return chr(key)
    return ""


def _reading_order(suggestion: dict) -> tuple:
    """Entities and quotes by position, then stances by their evidence."""
    p = suggestion["payload"]
    if suggestion["kind"] == "stance":
        return (1, (p.get("evidence") or {}).get("start", 0), suggestion["key"])
    return (0, p["start"], suggestion["kind"])
