"""Import documents from files: seed articles, .txt (files or folders), JSONL, CSV.

Each file is one transaction: a bad line stops that file, rolls it back
whole, and the error names the file and line; the other files still import.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from desktop.core.store import ProjectError, ProjectStore

from .common import ImportFailure, ImportSummary, FileResult
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
            with store.write():
                result.inserted, result.duplicates = store.insert_documents(
                    _watch(reader(path), on_document, cancelled))
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
    return summary


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
