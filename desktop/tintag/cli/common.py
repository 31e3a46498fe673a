"""What every command shares: one-line errors, progress bars, opening a project."""
from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tintag.core.store import ProjectError, ProjectStore
from tintag.core.store.errors import project_error

EXIT_BAD_INPUT = 1
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as other Unix tools end in a closed pipe


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit status 1."""


def run_command(func: Callable, args) -> int:
    """Run a command; turn every expected failure into one line on stderr."""
    try:
        result = func(args)
    except KeyboardInterrupt:
        print("tintag: interrupted; finished work is saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader stopped (`tintag agreement … | head`): not an error to report;
        # stdout goes to devnull so the flush at exit cannot raise again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (CommandError, ProjectError, ValueError, OSError) as err:
        print(f"tintag: error: {describe(err)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except sqlite3.Error as err:
        # a damaged page met while reading, a lock held too long: name the file
        project = getattr(args, "project", None) or "the project file"
        print(f"tintag: error: {describe(project_error(project, err))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return int(result or 0)


def describe(err: BaseException) -> str:
    if isinstance(err, OSError) and err.filename and err.strerror:
        return f"{err.filename}: {err.strerror}"
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def open_project(path: str, actor: str = "cli", readonly: bool = False) -> ProjectStore:
    return ProjectStore.open(Path(path), actor=actor, readonly=readonly)


@contextmanager
def writing_project(path: str, reason: str, actor: str = "cli") -> Iterator[ProjectStore]:
    """The project opened for a command that writes (``reason``: "import",
    "merge", …), after the rolling backup the window takes on open (none when
    the newest backup holds the project as it is already). A backup this
    command made is dropped again if the command ends with the project
    unchanged (a refused file), so a refusal leaves no trace."""
    from tintag.core.backup import backup_before

    with ExitStack() as stack:
        try:
            stack.enter_context(backup_before(path, reason))
        except OSError as err:  # a name too long, a folder we may not write into
            raise ProjectError(f"{path}: cannot be read ({err.strerror or err})") from None
        with ProjectStore.open(Path(path), actor=actor) as store:  # after the backup: upgrades too
            yield store


@contextmanager
def progress_reporter(desc: str):
    """A ``progress(done, total)`` callback for core functions, drawn as a tqdm
    bar on stderr (silent when stderr is not a terminal)."""
    with progress(None, desc) as bar:
        def report(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        yield report


def progress(total: int | None, desc: str, unit: str = "doc"):
    """A tqdm bar on stderr; silent when stderr is not a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=None,
                dynamic_ncols=True, leave=False)
