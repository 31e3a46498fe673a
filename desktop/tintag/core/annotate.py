"""Annotation actions shared by the window, the CLI and the tests.

Each action returns a ``Change``: ``redo()`` applies it, ``undo()`` reverts
it, each as one committed transaction. Items created by an action get their
uid up front, so redo after undo recreates the very same rows and later
changes that point at them stay valid. The Qt undo stack only wraps these.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tintag.core.store import ProjectStore
from tintag.core.store.project import new_uid

_WORD_CHAR = re.compile(r"[\w\-’'.]")  # letters, digits and joiners inside names (Jong-un, U.S.)


@dataclass
class Change:
    text: str  # what the user did, for the Edit menu
    _redo: Callable[[], None]
    _undo: Callable[[], None]
    document_id: int | None = None
    created: list[tuple[str, str]] = field(default_factory=list)  # (kind, uid) made by redo

    def redo(self) -> None:
        self._redo()

    def undo(self) -> None:
        self._undo()


def apply(change: Change) -> Change:
    """Do a change outside Qt (CLI, tests): the same as pushing it on the undo stack."""
    change.redo()
    return change


def compose(store: ProjectStore, text: str, changes: list[Change]) -> Change:
    """Several changes as one user edit: one transaction, undone together."""
    def redo():
        with store.write():
            for c in changes:
                c.redo()

    def undo():
        with store.write():
            for c in reversed(changes):
                c.undo()

    doc = changes[0].document_id if changes else None
    return Change(text, redo, undo, doc, [k for c in changes for k in c.created])


# ------------------------------------------------------------------ spans
def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words and drop spaces/punctuation at its edges."""
    start, end = max(0, start), min(len(text), end)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _WORD_CHAR.match(text[start - 1]) and text[start - 1] not in ".'’":
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]) and not (
            text[end] in ".'’-" and (end + 1 >= len(text) or not text[end + 1].isalnum())):
        end += 1
    return start, end


def _add(store: ProjectStore, kind: str, document_id: int, layer: str, uid: str, /, **fields) -> Change:
    def redo():
        store.add_item(kind, document_id, layer, uid=uid, **fields)

    def undo():
        with store.write():
            if store.item(kind, uid):
                store.delete_item(kind, uid)

    return Change(f"add {kind}", redo, undo, document_id, [(kind, uid)])


def tag_span(store: ProjectStore, document_id: int, layer: str, start: int, end: int, label: str,
             exact: bool = False, origin: str = "manual") -> Change:
    """Label a selection as an entity (snapped to word boundaries unless exact)."""
    text = store.document(document_id)["text"]
    if not exact:
        start, end = snap_to_words(text, start, end)
    if not 0 <= start < end <= len(text):
        raise ValueError("select some text first")
    change = _add(store, "entity", document_id, layer, new_uid(), start=start, end=end, label=label,
                  origin=origin)
    change.text = f"tag “{text[start:end]}” as {label}"
    return change


def make_quote(store: ProjectStore, document_id: int, layer: str, start: int, end: int,
               speaker_uid: str | None = None, kind: str = "direct",
               cue: tuple[int, int] | None = None) -> Change:
    """Make a quote of a selection; quote marks at its edges are left out."""
    text = store.document(document_id)["text"]
    while start < end and (text[start].isspace() or text[start] in "\"“”«»'‘’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”«»'‘’"):
        end -= 1
    if start >= end:
        raise ValueError("select the words of the quote first")
    speaker = store.item("entity", speaker_uid) if speaker_uid else None
    change = _add(store, "quote", document_id, layer, new_uid(), start=start, end=end, kind=kind,
                  cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None,
                  speaker_uid=speaker_uid,
                  speaker_name=text[speaker["start"]:speaker["end"]] if speaker else None)
    change.text = "make quote"
    return change


def make_stance(store: ProjectStore, document_id: int, layer: str, polarity: str,
                holder_uid: str | None = None, holder_name: str | None = None,
                target_uid: str | None = None, target_name: str | None = None,
                evidence_quote_uid: str | None = None,
                evidence: tuple[int, int] | None = None) -> Change:
    text = store.document(document_id)["text"]

    def name_of(uid, given):
        if given or not uid:
            return given
        e = store.item("entity", uid)
        return text[e["start"]:e["end"]] if e else None

    change = _add(store, "stance", document_id, layer, new_uid(), polarity=polarity,
                  holder_uid=holder_uid, holder_name=name_of(holder_uid, holder_name),
                  target_uid=target_uid, target_name=name_of(target_uid, target_name),
                  evidence_quote_uid=evidence_quote_uid,
                  evidence_start=evidence[0] if evidence else None,
                  evidence_end=evidence[1] if evidence else None)
    change.text = "make stance"
    return change


# ------------------------------------------------------------ edit / delete
def update(store: ProjectStore, kind: str, uid: str, **changes) -> Change:
    """Change fields of an item (label, polarity, speaker …)."""
    before = store.item(kind, uid)
    if before is None:
        raise KeyError(f"no {kind} {uid}")
    old = {k: before[k] for k in changes}
    old["origin"] = before["origin"]
    if kind == "quote" and "speaker_uid" in changes and "speaker_name" not in changes:
        speaker = store.item("entity", changes["speaker_uid"]) if changes["speaker_uid"] else None
        text = store.document(before["document_id"])["text"]
        changes["speaker_name"] = text[speaker["start"]:speaker["end"]] if speaker else None
        old["speaker_name"] = before["speaker_name"]
    return Change(f"edit {kind}", lambda: store.update_item(kind, uid, **changes),
                  lambda: store.update_item(kind, uid, **old), before["document_id"])


