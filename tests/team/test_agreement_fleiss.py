"""Fleiss' kappa for "all" when documents go to some of the annotators (the
issue's "every document to 2 of 4"): the same number of raters per token is
plain Fleiss; a varying number is Gwet's generalisation. Also: pairs that
never meet are left out of the table (but kept in --json)."""
from __future__ import annotations

import json
import random
from fractions import Fraction

import numpy as np
import pytest
from agreement_helpers import add_doc, entity, whitespace_tokens  # noqa: F401 (fixture)

from tintag.cli import main
from tintag.core.agreement import agreement_report, fleiss_kappa, fleiss_kappa_patterns, format_table
from tintag.core.store import ProjectStore
from tintag.core.team.assign import assign


# ------------------------------------------------------------ the coefficient
def test_varying_raters_by_hand():
    # subjects (counts of categories 0, 1): two rated twice, two three times
    table = [[2, 0], [1, 1], [3, 0], [1, 2]]
    # P_a = (2/2 + 0 + 6/6 + 2/6)/4 = 7/12; π_0 = (1 + 1/2 + 1 + 1/3)/4 = 17/24, π_1 = 7/24
    # P_e = (17² + 7²)/24² = 169/288 → κ = (168 − 169)/(288 − 169) = −1/119
    assert fleiss_kappa(table, varying_raters=True) == pytest.approx(-1 / 119, abs=1e-12)
    # a subject rated once says nothing about agreement and is left out
    assert fleiss_kappa([*table, [1, 0], [0, 1]], varying_raters=True) == fleiss_kappa(table, varying_raters=True)
    # the classical function still refuses mixed numbers of raters
    with pytest.raises(ValueError, match="same number of raters"):
        fleiss_kappa(table)
    assert fleiss_kappa([[1, 0]], varying_raters=True) is None


def test_two_of_four_by_hand():
    # "2 of 4": patterns of two ratings each, whoever gave them
    patterns = {("PER", "PER"): 1, ("O", "O"): 4, ("PER", "O"): 1}
    # Σ n(n−1) = 2 + 4·2 + 0 = 10 → P̄ = 10/(6·2) = 5/6; PER 3, O 9 of 12 → P_e = 90/144
    # κ = (5/6 − 5/8)/(1 − 5/8) = 5/9
    assert fleiss_kappa_patterns(patterns) == pytest.approx(5 / 9, abs=1e-12)
    assert fleiss_kappa_patterns(patterns, varying_raters=True) == fleiss_kappa_patterns(patterns)


@pytest.mark.parametrize("seed", range(10))
def test_same_number_of_raters_is_fleiss_1971(seed):
    """With one number of raters the generalisation is Fleiss' own formula."""
    rng = random.Random(seed)
    m = rng.randint(2, 5)
    table = [np.bincount([rng.randrange(3) for _ in range(m)], minlength=3).tolist()
             for _ in range(rng.randint(3, 40))]
    assert fleiss_kappa(table, varying_raters=True) == fleiss_kappa(table)


@pytest.mark.parametrize("seed", range(10))
def test_two_of_n_agrees_with_krippendorff(seed):
    """Every subject rated by 2 of N raters (different ones each time): the
    ``krippendorff`` package, given the N × subjects matrix with missing values,
    is related to Fleiss (m = 2) as on complete data: 1 − α = (n − 1)/n · (1 − κ)."""
    import krippendorff

    rng = random.Random(seed)
    raters, subjects = rng.randint(3, 6), rng.randint(5, 60)
    data = np.full((raters, subjects), np.nan)
    patterns: dict = {}
    for s in range(subjects):
        truth = rng.randrange(3)
        values = []
        for r in rng.sample(range(raters), 2):
            value = truth if rng.random() < 0.7 else rng.randrange(3)
            data[r, s] = value
            values.append(value)
        patterns[tuple(values)] = patterns.get(tuple(values), 0) + 1
    assert len({v for key in patterns for v in key}) >= 2  # fixed seeds: never a single category
    kappa = fleiss_kappa_patterns(patterns)
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    n = 2 * subjects
    assert 1 - alpha == pytest.approx((n - 1) / n * (1 - kappa), abs=1e-9)


def _gwet_reference(subjects: list[list]) -> float:
    """Gwet's formula written out literally, subject by subject, in fractions."""
    rated = [s for s in subjects if len(s) >= 2]
    categories = {v for s in rated for v in s}
    n = len(rated)
    p_a = sum(sum(Fraction(s.count(k) * (s.count(k) - 1), len(s) * (len(s) - 1)) for k in categories)
              for s in rated) / n
    p_e = sum((sum(Fraction(s.count(k), len(s)) for s in rated) / n) ** 2 for k in categories)
    return float((p_a - p_e) / (1 - p_e))


@pytest.mark.parametrize("seed", range(10))
def test_varying_raters_match_the_formula_subject_by_subject(seed):
    rng = random.Random(seed)
    subjects = [[rng.choice("abc") for _ in range(rng.randint(1, 5))] for _ in range(rng.randint(5, 50))]
    if len({v for s in subjects if len(s) > 1 for v in s}) < 2:
        subjects.append(["a", "b"])
    patterns: dict = {}
    for s in subjects:
        patterns[tuple(s)] = patterns.get(tuple(s), 0) + 1
    assert fleiss_kappa_patterns(patterns, varying_raters=True) == pytest.approx(_gwet_reference(subjects), abs=1e-12)


