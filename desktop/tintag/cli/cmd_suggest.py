"""`tintag suggest` (pre-annotate) and `tintag evaluate` (suggestion quality)."""
from __future__ import annotations

import os
import signal
import sys

from tintag.core.suggest.batch import suggest_project
from tintag.core.suggest.evaluate import evaluate

from .common import CommandError, open_project, progress_reporter
from .printable import json_text, printable, say


def register(sub) -> None:
    p = sub.add_parser("suggest", help="pre-annotate every document lacking current suggestions")
    p.add_argument("project")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: all cores)")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("evaluate", help="compare current suggestions with a layer (e.g. gold)")
    p.add_argument("project")
    p.add_argument("--against", required=True, metavar="LAYER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evaluate)


class _Terminated(BaseException):
    """SIGTERM: unwind like Ctrl-C, so finished documents are stored and the
    pool is shut down (a BaseException, so no handler on the way swallows it)."""


def _terminate(signum, frame) -> None:
    raise _Terminated()


def cmd_suggest(args) -> int:
    if args.workers < 1:
        raise CommandError("--workers must be at least 1")
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with progress_reporter("suggesting") as report:
            summary = suggest_project(args.project, workers=args.workers, progress=report)
    except _Terminated:
        print("tintag: stopped (SIGTERM); finished work is saved", file=sys.stderr)
        return 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)
    if summary.total == 0:
        print("all documents already have current suggestions; nothing to do")
    else:
        print(f"suggested {summary.done} of {summary.total} documents "
              f"({summary.dropped_tokens} tokens could not be aligned and were dropped)")
    return 0


def cmd_evaluate(args) -> int:
    with open_project(args.project, readonly=True) as store:
        if args.against not in store.layers():
            raise CommandError(f"no layer named {args.against!r}")
        report = evaluate(store, args.against)
    if args.json:
        print(json_text(report))
        return 0
    say(f"suggestions vs {report['against']} on {report['documents']} documents\n")
    print(f"{'entities':<10}{'P exact':>9}{'R exact':>9}{'F1 exact':>10}{'F1 overlap':>12}{'gold':>7}")
    for label, r in report["entities"].items():
        e, o = r["exact"], r["overlap"]
        say(f"{printable(label):<10}{e['precision']:>9.3f}{e['recall']:>9.3f}{e['f1']:>10.3f}{o['f1']:>12.3f}{e['gold']:>7}")
    q = report["quotes"]
    print(f"\nquote span F1: exact {q['exact']['f1']:.3f}, overlap {q['overlap']['f1']:.3f} "
          f"({q['exact']['gold']} gold quotes)")
    sp, st = report["speaker_accuracy"], report["stance_accuracy"]
    print(f"speaker accuracy: {sp['accuracy']:.3f} ({sp['correct']} of {sp['matched']} matched quotes)")
    print(f"stance accuracy:  {st['accuracy']:.3f} ({st['correct']} of {st['matched']} matched stances)")
    return 0
