"""`tintag new`, `tintag stats`, `tintag open`."""
from __future__ import annotations

from pathlib import Path

from tintag.core.store import ProjectStore

from .common import open_project
from .printable import json_text, printable, say


def register(sub) -> None:
    p = sub.add_parser("new", help="create an empty project file")
    p.add_argument("project", help="path of the new project file (e.g. news.tintag)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("stats", help="counts of documents, annotations and progress")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("open", help="open the annotation window (no project: the demo)")
    p.add_argument("project", nargs="?", help="project file; omitted: the built-in demo")
    p.add_argument("--annotator", help="annotate as this name (default: remembered name)")
    p.set_defaults(func=cmd_open)


def cmd_new(args) -> int:
    ProjectStore.create(Path(args.project)).close()
    say(f"created {args.project}")
    return 0


def cmd_stats(args) -> int:
    with open_project(args.project, readonly=True) as store:
        stats = store.stats()
    if args.json:
        print(json_text(stats))
        return 0
    print(f"documents      {stats['documents']:>10,}")
    print(f"characters     {stats['characters']:>10,}")
    print(f"annotators     {stats['annotators']:>10,}")
    print(f"suggestions    {stats['suggestions']:>10,}  "
          f"({stats['documents_with_suggestions']:,} documents pre-annotated)")
    if stats["layers"]:
        print(f"\n{'layer':<20}{'entities':>10}{'quotes':>10}{'stances':>10}{'done':>8}")
        for layer, counts in sorted(stats["layers"].items()):
            done = stats["status"].get(layer, {}).get("done", 0)
            say(f"{printable(layer):<20}{counts['entity']:>10,}{counts['quote']:>10,}"
                f"{counts['stance']:>10,}{done:>8,}")
    return 0


def cmd_open(args) -> int:
    from tintag.ui.app import run_app  # Qt only when the window is wanted

    return run_app(args.project, annotator=args.annotator)
