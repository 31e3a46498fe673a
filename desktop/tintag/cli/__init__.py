"""`tintag` command line. Each command lives in its own module with a
``register(subparsers)`` function; they call the same core functions as the GUI.
"""
from __future__ import annotations

import argparse
import sys

from tintag import __version__

from . import cmd_agreement, cmd_backup, cmd_export, cmd_import, cmd_project, cmd_suggest, cmd_team
from .common import run_command
from .printable import printable, printable_errors

COMMAND_MODULES = [cmd_project, cmd_import, cmd_export, cmd_suggest, cmd_team, cmd_backup, cmd_agreement]


class _Parser(argparse.ArgumentParser):
    """Usage errors quote what was typed (or pasted, or globbed from hostile file names)."""

    def error(self, message: str):
        super().error(printable(message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tintag",
        description="Annotate Vietnamese news articles and export training datasets.",
    )
    parser.add_argument("--version", action="version", version=f"tintag {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="open the demo, run suggestions on one article, exit 0 when all works")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from tintag.selftest import run_self_test

        return run_self_test()
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return run_command(printable_errors(args.func), args)


if __name__ == "__main__":
    sys.exit(main())
