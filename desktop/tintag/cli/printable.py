"""Text from other people made safe to print on a terminal.

Profile names, layer and label names, document titles and file names come
from whoever wrote the project, the file or the bundle. Printed raw, an ESC
or C1 sequence can clear the screen, retitle the window, fake earlier output
or (on some terminals) write files, and a bidi override (U+202E) shows
``gnp.exe`` for ``exe.png``. Every printer of the command line passes such
text through ``printable``, which shows those characters as visible escapes
(``\\x1b``, ``\\u202e``) and leaves all other text, Vietnamese included, as is.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import sys
import unicodedata

# control (C0, DEL, C1), format (bidi marks and overrides, zero-width, BOM, tags),
# surrogate (an undecodable byte of a file name), line and paragraph separators
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def printable(text: object) -> str:
    """``text`` with every control, format and separator character escaped."""
    text = str(text)
    if text.isprintable():  # the usual case: nothing to escape
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in text)


def say(text: object = "", file=None) -> None:
    """print() for output that holds other people's text: each line escaped,
    our own line breaks kept."""
    print("\n".join(printable(line) for line in str(text).split("\n")), file=file or sys.stdout)


def json_text(value) -> str:
    """JSON for the terminal: what json.dumps leaves raw (C1 controls, bidi and
    other format characters, separators, lone surrogates) written as \\u
    escapes, so the output is still valid JSON and parses to the same values."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(_json_escape(ch) if ch != "\n" and unicodedata.category(ch) in _HIDDEN else ch
                   for ch in text)


def printable_errors(func):
    """``func`` with the message of every failure it raises made printable
    (the shared runner prints a failure's message as it is)."""
    from tintag.core.store import ProjectError
    from tintag.core.store.errors import project_error

    from .common import CommandError, describe

    @functools.wraps(func)
    def run(args):
        try:
            return func(args)
        except BrokenPipeError:  # the runner ends quietly on it
            raise
        except (CommandError, ProjectError, ValueError, OSError) as err:
            raise CommandError(printable(describe(err))) from None
        except sqlite3.Error as err:
            project = getattr(args, "project", None) or "the project file"
            raise CommandError(printable(describe(project_error(project, err)))) from None

    return run


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
