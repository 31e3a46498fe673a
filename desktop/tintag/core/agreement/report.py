"""Inter-annotator agreement of a whole project: every pair of layers, and all.

Which documents count
    A document counts for a layer when the layer holds any entity, quote or
    stance there, **or** its assignment status is ``done`` (an empty "done"
    document is a real "no entities here" answer; an untouched document is
    missing, not a disagreement). A pair is compared on the documents that
    count for both; "all" uses the documents that count for at least two.

What is measured (per entity label, and ``ALL`` = every label together)
    - span F1, exact and overlap (``spans.py``); "all" pools the counts of
      every pair, so it is the pairwise F1 over all pairs' documents;
    - Cohen's kappa on token-level BIO tags: underthesea words
      (``tintag.core.export.tokens.segment``), tagged like the 🤗/CoNLL
      exports; every token of the shared documents is one item. ``ALL`` uses
      the full tag set (B-X, I-X, O); a label uses "inside an X entity or not"
      (one against the rest). For "all" with three or more layers: Fleiss'
      kappa over every token of the documents that count for at least two
      layers. Fleiss needs the same *number* of raters per item, not the same
      raters, so "every document to 2 of 4 annotators" is plain Fleiss with
      m = 2; when documents have different numbers of layers, the kappa is
      Gwet's generalisation to a varying number of raters (``kappa.py``),
      which equals Fleiss' wherever the number is the same — better than
      keeping only the documents of one number and dropping the rest. The
      report says which numbers occurred (``kappa.raters``). With two layers
      "all" is that pair;
    - quote span F1 (exact and overlap), all quotes as one label;
    - Krippendorff's alpha (nominal, missing values allowed) for stance
      polarity and quote speaker attribution (``units.py``): a layer that did
      not rate a unit is missing for it, so these measure agreement on the
      value where both found the item; units found by one layer only are
      counted as ``unpaired``.

Degenerate figures (``kappa.py``, ``alpha.py``): nothing to compare → ``None``
(shown "—"); one single category everywhere → 1.0.

Only ``ProjectStore`` reads the project, so its permission checks apply (in
blind mode an annotator asking for another layer gets ``PermissionDenied``).
Documents are segmented only when at least two layers share them.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations

from tintag.core.store import ProjectStore
from tintag.core.store.access import RESERVED_NAMES
from tintag.core.store.team_queries import layer_coverage

from .alpha import nominal_alpha
from .kappa import cohen_kappa, fleiss_kappa_patterns
from .spans import ALL, SpanTally
from .tokens import CACHE, ParallelSegmenter, TagCodes, tag_tokens
from .units import cluster_spans, speaker_value, stance_values

EXCLUDED_BY_DEFAULT = RESERVED_NAMES  # gold and the suggestions pseudo-layer
QUOTE = "QUOTE"
BATCH = 128  # documents read (and segmented in parallel) at a time


class AgreementCancelled(Exception):
    """``cancelled()`` returned True; nothing was reported."""


def default_layers(store: ProjectStore) -> list[str]:
    """Every annotator layer: all layers but gold and suggestions."""
    return [layer for layer in store.layers() if layer not in EXCLUDED_BY_DEFAULT]


def choose_layers(store: ProjectStore, layers: Sequence[str] | None) -> list[str]:
    if layers is None:
        chosen = default_layers(store)
    else:
        known = set(store.layers())
        chosen = []
        for layer in layers:
            store.check_read(layer)  # blind mode: PermissionDenied, not "no layer named"
            if layer not in known:
                raise ValueError(f"no layer named {layer!r}")
            if layer not in chosen:
                chosen.append(layer)
    if len(chosen) < 2:
        found = ", ".join(chosen) or "none"
        raise ValueError(f"agreement needs at least two layers (found: {found})")
    return chosen


class _Comparison:
    """Running counts for one pair of layers, or for all of them."""

    def __init__(self, layers: Sequence[str]):
        self.layers = list(layers)
        self.documents = 0
        self.tokens = 0
        self.entities = SpanTally()
        self.quotes = SpanTally()
        self.confusion: Counter = Counter()  # (tag of a, tag of b) or a tuple per token
        self.raters: Counter = Counter()  # "all": documents per number of layers
        self.raters_tokens: Counter = Counter()  # "all": tokens per number of layers
        self.stance_units: list[tuple] = []
        self.speaker_units: list[tuple] = []


def agreement_report(store: ProjectStore, layers: Sequence[str] | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, workers: int = 1) -> dict:
    """Everything in the module doc, as a JSON-ready dict (see ``format_table``).

    ``progress(done, total)`` after each document; ``cancelled()`` is polled
    between documents (then :class:`AgreementCancelled` is raised);
    ``workers`` > 1 segments new documents in that many processes.
    """
    layers = choose_layers(store, layers)
    coverage = layer_coverage(store, layers)
    shared: dict[int, list[str]] = {}
    for document_id in sorted(set().union(*coverage.values())):
        present = [layer for layer in layers if document_id in coverage[layer]]
        if len(present) >= 2:
            shared[document_id] = present
    codes = TagCodes(label["name"] for label in store.labels("entity"))
    pairs = {pair: _Comparison(pair) for pair in combinations(layers, 2)}
    every = _Comparison(layers)
    fleiss = len(layers) >= 3
    if progress:
        progress(0, len(shared))
    items = list(shared.items())
    done = 0
    with ParallelSegmenter(CACHE, workers) as segmenter:
        for first in range(0, len(items), BATCH):
            batch = items[first:first + BATCH]
            documents = {document_id: store.document(document_id) for document_id, _ in batch}
            segmenter.fill([(d["text_sha256"], d["text"]) for d in documents.values()])
            for document_id, present in batch:
                if cancelled and cancelled():
                    raise AgreementCancelled()
                _compare_document(store, documents[document_id], present, layers, pairs, every,
                                  fleiss, codes)
                done += 1
                if progress:
                    progress(done, len(shared))
    used = set()
    for comparison in (*pairs.values(), every):
        used |= set(comparison.entities.counts)
    labels = [label for label in codes.labels if label in used]
    return {
        "layers": layers,
        "labels": labels,
        "documents": {"annotated": {layer: len(coverage[layer]) for layer in layers},
                      "shared": len(shared)},
        "pairs": [_pair_result(c, labels, codes) for c in pairs.values()],
        "all": _all_result(every, pairs, labels, codes, fleiss),
        "rules": {
            "document_counts": "a layer has any entity, quote or stance there, or status done",
            "pairs": "documents that count for both layers",
            "all": "documents that count for at least two layers",
            "kappa_all": ("Fleiss' kappa on every token of the documents that count for at "
                          "least two layers; a varying number of layers per document: Gwet's "
                          "generalisation (Fleiss' own where the number is the same)" if fleiss
                          else "Cohen's kappa of the only pair"),
            "tokens": "underthesea words; BIO tags as in the exports; a label is one-vs-rest",
            "alpha_units": "stance: (document, holder, target) by surface text or name; "
                           "speaker: quotes matched across layers by overlapping span",
            "degenerate": "nothing to compare: null; a single category everywhere: 1.0",
        },
    }


def _compare_document(store, document, present, layers, pairs, every, fleiss, codes) -> None:
    document_id, text = document["id"], document["text"]
    seg = CACHE.get(document["text_sha256"], text)
    spans, quote_spans, tags, stances, speakers = {}, {}, {}, {}, {}
    for layer in present:
        entities = store.entities(document_id, layer)
        quotes = store.quotes(document_id, layer)
        lookup = _Lookup(store, {e["uid"]: e for e in entities})  # one per layer: fetched rows are kept
        for e in entities:
            codes.code(e["label"])
        spans[layer] = [(e["start"], e["end"], e["label"]) for e in entities]
        quote_spans[layer] = [(q["start"], q["end"]) for q in quotes]
        tags[layer] = tag_tokens(seg, entities, codes)
        stances[layer] = stance_values(text, store.stances(document_id, layer), lookup)
        speakers[layer] = [speaker_value(text, q, lookup) for q in quotes]
    for a, b in combinations(present, 2):
        c = pairs[(a, b)]
        c.documents += 1
        c.tokens += len(seg)
        c.entities.add(spans[a], spans[b])
        c.quotes.add([(s, e, QUOTE) for s, e in quote_spans[a]], [(s, e, QUOTE) for s, e in quote_spans[b]])
        c.confusion.update(zip(tags[a], tags[b]))
        for key in stances[a].keys() | stances[b].keys():
            c.stance_units.append((stances[a].get(key), stances[b].get(key)))
        for unit in cluster_spans({a: quote_spans[a], b: quote_spans[b]}):
            c.speaker_units.append((_speaker(speakers, a, unit), _speaker(speakers, b, unit)))
    every.documents += 1
    if fleiss:  # every document with ≥ 2 layers; patterns may differ in length
        every.tokens += len(seg)
        every.raters[len(present)] += 1
        every.raters_tokens[len(present)] += len(seg)
        every.confusion.update(zip(*(tags[layer] for layer in present)))
    keys = set().union(*(stances[layer].keys() for layer in present))
    for key in keys:
        every.stance_units.append(tuple(stances[layer].get(key) if layer in stances else None
                                        for layer in layers))
    for unit in cluster_spans({layer: quote_spans[layer] for layer in present}):
        every.speaker_units.append(tuple(_speaker(speakers, layer, unit) for layer in layers))


def _speaker(speakers: dict, layer: str, unit: dict) -> str | None:
    index = unit.get(layer)
    return None if index is None else speakers[layer][index]


class _Lookup(dict):
    """Entity rows by uid: the layer's own, else (rare: a speaker from another
    layer) read through the store."""

    def __init__(self, store: ProjectStore, own: dict):
        super().__init__(own)
        self.store = store

    def __contains__(self, uid) -> bool:
        if dict.__contains__(self, uid):
            return True
        row = self.store.item("entity", uid)
        if row is not None:
            self[uid] = row
        return row is not None


def _kappa_per_label(confusion: Counter, labels: Sequence[str], codes: TagCodes, fleiss: bool) -> dict:
    def measure(table):
        return fleiss_kappa_patterns(table, varying_raters=True) if fleiss else cohen_kappa(table)
    out = {label: _round(measure(_one_vs_rest(confusion, label, codes))) for label in labels}
    out[ALL] = _round(measure(confusion))
    return out


def _one_vs_rest(confusion: Counter, label: str, codes: TagCodes) -> Counter:
    binary: Counter = Counter()
    for tags, n in confusion.items():
        binary[tuple(codes.label_of(t) == label for t in tags)] += n
    return binary


def _pair_result(c: _Comparison, labels, codes) -> dict:
    entities = c.entities.result(labels)
    kappas = _kappa_per_label(c.confusion, labels, codes, fleiss=False)
    for label, figures in entities.items():
        figures["kappa"] = kappas.get(label)
    return {
        "a": c.layers[0], "b": c.layers[1], "documents": c.documents, "tokens": c.tokens,
        "entities": entities,
        "quotes": c.quotes.result([QUOTE])[ALL],
        "stance_polarity": _alpha(c.stance_units),
        "quote_speaker": _alpha(c.speaker_units),
    }


def _all_result(every: _Comparison, pairs: dict, labels, codes, fleiss: bool) -> dict:
    entities_tally, quotes_tally = SpanTally(), SpanTally()
    for c in pairs.values():
        entities_tally.merge(c.entities)
        quotes_tally.merge(c.quotes)
    entities = entities_tally.result(labels)
    if fleiss:
        kappas = _kappa_per_label(every.confusion, labels, codes, fleiss=True)
        kappa_info = {"method": "fleiss", "documents": every.documents, "tokens": every.tokens,
                      "raters": [{"raters": k, "documents": every.raters[k],
                                  "tokens": every.raters_tokens[k]} for k in sorted(every.raters)]}
    else:
        (only,) = pairs.values()
        kappas = _kappa_per_label(only.confusion, labels, codes, fleiss=False)
        kappa_info = {"method": "cohen", "documents": only.documents, "tokens": only.tokens}
    for label, figures in entities.items():
        figures["kappa"] = kappas.get(label)
    return {
        "layers": every.layers, "documents": every.documents, "kappa": kappa_info,
        "entities": entities,
        "quotes": quotes_tally.result([QUOTE])[ALL],
        "stance_polarity": _alpha(every.stance_units),
        "quote_speaker": _alpha(every.speaker_units),
    }


def _alpha(units) -> dict:
    r = nominal_alpha(units)
    return {"alpha": _round(r.alpha), "units": r.units, "values": r.values, "unpaired": r.unpaired}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# ------------------------------------------------------------------ table
def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def format_table(report: dict) -> str:
    """The report as plain text: one block of rows per pair that shares a
    document, and for all."""
    layers = report["layers"]
    lines = [f"Agreement between {', '.join(layers)}: {report['documents']['shared']} documents "
             f"answered by at least two of them",
             "(a document counts for a layer when it holds an annotation there or is marked done)"]
    # with "every document to 2 of N" most pairs never meet: their blocks would be all "—"
    shown = [p for p in report["pairs"] if p["documents"]]
    left_out = len(report["pairs"]) - len(shown)
    if left_out:
        lines.append(f"({left_out} of {len(report['pairs'])} pairs share no answered document and "
                     f"are left out; --json lists them with documents: 0)")
    lines.append("")
    groups = [(f"{p['a']} ↔ {p['b']}", p, p["documents"], p["tokens"]) for p in shown]
    every = report["all"]
    groups.append(("all", every, every["documents"], every["kappa"]["tokens"]))
    header = ["", "label", "docs", "spans", "F1 exact", "F1 overlap", "tokens", "kappa"]
    rows = []
    for name, group, documents, tokens in groups:
        first = True
        for label, f in group["entities"].items():
            rows.append([name if first else "", label, f"{documents:,}",
                         f"{f['spans_a'] + f['spans_b']:,}", _fmt(f["f1_exact"]),
                         _fmt(f["f1_overlap"]), f"{tokens:,}", _fmt(f["kappa"])])
            first = False
        q = group["quotes"]
        rows.append(["" if not first else name, "quotes", f"{documents:,}",
                     f"{q['spans_a'] + q['spans_b']:,}", _fmt(q["f1_exact"]), _fmt(q["f1_overlap"]),
                     "", ""])
    lines += _columns(header, rows, right_from=2)
    if every["kappa"]["method"] == "fleiss":
        lines.append("kappa for all: " + fleiss_summary(every["kappa"], len(layers)))
    lines.append("")
    header = ["", "Krippendorff's alpha", "units", "alpha", "found by one only"]
    rows = []
    for name, group, _, _ in groups:
        for n, (key, title) in enumerate((("stance_polarity", "stance polarity"),
                                          ("quote_speaker", "quote speaker"))):
            a = group[key]
            rows.append([name if n == 0 else "", title, f"{a['units']:,}", _fmt(a["alpha"]),
                         f"{a['unpaired']:,}"])
    lines += _columns(header, rows, right_from=2)
    return "\n".join(lines)


def fleiss_summary(kappa: dict, layers: int) -> str:
    """What the Fleiss figure of "all" was computed on, e.g. "Fleiss' kappa on
    12 documents answered by 2 of 4 layers (340 tokens)"."""
    counts = kappa["raters"]
    numbers = [str(r["raters"]) for r in counts] or ["at least 2"]
    who = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " or " + numbers[-1]
    detail = f"{kappa['tokens']:,} tokens"
    if len(counts) > 1:
        split = ", ".join(f"{r['documents']:,} by {r['raters']}" for r in counts)
        detail += f"; {split}; Gwet's generalisation for a varying number of raters"
    return f"Fleiss' kappa on {kappa['documents']:,} documents answered by {who} of {layers} layers ({detail})"


def _columns(header: list[str], rows: list[list[str]], right_from: int) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        out = [c.rjust(w) if i >= right_from else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(out).rstrip()
    return [line(header), *(line(r) for r in rows)]
