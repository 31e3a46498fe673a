"""Agreement coefficients: hand-computed examples, degenerate cases, and the same
figures as trusted implementations (scikit-learn, krippendorff) on random data."""
from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from tintag.core.agreement import (
    SpanTally,
    cohen_kappa,
    cohen_kappa_score,
    exact_matches,
    f1,
    fleiss_kappa,
    fleiss_kappa_patterns,
    krippendorff_alpha,
    nominal_alpha,
    overlap_matches,
)
from tintag.core.agreement.spans import max_interval_matching, overlaps
from tintag.core.agreement.units import cluster_spans, normalise_name


# ------------------------------------------------------------------ Cohen
def test_cohen_hand_computed():
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15
    # p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4
    confusion = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}
    assert cohen_kappa(confusion) == pytest.approx(0.4)


def test_cohen_total_agreement_and_disagreement():
    tags = ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    assert cohen_kappa_score(tags, tags) == 1.0
    # each says the other's category every time: p_o = 0, p_e = 0.5 → κ = −1
    assert cohen_kappa_score(["x", "y", "x", "y"], ["y", "x", "y", "x"]) == pytest.approx(-1.0)
    # one tags everything, the other nothing: p_o = 0, p_e = 0 → κ = 0
    assert cohen_kappa_score(["B-PER", "I-PER"], ["O", "O"]) == 0.0


def test_cohen_degenerate_cases():
    assert cohen_kappa({}) is None
    assert cohen_kappa_score([], []) is None
    # identical and constant: p_e = 1, decided as complete agreement
    assert cohen_kappa_score(["O"] * 7, ["O"] * 7) == 1.0
    with pytest.raises(ValueError):
        cohen_kappa_score(["O"], ["O", "O"])


@pytest.mark.parametrize("seed", range(30))
def test_cohen_matches_scikit_learn(seed):
    from sklearn.metrics import cohen_kappa_score as sk_kappa

    rng = random.Random(seed)
    categories = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG"][: rng.randint(2, 6)]
    n = rng.randint(5, 400)
    a = [rng.choice(categories) for _ in range(n)]
    # B agrees with A part of the time, so κ spreads over its range
    keep = rng.random()
    b = [x if rng.random() < keep else rng.choice(categories) for x in a]
    assert len(set(a) | set(b)) >= 2  # fixed seeds: never the degenerate case scikit-learn gives NaN for
    expected = sk_kappa(a, b)
    assert cohen_kappa_score(a, b) == pytest.approx(expected, abs=1e-12)


# ------------------------------------------------------------------ Fleiss
def test_fleiss_wikipedia_example():
    # Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories → 0.210
    table = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]
    assert fleiss_kappa(table) == pytest.approx(0.20993, abs=1e-5)


def test_fleiss_agreement_disagreement_and_degenerate():
    # three raters always agree, on varied categories
    assert fleiss_kappa_patterns({("PER", "PER", "PER"): 4, ("O", "O", "O"): 6}) == 1.0
    # every subject split two against one, evenly: P̄ = 1/3, P_e = 1/2 → κ = −1/3
    assert fleiss_kappa_patterns({("x", "x", "y"): 1, ("y", "y", "x"): 1}) == pytest.approx(-1 / 3)
    assert fleiss_kappa_patterns({("O", "O", "O"): 9}) == 1.0
    assert fleiss_kappa_patterns({}) is None
    with pytest.raises(ValueError):
        fleiss_kappa([[3, 0], [1, 1]])


