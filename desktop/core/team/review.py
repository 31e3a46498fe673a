"""Review: compare annotators' layers of a document and take items into gold.

Items of different layers are lined up by what they are about: entities and
quotes by span, stances by (holder, target) names. A row *agrees* when every
layer that worked on the document has an item there with the same value
(label; speaker and kind; polarity). Taking an item copies it into gold
(speakers, holders and targets are matched to gold entities by span, and
created there when missing), records who took what from which layer, and is
one undoable change.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from desktop.core.annotate import Change
from desktop.core.store import GOLD, ProjectStore
from desktop.core.store.access import SUGGESTIONS
from desktop.core.store.project import new_uid

KINDS = ("entity", "quote", "stance")


def _norm(name: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


@dataclass
class Row:
    kind: str
    key: tuple
    start: int | None  # where to show it in the text
    end: int | None
    votes: dict[str, dict] = field(default_factory=dict)   # layer → item
    values: dict[str, str] = field(default_factory=dict)   # layer → compared value
    gold: dict | None = None
    gold_value: str | None = None
    layers: tuple[str, ...] = ()  # every layer that worked on the document

    @property
    def agreed(self) -> bool:
        return (len(self.votes) == len(self.layers) >= 2
                and len(set(self.values.values())) == 1)

    @property
    def decided(self) -> bool:
        """Gold holds this row with one of the proposed values."""
        return self.gold is not None and self.gold_value in self.values.values()


def review_layers(store: ProjectStore, document_id: int) -> list[str]:
    """Annotator layers that worked on a document (items or a status)."""
    return [layer for layer in store.layers()
            if layer not in (GOLD, SUGGESTIONS) and _worked(store, document_id, layer)]


def _worked(store: ProjectStore, document_id: int, layer: str) -> bool:
    if store.assignment(document_id, layer)["status"] in ("in_progress", "done"):
        return True
    return any(store.items(k, document_id, layer) for k in KINDS)


def _value(kind: str, item: dict, text: str, entities: dict[str, dict]) -> str:
    if kind == "entity":
        return item["label"]
    if kind == "quote":
        return f"{_speaker(item, text, entities) or '—'} · {item['kind']}"
    return item["polarity"]


def _speaker(quote: dict, text: str, entities: dict[str, dict]) -> str | None:
    e = entities.get(quote.get("speaker_uid") or "")
    return text[e["start"]:e["end"]] if e else quote.get("speaker_name")


def _party(stance: dict, side: str, text: str, entities: dict[str, dict]) -> str:
    e = entities.get(stance.get(f"{side}_uid") or "")
    return text[e["start"]:e["end"]] if e else (stance.get(f"{side}_name") or "")


def _key(kind: str, item: dict, text: str, entities: dict[str, dict]) -> tuple:
    if kind == "stance":
        return (_norm(_party(item, "holder", text, entities)),
                _norm(_party(item, "target", text, entities)))
    return (item["start"], item["end"])


def compare(store: ProjectStore, document_id: int, layers: list[str] | None = None) -> list[Row]:
    """Rows of the merged view, in text order (entities, then quotes, then stances)."""
    text = store.document(document_id)["text"]
    layers = tuple(layers if layers is not None else review_layers(store, document_id))
    rows: dict[tuple, Row] = {}
    for layer in layers + (GOLD,):
        entities = {e["uid"]: e for e in store.items("entity", document_id, layer)}
        for kind in KINDS:
            for item in store.items(kind, document_id, layer) if kind != "entity" else entities.values():
                key = (kind,) + _key(kind, item, text, entities)
                row = rows.get(key)
                if row is None:
                    span = (item.get("start"), item.get("end"))
                    if kind == "stance":
                        holder = entities.get(item.get("holder_uid") or "")
                        span = (holder["start"], holder["end"]) if holder else (
                            item.get("evidence_start"), item.get("evidence_end"))
                    row = rows[key] = Row(kind, key[1:], span[0], span[1], layers=layers)
                value = _value(kind, item, text, entities)
                if layer == GOLD:
                    row.gold, row.gold_value = item, value
                else:
                    row.votes[layer], row.values[layer] = item, value
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted((r for r in rows.values() if r.votes),
                  key=lambda r: (order[r.kind], r.start if r.start is not None else 1 << 62, r.key))


def disagreements(rows: list[Row]) -> list[Row]:
    return [r for r in rows if not r.agreed and not r.decided]


def next_disagreement(store: ProjectStore, document_id: int, after: int = -1) -> tuple[int, int] | None:
    """(document id, row index) of the next open disagreement: in this
    document after row ``after``, then in later documents (wrapping)."""
    rows = compare(store, document_id)
    for i, row in enumerate(rows):
        if i > after and not row.agreed and not row.decided:
            return document_id, i
    ids = store.documents_with_layers(min_layers=2)
    later = [d for d in ids if d > document_id] + [d for d in ids if d < document_id]
    for doc in later:
        rows = compare(store, doc)
        for i, row in enumerate(rows):
            if not row.agreed and not row.decided:
                return doc, i
    return None


# ---------------------------------------------------------------- into gold
class _GoldEdit:
    """Steps applied to gold, remembered so undo reverts exactly them."""

    def __init__(self, store: ProjectStore, document_id: int):
        self.store, self.document_id = store, document_id
        self.steps: list[tuple] = []

    def ensure_entity(self, source: dict, uid: str, label: str | None = None) -> str:
        """The gold entity at ``source``'s span (its label set), created if missing."""
        label = label or source["label"]
        for e in self.store.items("entity", self.document_id, GOLD):
            if (e["start"], e["end"]) == (source["start"], source["end"]):
                if e["label"] != label:
                    self.update("entity", e, label=label)
                return e["uid"]
        self.store.add_item("entity", self.document_id, GOLD, uid=uid, start=source["start"],
                            end=source["end"], label=label, origin="review")
        self.steps.append(("add", "entity", uid))
        return uid

    def update(self, kind: str, item: dict, /, **fields) -> None:
        old = {k: item[k] for k in list(fields) + ["origin"]}
        self.store.update_item(kind, item["uid"], **fields, origin="review")
        self.steps.append(("update", kind, item["uid"], old))

    def add(self, kind: str, uid: str, /, **fields) -> None:
        self.store.add_item(kind, self.document_id, GOLD, uid=uid, origin="review", **fields)
        self.steps.append(("add", kind, uid))

    def revert(self) -> None:
        for step in reversed(self.steps):
            if step[0] == "add":
                if self.store.item(step[1], step[2]):
                    self.store.delete_item(step[1], step[2])
            else:
                self.store.update_item(step[1], step[2], **step[3])
        self.steps.clear()


