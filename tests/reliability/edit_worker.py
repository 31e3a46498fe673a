"""A scripted annotator, run as a subprocess by the reliability tests.

    python edit_worker.py PROJECT --layer L --seed N [--edits N] [--backup] [--peer LAYER]

It opens the project the way the window does and applies a seeded random
stream of edits through ``tintag.core.annotate`` — the very functions behind
the window's keys: tag_span, make_quote, make_stance, update, delete,
set_status, accept, reject, and undo of its own earlier edits. Each edit is
reported on stdout as

    try {"n": 7, "op": "tag", "effects": [...]}   before the function is called
    ok {"n": 7}                                   after it returned (= committed)

and flushed, so a test that SIGKILLs this process knows every committed edit
and the one (at most) that may or may not have reached the file. Effects say
what the layer looks like afterwards:

    ["put", uid, [kind, document, ...fields]]   the item exists with these fields
    ["gone", uid]                               the item does not exist (nor quotes' links to it)
    ["status", document, status]                the layer's status of a document
    ["decision", document, key, decision|null]  the layer's decision on a suggestion

``read_state`` and ``apply_effects`` (used by the tests too) turn a project
and a stream of effects into comparable states. With ``--edits N`` it stops
after N edits and prints ``done``; with ``--peer LAYER`` it then waits for a
line on stdin and prints ``peer <state of LAYER>`` as its own connection sees
it. Any exception ends it with a traceback on stderr and exit status 1.
"""
from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from pathlib import Path

# sqlite_utils imports pandas and numpy when they are installed (the test
# extras pull them in): a third of a second per start, and the crash test
# starts this script hundreds of times. Nothing the edits run uses them.
for _heavy in ("pandas", "numpy"):
    sys.modules.setdefault(_heavy, None)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tintag.core import annotate  # noqa: E402
from tintag.core.store import STATUSES, ProjectStore  # noqa: E402

ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC")
POLARITIES = ("support", "oppose", "neutral")
EMPTY_STATE = {"items": {}, "status": {}, "decisions": {}}


# ------------------------------------------------------------ shared model
def read_state(conn, layer: str) -> dict:
    """The layer as comparable data: items by uid, non-default statuses, decisions."""
    items = {}
    for uid, doc, start, end, label in conn.execute(
            'SELECT uid, document_id, start, "end", label FROM entities WHERE layer = ?', (layer,)):
        items[uid] = ["entity", doc, start, end, label]
    for uid, doc, start, end, kind, speaker in conn.execute(
            'SELECT uid, document_id, start, "end", kind, speaker_uid FROM quotes WHERE layer = ?',
            (layer,)):
        items[uid] = ["quote", doc, start, end, kind, speaker]
    for uid, doc, polarity in conn.execute(
            "SELECT uid, document_id, polarity FROM stances WHERE layer = ?", (layer,)):
        items[uid] = ["stance", doc, polarity]
    status = {str(doc): st for doc, st in conn.execute(
        "SELECT document_id, status FROM assignments WHERE layer = ? AND status != 'todo'", (layer,))}
    decisions = {f"{doc}\t{key}": d for doc, key, d in conn.execute(
        "SELECT document_id, key, decision FROM suggestion_decisions WHERE layer = ?", (layer,))}
    return {"items": items, "status": status, "decisions": decisions}


def apply_effects(state: dict, effects: list) -> dict:
    state = copy.deepcopy(state)
    for effect in effects:
        what = effect[0]
        if what == "put":
            state["items"][effect[1]] = list(effect[2])
        elif what == "gone":
            state["items"].pop(effect[1], None)
            for item in state["items"].values():  # speaker_uid … ON DELETE SET NULL
                if item[0] == "quote" and item[5] == effect[1]:
                    item[5] = None
        elif what == "status":
            if effect[2] == "todo":
                state["status"].pop(str(effect[1]), None)
            else:
                state["status"][str(effect[1])] = effect[2]
        elif what == "decision":
            key = f"{effect[1]}\t{effect[2]}"
            if effect[3] is None:
                state["decisions"].pop(key, None)
            else:
                state["decisions"][key] = effect[3]
        else:
            raise ValueError(f"unknown effect {effect!r}")
    return state


