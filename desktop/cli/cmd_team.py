"""`tintag team`, `tintag assign`, `tintag bundle export|merge`: work shared by a team."""
from __future__ import annotations

from desktop.core.team.assign import assign
from desktop.core.team.bundle import export_bundle, merge_bundles

from .common import CommandError, open_project
from .printable import printable, say


def register(sub) -> None:
    p = sub.add_parser("team", help="annotators, roles and blind mode (no option: list them)")
    p.add_argument("project")
    p.add_argument("--add", metavar="NAME", action="append", default=[], help="add an annotator profile")
    p.add_argument("--reviewer", metavar="NAME", action="append", default=[],
                   help="make NAME a reviewer (may read every layer and write gold)")
    p.add_argument("--annotator", metavar="NAME", action="append", default=[],
                   help="make NAME a plain annotator")
    p.add_argument("--blind", choices=("on", "off"), help="blind mode: annotators see only their own layer")
    p.set_defaults(func=cmd_team)

    p = sub.add_parser("assign", help="put documents in annotators' queues, with overlap")
    p.add_argument("project")
    p.add_argument("--annotators", help="comma-separated profile names, e.g. lan,minh,thu")
    p.add_argument("--new-profiles", action="store_true",
                   help="add names that have no profile yet (without it a typo is refused)")
    p.add_argument("--clear", metavar="NAME", action="append", default=[],
                   help="take the documents NAME has not started out of their queue (before assigning "
                        "again with another overlap); started work stays")
    overlap = p.add_mutually_exclusive_group()
    overlap.add_argument("--per-doc", type=int, default=1, metavar="K", help="every document to K annotators")
    overlap.add_argument("--overlap", type=float, default=0.0, metavar="F",
                         help="share of documents given to two annotators (e.g. 0.2)")
    p.add_argument("--seed", type=int, default=0, help="same seed, same plan (default 0)")
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("bundle", help="carry an annotator's layer between machines")
    bsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = bsub.add_parser("export", help="write one annotator's layer to a bundle file")
    e.add_argument("project")
    e.add_argument("--annotator", required=True)
    e.add_argument("-o", "--output", required=True)
    e.set_defaults(func=cmd_bundle_export)
    m = bsub.add_parser("merge", help="merge bundles into this (master) project, all or nothing")
    m.add_argument("project")
    m.add_argument("files", nargs="+")
    m.set_defaults(func=cmd_bundle_merge)


def cmd_team(args) -> int:
    with open_project(args.project) as store:
        for name in args.add:
            store.add_annotator(name)
        for name, role in [(n, "reviewer") for n in args.reviewer] + [(n, "annotator") for n in args.annotator]:
            store.add_annotator(name)
            store.set_role(name, role)
        if args.blind:
            store.set_blind(args.blind == "on")
        queues = store.queue_counts()
        print(f"blind mode: {'on' if store.blind else 'off'}")
        print(f"{'annotator':<24}{'role':<11}{'assigned':>9}{'done':>7}")
        for a in store.annotators():
            q = queues.get(a["name"], {})
            say(f"{printable(a['name']):<24}{a['role']:<11}{sum(q.values()):>9,}{q.get('done', 0):>7,}")
    return 0


def cmd_assign(args) -> int:
    names = [n.strip() for n in (args.annotators or "").split(",") if n.strip()]
    if not names and not args.clear:
        raise CommandError("say whom to assign to (--annotators) or whose queue to clear (--clear)")
    with open_project(args.project) as store:
        known = {a["name"] for a in store.annotators()}
        unknown = [n for n in names + args.clear if n not in known]
        if unknown and (args.clear and set(unknown) & set(args.clear) or not args.new_profiles):
            have = ", ".join(sorted(known)) or "none yet"
            raise CommandError(f"{args.project}: no profile {', '.join(map(repr, unknown))} (profiles: {have}); "
                               "add it with 'tintag team --add NAME' or pass --new-profiles")
        for name in args.clear:
            say(f"cleared {store.unassign(name):,} documents not yet started from {name}'s queue")
        if not names:
            return 0
        result = assign(store, names, per_document=args.per_doc, double_fraction=args.overlap,
                        seed=args.seed)
    print(f"assigned {result['documents']:,} documents ({result['double']:,} to more than one annotator)")
    for name, n in result["per_annotator"].items():
        say(f"  {printable(name):<24}{n:>8,}")
    return 0


def cmd_bundle_export(args) -> int:
    with open_project(args.project, readonly=True) as store:
        if store.annotator(args.annotator) is None and args.annotator not in store.layers():
            raise CommandError(f"{args.project}: no annotator {args.annotator!r}")
        header = export_bundle(store, args.annotator, args.output)
    say(f"wrote {args.output}: {header['documents']:,} documents of {args.annotator}")
    return 0


def cmd_bundle_merge(args) -> int:
    with open_project(args.project) as store:
        summary = merge_bundles(store, args.files)
    print(f"merged {summary['bundles']} bundle(s): {summary['documents_changed']:,} documents updated, "
          f"{summary['unchanged']:,} unchanged, {summary['already_merged']} already merged before")
    return 0
