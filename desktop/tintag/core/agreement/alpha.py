"""Krippendorff's alpha for nominal data, with missing values.

A *unit* is one thing that was rated (a stance's holder→target pair, a
quote); it holds one value per rater, or ``None`` where that rater gave none.
Only units with at least two values are *pairable* and count; the rest drop
out, as in Krippendorff (2011), "Computing Krippendorff's alpha-reliability".

    α = 1 − (n − 1) · Σ_u D_u / (n² − Σ_c n_c²)

with ``D_u = (m_u² − Σ_c n_uc²) / (m_u − 1)`` (the unit's disagreeing value
pairs), ``m_u`` its values, ``n_c`` the pairable values of category ``c`` and
``n = Σ_c n_c``.

Degenerate cases: no pairable unit → ``None`` (shown as "—"); every pairable
value the same (no expected disagreement) → ``1.0``. (The ``krippendorff``
package raises an error on the latter.)
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AlphaResult:
    alpha: float | None
    units: int  # pairable units (rated by at least two raters)
    values: int  # pairable values
    unpaired: int  # units rated by one rater only (they do not count)


def nominal_alpha(units: Iterable[Sequence[Hashable | None] | Mapping[str, Hashable | None]]) -> AlphaResult:
    """Alpha over units; each unit is a sequence (one slot per rater) or a
    mapping rater → value; ``None`` is a missing value."""
    n_units = unpaired = 0
    observed = 0.0  # Σ_u D_u
    totals: Counter = Counter()
    for unit in units:
        values = [v for v in (unit.values() if isinstance(unit, Mapping) else unit) if v is not None]
        m = len(values)
        if m < 2:
            if m == 1:
                unpaired += 1
            continue
        n_units += 1
        counts = Counter(values)
        totals.update(counts)
        observed += (m * m - sum(c * c for c in counts.values())) / (m - 1)
    n = sum(totals.values())
    if n == 0:
        return AlphaResult(None, 0, 0, unpaired)
    expected = n * n - sum(c * c for c in totals.values())
    if expected == 0:
        return AlphaResult(1.0, n_units, n, unpaired)
    return AlphaResult(1.0 - (n - 1) * observed / expected, n_units, n, unpaired)


def krippendorff_alpha(units) -> float | None:
    """Just the coefficient of :func:`nominal_alpha`."""
    return nominal_alpha(units).alpha
