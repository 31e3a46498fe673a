"""Who may read and write which layer.

The rules of DESIGN §7, kept apart from SQL so they read as a table:

============  =====================================  ==============================
role          reads                                  writes
============  =====================================  ==============================
annotator     own layer + suggestions; every layer   own layer only (never gold)
              when the project is not in blind mode
reviewer      every layer                            every layer (gold, merges)
lead          every layer                            every layer

"lead" is one of the tools acting on the project file under their own names
(``TOOL_ACTORS``: the command line, imports, the demo), names no profile may
take. Every other actor is a profile with its role, or — a name that is not a
profile (the window on a read-only file it could not add its name to) —
``NOBODY``: no rights beyond what an annotator sees. Rules fail closed; they
are enforced by the store, not by widgets.

============  =====================================  ==============================
nobody        as an annotator with an empty layer    nothing
============  =====================================  ==============================

Names are compared after NFKC and case folding (``fold``): fullwidth
"ｇｏｌｄ" is "gold", "Lan" is "lan".
"""
from __future__ import annotations

import unicodedata

GOLD = "gold"
SUGGESTIONS = "suggestions"  # the pseudo-layer of pre-filled suggestions
LEAD = "lead"
NOBODY = "nobody"  # an actor that is neither a tool nor a profile
ROLES = ("annotator", "reviewer")

LAYER_NAMES = (GOLD, SUGGESTIONS)  # layers that are not people
TOOL_ACTORS = ("cli", "lead", "system", "demo", "self-test")  # programs acting as the project lead
RESERVED_NAMES = LAYER_NAMES + TOOL_ACTORS


def fold(name: str | None) -> str:
    """A name as compared: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def profile_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a profile, or None. A profile called "gold" or
    "suggestions" would be given (or be read as) a layer every role can see;
    one called "cli" would bind the command line to that profile's role."""
    if not name.strip():
        return "a profile needs a name"
    if fold(name) in RESERVED_NAMES:
        return f"{name.strip()!r} is the name of a layer or of TinTag itself, not of a person; choose another name"
    return None


def can_read(role: str, actor: str, blind: bool, layer: str) -> bool:
    if role in (LEAD, "reviewer") or not blind:
        return True
    return layer in (actor, SUGGESTIONS)


def can_write(role: str, actor: str, layer: str) -> bool:
    if role in (LEAD, "reviewer"):
        return True
    return role == "annotator" and layer == actor and layer != GOLD


def can_manage(role: str) -> bool:
    """Change roles, blind mode and assignments."""
    return role in (LEAD, "reviewer")