def parse_report(stdout: str) -> tuple[list[list], list | None]:
    """(effects of every committed edit in order, effects of the one in flight or None).

    A last line cut off by the kill (no newline) was not reported.
    """
    lines = stdout.split("\n")[:-1]  # the part after the last newline is incomplete
    tries: dict[int, list] = {}
    order: list[int] = []
    committed: list[list] = []
    for line in lines:
        if line.startswith("try "):
            record = json.loads(line[4:])
            tries[record["n"]] = record["effects"]
            order.append(record["n"])
        elif line.startswith("ok "):
            n = json.loads(line[3:])["n"]
            committed.append(tries.pop(n))
    if len(tries) > 1:
        raise AssertionError(f"edits started but never reported: {sorted(tries)}")
    pending = next(iter(tries.values())) if tries else None
    if pending is not None and order[-1] not in tries:
        raise AssertionError("an edit was started after one that was never reported")
    return committed, pending


# ----------------------------------------------------------------- worker
class Worker:
    def __init__(self, store: ProjectStore, layer: str, rnd: random.Random):
        self.store, self.layer, self.rnd = store, layer, rnd
        self.docs = {d: store.document(d)["text"] for d in store.document_ids()}
        self.state = read_state(store.conn, layer)
        self.undo: list[tuple[annotate.Change, list]] = []  # (change, effects of undoing it)
        self.n = 0

    def items(self, kind: str | None = None, doc: int | None = None) -> list[tuple[str, list]]:
        return [(uid, v) for uid, v in sorted(self.state["items"].items())
                if (kind is None or v[0] == kind) and (doc is None or v[1] == doc)]

    def status(self, doc: int) -> str:
        return self.state["status"].get(str(doc), "todo")

    def run(self, change: annotate.Change, op: str, effects: list, inverse: list | None) -> None:
        self.n += 1
        emit("try", {"n": self.n, "op": op, "effects": effects})
        change.redo()
        emit("ok", {"n": self.n})
        self.state = apply_effects(self.state, effects)
        if inverse is not None:
            self.undo.append((change, inverse))

    def step(self) -> None:
        ops = ["tag"] * 30 + ["quote"] * 10 + ["stance"] * 8 + ["update"] * 14 + ["delete"] * 12 \
            + ["status"] * 6 + ["accept"] * 8 + ["reject"] * 4 + ["undo"] * 8
        while not getattr(self, "op_" + self.rnd.choice(ops))():
            pass  # that edit was not possible now (nothing to delete …): pick again

    # -- one method per edit; False when it does not apply to the current state
    def span(self, doc: int, longest: int) -> tuple[int, int]:
        text = self.docs[doc]
        start = self.rnd.randrange(len(text) - 1)
        return start, min(len(text), start + self.rnd.randint(1, longest))

    def op_tag(self) -> bool:
        doc = self.rnd.choice(sorted(self.docs))
        s, e = self.span(doc, 30)
        start, end = annotate.snap_to_words(self.docs[doc], s, e)
        if start >= end:
            return False
        label = self.rnd.choice(ENTITY_LABELS)
        change = annotate.tag_span(self.store, doc, self.layer, s, e, label)
        uid = change.created[0][1]
        self.run(change, "tag", [["put", uid, ["entity", doc, start, end, label]]], [["gone", uid]])
        return True

    def op_quote(self) -> bool:
        doc = self.rnd.choice(sorted(self.docs))
        text = self.docs[doc]
        start, end = self.span(doc, 120)
        while start < end and not text[start].isalnum():  # words at both edges: what make_quote keeps
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if start >= end:
            return False
        people = [uid for uid, v in self.items("entity", doc) if v[4] in ("PER", "ORG")]
        speaker = self.rnd.choice(people) if people and self.rnd.random() < 0.7 else None
        kind = self.rnd.choice(("direct", "indirect"))
        change = annotate.make_quote(self.store, doc, self.layer, start, end, speaker_uid=speaker, kind=kind)
        uid = change.created[0][1]
        self.run(change, "quote", [["put", uid, ["quote", doc, start, end, kind, speaker]]],
                 [["gone", uid]])
        return True

    def op_stance(self) -> bool:
        with_entities = sorted({v[1] for _, v in self.items("entity")})
        if not with_entities:
            return False
        doc = self.rnd.choice(with_entities)
        entities = [uid for uid, _ in self.items("entity", doc)]
        quotes = [uid for uid, _ in self.items("quote", doc)]
        holder = self.rnd.choice(entities)
        others = [uid for uid in entities if uid != holder]
        target = self.rnd.choice(others) if others and self.rnd.random() < 0.7 else None
        polarity = self.rnd.choice(POLARITIES)
        change = annotate.make_stance(
            self.store, doc, self.layer, polarity, holder_uid=holder, target_uid=target,
            target_name=None if target else "Chính phủ",
            evidence_quote_uid=self.rnd.choice(quotes) if quotes and self.rnd.random() < 0.5 else None)
        uid = change.created[0][1]
        self.run(change, "stance", [["put", uid, ["stance", doc, polarity]]], [["gone", uid]])
        return True

    def op_update(self) -> bool:
        items = self.items()
        if not items:
            return False
        uid, old = self.rnd.choice(items)
        new = list(old)
        if old[0] == "entity":
            new[4] = self.rnd.choice([x for x in ENTITY_LABELS if x != old[4]])
            change = annotate.update(self.store, "entity", uid, label=new[4])
        elif old[0] == "quote":
            # (the speaker, as the side panel does: annotate.update(store, kind, uid, **changes)
            # cannot change a quote's own 'kind' field, its name clashes with the parameter)
            people = [e for e, v in self.items("entity", old[1]) if v[4] in ("PER", "ORG")]
            choices = [e for e in people + [None] if e != old[5]]
            if not choices:
                return False
            new[5] = self.rnd.choice(choices)
            change = annotate.update(self.store, "quote", uid, speaker_uid=new[5])
        else:
            new[2] = self.rnd.choice([x for x in POLARITIES if x != old[2]])
            change = annotate.update(self.store, "stance", uid, polarity=new[2])
        self.run(change, "update", [["put", uid, new]], [["put", uid, old]])
        return True

    def op_delete(self) -> bool:
        items = self.items()
        if not items:
            return False
        uid, old = self.rnd.choice(items)
        change = annotate.delete(self.store, old[0], uid)
        # undo puts the item back and re-links the quotes it spoke
        relinked = [["put", q, v] for q, v in self.items("quote") if v[5] == uid]
        self.run(change, "delete", [["gone", uid]], [["put", uid, old]] + relinked)
        return True

    def op_status(self) -> bool:
        doc = self.rnd.choice(sorted(self.docs))
        status = self.rnd.choice(STATUSES)
        before = self.status(doc)
        change = annotate.set_status(self.store, doc, self.layer, status)
        self.run(change, "status", [["status", doc, status]], [["status", doc, before]])
        return True

    def open_suggestions(self) -> list[dict]:
        doc = self.rnd.choice(sorted(self.docs))
        return self.store.suggestions(doc, layer=self.layer, kind="entity", open_only=True)

    def op_accept(self) -> bool:
        found = self.open_suggestions()
        if not found:
            return False
        s = self.rnd.choice(found)
        p, doc = s["payload"], s["document_id"]
        change = annotate.accept(self.store, self.layer, s)
        made = [uid for kind, uid in change.created]
        effects = [["put", uid, ["entity", doc, p["start"], p["end"], p["label"]]] for uid in made]
        effects.append(["decision", doc, s["key"], "accepted"])
        inverse = [["gone", uid] for uid in made] + [["decision", doc, s["key"], None]]
        self.run(change, "accept", effects, inverse)
        return True

    def op_reject(self) -> bool:
        found = self.open_suggestions()
        if not found:
            return False
        s = self.rnd.choice(found)
        change = annotate.reject(self.store, self.layer, s)
        self.run(change, "reject", [["decision", s["document_id"], s["key"], "rejected"]],
                 [["decision", s["document_id"], s["key"], None]])
        return True

    def op_undo(self) -> bool:
        if not self.undo:
            return False
        change, inverse = self.undo.pop()
        self.n += 1
        emit("try", {"n": self.n, "op": "undo " + change.text, "effects": inverse})
        change.undo()
        emit("ok", {"n": self.n})
        self.state = apply_effects(self.state, inverse)
        return True


def emit(word: str, payload) -> None:
    sys.stdout.write(f"{word} {json.dumps(payload, ensure_ascii=False, separators=(',', ':'))}\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("--layer", required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--edits", type=int, default=0, help="stop after this many (0: until killed)")
    parser.add_argument("--backup", action="store_true", help="take a backup on open, as the window does")
    parser.add_argument("--peer", help="after the edits, wait for stdin and print this layer's state")
    args = parser.parse_args(argv)
    print("opening", flush=True)
    store = ProjectStore.open(args.project, actor=args.layer)
    if args.backup:
        from tintag.core.backup import take_backup

        take_backup(args.project)
    worker = Worker(store, args.layer, random.Random(args.seed))
    print("ready", flush=True)
    while not args.edits or worker.n < args.edits:
        worker.step()
    print("done", flush=True)
    if args.peer:
        sys.stdin.readline()  # the test says when every worker has finished
        emit("peer", read_state(store.conn, args.peer))
        emit("self", read_state(store.conn, args.layer))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
