"""Review: compare annotators' layers of a document and take items into gold.

Items of different layers are lined up by what they are about: entities and
quotes by span — overlapping spans of different layers form one row (at most
one item per layer, gold included; ``agreement.units.cluster_spans``), so
"Hà Nội" and "tại Hà Nội" are one decision — and stances by (holder, target)
names. A row *agrees* when every layer that worked on the document has an
item there with the same span and value (label; speaker and kind; polarity).
A row is *decided* when gold holds one of the proposed versions, or a review
decision was recorded for it: a take (also when gold was edited after), or a
reject ("not in gold", which removes gold's item there). Taking an item copies
it into gold (speakers, holders and targets are matched to gold entities by
span, and created there when missing), records who took what from which
layer, and is one undoable change.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tintag.core import annotate
from tintag.core.agreement.units import cluster_spans
from tintag.core.annotate import Change
from tintag.core.store import GOLD, ProjectStore
from tintag.core.store.access import SUGGESTIONS
from tintag.core.store.project import new_uid
from tintag.core.store.team import fold_name as _norm

KINDS = ("entity", "quote", "stance")
SPAN_KINDS = ("entity", "quote")


@dataclass
class Row:
    kind: str
    key: tuple
    start: int | None  # where to show it in the text
    end: int | None
    votes: dict[str, dict] = field(default_factory=dict)   # layer → item
    values: dict[str, str] = field(default_factory=dict)   # layer → value as shown
    gold: dict | None = None
    gold_value: str | None = None
    layers: tuple[str, ...] = ()  # every layer that worked on the document
    marks: dict[str, tuple] = field(default_factory=dict)  # layer → (kind, place, value) compared
    gold_mark: tuple | None = None
    decisions: list[dict] = field(default_factory=list)  # review records about this row

    @property
    def agreed(self) -> bool:
        return (len(self.votes) == len(self.layers) >= 2
                and len(set(self.marks.values())) == 1)

    @property
    def rejected(self) -> bool:
        """The reviewer said "not in gold" and gold holds nothing here."""
        return self.gold is None and any(d["action"] == "reject" for d in self.decisions)

    @property
    def decided(self) -> bool:
        if self.gold is None:
            return self.rejected
        # a take or an edit decides even when gold's value is none of the proposed ones
        return self.gold_mark in self.marks.values() or any(
            d["action"] in ("take", "edit") and d["gold_uid"] == self.gold["uid"] for d in self.decisions)


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


def _clip(surface: str, limit: int = 40) -> str:
    surface = " ".join(surface.split())
    return surface if len(surface) <= limit else surface[:limit // 2 - 1] + "…" + surface[-(limit // 2 - 1):]


def _clusters(by_layer: dict[str, list[dict]]) -> list[dict[str, dict]]:
    """Items of several layers grouped into rows of overlapping spans (one per layer).

    ``cluster_spans`` looks at every pair of spans, so it is run on each run of
    overlapping spans alone (links never cross runs, so the result is the same)."""
    spans = sorted((item["start"], item["end"], n, i) for n, items in enumerate(by_layer.values())
                   for i, item in enumerate(items))
    layer_names = list(by_layer)
    runs: list[list[tuple]] = []
    reach = -1
    for span in spans:
        if not runs or span[0] >= reach:
            runs.append([])
            reach = span[1]
        runs[-1].append(span)
        reach = max(reach, span[1])
    out = []
    for run in runs:
        members: dict[str, list[int]] = {name: [] for name in layer_names}
        for _start, _end, n, i in sorted(run, key=lambda s: (s[2], s[3])):
            members[layer_names[n]].append(i)
        members = {name: idx for name, idx in members.items() if idx}
        spans_of = {name: [(by_layer[name][i]["start"], by_layer[name][i]["end"]) for i in idx]
                    for name, idx in members.items()}
        for unit in cluster_spans(spans_of):
            out.append({name: by_layer[name][members[name][j]] for name, j in unit.items()})
    return out


def _span_row(kind: str, unit: dict[str, dict], text: str, entities: dict, layers: tuple) -> Row:
    votes = [item for layer, item in unit.items() if layer != GOLD]
    start, end = min(i["start"] for i in votes), max(i["end"] for i in votes)
    row = Row(kind, (start, end), start, end, layers=layers)
    mixed = len({(i["start"], i["end"]) for i in unit.values()}) > 1
    for layer, item in unit.items():
        value = _value(kind, item, text, entities[layer])
        mark = (kind, item["start"], item["end"], value)
        shown = f"{value} «{_clip(text[item['start']:item['end']])}»" if mixed else value
        if layer == GOLD:
            row.gold, row.gold_value, row.gold_mark = item, shown, mark
        else:
            row.votes[layer], row.values[layer], row.marks[layer] = item, shown, mark
    return row


def compare(store: ProjectStore, document_id: int, layers: list[str] | None = None) -> list[Row]:
    """Rows of the merged view, in text order (entities, then quotes, then stances)."""
    text = store.document(document_id)["text"]
    layers = tuple(layers if layers is not None else review_layers(store, document_id))
    every = layers + (GOLD,)
    items = {(layer, kind): store.items(kind, document_id, layer) for layer in every for kind in KINDS}
    entities = {layer: {e["uid"]: e for e in items[(layer, "entity")]} for layer in every}
    rows: list[Row] = []
    for kind in SPAN_KINDS:
        for unit in _clusters({layer: items[(layer, kind)] for layer in every}):
            if set(unit) != {GOLD}:
                rows.append(_span_row(kind, unit, text, entities, layers))
    stances: dict[tuple, Row] = {}
    for layer in every:
        for item in items[(layer, "stance")]:
            key = _key("stance", item, text, entities[layer])
            row = stances.get(key)
            if row is None:
                holder = entities[layer].get(item.get("holder_uid") or "")
                span = (holder["start"], holder["end"]) if holder else (
                    item.get("evidence_start"), item.get("evidence_end"))
                row = stances[key] = Row("stance", key, span[0], span[1], layers=layers)
            value = item["polarity"]
            mark = ("stance",) + key + (value,)
            if layer == GOLD:
                row.gold, row.gold_value, row.gold_mark = item, value, mark
            else:
                row.votes[layer], row.values[layer], row.marks[layer] = item, value, mark
    rows += [r for r in stances.values() if r.votes]
    _attach_decisions(rows, store.reviews(document_id))
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(rows, key=lambda r: (order[r.kind], r.start if r.start is not None else 1 << 62, r.key))


def _attach_decisions(rows: list[Row], decisions: list[dict]) -> None:
    by_uid: dict[str, list[dict]] = {}
    for d in decisions:
        for uid in {d["source_uid"], d["gold_uid"]} - {None}:
            by_uid.setdefault(uid, []).append(d)
    for row in rows:
        uids = [item["uid"] for item in row.votes.values()] + ([row.gold["uid"]] if row.gold else [])
        seen = {d["id"]: d for uid in uids for d in by_uid.get(uid, ())}
        row.decisions = [seen[i] for i in sorted(seen)]


def disagreements(rows: list[Row]) -> list[Row]:
    return [r for r in rows if not r.agreed and not r.decided]


def next_disagreement(store: ProjectStore, document_id: int, after: int = -1,
                      rows: list[Row] | None = None) -> tuple[int, int] | None:
    """(document id, row index) of the next open disagreement: in this
    document after row ``after``, then in later documents, then earlier ones
    and the start of this one (wrapping).

    Only documents the store cannot show to be settled are compared
    (``review_candidates``: one query), so a project of agreeing documents
    costs one query, not a comparison per document. ``rows``: this document's,
    when the caller has them already (the review window does)."""
    rows = compare(store, document_id) if rows is None else rows
    open_rows = [i for i, row in enumerate(rows) if not row.agreed and not row.decided]
    for i in open_rows:
        if i > after:
            return document_id, i
    ids = store.review_candidates()
    later = [d for d in ids if d > document_id] + [d for d in ids if d < document_id]
    for doc in later:
        for i, row in enumerate(compare(store, doc)):
            if not row.agreed and not row.decided:
                return doc, i
    return (document_id, open_rows[0]) if open_rows else None


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
        target = _row_gold(store, kind, source)
        if target is not None and (target["start"], target["end"]) != (source["start"], source["end"]):
            # another variant of this row is in gold: replace it, do not add a second one
            edit.update("entity", target, start=source["start"], end=source["end"], label=source["label"])
            return target["uid"]
        return edit.ensure_entity(source, uids["item"])
    src_entities = {e["uid"]: e for e in store.items("entity", doc, source["layer"])}
    if kind == "quote":
        speaker = src_entities.get(source.get("speaker_uid") or "")
        fields = dict(kind=source["kind"], cue_start=source["cue_start"], cue_end=source["cue_end"],
                      speaker_uid=edit.ensure_entity(speaker, uids["speaker"]) if speaker else None,
                      speaker_name=_speaker(source, text, src_entities))
        target = _row_gold(store, "quote", source)
        if target is not None:
            edit.update("quote", target, start=source["start"], end=source["end"], **fields)
            return target["uid"]
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


def _row_gold(store: ProjectStore, kind: str, source: dict) -> dict | None:
    """Gold's item in the review row of ``source`` (same span, or an overlapping
    variant grouped with it), if any."""
    doc = source["document_id"]
    gold = store.items(kind, doc, GOLD)
    span = (source["start"], source["end"])
    exact = next((g for g in gold if (g["start"], g["end"]) == span), None)
    if exact is not None or not any(g["start"] < span[1] and span[0] < g["end"] for g in gold):
        return exact  # the common cases, without lining the whole document up
    for row in compare(store, doc):
        if row.kind == kind and row.votes.get(source["layer"], {}).get("uid") == source["uid"]:
            return row.gold
    return None


def reject(store: ProjectStore, row: Row) -> Change:
    """Say "not in gold" for a row: gold's item there (if any) is removed and
    a 'reject' decision is recorded for each annotator's item. One undoable change."""
    store.check_write(GOLD)
    if not row.votes:
        raise ValueError("nothing to reject here")
    doc = next(iter(row.votes.values()))["document_id"]
    gold_uid = row.gold["uid"] if row.gold is not None else None
    removal = annotate.delete(store, row.kind, gold_uid) if gold_uid else None
    state: dict = {}

    def redo():
        with store.write():
            if removal is not None:
                removal.redo()
            state["reviews"] = [store.record_review(doc, row.kind, "reject", layer, item["uid"], gold_uid)
                                for layer, item in row.votes.items()]

    def undo():
        with store.write():
            for review_id in reversed(state["reviews"]):
                store.drop_review(review_id)
            if removal is not None:
                removal.undo()

    return Change(f"reject {row.kind}: not in gold", redo, undo, doc)