def delete(store: ProjectStore, kind: str, uid: str) -> Change:
    """Delete an item; undo restores it and the links that pointed at it."""
    saved: dict = {}

    def redo():
        with store.write():
            saved["row"] = store.item(kind, uid)
            saved["links"] = _links_to(store, kind, uid)
            store.delete_item(kind, uid)

    def undo():
        with store.write():
            store.restore_item(kind, saved["row"])
            for link_kind, link_uid, column in saved["links"]:
                store.update_item(link_kind, link_uid, **{column: uid})

    row = store.item(kind, uid)
    if row is None:
        raise KeyError(f"no {kind} {uid}")
    return Change(f"delete {kind}", redo, undo, row["document_id"])


def _links_to(store: ProjectStore, kind: str, uid: str) -> list[tuple[str, str, str]]:
    row = store.item(kind, uid)
    links = []
    if kind == "entity":
        for q in store.quotes(row["document_id"], row["layer"]):
            if q["speaker_uid"] == uid:
                links.append(("quote", q["uid"], "speaker_uid"))
        for s in store.stances(row["document_id"], row["layer"]):
            for column in ("holder_uid", "target_uid"):
                if s[column] == uid:
                    links.append(("stance", s["uid"], column))
    elif kind == "quote":
        for s in store.stances(row["document_id"], row["layer"]):
            if s["evidence_quote_uid"] == uid:
                links.append(("stance", s["uid"], "evidence_quote_uid"))
    return links


def set_status(store: ProjectStore, document_id: int, layer: str, status: str) -> Change:
    before = store.assignment(document_id, layer)["status"]
    return Change(f"mark {status}", lambda: store.set_status(document_id, layer, status),
                  lambda: store.set_status(document_id, layer, before), document_id)


# -------------------------------------------------------------- suggestions
def _entity_at(store, document_id, layer, span) -> dict | None:
    for e in store.entities(document_id, layer):
        if (e["start"], e["end"]) == (span["start"], span["end"]):
            return e
    return None


def accept(store: ProjectStore, layer: str, suggestion: dict) -> Change:
    """Accept a suggestion into ``layer``: a normal annotation, origin 'suggestion'."""
    document_id, key, p = suggestion["document_id"], suggestion["key"], suggestion["payload"]
    parts: list[Change] = []
    if suggestion["kind"] == "entity":
        existing = _entity_at(store, document_id, layer, p)
        if existing is None or existing["label"] != p["label"]:
            parts.append(_add(store, "entity", document_id, layer, new_uid(), start=p["start"],
                              end=p["end"], label=p["label"], origin="suggestion"))
        result_uid = parts[0].created[0][1] if parts else existing["uid"]
    elif suggestion["kind"] == "quote":
        speaker_uid = None
        if p.get("speaker"):
            found = _entity_at(store, document_id, layer, p["speaker"])
            if found:
                speaker_uid = found["uid"]
            else:
                speaker_uid = new_uid()
                label = p["speaker"].get("label") or "PER"
                parts.append(_add(store, "entity", document_id, layer, speaker_uid,
                                  start=p["speaker"]["start"], end=p["speaker"]["end"], label=label,
                                  origin="suggestion"))
        cue = p.get("cue")
        quote_uid = new_uid()
        parts.append(_add(store, "quote", document_id, layer, quote_uid, start=p["start"], end=p["end"],
                          kind=p.get("kind", "direct"), cue_start=cue["start"] if cue else None,
                          cue_end=cue["end"] if cue else None, speaker_uid=speaker_uid,
                          speaker_name=p.get("speaker_name"), origin="suggestion"))
        result_uid = quote_uid
    else:
        holder = _entity_at(store, document_id, layer, p["holder"]) if p.get("holder") else None
        target = _entity_at(store, document_id, layer, p["target"]) if p.get("target") else None
        ev = p.get("evidence")
        quote = None
        if ev:
            quote = next((q for q in store.quotes(document_id, layer)
                          if (q["start"], q["end"]) == (ev["start"], ev["end"])), None)
        stance_uid = new_uid()
        parts.append(_add(store, "stance", document_id, layer, stance_uid, polarity=p["polarity"],
                          holder_uid=holder["uid"] if holder else None, holder_name=p.get("holder_name"),
                          target_uid=target["uid"] if target else None, target_name=p.get("target_name"),
                          evidence_quote_uid=quote["uid"] if quote else None,
                          evidence_start=None if quote or not ev else ev["start"],
                          evidence_end=None if quote or not ev else ev["end"], origin="suggestion"))
        result_uid = stance_uid
    parts.append(_decide(store, document_id, key, layer, "accepted", result_uid))
    change = compose(store, f"accept {suggestion['kind']} “{p.get('text') or p.get('target_name')}”", parts)
    return change


def reject(store: ProjectStore, layer: str, suggestion: dict) -> Change:
    change = _decide(store, suggestion["document_id"], suggestion["key"], layer, "rejected", None)
    change.text = f"reject {suggestion['kind']}"
    return change


def _decide(store, document_id, key, layer, decision, annotation_uid) -> Change:
    return Change(decision,
                  lambda: store.decide_suggestion(document_id, key, layer, decision, annotation_uid),
                  lambda: store.undecide_suggestion(document_id, key, layer), document_id)


def accept_all(store: ProjectStore, document_id: int, layer: str, label: str) -> Change | None:
    """Accept every open entity suggestion of ``label`` in one edit."""
    open_ones = [s for s in store.suggestions(document_id, layer=layer, kind="entity", open_only=True)
                 if s["payload"]["label"] == label]
    if not open_ones:
        return None
    return compose(store, f"accept all {label} ({len(open_ones)})",
                   [accept(store, layer, s) for s in open_ones])
