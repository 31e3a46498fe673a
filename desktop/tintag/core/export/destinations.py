"""Where an export's files go, one rule for every format (README "Where the
files go"), and the ``Output`` every exporter writes through.

``-o PATH`` is a **folder** when it ends with ``/``, is an existing folder, or
its name has no extension; otherwise it is a **file**. In a folder a format
writes ``data.<ext>`` (``train/dev/test.<ext>`` with a split) and its own
extra files. Exports that always write several files (🤗, spaCy, any
``--split``) refuse a file name rather than make a folder called
``train.jsonl``; a folder name that is an existing file is refused too.

Every file is written under a temporary name and renamed into place when the
export is complete (``atomic``). A folder output that does not exist yet, or
holds only a previous TinTag export of the same format, is written beside it
and swapped in whole; any other folder (``-o .``, ``-o ~/Documents``) gets the
export's files one by one, each atomically, and keeps everything else.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tintag.core.outputs import refuse_unsafe_output

from . import atomic
from .splits import NAMES as SPLIT_NAMES

WHOLE = "data"  # a folder's data file without a split
STEMS = (WHOLE, *SPLIT_NAMES)


@dataclass(frozen=True)
class Layout:
    """What a format writes."""

    ext: str  # the data files' extension
    folder_only: bool = False  # several files even without a split
    beside: tuple[str, ...] = ()  # fixed files next to the data files
    per_data: tuple[str, ...] = ()  # extensions of files written for each data file (spaCy's DocBin)

    def names(self) -> set[str]:
        """Every name an export of this format may write in a folder."""
        return ({stem + ext for stem in STEMS for ext in (self.ext, *self.per_data)}
                | set(self.beside))

    def example(self, split: bool) -> str:
        stems = SPLIT_NAMES[:2] if split else (WHOLE,)
        return ", ".join([*(s + e for s in stems for e in (self.ext, *self.per_data)), *self.beside])


LAYOUTS = {
    "jsonl": Layout(".jsonl"),
    "hf": Layout(".jsonl", folder_only=True, beside=("dataset_info.json",)),
    "conll": Layout(".conll"),
    "spacy": Layout(".jsonl", folder_only=True, per_data=(".spacy",)),
    "doccano": Layout(".jsonl"),
    "labelstudio": Layout(".json", beside=("label_config.xml",)),
    "csv": Layout(".csv"),
}


@dataclass(frozen=True)
class Destination:
    fmt: str
    path: Path  # the file, or the folder
    folder: bool

    @property
    def layout(self) -> Layout:
        return LAYOUTS[self.fmt]

    def data_name(self, split: str | None, ext: str | None = None) -> str:
        """The name of a split's data file (or of a file made for it, with ``ext``)."""
        if not self.folder:
            return self.path.name if ext is None else self.path.stem + ext
        return (split or WHOLE) + (ext or self.layout.ext)

    def shown(self) -> str:
        return f"{self.path}{os.sep}" if self.folder else str(self.path)

    def staging(self):
        """How this export's files are staged (see the module's docstring)."""
        if not self.folder:
            atomic.remove_stale(self.path.parent)
            return atomic.FileByFile(self.path.parent)
        atomic.remove_stale(self.path.parent)
        atomic.remove_stale(self.path)
        names = self.layout.names()
        if not self.path.exists() or atomic.swappable(self.path, names):
            return atomic.WholeFolder(self.path, lambda: atomic.swappable(self.path, names))
        return atomic.FileByFile(self.path)


def destination(out: str | os.PathLike, fmt: str, split: bool) -> Destination:
    """Apply the ``-o`` rule; a ValueError names the path and says what to give instead."""
    text = os.fspath(out)
    path = Path(text)
    layout = LAYOUTS[fmt]
    folder = text.endswith(("/", os.sep)) or path.is_dir() or not path.suffix
    what = f"{fmt} with --split" if split else fmt
    if not folder and (split or layout.folder_only):
        raise ValueError(f"{text}: {what} writes a folder ({layout.example(split)}); give a folder: "
                         f"a name without an extension, or end it with /")
    if folder and path.exists() and not path.is_dir():
        raise ValueError(f"{text}: exists and is not a folder, and a name without an extension is a "
                         f"folder; give a file name with an extension (e.g. out{layout.ext}) or a new name")
    if not folder:
        if path.is_symlink():  # replace the file the link points to, keep the link
            path = path.resolve()
        if path.exists() and not path.is_file():
            raise ValueError(f"{text}: not a regular file")
    for final in ([path / name for name in layout.names()] if folder else [path]):
        refuse_unsafe_output(final)  # never rename an export over a database
    return Destination(fmt, path, folder)


class Output:
    """The files of one export: opened under temporary names, renamed into place
    when the ``with`` block ends normally; on any exception (KeyboardInterrupt
    too) the temporaries are removed and the previous output is untouched.
    An OSError (a full disk) is re-raised naming the output, not the temporary."""

    def __init__(self, dest: Destination, split: bool):
        self.dest, self.split = dest, split
        self.files: dict[str | None, TextIO] = {}
        self.staging = None

    def __enter__(self) -> Output:
        try:
            self.staging = self.dest.staging()
        except OSError as err:  # e.g. a folder we may not write in
            raise self._named(err) from err
        return self

    def text(self, split: str | None, *, encoding: str = "utf-8", newline: str = "\n") -> TextIO:
        """The data file of a split (None: the only one), opened on first use."""
        fh = self.files.get(split)
        if fh is None:
            fh = self.files[split] = open(self.path(self.dest.data_name(split)), "x", encoding=encoding,
                                          newline=newline)
        return fh

    def path(self, name: str) -> Path:
        """Where to write the file that will be ``name`` (beside the data files)."""
        return self.staging.path(name)

    def write_text(self, name: str, text: str) -> None:
        with open(self.path(name), "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    def __exit__(self, kind, error, tb) -> bool:
        try:
            if kind is None:
                if not self.split and None not in self.files:
                    self.text(None)  # nothing selected: an empty file, not the previous export
                for fh in self.files.values():
                    fh.close()
                self.staging.commit()
                return False
        except OSError as err:
            self._abandon()
            raise self._named(err) from err
        except BaseException:
            self._abandon()
            raise
        self._abandon()
        if isinstance(error, OSError) and (named := self._named(error)) is not error:
            raise named from error
        return False

    def _abandon(self) -> None:
        for fh in self.files.values():
            try:
                fh.close()
            except OSError:
                pass  # the buffer cannot reach the disk either: the file is discarded anyway
        self.staging.discard()

    def _named(self, err: OSError) -> OSError:
        """The same error naming the file the user asked for."""
        filename = err.filename
        if err.errno is None or (filename is not None and atomic.PARTIAL not in str(filename)):
            return err
        final = self.staging.final(Path(filename)) if filename and self.staging else None
        return OSError(err.errno, err.strerror, str(final or self.dest.path))


def open_output(out: str | os.PathLike, fmt: str, opts) -> Output:
    """The ``with`` block an exporter writes its files in."""
    split = bool(opts.split)
    return Output(destination(out, fmt, split), split)
