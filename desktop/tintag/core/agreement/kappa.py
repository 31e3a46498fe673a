"""Cohen's kappa (two raters) and Fleiss' kappa (a fixed number of raters ≥ 2,
or, with ``varying_raters``, any number ≥ 2 per subject).

Both work on counts, so a caller can tally millions of tokens without keeping
them: Cohen's from a confusion table ``{(a_category, b_category): count}``,
Fleiss' from rating patterns ``{(category of rater 1, …, of rater m): count}``
or from a subjects × categories table.

Degenerate cases, decided here once:

- no ratings at all → ``None`` (shown as "—");
- expected agreement of 1 (every rating in one and the same category, so the
  raters are identical and constant) → ``1.0``: they agree completely, and
  the 0/0 of the formula says nothing more. (scikit-learn returns NaN there.)

Sums are kept as integers (exact fractions) until the last division, so the
result does not drift with millions of tokens.

Varying raters (Gwet 2014, *Handbook of Inter-Rater Reliability*, 4th ed.,
"Fleiss' kappa with missing ratings"; R ``irrCAC::fleiss.kappa.raw``): with
``r_i`` ratings of subject i, ``r_ik`` of them in category k, over the N
subjects with ``r_i ≥ 2``

    P_a = 1/N · Σ_i Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
    π_k = 1/N · Σ_i r_ik / r_i,   P_e = Σ_k π_k²,   κ = (P_a − P_e) / (1 − P_e)

With the same r for every subject this *is* Fleiss (1971), term for term, so
one code path serves both; a subject rated once says nothing about agreement
and is left out.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction


def cohen_kappa(confusion: Mapping[tuple[Hashable, Hashable], int]) -> float | None:
    """Cohen's kappa from a confusion table of (rater A, rater B) category pairs."""
    n = agree = 0
    row: Counter = Counter()
    col: Counter = Counter()
    for (a, b), count in confusion.items():
        if count <= 0:
            continue
        n += count
        row[a] += count
        col[b] += count
        if a == b:
            agree += count
    if n == 0:
        return None
    chance = sum(r * col[k] for k, r in row.items())  # p_e · n²
    if chance == n * n:
        return 1.0
    return (agree * n - chance) / (n * n - chance)


def cohen_kappa_score(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two equally long label sequences."""
    if len(a) != len(b):
        raise ValueError(f"the two raters rated {len(a)} and {len(b)} items")
    return cohen_kappa(Counter(zip(a, b)))


def fleiss_kappa_patterns(patterns: Mapping[tuple[Hashable, ...], int],
                          varying_raters: bool = False) -> float | None:
    """Fleiss' kappa from rating patterns: each key is one subject's categories,
    one per rater, each value how many subjects were rated that way. Keys must
    all have the same length m ≥ 2 unless ``varying_raters`` (see the module doc)."""
    rows = ((Counter(pattern), weight) for pattern, weight in patterns.items())
    return _fleiss(rows, varying_raters)


def fleiss_kappa(table: Iterable[Sequence[int] | Mapping[Hashable, int]],
                 varying_raters: bool = False) -> float | None:
    """Fleiss' kappa from a subjects × categories table of counts, as in Fleiss
    (1971): every row must sum to the same number of raters m ≥ 2, unless
    ``varying_raters``."""
    def rows():
        for r in table:
            counts = r if isinstance(r, Mapping) else dict(enumerate(r))
            yield counts, 1
    return _fleiss(rows(), varying_raters)


def _fleiss(rows: Iterable[tuple[Mapping[Hashable, int], int]], varying: bool) -> float | None:
    # integer sums per number of raters m: [subjects, Σ n_ij (n_ij − 1), Σ n_ij per category]
    by_raters: dict[int, list] = {}
    for counts, weight in rows:
        if weight <= 0:
            continue
        m = sum(counts.values())
        if not varying:
            if m < 2:
                raise ValueError("Fleiss' kappa needs at least two raters per subject")
            if by_raters and m not in by_raters:
                (first,) = by_raters
                raise ValueError(f"Fleiss' kappa needs the same number of raters per subject ({first} and {m})")
        elif m < 2:
            continue
        group = by_raters.setdefault(m, [0, 0, Counter()])
        group[0] += weight
        group[1] += weight * sum(c * (c - 1) for c in counts.values())
        for category, c in counts.items():
            if c:
                group[2][category] += weight * c
    subjects = sum(group[0] for group in by_raters.values())
    if not subjects:
        return None
    agree = sum(Fraction(pairs, m * (m - 1)) for m, (_, pairs, _) in by_raters.items()) / subjects
    share: dict = {}  # π_k · N
    for m, (_, _, totals) in by_raters.items():
        for category, t in totals.items():
            share[category] = share.get(category, 0) + Fraction(t, m)
    chance = sum(s * s for s in share.values()) / (subjects * subjects)
    if chance == 1:
        return 1.0
    return float((agree - chance) / (1 - chance))