def take(store: ProjectStore, kind: str, source_uid: str, action: str = "take") -> Change:
    """Copy one annotator's item into gold (replacing gold's item at the same place)."""
    source = store.item(kind, source_uid)
    if source is None:
        raise KeyError(f"no {kind} {source_uid}")
    if source["layer"] == GOLD:
        raise ValueError("that item is already in gold")
    store.check_write(GOLD)
    doc = source["document_id"]
    uids = {name: new_uid() for name in ("item", "speaker", "holder", "target")}
    state: dict = {}

    def redo():
        with store.write():
            edit = _GoldEdit(store, doc)
            gold_uid = _take_into(store, edit, kind, source, uids)
            state["edit"] = edit
            state["review"] = store.record_review(doc, kind, action, source["layer"], source_uid, gold_uid)
            state["gold_uid"] = gold_uid

    def undo():
        with store.write():
            state["edit"].revert()
            store.drop_review(state["review"])

    return Change(f"take {kind} from {source['layer']} into gold", redo, undo, doc,
                  [(kind, uids["item"])])


def _take_into(store: ProjectStore, edit: _GoldEdit, kind: str, source: dict, uids: dict) -> str:
    doc = source["document_id"]
    text = store.document(doc)["text"]
    if kind == "entity":
        return edit.ensure_entity(source, uids["item"])
    src_entities = {e["uid"]: e for e in store.items("entity", doc, source["layer"])}
    if kind == "quote":
        speaker = src_entities.get(source.get("speaker_uid") or "")
        fields = dict(kind=source["kind"], cue_start=source["cue_start"], cue_end=source["cue_end"],
                      speaker_uid=edit.ensure_entity(speaker, uids["speaker"]) if speaker else None,
                      speaker_name=_speaker(source, text, src_entities))
        for q in store.items("quote", doc, GOLD):
            if (q["start"], q["end"]) == (source["start"], source["end"]):
                edit.update("quote", q, **fields)
                return q["uid"]
        edit.add("quote", uids["item"], start=source["start"], end=source["end"], **fields)
        return uids["item"]
    fields = dict(polarity=source["polarity"], evidence_start=source["evidence_start"],
                  evidence_end=source["evidence_end"])
    for side in ("holder", "target"):
        e = src_entities.get(source.get(f"{side}_uid") or "")
        fields[f"{side}_uid"] = edit.ensure_entity(e, uids[side]) if e else None
        fields[f"{side}_name"] = _party(source, side, text, src_entities) or None
    gold_entities = {e["uid"]: e for e in store.items("entity", doc, GOLD)}
    key = _key("stance", source, text, src_entities)
    for s in store.items("stance", doc, GOLD):
        if _key("stance", s, text, gold_entities) == key:
            edit.update("stance", s, **fields)
            return s["uid"]
    edit.add("stance", uids["item"], **fields)
    return uids["item"]


def take_layer(store: ProjectStore, document_id: int, layer: str) -> Change:
    """Every item of one layer of a document into gold, as one change."""
    store.check_write(GOLD)
    changes = [take(store, kind, item["uid"]) for kind in KINDS
               for item in store.items(kind, document_id, layer)]
    if not changes:
        raise ValueError(f"layer {layer!r} has nothing in this document")

    def redo():
        with store.write():
            for c in changes:
                c.redo()

    def undo():
        with store.write():
            for c in reversed(changes):
                c.undo()

    return Change(f"take all of {layer} into gold", redo, undo, document_id,
                  [k for c in changes for k in c.created])


def majority_layer(row: Row) -> str:
    """The layer holding the most common value of a row (ties: the first layer)."""
    counts: dict[str, int] = {}
    for value in row.values.values():
        counts[value] = counts.get(value, 0) + 1
    best = max(counts.values())
    return next(layer for layer in row.layers if row.values.get(layer) is not None
                and counts[row.values[layer]] == best)


def document_agreement(rows: list[Row]) -> dict:
    """This document's figures for the review header.

    ``rows_agreed``: rows where every layer gave the same value. ``with_gold``:
    per layer, F1 of its (item, value) pairs against gold's — what changes as
    the reviewer settles the document.
    """
    layers = rows[0].layers if rows else ()
    gold = {(r.kind, r.key, r.gold_value) for r in rows if r.gold is not None}
    with_gold = {}
    for layer in layers:
        mine = {(r.kind, r.key, r.values[layer]) for r in rows if layer in r.values}
        tp = len(mine & gold)
        with_gold[layer] = (2 * tp / (len(mine) + len(gold))) if gold and (mine or gold) else None
    return {"rows": len(rows), "rows_agreed": sum(r.agreed for r in rows),
            "open": len(disagreements(rows)), "with_gold": with_gold}