# ------------------------------------------------------------ in a project
FOUR = ("anna", "binh", "chi", "dung")


def test_two_of_four_report_by_hand(project, whitespace_tokens):
    one = add_doc(project, "An gặp Bình")
    two = add_doc(project, "Lan ở Huế")
    entity(project, one, "anna", "An", "PER")
    entity(project, one, "binh", "An", "PER")
    entity(project, two, "chi", "Lan", "PER")
    project.set_status(two, "dung", "done")  # dung's answer: no entities
    for layer in FOUR:
        project.add_annotator(layer)
    report = agreement_report(project)
    assert report["layers"] == list(FOUR)
    # tokens (B, B), (O, O), (O, O) and (B, O), (O, O), (O, O): the pattern test above → 5/9
    assert report["all"]["kappa"] == {"method": "fleiss", "documents": 2, "tokens": 6,
                                      "raters": [{"raters": 2, "documents": 2, "tokens": 6}]}
    assert report["all"]["entities"]["ALL"]["kappa"] == pytest.approx(5 / 9, abs=1e-4)
    # the pairs that never meet stay in the report, with nothing counted
    met = {(p["a"], p["b"]): p["documents"] for p in report["pairs"]}
    assert met == {("anna", "binh"): 1, ("anna", "chi"): 0, ("anna", "dung"): 0,
                   ("binh", "chi"): 0, ("binh", "dung"): 0, ("chi", "dung"): 1}
    table = format_table(report)
    assert "Fleiss' kappa on 2 documents answered by 2 of 4 layers (6 tokens)" in table
    assert "anna ↔ binh" in table and "chi ↔ dung" in table and "anna ↔ chi" not in table
    assert "(4 of 6 pairs share no answered document and are left out; --json lists them with documents: 0)" in table


def test_alpha_all_uses_every_document_with_two_layers(project, whitespace_tokens):
    """Stance α for "all" pools documents answered by different pairs."""
    docs = [add_doc(project, "Nam ủng hộ Huế"), add_doc(project, "Lan phản đối Vinh")]
    for doc, layers, polarities in ((docs[0], ("anna", "binh"), ("support", "support")),
                                    (docs[1], ("chi", "dung"), ("oppose", "neutral"))):
        for layer, polarity in zip(layers, polarities):
            entity(project, doc, layer, project.document(doc)["text"].split()[0], "PER")
            project.add_item("stance", doc, layer, holder_name=project.document(doc)["text"].split()[0],
                             target_name=project.document(doc)["text"].split()[-1], polarity=polarity)
    report = agreement_report(project)
    # support ×2, oppose, neutral: Σ D_u = 2, expected 16 − 6 = 10 → α = 1 − 3·2/10 = 0.4
    assert report["all"]["stance_polarity"] == {"alpha": 0.4, "units": 2, "values": 4, "unpaired": 0}
    assert report["all"]["entities"]["ALL"]["f1_exact"] == 1.0  # the pooled pairs: all spans agree


def test_assign_two_of_four_end_to_end(capsys, tmp_path, whitespace_tokens):
    """`assign` every document to 2 of 4, everyone does their queue, and the
    CLI reports a finite Fleiss' kappa over all the documents."""
    path = tmp_path / "team.tintag"
    texts = [f"Ông An {n} gặp bà Bình ở Hà Nội ." for n in range(8)]
    with ProjectStore.create(path, actor="lead") as store:
        docs = [add_doc(store, text) for text in texts]
        plan = assign(store, list(FOUR), per_document=2, seed=3)
        assert plan["documents"] == 8 and set(plan["per_annotator"].values()) == {4}
        for doc, layer in store.assigned_pairs():
            entity(store, doc, layer, "An", "PER")
            if (doc + len(layer)) % 3:  # some disagree on Bình
                entity(store, doc, layer, "Bình", "PER" if doc % 2 else "ORG")
            store.set_status(doc, layer, "done")
    with ProjectStore.open(path, actor="lead", readonly=True) as store:
        report = agreement_report(store)
    kappa = report["all"]["kappa"]
    assert kappa["documents"] == len(docs) and kappa["tokens"] == 10 * len(docs)
    assert kappa["raters"] == [{"raters": 2, "documents": 8, "tokens": 80}]
    value = report["all"]["entities"]["ALL"]["kappa"]
    assert value is not None and -1 <= value <= 1

    code = main(["agreement", str(path), "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Fleiss' kappa on 8 documents answered by 2 of 4 layers (80 tokens)" in out
    assert "answered by all" not in out
    # seed 3 pairs anna with dung and binh with chi: the other four pairs never meet
    assert sorted(p["documents"] for p in report["pairs"]) == [0, 0, 0, 0, 4, 4]
    assert "(4 of 6 pairs share no answered document and are left out" in out
    code = main(["agreement", str(path), "--workers", "1", "--json"])
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert len(data["pairs"]) == 6 and data["all"]["entities"]["ALL"]["kappa"] == value
