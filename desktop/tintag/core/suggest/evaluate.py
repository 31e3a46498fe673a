"""How good are the suggestions? Compare them with a layer (e.g. gold).

Entities: precision/recall/F1 per label, exact (same span and label) and
overlap (spans share a character, same label). Quotes: span F1 (exact and
overlap). Speakers: of gold quotes matched by a suggested quote (overlap),
the share whose speaker names the same person (same span, or one name inside
the other). Stances: of gold stances whose holder and target were both
suggested, the share with the same polarity.
"""
from __future__ import annotations

from collections import defaultdict

from tintag.core.store import ProjectStore


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_count(pred: list[tuple], gold: list[tuple], overlap: bool) -> int:
    """Greedy one-to-one matching of (start, end, label) spans."""
    used, tp = set(), 0
    for g in gold:
        for i, p in enumerate(pred):
            if i in used or p[2] != g[2]:
                continue
            if (p[:2] == g[:2]) if not overlap else _overlaps(p[:2], g[:2]):
                used.add(i)
                tp += 1
                break
    return tp


def _same_person(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.lower().strip(), b.lower().strip()
    return a == b or a in b or b in a


def evaluate_document(text: str, suggested: list[dict], gold: dict) -> dict:
    """Counts for one document: ``suggested`` are suggestion rows, ``gold`` has
    entities/quotes/stances as native records hold them."""
    by_kind = defaultdict(list)
    for row in suggested:
        by_kind[row["kind"]].append(row["payload"])
    counts: dict = {"entities": defaultdict(lambda: defaultdict(int))}
    pred_e = [(p["start"], p["end"], p["label"]) for p in by_kind["entity"]]
    gold_e = [(g["start"], g["end"], g["label"]) for g in gold["entities"]]
    for label in {e[2] for e in pred_e + gold_e}:
        pl = [e for e in pred_e if e[2] == label]
        gl = [e for e in gold_e if e[2] == label]
        c = counts["entities"][label]
        c["pred"] += len(pl)
        c["gold"] += len(gl)
        c["exact"] += match_count(pl, gl, overlap=False)
        c["overlap"] += match_count(pl, gl, overlap=True)
    pred_q = [(p["start"], p["end"], "Q") for p in by_kind["quote"]]
    gold_q = [(g["start"], g["end"], "Q") for g in gold["quotes"]]
    counts["quotes"] = {"pred": len(pred_q), "gold": len(gold_q),
                        "exact": match_count(pred_q, gold_q, False),
                        "overlap": match_count(pred_q, gold_q, True)}
    speakers = {"matched": 0, "correct": 0}
    for g in gold["quotes"]:
        match = next((p for p in by_kind["quote"] if _overlaps((p["start"], p["end"]), (g["start"], g["end"]))), None)
        if match is None:
            continue
        speakers["matched"] += 1
        gold_name = g.get("speaker_name") or (g.get("speaker") or {}).get("text")
        pred_name = match.get("speaker_name") or (match.get("speaker") or {}).get("text")
        speakers["correct"] += _same_person(gold_name, pred_name)
    counts["speakers"] = speakers
    stances = {"matched": 0, "correct": 0}
    for g in gold["stances"]:
        g_holder = _party_name(g["holder"])
        g_target = _party_name(g["target"])
        match = next((p for p in by_kind["stance"]
                      if _same_person(g_holder, p["holder_name"]) and _same_person(g_target, p["target_name"])), None)
        if match is None:
            continue
        stances["matched"] += 1
        stances["correct"] += match["polarity"] == g["polarity"]
    counts["stances"] = stances
    return counts


def _party_name(party: dict | None) -> str | None:
    if not party:
        return None
    return party.get("text") or party.get("name")


def evaluate(store: ProjectStore, against: str) -> dict:
    """Report over every document that has items in layer ``against``."""
    from tintag.core.export.native import records

    totals: dict = {"entities": defaultdict(lambda: defaultdict(int)),
                    "quotes": defaultdict(int), "speakers": defaultdict(int), "stances": defaultdict(int)}
    documents = 0
    for record in records(store, layers=[against]):
        if not (record["entities"] or record["quotes"] or record["stances"]):
            continue
        documents += 1
        doc = store.document_by_uid(record["id"])
        counts = evaluate_document(record["text"], store.suggestions(doc["id"]), record)
        for label, c in counts["entities"].items():
            for k, v in c.items():
                totals["entities"][label][k] += v
        for part in ("quotes", "speakers", "stances"):
            for k, v in counts[part].items():
                totals[part][k] += v
    entities = {}
    for label, c in sorted(totals["entities"].items()):
        entities[label] = {"exact": prf(c["exact"], c["pred"], c["gold"]),
                           "overlap": prf(c["overlap"], c["pred"], c["gold"])}
    all_c = defaultdict(int)
    for c in totals["entities"].values():
        for k, v in c.items():
            all_c[k] += v
    entities["ALL"] = {"exact": prf(all_c["exact"], all_c["pred"], all_c["gold"]),
                       "overlap": prf(all_c["overlap"], all_c["pred"], all_c["gold"])}
    q = totals["quotes"]
    sp, st = totals["speakers"], totals["stances"]
    return {
        "against": against, "documents": documents, "entities": entities,
        "quotes": {"exact": prf(q["exact"], q["pred"], q["gold"]),
                   "overlap": prf(q["overlap"], q["pred"], q["gold"])},
        "speaker_accuracy": {"accuracy": round(sp["correct"] / sp["matched"], 4) if sp["matched"] else 0.0,
                             **dict(sp)},
        "stance_accuracy": {"accuracy": round(st["correct"] / st["matched"], 4) if st["matched"] else 0.0,
                            **dict(st)},
    }
