"""`tintag agreement PROJECT [--layers a,b] [--json]`: inter-annotator agreement."""
from __future__ import annotations

import os
import sys

from tintag.core.agreement import agreement_report, choose_layers, format_table

from .common import CommandError, open_project, progress_reporter
from .printable import json_text, say


def register(sub) -> None:
    p = sub.add_parser(
        "agreement",
        help="inter-annotator agreement: span F1, kappa on tokens, alpha for stances and speakers",
        description="Agreement for every pair of annotator layers and for all of them. "
                    "A document counts for a layer when it holds an annotation there or is "
                    "marked done; gold and suggestions are left out unless named in --layers.",
    )
    p.add_argument("project")
    p.add_argument("--layers", metavar="A,B,…",
                   help="comma-separated layers to compare (default: every annotator layer)")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="processes for word segmentation (default: all cores)")
    p.set_defaults(func=cmd_agreement)


def cmd_agreement(args) -> int:
    if args.workers < 1:
        raise CommandError("--workers must be at least 1")
    wanted = None
    if args.layers is not None:
        wanted = [name.strip() for name in args.layers.split(",") if name.strip()]
        if not wanted:
            raise CommandError("--layers needs at least two layer names, separated by commas")
    with open_project(args.project, readonly=True) as store:
        try:
            layers = choose_layers(store, wanted)
        except ValueError as err:
            raise CommandError(str(err)) from None
        with progress_reporter("comparing") as report_progress:
            report = agreement_report(store, layers, progress=report_progress, workers=args.workers)
    say(json_text(report) if args.json else format_table(report))
    # flushed here, so a reader that stopped early (`| head`) raises inside
    # run_command, which ends quietly with 141, not in Python's flush at exit
    sys.stdout.flush()
    return 0
