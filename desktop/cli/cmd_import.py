"""`tintag import PROJECT FILES…`: articles from seed .txt, folders, JSONL, CSV."""
from __future__ import annotations

import sys

from desktop.core.importers import import_files

from .common import CommandError, open_project, progress


def register(sub) -> None:
    p = sub.add_parser("import", help="import articles (.txt files or folders, .jsonl, .csv)")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE", help="files or folders to import")
    p.set_defaults(func=cmd_import)


def cmd_import(args) -> int:
    with open_project(args.project) as store:
        with progress(None, "importing") as bar:
            summary = import_files(store, args.files, on_document=lambda: bar.update(1))
    for result in summary.files:
        if not result.error:
            print(f"{result.file}: {result.inserted} imported, {result.duplicates} duplicates skipped")
    print(f"total: {summary.inserted} imported, {summary.duplicates} duplicates skipped, "
          f"{len(summary.errors)} files refused")
    if summary.errors:
        for error in summary.errors[1:]:
            print(f"tintag: error: {error}", file=sys.stderr)
        raise CommandError(summary.errors[0] + " (nothing from that file was imported)")
    return 0
