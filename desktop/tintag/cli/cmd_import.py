"""`tintag import PROJECT FILES…`: articles from seed .txt, folders, JSONL, CSV."""
from __future__ import annotations

import sys

from tintag.core.importers import ImportFailure, import_files
from tintag.core.interop import READERS, import_annotations

from .common import CommandError, progress, writing_project
from .printable import say


def register(sub) -> None:
    p = sub.add_parser("import", help="import articles (.txt, folders, .jsonl, .csv), or annotations "
                                      "made elsewhere (--format … --layer …)")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE", help="files or folders to import")
    p.add_argument("--format", choices=sorted(READERS),
                   help="annotations: doccano, labelstudio, prodigy, conll, or TinTag's jsonl")
    p.add_argument("--layer", help="the layer the annotations go into (an annotator's name or 'gold')")
    p.set_defaults(func=cmd_import)


def cmd_import(args) -> int:
    if args.format or args.layer:
        return _import_annotations(args)
    with writing_project(args.project, "import") as store:
        with progress(None, "importing") as bar:
            summary = import_files(store, args.files, on_document=lambda: bar.update(1))
    for result in summary.files:
        if not result.error:
            say(f"{result.file}: {result.inserted} imported, {result.duplicates} duplicates skipped")
    print(f"total: {summary.inserted} imported, {summary.duplicates} duplicates skipped, "
          f"{len(summary.errors)} files refused")
    if summary.errors:
        for error in summary.errors[1:]:
            say(f"tintag: error: {error}", file=sys.stderr)
        raise CommandError(summary.errors[0] + " (nothing from that file was imported)")
    return 0


def _import_annotations(args) -> int:
    if not (args.format and args.layer):
        raise CommandError("annotations need both --format and --layer")
    if args.layer == "suggestions":
        raise CommandError("'suggestions' is computed by TinTag; import into an annotator's layer or 'gold'")
    failed = []
    with writing_project(args.project, "import") as store:
        for path in args.files:
            try:
                count = import_annotations(store, path, args.format, args.layer)
            except ImportFailure as err:
                failed.append(str(err))
                continue
            say(f"{path}: annotations of {count} documents imported into layer {args.layer!r}")
    if failed:
        for error in failed[1:]:
            say(f"tintag: error: {error}", file=sys.stderr)
        raise CommandError(failed[0] + " (nothing from that file was imported)")
    return 0
