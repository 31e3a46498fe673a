"""A window's edits, saved in order without ever blocking its GUI thread on a lock.

Each job is tried on the window's own connection with a short busy timeout
(ATTEMPT_S), as one committed transaction. When another program holds the
project's write lock longer (an import's final commit, a bundle merge), the
job stays at the head of the queue, later jobs wait behind it in order, and a
LockWaiter thread waits for the lock on a connection of its own; when the
lock is free the queue tries again on the GUI thread. Why not a writer thread
that saves the edits itself: the window's Change objects, its reads and its
undo history all live on the window's one connection, so an edit is saved
exactly where it is read back, and a pending edit can be cancelled without a
race (nothing runs it in the meantime).

A job that fails (an error, or the lock still held after ``retry_window``
seconds) is dropped with every job behind it (they were made on top of it);
``failed`` carries the message, which the window keeps visible.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from tintag.core.store import ProjectError, ProjectStore, write_lock
from tintag.core.store.errors import LockedProject, is_busy

ATTEMPT_S = 0.2  # the longest one try waits for the lock on the GUI thread
RETRY_WINDOW_S = 300.0  # how long an edit keeps waiting for another program before it is given up
EDIT, UNDO, REDO, OTHER = "edit", "undo", "redo", "other"


@dataclass
class SaveJob:
    """One thing to save. ``save()`` runs inside one transaction and may be
    tried several times (each try that fails rolls back whole); ``saved``
    gets its result on the GUI thread once it is committed."""
    text: str  # what the user did, for the status bar
    save: Callable[[], Any]
    saved: Callable[[Any], None]
    kind: str = EDIT  # EDIT/UNDO/REDO: what Ctrl+Z / Ctrl+Shift+Z may cancel while it waits


class LockWaiter(threading.Thread):
    """Waits on its own connection until the project's write lock is free, then
    calls ``free()`` (from its thread: a Qt signal's emit, delivered on the GUI
    thread). A Python thread, not a QThread: a window destroyed while it waits
    (the app quitting) must not take the process down with a running QThread."""

    def __init__(self, path, free: Callable[[], None]):
        super().__init__(name="tintag-lock-waiter", daemon=True)
        self.path, self.free = path, free
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            write_lock.wait_until_free(self.path, self._stop.is_set)
        except sqlite3.Error:  # e.g. the file is gone: the queue's next try reports it
            pass
        if not self._stop.is_set():
            try:
                self.free()
            except RuntimeError:  # the window and its queue are gone
                pass


class SaveQueue(QObject):
    changed = Signal()  # pending jobs, waiting or holder changed: repaint the status
    failed = Signal(str)  # "Not saved: …", to keep visible until the user acts
    _lock_free = Signal(object)  # from a LockWaiter's thread: the waiter

    def __init__(self, store: ProjectStore, parent=None, retry_window: float = RETRY_WINDOW_S):
        super().__init__(parent)
        self.store = store
        self.retry_window = retry_window
        self.jobs: deque[SaveJob] = deque()
        self.waiting_since: float | None = None
        self.holder: str | None = None  # what announced itself as holding the lock
        self._waiter: LockWaiter | None = None
        self._running = False
        self._lock_free.connect(self._waiter_done)  # queued: the waiter emits from its thread
        self._clock = QTimer(self, interval=500)  # the holder's name, the waited seconds, the deadline
        self._clock.timeout.connect(self._tick)

    # ------------------------------------------------------------- state
    @property
    def pending(self) -> int:
        return len(self.jobs)

    @property
    def waiting(self) -> bool:
        return self.waiting_since is not None

    def waited(self) -> float:
        return 0.0 if self.waiting_since is None else time.monotonic() - self.waiting_since

    # ------------------------------------------------------------- jobs
    def submit(self, job: SaveJob) -> None:
        """Save ``job`` now if nothing waits before it, else after those."""
        self.jobs.append(job)
        if not self.waiting:
            self._drain()
        self.changed.emit()

    def cancel_last(self, kinds: tuple[str, ...]) -> SaveJob | None:
        """Take back the newest waiting job of ``kinds`` (jobs of other kinds after
        it, such as a note, stay), unless an undo/redo waits after it. Returns it."""
        for index in range(len(self.jobs) - 1, -1, -1):
            job = self.jobs[index]
            if job.kind in kinds:
                del self.jobs[index]
                if not self.jobs:
                    self._stop_waiting()
                self.changed.emit()
                return job
            if job.kind != OTHER:
                return None
        return None

    def discard_all(self) -> list[SaveJob]:
        dropped = list(self.jobs)
        self.jobs.clear()
        self._stop_waiting()
        self.changed.emit()
        return dropped

    def shutdown(self) -> None:
        """Stop waiting (the window closes); a waiter ends within one poll."""
        waiter = self._waiter
        self._stop_waiting()
        if waiter is not None:
            waiter.join()

    # ---------------------------------------------------------- running
    def _drain(self) -> None:
        if self._running:  # a job's ``saved`` submitted another: the loop below takes it
            return
        self._running = True
        try:
            while self.jobs:
                job = self.jobs[0]
                try:
                    with self.store.write(busy_timeout=ATTEMPT_S):
                        result = job.save()
                except (LockedProject, sqlite3.OperationalError) as err:
                    if not is_busy(err):
                        self._fail(job, str(err))
                        return
                    self._wait()
                    return
                except (ValueError, KeyError, sqlite3.Error, ProjectError) as err:
                    self._fail(job, str(err))
                    return
                self.jobs.popleft()
                self._stop_waiting()  # the next job, if it meets the lock, gets a whole retry window
                job.saved(result)
        finally:
            self._running = False
            self.changed.emit()

    def _wait(self) -> None:
        if self.waiting_since is None:
            self.waiting_since = time.monotonic()
            self._clock.start()
        self.holder = write_lock.holder(self.store.path)
        if self.waited() > self.retry_window:
            self._give_up()
            return
        if self._waiter is None:
            waiter = LockWaiter(self.store.path, lambda: self._lock_free.emit(waiter))
            self._waiter = waiter
            waiter.start()

    def _waiter_done(self, waiter: LockWaiter) -> None:
        if waiter is not self._waiter:
            return  # a waiter stopped earlier
        self._waiter = None
        if self.jobs:
            self._drain()

    def _tick(self) -> None:
        if not self.waiting:
            return
        self.holder = write_lock.holder(self.store.path)
        if self.waited() > self.retry_window:
            self._give_up()
        self.changed.emit()

    def _give_up(self) -> None:
        seconds = self.waited()
        who = f" ({self.holder})" if self.holder else ""
        self._fail(self.jobs[0], f"another program{who} kept the project locked for {seconds:.0f} s")

    def _fail(self, job: SaveJob, reason: str) -> None:
        later = len(self.jobs) - 1
        self.jobs.clear()
        self._stop_waiting()
        message = self.tr("Not saved: {0} — {1}").format(job.text, reason.splitlines()[0] if reason else "")
        if later:
            message += self.tr(" ({0} later edits not saved either)").format(later)
        self.failed.emit(message)
        self.changed.emit()

    def _stop_waiting(self) -> None:
        self.waiting_since = None
        self.holder = None
        self._clock.stop()
        if self._waiter is not None:
            self._waiter.stop()
            self._waiter = None
