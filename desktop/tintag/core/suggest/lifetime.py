"""Pool workers die with the process that started them.

A worker of ``concurrent.futures`` blocks on its task queue, and holds the
queue's write end itself, so it never sees the parent go: killing `tintag
suggest` left every worker (about 200 MB each) running. Two guards, set up
first thing in every worker:

- on Linux the kernel kills the worker when its parent dies
  (``prctl(PR_SET_PDEATHSIG, SIGKILL)``; it fires when the parent *thread*
  that started the worker ends, and the pool's workers are started by the
  thread that runs the pool, which outlives it);
- everywhere, a thread watches the parent's pid (``os.getppid()`` changes
  when the parent is gone) and ends the worker within a second. It also
  covers a parent that died before the worker could ask the kernel.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Call in a worker, with the pid of the process that started it."""
    _kernel_kills_on_parent_death()
    if os.getppid() != parent_pid:  # the parent went before we could ask
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="watch-parent", daemon=True).start()


def _kernel_kills_on_parent_death() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the watching thread still works
        pass


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # nothing of a worker's is worth saving: its results only count once delivered
