"""Who may read and write which layer.

The rules of DESIGN §7, kept apart from SQL so they read as a table:

============  =====================================  ==============================
role          reads                                  writes
============  =====================================  ==============================
annotator     own layer + suggestions; every layer   own layer only (never gold)
              when the project is not in blind mode
reviewer      every layer                            every layer (gold, merges)
lead          every layer                            every layer
============  =====================================  ==============================

"lead" is any actor that is not a registered annotator profile: the command
line, imports, bundle merges run by whoever manages the project file. The
window always acts as a registered profile, so these rules bind every
annotator in the GUI; they are enforced by the store, not by widgets.
"""
from __future__ import annotations

GOLD = "gold"
SUGGESTIONS = "suggestions"  # the pseudo-layer of pre-filled suggestions
LEAD = "lead"
ROLES = ("annotator", "reviewer")


RESERVED_NAMES = (GOLD, SUGGESTIONS)  # layers that are not people


def profile_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a profile, or None. A profile called "gold" or
    "suggestions" would be given (or be read as) a layer every role can see."""
    if not name.strip():
        return "a profile needs a name"
    if name.strip().casefold() in RESERVED_NAMES:
        return f"{name.strip()!r} is the name of a layer, not of a person; choose another name"
    return None


def can_read(role: str, actor: str, blind: bool, layer: str) -> bool:
    if role in (LEAD, "reviewer") or not blind:
        return True
    return layer in (actor, SUGGESTIONS)


def can_write(role: str, actor: str, layer: str) -> bool:
    if role in (LEAD, "reviewer"):
        return True
    return layer == actor and layer != GOLD


def can_manage(role: str) -> bool:
    """Change roles, blind mode and assignments."""
    return role in (LEAD, "reviewer")
