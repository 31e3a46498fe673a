"""Entry point of the bundled app (PyInstaller): the same CLI as `tintag`.

Double-clicking the app (no arguments) opens the window; with arguments it
behaves like the installed `tintag` command (`--self-test`, `open FILE`, …).
"""
import multiprocessing
import sys

from tintag.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the suggestion pool re-launches this executable
    args = sys.argv[1:]
    if not args:
        args = ["open"]
    elif len(args) == 1 and args[0].endswith(".tintag"):
        args = ["open", args[0]]  # a project file passed by the desktop
    sys.exit(main(args))
