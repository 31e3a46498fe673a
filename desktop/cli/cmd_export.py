"""`tintag export PROJECT --format F [--layer NAME…] [--status S] -o PATH`."""
from __future__ import annotations

from pathlib import Path

from desktop.core.export import EXPORTERS
from desktop.core.store import STATUSES

from .common import CommandError, open_project, progress


def register(sub) -> None:
    p = sub.add_parser("export", help="export annotations as a dataset")
    p.add_argument("project")
    p.add_argument("--format", default="jsonl", choices=sorted(EXPORTERS),
                   help="dataset format (default: jsonl, TinTag's native format)")
    p.add_argument("--layer", action="append", dest="layers", metavar="NAME",
                   help="layer to export (an annotator's name, 'gold', or 'suggestions'); repeatable; default: all")
    p.add_argument("--status", choices=STATUSES, help="only documents with this status in the layer")
    p.add_argument("-o", "--output", required=True, help="output file (or folder for multi-file formats)")
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    out = Path(args.output)
    if out.parent and not out.parent.exists():
        raise CommandError(f"{out}: folder {out.parent} does not exist")
    with open_project(args.project, readonly=True) as store:
        if args.layers:
            known = set(store.layers()) | {"suggestions"}
            unknown = [name for name in args.layers if name not in known]
            if unknown:
                raise CommandError(
                    f"no layer named {unknown[0]!r}; layers: {', '.join(sorted(known))}")
        with progress(None, "exporting", unit="record") as bar:
            count = EXPORTERS[args.format](store, out, layers=args.layers, status=args.status,
                                           on_record=lambda: bar.update(1))
    print(f"wrote {count} records to {out}")
    return 0