@pytest.mark.parametrize("seed", range(20))
def test_fleiss_agrees_with_krippendorff_on_complete_data(seed):
    """With no missing values, 1 − α = (n − 1)/n · (1 − κ_Fleiss) where n is the
    number of values (Krippendorff 2011): an independent check through the
    ``krippendorff`` package."""
    import krippendorff

    rng = random.Random(seed)
    raters, subjects = rng.randint(3, 6), rng.randint(5, 80)
    k = rng.randint(2, 4)
    truth = [rng.randrange(k) for _ in range(subjects)]
    noise = rng.random()
    data = [[t if rng.random() > noise else rng.randrange(k) for t in truth] for _ in range(raters)]
    assert len({v for row in data for v in row}) >= 2  # fixed seeds: never a single category
    patterns = {}
    for column in zip(*data):
        patterns[column] = patterns.get(column, 0) + 1
    kappa = fleiss_kappa_patterns(patterns)
    alpha = krippendorff.alpha(reliability_data=np.array(data, dtype=float),
                               level_of_measurement="nominal")
    n = raters * subjects
    assert 1 - alpha == pytest.approx((n - 1) / n * (1 - kappa), abs=1e-9)


# --------------------------------------------------------------- Krippendorff
def test_alpha_krippendorff_2011_example():
    # Krippendorff (2011) §C: 4 observers, 12 units, missing values, nominal α = 0.743
    nan = None
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    result = nominal_alpha(list(zip(*rows)))
    assert result.alpha == pytest.approx(0.743, abs=5e-4)
    assert (result.units, result.unpaired) == (11, 1)  # the last unit has one value


def test_alpha_agreement_disagreement_missing():
    assert krippendorff_alpha([("support", "support"), ("oppose", "oppose")]) == 1.0
    # two units, each rated differently by both: n = 4 values, Σ D_u = 2 + 2,
    # expected 4² − (2² + 2²) = 8 → α = 1 − 3·4/8 = −0.5
    assert krippendorff_alpha([("support", "oppose"), ("oppose", "support")]) == pytest.approx(-0.5)
    # missing values: units with one value do not count
    r = nominal_alpha([("a", None), (None, "b"), ("a", "a"), ("b", "b")])
    assert (r.alpha, r.units, r.unpaired) == (1.0, 2, 2)
    assert nominal_alpha([("a", None), (None, None)]).alpha is None
    # mappings work as units too
    assert krippendorff_alpha([{"x": "a", "y": "a"}, {"x": "b", "y": "b"}]) == 1.0
    # a single value everywhere: no expected disagreement, decided as 1.0
    assert krippendorff_alpha([("a", "a"), ("a", "a", None)]) == 1.0


@pytest.mark.parametrize("seed", range(30))
def test_alpha_matches_krippendorff_package(seed):
    import krippendorff

    rng = random.Random(seed)
    values = ["support", "oppose", "neutral", "other"][: rng.randint(2, 4)]
    while True:  # redraw the rare data the package refuses (a single pairable value)
        raters, units = rng.randint(2, 5), rng.randint(3, 60)
        missing = rng.random() * 0.5
        truth = [rng.choice(values) for _ in range(units)]
        noise = rng.random()
        data = [[None if rng.random() < missing else (t if rng.random() > noise else rng.choice(values))
                 for t in truth] for _ in range(raters)]
        pairable = [v for col in zip(*data) if sum(x is not None for x in col) >= 2
                    for v in col if v is not None]
        if len(set(pairable)) >= 2:
            break
    ours = nominal_alpha(list(zip(*data)))
    code = {v: i for i, v in enumerate(values)}
    matrix = np.array([[np.nan if v is None else code[v] for v in row] for row in data], dtype=float)
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours.alpha == pytest.approx(expected, abs=1e-9)
    assert ours.units == sum(1 for col in zip(*data) if sum(x is not None for x in col) >= 2)


# ------------------------------------------------------------------- spans
def test_span_f1_exact_and_overlap():
    a = [(0, 5, "PER"), (10, 20, "LOC"), (30, 35, "ORG")]
    b = [(0, 5, "PER"), (12, 20, "LOC"), (30, 35, "PER")]
    assert exact_matches(a, b) == 1
    assert overlap_matches(a, b) == 2  # LOC overlaps; ORG/PER differ in label
    assert f1(exact_matches(a, b), 3, 3) == pytest.approx(1 / 3)
    assert f1(0, 0, 0) is None
    tally = SpanTally()
    tally.add(a, b)
    result = tally.result(["PER", "LOC", "ORG", "MISC"])
    assert result["PER"]["f1_exact"] == pytest.approx(2 * 1 / 3, abs=1e-4)  # 1 match, 1 + 2 spans
    assert result["LOC"] == {"spans_a": 1, "spans_b": 1, "exact_matches": 0, "overlap_matches": 1,
                             "f1_exact": 0.0, "f1_overlap": 1.0}
    assert result["ORG"]["f1_overlap"] == 0.0
    assert result["MISC"]["f1_exact"] is None
    assert result["ALL"]["f1_exact"] == pytest.approx(round(2 * 1 / 6, 4))
    assert result["ALL"]["f1_overlap"] == pytest.approx(round(2 * 2 / 6, 4))


