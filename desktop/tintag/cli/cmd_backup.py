"""`tintag backup PROJECT` and `tintag restore PROJECT [--list | --from FILE]`."""
from __future__ import annotations

from pathlib import Path

from tintag.core.backup import backup_dir, list_backups, restore, take_backup

from .common import CommandError
from .printable import say


def register(sub) -> None:
    p = sub.add_parser("backup", help="save a dated copy of the project (the window does this on open)")
    p.add_argument("project")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="put a backup back in place of the project "
                                       "(the current file is kept as a backup first)")
    p.add_argument("project")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--list", action="store_true", help="list the backups, newest first")
    group.add_argument("--from", dest="source", metavar="BACKUP", help="this backup (default: the newest)")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args) -> int:
    say(f"saved {take_backup(args.project)}")  # refuses non-projects and damaged files clearly
    return 0


def cmd_restore(args) -> int:
    if args.list:
        backups = list_backups(args.project)
        if not backups:
            raise CommandError(f"{args.project}: no backups in {backup_dir(Path(args.project))}")
        for path in backups:
            say(path)
        return 0
    done = restore(args.project, args.source)
    kept = f"; the file it replaced is kept as {done.saved}" if done.saved else ""
    say(f"restored {args.project} from {done.source}{kept}")
    return 0
