"""Span agreement: F1 between two annotators' spans, exact and overlapping.

Spans are ``(start, end, label)``. Agreement between two annotators has no
"gold" side, so F1 is the symmetric ``2·matched / (spans of A + spans of B)``
(the same figure whichever side is taken as reference).

- **exact**: same start, end and label; each span is matched at most once.
- **overlap**: same label and at least one shared character; a one-to-one
  *maximum* matching (augmenting paths), so the figure does not depend on the
  order in which spans are visited.

F1 is ``None`` when neither side has a span of that label (nothing to agree on;
shown as "—").
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Span = tuple[int, int, str]
ALL = "ALL"


def f1(matched: int, n_a: int, n_b: int) -> float | None:
    """Symmetric F1 (the Dice coefficient of the two span sets)."""
    return None if n_a + n_b == 0 else 2 * matched / (n_a + n_b)


def exact_matches(a: Iterable[Span], b: Iterable[Span]) -> int:
    """Spans of ``a`` that ``b`` holds too (same offsets and label), as a multiset."""
    return sum((Counter(a) & Counter(b)).values())


def overlap_matches(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Size of a maximum one-to-one matching of same-label overlapping spans."""
    by_label_b: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end, label in b:
        by_label_b[label].append((start, end))
    total = 0
    by_label_a: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end, label in a:
        by_label_a[label].append((start, end))
    for label, spans_a in by_label_a.items():
        spans_b = by_label_b.get(label)
        if spans_b:
            total += max_interval_matching(spans_a, spans_b)
    return total


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def max_interval_matching(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    """Maximum bipartite matching between two sets of intervals that overlap (Kuhn)."""
    b_sorted = sorted(b)
    starts = [s for s, _ in b_sorted]
    neighbours = []
    for sa, ea in a:
        stop = bisect_left(starts, ea)  # b with start < ea
        neighbours.append([j for j in range(stop) if b_sorted[j][1] > sa])
    match_b: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        # iterative DFS: a deep recursion could hit Python's limit on huge documents
        stack = [(i, iter(neighbours[i]))]
        path: list[tuple[int, int]] = []
        while stack:
            node, it = stack[-1]
            advanced = False
            for j in it:
                if j in seen:
                    continue
                seen.add(j)
                if j not in match_b:
                    path.append((node, j))
                    for a_node, b_node in path:
                        match_b[b_node] = a_node
                    return True
                path.append((node, j))
                stack.append((match_b[j], iter(neighbours[match_b[j]])))
                advanced = True
                break
            if not advanced:
                stack.pop()
                if path:
                    path.pop()
        return False

    # a greedy pass first: most spans match their only neighbour
    matched = 0
    for i, cands in enumerate(neighbours):
        free = next((j for j in cands if j not in match_b), None)
        if free is not None:
            match_b[free] = i
            matched += 1
    matched_a = set(match_b.values())
    for i in range(len(neighbours)):
        if i not in matched_a and neighbours[i] and augment(i, set()):
            matched += 1
    return matched


@dataclass
class SpanTally:
    """Counts over many documents, per label: spans of A, of B, exact and overlap matches."""
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    documents: int = 0

    def add(self, a: Sequence[Span], b: Sequence[Span]) -> None:
        self.documents += 1
        labels = {s[2] for s in a} | {s[2] for s in b}
        for label in labels:
            la = [s for s in a if s[2] == label]
            lb = [s for s in b if s[2] == label]
            c = self.counts[label]
            c[0] += len(la)
            c[1] += len(lb)
            c[2] += exact_matches(la, lb)
            c[3] += overlap_matches(la, lb)

    def merge(self, other: SpanTally) -> None:
        self.documents += other.documents
        for label, c in other.counts.items():
            mine = self.counts[label]
            for k in range(4):
                mine[k] += c[k]

    def result(self, labels: Sequence[str] = ()) -> dict:
        """Per label (``labels`` first, in that order, then any other) and ``ALL`` (micro)."""
        order = list(labels) + sorted(set(self.counts) - set(labels))
        out = {label: _figures(self.counts.get(label, [0, 0, 0, 0])) for label in order}
        total = [sum(c[k] for c in self.counts.values()) for k in range(4)]
        out[ALL] = _figures(total)
        return out


def _figures(c: Sequence[int]) -> dict:
    n_a, n_b, exact, overlap = c
    return {"spans_a": n_a, "spans_b": n_b, "exact_matches": exact, "overlap_matches": overlap,
            "f1_exact": _round(f1(exact, n_a, n_b)), "f1_overlap": _round(f1(overlap, n_a, n_b))}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
