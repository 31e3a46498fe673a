"""Import documents from files: seed articles, .txt (files or folders), JSONL, CSV.

Each file is all or nothing: a bad line stops that file, nothing from it is
stored, and the error names the file and line; the other files still import.
A file is read, checked and staged with no lock on the project (a window
keeps saving meanwhile), then stored in one short transaction.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tintag.core.store import ProjectError, ProjectStore, write_lock
from tintag.core.store.staging import StagedDocuments

from .common import FileResult, ImportFailure, ImportSummary
from .csvfile import read_csv
from .jsonl import read_jsonl
from .safe_open import Refused, folder_entries
from .txt import read_txt

READERS: dict[str, Callable[[Path], Iterable[dict]]] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".txt": read_txt,
}

__all__ = ["ImportFailure", "ImportSummary", "FileResult", "ImportCancelled", "import_files",
           "expand_paths", "READERS"]


class ImportCancelled(Exception):
    """The user cancelled; the file in progress was rolled back."""


def expand_paths(paths: Iterable[str | Path]) -> list[Path | Refused]:
    """Files as given; folders become their importable files, sorted (see
    safe_open.folder_entries for links inside a folder)."""
    out: list[Path | Refused] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = folder_entries(path, READERS)
            if not found:
                raise ImportFailure(path, None, "folder holds no .txt, .jsonl or .csv files")
            out.extend(found)
        else:
            out.append(path)
    return out


def import_files(store: ProjectStore, paths: Iterable[str | Path],
                 on_document: Callable[[], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Import every file; returns per-file counts and errors (never raises for bad input)."""
    summary = ImportSummary()
    for path in expand_paths(paths):
        result = FileResult(str(path))
        summary.files.append(result)
        try:
            reader = _reader_for(path)
            result.inserted, result.duplicates = _import_file(store, path, reader, on_document, cancelled)
        except ImportFailure as err:
            result.inserted = result.duplicates = 0
            result.error = str(err)
        except ImportCancelled as err:
            result.inserted = result.duplicates = 0
            result.error = f"{path}: {err}"
            break
        except ProjectError as err:
            result.inserted = result.duplicates = 0
            result.error = f"{path}: {err}"
        except OSError as err:
            result.error = f"{path}: {err.strerror or err}"
        except sqlite3.Error as err:  # e.g. no room left for the staged rows
            result.inserted = result.duplicates = 0
            result.error = f"{path}: cannot be imported ({err})"
    return summary


def _import_file(store: ProjectStore, path: Path, reader, on_document, cancelled) -> tuple[int, int]:
    """(inserted, duplicates) of one file: staged whole first, then one transaction."""
    with StagedDocuments(store) as staged:
        staged.add_all(_watch(reader(path), on_document, cancelled))
        with store.write(), write_lock.announce(store.path, f"import of {path.name}"):
            return staged.store_all()


def _reader_for(path: Path | Refused) -> Callable[[Path], Iterable[dict]]:
    if isinstance(path, Refused):  # a link out of an imported folder: named, not read
        raise ImportFailure(path.path, None, path.reason)
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFailure(path, None, "unknown file type (expected .txt, .jsonl, .ndjson or .csv)")
    return reader


def _watch(rows: Iterable[dict], on_document, cancelled) -> Iterator[dict]:
    for row in rows:
        if cancelled is not None and cancelled():
            raise ImportCancelled("import cancelled; the current file was not imported")
        yield row
        if on_document is not None:
            on_document()
