"""Cohen's kappa (two raters) and Fleiss' kappa (a fixed number of raters ≥ 2).

Both work on counts, so a caller can tally millions of tokens without keeping
them: Cohen's from a confusion table ``{(a_category, b_category): count}``,
Fleiss' from rating patterns ``{(category of rater 1, …, of rater m): count}``
or from a subjects × categories table.

Degenerate cases, decided here once:

- no ratings at all → ``None`` (shown as "—");
- expected agreement of 1 (every rating in one and the same category, so the
  raters are identical and constant) → ``1.0``: they agree completely, and
  the 0/0 of the formula says nothing more. (scikit-learn returns NaN there.)

Sums are kept as integers until the last division, so the result does not
drift with millions of tokens.
"""
from __future__ import annotations

from collections import Counter
from typing import Hashable, Iterable, Mapping, Sequence


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


def fleiss_kappa_patterns(patterns: Mapping[tuple[Hashable, ...], int]) -> float | None:
    """Fleiss' kappa from rating patterns: each key is one subject's categories,
    one per rater (all keys the same length m ≥ 2), each value how many subjects
    were rated that way."""
    rows = ((Counter(pattern), weight) for pattern, weight in patterns.items())
    return _fleiss(rows)


def fleiss_kappa(table: Iterable[Sequence[int] | Mapping[Hashable, int]]) -> float | None:
    """Fleiss' kappa from a subjects × categories table of counts (every row must
    sum to the same number of raters m ≥ 2), as in Fleiss (1971)."""
    def rows():
        for r in table:
            counts = r if isinstance(r, Mapping) else dict(enumerate(r))
            yield counts, 1
    return _fleiss(rows())


def _fleiss(rows: Iterable[tuple[Mapping[Hashable, int], int]]) -> float | None:
    raters = None
    subjects = 0
    sum_squares = 0  # Σ_i Σ_j n_ij²
    totals: Counter = Counter()  # Σ_i n_ij per category j
    for counts, weight in rows:
        if weight <= 0:
            continue
        m = sum(counts.values())
        if raters is None:
            raters = m
        elif m != raters:
            raise ValueError(f"Fleiss' kappa needs the same number of raters per subject ({raters} and {m})")
        subjects += weight
        sum_squares += weight * sum(c * c for c in counts.values())
        for category, c in counts.items():
            if c:
                totals[category] += weight * c
    if not subjects:
        return None
    if raters < 2:
        raise ValueError("Fleiss' kappa needs at least two raters per subject")
    n, m = subjects, raters
    # P̄ = (Σ n_ij² − N·m) / (N·m·(m−1)); P_e = Σ_j (T_j / (N·m))²
    agree_num, agree_den = sum_squares - n * m, n * m * (m - 1)
    chance_num, chance_den = sum(t * t for t in totals.values()), (n * m) ** 2
    if chance_num == chance_den:
        return 1.0
    # κ = (P̄ − P_e) / (1 − P_e), cross-multiplied to stay in integers
    return ((agree_num * chance_den - chance_num * agree_den)
            / (agree_den * (chance_den - chance_num)))