def edit_gold(store: ProjectStore, kind: str, gold_uid: str, **fields) -> Change:
    """Change a gold item (label, speaker, polarity) as a review decision: recorded
    as an 'edit', so the row stays decided though gold now differs from every layer."""
    store.check_write(GOLD)
    item = store.item(kind, gold_uid)
    if item is None or item["layer"] != GOLD:
        raise KeyError(f"no gold {kind} {gold_uid}")
    change = annotate.update(store, kind, gold_uid, **fields)
    state: dict = {}

    def redo():
        with store.write():
            change.redo()
            state["review"] = store.record_review(item["document_id"], kind, "edit", None, None, gold_uid)

    def undo():
        with store.write():
            store.drop_review(state["review"])
            change.undo()

    return Change(f"edit gold {kind}", redo, undo, item["document_id"])


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
    counts: dict[tuple, int] = {}
    for mark in row.marks.values():
        counts[mark] = counts.get(mark, 0) + 1
    best = max(counts.values())
    return next(layer for layer in row.layers if layer in row.marks and counts[row.marks[layer]] == best)


def document_agreement(rows: list[Row]) -> dict:
    """This document's figures for the review header.

    ``rows_agreed``: rows where every layer gave the same value; ``settled``:
    rows decided in gold, ``rejected`` of them by "not in gold". ``with_gold``:
    per layer, F1 of its (place, value) pairs against gold's — what changes as
    the reviewer settles the document.
    """
    layers = rows[0].layers if rows else ()
    gold = {r.gold_mark for r in rows if r.gold is not None}
    with_gold = {}
    for layer in layers:
        mine = {r.marks[layer] for r in rows if layer in r.marks}
        tp = len(mine & gold)
        with_gold[layer] = (2 * tp / (len(mine) + len(gold))) if gold and (mine or gold) else None
    return {"rows": len(rows), "rows_agreed": sum(r.agreed for r in rows),
            "open": len(disagreements(rows)), "settled": sum(r.decided for r in rows),
            "rejected": sum(r.rejected for r in rows), "with_gold": with_gold}
