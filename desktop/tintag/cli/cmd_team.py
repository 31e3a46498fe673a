"""`tintag team`, `tintag assign`, `tintag bundle export|merge`: work shared by a team."""
from __future__ import annotations

from tintag.core.outputs import refuse_unsafe_output
from tintag.core.team.assign import assign
from tintag.core.team.bundle import export_bundle, list_conflicts, merge_bundles, resolve_conflict
from tintag.core.team.bundle_conflicts import describe
from tintag.core.team.handout import write_handout

from .common import CommandError, open_project, writing_project
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

    p = sub.add_parser("handout", help="a copy of the project for one annotator, without anyone "
                                       "else's layer (to work on elsewhere; send back a bundle)")
    p.add_argument("project")
    p.add_argument("--annotator", required=True, help="whose copy (a profile)")
    p.add_argument("-o", "--output", required=True, help="the new .tintag file")
    p.set_defaults(func=cmd_handout)

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
    c = bsub.add_parser("conflicts", help="items a merge found changed both here and in a bundle: "
                                          "list them, take the bundle's version or keep this one")
    c.add_argument("project")
    c.add_argument("--annotator", help="only this annotator's layer")
    c.add_argument("--take-bundle", metavar="ID", action="append", default=[],
                   help="write the bundle's version into the layer (an id from the list, or 'all')")
    c.add_argument("--keep-here", metavar="ID", action="append", default=[],
                   help="keep this project's version (an id from the list, or 'all')")
    c.add_argument("--settled", action="store_true", help="list settled conflicts too")
    c.set_defaults(func=cmd_bundle_conflicts)


def cmd_team(args) -> int:
    changes = args.add or args.reviewer or args.annotator or args.blind
    opened = writing_project(args.project, "team") if changes else open_project(args.project, readonly=True)
    with opened as store:
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
    with writing_project(args.project, "assign") as store:
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


def cmd_handout(args) -> int:
    with open_project(args.project) as store:  # it notes on the master what the copy starts from
        removed = write_handout(store, args.annotator, args.output)
    others = removed["entities"] + removed["quotes"] + removed["stances"]
    say(f"wrote {args.output}: the project for {args.annotator}, without {others:,} items "
          f"and {removed['annotators']:,} profiles of others")
    return 0


def cmd_bundle_export(args) -> int:
    refuse_unsafe_output(args.output, args.project)
    with open_project(args.project, readonly=True) as store:
        if store.annotator(args.annotator) is None and args.annotator not in store.layers():
            raise CommandError(f"{args.project}: no annotator {args.annotator!r}")
        header = export_bundle(store, args.annotator, args.output)
    say(f"wrote {args.output}: {header['documents']:,} documents of {args.annotator}")
    return 0


def cmd_bundle_merge(args) -> int:
    with writing_project(args.project, "merge") as store:
        summary = merge_bundles(store, args.files)
    print(f"merged {summary['bundles']} bundle(s): {summary['documents_changed']:,} documents updated, "
          f"{summary['unchanged']:,} unchanged, {summary['already_merged']} already merged before")
    for name, n in summary["layers"].items():
        hint = f" (see tintag bundle conflicts {args.project})" if n["conflicts"] else ""
        say(f"  {name!r}: {n['added']:,} items added, {n['changed']:,} changed, {n['deleted']:,} deleted, "
              f"{n['conflicts']:,} left in conflict{hint}")
    return 0


def cmd_bundle_conflicts(args) -> int:
    settling = args.take_bundle or args.keep_here
    opened = writing_project(args.project, "settle") if settling else open_project(args.project, readonly=True)
    with opened as store:
        if args.annotator is not None and store.annotator(args.annotator) is None:
            raise CommandError(f"{args.project}: no annotator {args.annotator!r}")
        open_ids = {c["id"] for c in list_conflicts(store, args.annotator)}
        decisions = _decisions(args, open_ids)
        for conflict_id, take in decisions:
            resolve_conflict(store, conflict_id, take)
        if decisions:
            print(f"settled {len(decisions):,} conflict(s): "
                  f"{sum(t == 'bundle' for _, t in decisions):,} took the bundle's version, "
                  f"{sum(t == 'here' for _, t in decisions):,} kept this project's")
        rows = list_conflicts(store, args.annotator, settled=args.settled)
        print(f"{sum(r['resolution'] is None for r in rows):,} open conflict(s); "
              "the layer holds this project's version until the bundle's is taken")
        texts: dict[int, str] = {}
        for r in rows:
            text = texts.setdefault(r["document_id"], store.document(r["document_id"])["text"])
            what = r["kind"] if r["uid"] is None else f"{r['kind']} {r['uid'][:12]!r}"
            settled = f" [settled: {r['resolution']} by {r['resolved_by']!r}]" if r["resolution"] else ""
            say(f"#{r['id']} {r['layer']!r} document {r['document_uid']!r} {what}: "
                  f"here {describe(r, 'ours', text)} | bundle {describe(r, 'theirs', text)} "
                  f"— {r['reason']} ({r['bundle']!r}){settled}")
    return 0


def _decisions(args, open_ids: set[int]) -> list[tuple[int, str]]:
    """(conflict id, take) for --take-bundle / --keep-here; 'all' means every open one."""
    out: dict[int, str] = {}
    for values, take in ((args.take_bundle, "bundle"), (args.keep_here, "here")):
        for value in values:
            if value == "all":
                ids = sorted(open_ids)
            elif value.lstrip("#").isdigit() and int(value.lstrip("#")) in open_ids:
                ids = [int(value.lstrip("#"))]
            else:
                raise CommandError(f"{args.project}: no open bundle conflict {value!r} "
                                   f"(open: {', '.join(map(str, sorted(open_ids))) or 'none'})")
            for conflict_id in ids:
                if out.get(conflict_id, take) != take:
                    raise CommandError(f"conflict {conflict_id}: both --take-bundle and --keep-here")
                out[conflict_id] = take
    return sorted(out.items())
