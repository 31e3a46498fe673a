"""`tintag export PROJECT --format F [--layer NAME…] [--status S] [--split R --seed N] -o PATH`."""
from __future__ import annotations

from pathlib import Path

from tintag.core.export import COUNTS_ROWS, EXPORTERS
from tintag.core.export.destinations import destination
from tintag.core.export.options import ExportOptions
from tintag.core.export.splits import parse_ratios
from tintag.core.outputs import refuse_unsafe_output
from tintag.core.store import STATUSES

from .common import CommandError, open_project, progress
from .printable import say


def register(sub) -> None:
    p = sub.add_parser("export", help="export annotations as a dataset")
    p.add_argument("project")
    p.add_argument("--format", default="jsonl", choices=sorted(EXPORTERS),
                   help="dataset format (default: jsonl, TinTag's native format); csv: one row per "
                        "annotation for spreadsheets (UTF-8 with BOM, formula cells neutralised with ')")
    p.add_argument("--layer", action="append", dest="layers", metavar="NAME",
                   help="layer to export (an annotator's name, 'gold', or 'suggestions'); repeatable; "
                        "default: all")
    p.add_argument("--status", choices=STATUSES, help="only documents with this status in the layer")
    p.add_argument("--include-suggestions", action="store_true",
                   help="also export the current suggestions (as the layer 'suggestions')")
    p.add_argument("--split", metavar="RATIOS", help="train,dev,test ratios, e.g. 0.8,0.1,0.1 (a folder is written)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split (default 0)")
    p.add_argument("--syllables", action="store_true",
                   help="conll: one syllable per line with B/I (default: words joined by _)")
    p.add_argument("-o", "--output", required=True,
                   help="output file (name.ext), or folder (a name without extension, a name ending in /, or "
                        "an existing folder: data.<ext> or train/dev/test.<ext> in it); hf, spacy and --split "
                        "always write a folder")
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    out = Path(args.output)
    refuse_unsafe_output(out, args.project)
    if not out.parent.exists():
        raise CommandError(f"{out}: folder {out.parent} does not exist")
    opts = ExportOptions(layers=args.layers, status=args.status, include_suggestions=args.include_suggestions,
                         split=parse_ratios(args.split) if args.split else None, seed=args.seed,
                         extra={"syllables": args.syllables})
    dest = destination(args.output, args.format, bool(opts.split))  # a bad shape fails before any work
    with open_project(args.project, readonly=True) as store:
        if args.layers:
            known = set(store.layers()) | {"suggestions"}
            unknown = [name for name in args.layers if name not in known]
            if unknown:
                raise CommandError(
                    f"no layer named {unknown[0]!r}; layers: {', '.join(sorted(known))}")
        with progress(None, "exporting", unit="record") as bar:
            opts.on_record = lambda: bar.update(1)
            count = EXPORTERS[args.format](store, args.output, opts)
    unit = "annotation rows" if args.format in COUNTS_ROWS else "records"
    say(f"wrote {count} {unit} to {dest.shown()}")
    return 0