def test_overlap_matching_is_one_to_one_and_maximum():
    # one long span over two short ones: only one pair may match
    assert overlap_matches([(0, 10, "PER")], [(0, 4, "PER"), (5, 10, "PER")]) == 1
    # greedy would pair a1 with b1 and leave a2 alone; the maximum is 2
    a = [(0, 10), (8, 12)]
    b = [(9, 11), (0, 3)]
    assert max_interval_matching(a, b) == 2


def _brute_matching(a, b):
    best = 0
    for perm in itertools.permutations(range(len(b)), min(len(a), len(b))):
        best = max(best, sum(overlaps(a[i], b[j]) for i, j in enumerate(perm)))
    if len(a) > len(b):
        return _brute_matching(b, a)
    return best


@pytest.mark.parametrize("seed", range(60))
def test_overlap_matching_equals_brute_force(seed):
    rng = random.Random(seed)

    def spans(n):
        out = []
        for _ in range(n):
            s = rng.randint(0, 30)
            out.append((s, s + rng.randint(1, 8)))
        return out
    a, b = spans(rng.randint(0, 6)), spans(rng.randint(0, 6))
    assert max_interval_matching(a, b) == _brute_matching(a, b)
    assert max_interval_matching(b, a) == max_interval_matching(a, b)


# ------------------------------------------------------------- quote units
def test_cluster_spans_prefers_exact_and_keeps_one_per_layer():
    units = cluster_spans({"a": [(0, 10), (20, 30)], "b": [(2, 9), (0, 10)], "c": [(21, 29)]})
    as_sets = sorted(sorted(u.items()) for u in units)
    assert as_sets == [[("a", 0), ("b", 1)], [("a", 1), ("c", 0)], [("b", 0)]]
    for unit in units:  # never two spans of one layer
        assert len(unit) == len(set(unit))


def test_normalise_name():
    assert normalise_name("  Ông  Nguyễn Văn A, ") == "ông nguyễn văn a"
    assert normalise_name("“Putin”") == normalise_name("putin")
    assert normalise_name(None) == ""


# ------------------------------------------------------------------ tokens
@pytest.mark.parametrize("seed", range(8))
def test_fast_tags_equal_the_export_bio_tags(seed, seed_paths):
    """tag_tokens finds tokens by bisection; it must tag exactly like bio_tags
    (snapping, dropping overlaps and entities across sentence ends)."""
    from tintag.core.agreement.tokens import TagCodes, from_sentences, tag_tokens
    from tintag.core.export.tokens import bio_tags, segment

    rng = random.Random(seed)
    text = seed_paths[seed % len(seed_paths)].read_text(encoding="utf-8")
    sentences = segment(text)
    entities = []
    for _ in range(rng.randint(0, 60)):
        start = rng.randrange(len(text) - 1)
        entities.append({"start": start, "end": min(len(text), start + rng.randint(1, 40)),
                         "label": rng.choice(["PER", "LOC", "ORG", "MISC"])})
    codes = TagCodes(["PER", "LOC", "ORG", "MISC"])
    seg = from_sentences(sentences)
    assert seg.sentences is None  # underthesea tokens come in text order
    fast = [codes.name(t) for t in tag_tokens(seg, entities, codes)]
    reference, _, _ = bio_tags(sentences, entities)
    assert fast == [tag for sentence in reference for tag in sentence]
