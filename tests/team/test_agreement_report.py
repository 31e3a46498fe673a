"""agreement_report on small projects whose figures are worked out by hand."""
from __future__ import annotations

import pytest
from agreement_helpers import add_doc, entity, find, whitespace_tokens  # noqa: F401 (fixture)

from tintag.core.agreement import agreement_report, format_table
from tintag.core.store import PermissionDenied


def pair(report, a, b):
    return next(p for p in report["pairs"] if (p["a"], p["b"]) == (a, b))


def test_label_mix_by_hand(project, whitespace_tokens):
    # tokens: An gặp Bình ở Huế hôm qua .   (8)
    doc = add_doc(project, "An gặp Bình ở Huế hôm qua .")
    for layer, bình in (("anna", "PER"), ("binh", "LOC")):
        entity(project, doc, layer, "An", "PER")
        entity(project, doc, layer, "Bình", bình)
        entity(project, doc, layer, "Huế", "LOC")
    report = agreement_report(project)
    assert report["layers"] == ["anna", "binh"]
    p = pair(report, "anna", "binh")
    assert (p["documents"], p["tokens"]) == (1, 8)
    e = p["entities"]
    # PER: anna 2 spans, binh 1, one match → F1 = 2/3; LOC the mirror image
    assert e["PER"]["f1_exact"] == e["LOC"]["f1_exact"] == pytest.approx(0.6667)
    assert e["ALL"]["f1_exact"] == e["ALL"]["f1_overlap"] == pytest.approx(0.6667)
    # tags anna B-PER O B-PER O B-LOC O O O / binh B-PER O B-LOC O B-LOC O O O:
    # agree 7 of 8, chance Σ = 2·1 + 1·2 + 5·5 = 29 → κ = (7·8 − 29)/(64 − 29) = 27/35
    assert e["ALL"]["kappa"] == pytest.approx(27 / 35, abs=1e-4)
    # PER one-vs-rest: (T,T)=1 (T,F)=1 (F,F)=6 → chance 2·1 + 6·7 = 44 → (56−44)/(64−44) = 0.6
    assert e["PER"]["kappa"] == e["LOC"]["kappa"] == pytest.approx(0.6)
    # two layers: "all" is the pair
    assert report["all"]["kappa"]["method"] == "cohen"
    assert report["all"]["entities"]["ALL"]["kappa"] == e["ALL"]["kappa"]
    assert report["labels"] == ["PER", "LOC"]


def test_total_agreement(project, whitespace_tokens):
    docs = [add_doc(project, "Ông Nam nói ở Hà Nội hôm nay ."), add_doc(project, "Bà Lan đến Huế .")]
    for layer in ("anna", "binh"):
        entity(project, docs[0], layer, "Nam", "PER")
        entity(project, docs[0], layer, "Hà Nội", "LOC")
        entity(project, docs[1], layer, "Lan", "PER")
        project.add_item("quote", docs[0], layer, start=0, end=7, speaker_name="Nam")
    report = agreement_report(project)
    p = pair(report, "anna", "binh")
    assert p["documents"] == 2 and p["tokens"] == 9 + 5
    for label in ("PER", "LOC", "ALL"):
        assert p["entities"][label]["f1_exact"] == 1.0 and p["entities"][label]["kappa"] == 1.0
    assert p["quotes"]["f1_exact"] == 1.0
    assert p["quote_speaker"]["alpha"] == 1.0 and p["quote_speaker"]["units"] == 1


def test_total_disagreement(project, whitespace_tokens):
    doc = add_doc(project, "An gặp Bình")
    entity(project, doc, "anna", "An", "PER")
    entity(project, doc, "binh", "Bình", "PER")
    p = pair(agreement_report(project), "anna", "binh")
    assert p["entities"]["PER"]["f1_exact"] == p["entities"]["PER"]["f1_overlap"] == 0.0
    # B-PER O O / O O B-PER: agree 1 of 3, chance 1·1 + 2·2 = 5 → (3 − 5)/(9 − 5) = −0.5
    assert p["entities"]["ALL"]["kappa"] == pytest.approx(-0.5)
    assert p["entities"]["PER"]["kappa"] == pytest.approx(-0.5)


def test_missing_annotations(project, whitespace_tokens):
    shared = add_doc(project, "An gặp Bình")
    only_anna = add_doc(project, "Lan ở Huế")
    untouched = add_doc(project, "Không có ai")
    done_empty = add_doc(project, "Minh và Hoa")
    for layer in ("anna", "binh"):
        entity(project, shared, layer, "An", "PER")
    entity(project, only_anna, "anna", "Lan", "PER")  # binh never opened it: missing
    project.set_status(untouched, "anna", "in_progress")  # no items, not done: missing
    entity(project, done_empty, "anna", "Minh", "PER")
    project.set_status(done_empty, "binh", "done")  # binh's real answer: no entities
    report = agreement_report(project)
    assert report["documents"] == {"annotated": {"anna": 3, "binh": 2}, "shared": 2}
    p = pair(report, "anna", "binh")
    assert (p["documents"], p["tokens"]) == (2, 6)
    # PER: anna 2 spans, binh 1, one match; the empty "done" document is a disagreement
    assert p["entities"]["PER"]["f1_exact"] == pytest.approx(0.6667)
    # tokens B-PER O O B-PER O O vs B-PER O O O O O: agree 5/6, chance 2·1 + 4·5 = 22
    assert p["entities"]["ALL"]["kappa"] == pytest.approx((5 * 6 - 22) / (36 - 22), abs=1e-4)
    # without the done mark binh's empty document would not count at all
    project.set_status(done_empty, "binh", "in_progress")
    p = pair(agreement_report(project), "anna", "binh")
    assert (p["documents"], p["entities"]["PER"]["f1_exact"]) == (1, 1.0)


def test_overlapping_but_not_exact_spans(project, whitespace_tokens):
    doc = add_doc(project, "Thủ tướng Phạm Minh Chính phát biểu .")
    entity(project, doc, "anna", "Phạm Minh Chính", "PER")
    entity(project, doc, "binh", "Thủ tướng Phạm Minh Chính", "PER")
    p = pair(agreement_report(project), "anna", "binh")
    assert p["entities"]["PER"]["f1_exact"] == 0.0
    assert p["entities"]["PER"]["f1_overlap"] == 1.0
    # O O B-PER I-PER I-PER O O O vs B-PER I-PER I-PER I-PER I-PER O O O:
    # agree on I-PER ×2 and O ×3 = 5 of 8; chance = B-PER 1·1 + I-PER 2·4 + O 5·3 = 24
    assert p["entities"]["ALL"]["kappa"] == pytest.approx((5 * 8 - 24) / (64 - 24), abs=1e-4)


def test_stance_and_speaker_alpha_by_surface_text(project, whitespace_tokens):
    text = "Ông Nam nói : “ tôi ủng hộ Hà Nội ” . Bà Lan nói : “ không ” . “ Vâng ” ."
    doc = add_doc(project, text)
    q1, q2, q3 = find(project, doc, "tôi ủng hộ Hà Nội"), find(project, doc, "không"), find(project, doc, "Vâng")
    layers = {}
    for layer in ("anna", "binh"):
        layers[layer] = (entity(project, doc, layer, "Nam", "PER"), entity(project, doc, layer, "Hà Nội", "LOC"))
    (a_nam, a_hn), (b_nam, b_hn) = layers["anna"], layers["binh"]
    # stances: (nam → hà nội) support/support; (nam → dự án) oppose/neutral
    project.add_item("stance", doc, "anna", holder_uid=a_nam["uid"], target_uid=a_hn["uid"], polarity="support")
    project.add_item("stance", doc, "binh", holder_uid=b_nam["uid"], target_uid=b_hn["uid"], polarity="support")
    project.add_item("stance", doc, "anna", holder_uid=a_nam["uid"], target_name="dự án", polarity="oppose")
    project.add_item("stance", doc, "binh", holder_name=" nam", target_name="Dự án", polarity="neutral")
    # speakers: quote 1 Nam (entity) / "Nam" (typed, shorter span); quote 2 none / Hà Nội;
    # quote 3 only anna's
    project.add_item("quote", doc, "anna", start=q1[0], end=q1[1], speaker_uid=a_nam["uid"])
    project.add_item("quote", doc, "binh", start=q1[0] + 4, end=q1[1], speaker_name="NAM")
    project.add_item("quote", doc, "anna", start=q2[0], end=q2[1])
    project.add_item("quote", doc, "binh", start=q2[0], end=q2[1], speaker_uid=b_hn["uid"])
    project.add_item("quote", doc, "anna", start=q3[0], end=q3[1], speaker_name="Lan")
    p = pair(agreement_report(project), "anna", "binh")
    # values support ×2, oppose, neutral: Σ D_u = 2, expected 4² − (4 + 1 + 1) = 10 → 1 − 3·2/10
    assert p["stance_polarity"] == {"alpha": 0.4, "units": 2, "values": 4, "unpaired": 0}
    assert p["quote_speaker"] == {"alpha": 0.4, "units": 2, "values": 4, "unpaired": 1}
    assert p["quotes"]["f1_exact"] == pytest.approx(round(2 * 1 / 5, 4))
    assert p["quotes"]["f1_overlap"] == pytest.approx(0.8)


def test_three_layers_fleiss(project, whitespace_tokens):
    every = add_doc(project, "An gặp Bình")
    entity(project, every, "anna", "An", "PER")
    entity(project, every, "binh", "An", "PER")
    project.set_status(every, "chi", "done")
    report = agreement_report(project)
    assert report["all"]["kappa"] == {"method": "fleiss", "documents": 1, "tokens": 3,
                                      "raters": [{"raters": 3, "documents": 1, "tokens": 3}]}
    # tokens (B-PER, B-PER, O), (O, O, O) ×2: Σ n² = 5 + 9 + 9 = 23, P̄ = (23 − 9)/18,
    # P_e = (2² + 7²)/81 → κ = 10/28
    assert report["all"]["entities"]["ALL"]["kappa"] == pytest.approx(10 / 28, abs=1e-4)
    assert "Fleiss' kappa on 1 documents answered by 3 of 3 layers (3 tokens)" in format_table(report)

    two = add_doc(project, "Lan ở Huế")  # chi never answered it: 2 raters on its tokens
    entity(project, two, "anna", "Lan", "PER")
    entity(project, two, "binh", "Huế", "LOC")
    report = agreement_report(project)
    assert report["layers"] == ["anna", "binh", "chi"]
    assert [(p["a"], p["b"], p["documents"]) for p in report["pairs"]] == [
        ("anna", "binh", 2), ("anna", "chi", 1), ("binh", "chi", 1)]
    every_ = report["all"]
    assert every_["documents"] == 2
    assert every_["kappa"] == {"method": "fleiss", "documents": 2, "tokens": 6, "raters": [
        {"raters": 2, "documents": 1, "tokens": 3}, {"raters": 3, "documents": 1, "tokens": 3}]}
    # Gwet's varying-raters Fleiss over 6 tokens: the 3 above, then (B-PER, O), (O, O), (O, B-LOC).
    # P_a = (2/6 + 1 + 1 + 0 + 2/2 + 0)/6 = 5/9; π = mean of each token's shares:
    # B-PER (2/3 + 1/2)/6 = 7/36, B-LOC (1/2)/6 = 3/36, O 26/36 → P_e = 734/1296;
    # κ = (720 − 734)/(1296 − 734) = −7/281
    assert every_["entities"]["ALL"]["kappa"] == pytest.approx(-7 / 281, abs=1e-4)
    # span F1 for all pools the pairs: anna/binh 1 of 2+2, anna/chi 0 of 1+0, binh/chi 0 of 1+0
    assert every_["entities"]["ALL"]["f1_exact"] == pytest.approx(round(2 * 1 / 6, 4))
    text = format_table(report)
    assert "anna ↔ binh" in text and "binh ↔ chi" in text
    assert ("Fleiss' kappa on 2 documents answered by 2 or 3 of 3 layers (6 tokens; 1 by 2, 1 by 3; "
            "Gwet's generalisation for a varying number of raters)") in text


def test_layer_choice(project, whitespace_tokens):
    doc = add_doc(project, "An gặp Bình")
    for layer in ("anna", "binh", "gold", "suggestions"):
        entity(project, doc, layer, "An", "PER")
    assert agreement_report(project)["layers"] == ["anna", "binh"]
    assert agreement_report(project, ["gold", "anna"])["layers"] == ["gold", "anna"]
    with pytest.raises(ValueError, match="no layer named 'nobody'"):
        agreement_report(project, ["anna", "nobody"])
    with pytest.raises(ValueError, match="at least two layers"):
        agreement_report(project, ["anna", "anna"])


def test_no_shared_documents_gives_dashes(project, whitespace_tokens):
    add_doc(project, "An gặp Bình")
    project.add_annotator("anna")
    project.add_annotator("binh")
    report = agreement_report(project)
    p = pair(report, "anna", "binh")
    assert p["documents"] == 0 and p["entities"]["ALL"]["kappa"] is None
    assert p["stance_polarity"]["alpha"] is None
    table = format_table(report)
    assert "—" in table and "0 documents" in table


def test_real_segmentation_matches_scikit_learn(project, seed_paths):
    """With underthesea words: the token count is the segmentation's, and kappa is
    scikit-learn's on the export's own BIO tags."""
    from sklearn.metrics import cohen_kappa_score

    from tintag.core.export.tokens import bio_tags, segment

    text = seed_paths[0].read_text(encoding="utf-8")
    doc = add_doc(project, text)
    text = project.document(doc)["text"]
    words = ["Nga", "Triều Tiên", "Putin", "Kim Jong", "Moskva", "Bình Nhưỡng"]
    for n, word in enumerate(words):
        if word not in text:
            continue
        start = text.index(word)
        project.add_item("entity", doc, "anna", start=start, end=start + len(word), label="LOC" if n % 2 else "PER")
        if n % 3:
            project.add_item("entity", doc, "binh", start=start, end=start + len(word), label="LOC")
    sentences = segment(text)
    tags = {layer: [t for s in bio_tags(sentences, project.entities(doc, layer))[0] for t in s]
            for layer in ("anna", "binh")}
    p = pair(agreement_report(project), "anna", "binh")
    assert p["tokens"] == sum(len(s) for s in sentences)
    assert p["entities"]["ALL"]["kappa"] == pytest.approx(cohen_kappa_score(tags["anna"], tags["binh"]), abs=1e-4)
    is_per = {layer: [t.endswith("-PER") for t in tags[layer]] for layer in tags}
    assert p["entities"]["PER"]["kappa"] == pytest.approx(cohen_kappa_score(is_per["anna"], is_per["binh"]), abs=1e-4)


def test_blind_mode_annotator_gets_permission_denied(tmp_path, whitespace_tokens):
    """The store's role checks apply: a blind annotator cannot compare with others."""
    from tintag.core.store import ProjectStore

    path = tmp_path / "blind.tintag"
    with ProjectStore.create(path, actor="lead") as lead:
        doc = add_doc(lead, "An gặp Bình")
        for layer in ("anna", "binh"):
            lead.add_annotator(layer)
            entity(lead, doc, layer, "An", "PER")
        lead.add_annotator("rita", role="reviewer")
        lead.set_blind(True)
    with ProjectStore.open(path, actor="anna") as anna:
        with pytest.raises(PermissionDenied, match="blind mode"):
            agreement_report(anna, ["anna", "binh"])
        with pytest.raises(ValueError, match=r"at least two layers \(found: anna\)"):
            agreement_report(anna)  # the layers anna may see: her own
    with ProjectStore.open(path, actor="rita") as rita:
        assert pair(agreement_report(rita), "anna", "binh")["entities"]["PER"]["f1_exact"] == 1.0


def test_progress_and_cancel(project, whitespace_tokens):
    from tintag.core.agreement import AgreementCancelled

    for n in range(3):
        doc = add_doc(project, f"An gặp Bình lần {n}")
        for layer in ("anna", "binh"):
            entity(project, doc, layer, "An", "PER")
    seen = []
    agreement_report(project, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    with pytest.raises(AgreementCancelled):
        agreement_report(project, cancelled=lambda: True)


def test_worker_processes_give_the_same_report(project, monkeypatch):
    """Segmentation in worker processes (many new documents) changes nothing."""
    from tintag.core.agreement import report as report_module
    from tintag.core.agreement import tokens

    names = ["An", "Bình", "Chi", "Dũng", "Hoa"]
    for n in range(tokens.PARALLEL_FROM + 3):
        doc = add_doc(project, f"Hôm {n} ông {names[n % 5]} gặp bà {names[(n + 1) % 5]} ở Hà Nội.")
        entity(project, doc, "anna", names[n % 5], "PER")
        entity(project, doc, "binh", names[n % 5], "PER" if n % 3 else "ORG")
        entity(project, doc, "binh", "Hà Nội", "LOC")
    pooled = []
    fill = tokens.ParallelSegmenter.fill

    def spy(self, documents):
        fill(self, documents)
        pooled.append(self._pool is not None)
    monkeypatch.setattr(tokens.ParallelSegmenter, "fill", spy)
    monkeypatch.setattr(report_module, "CACHE", tokens.SegmentationCache())
    parallel = agreement_report(project, workers=2)
    assert pooled == [True]  # the documents really went to worker processes
    monkeypatch.setattr(report_module, "CACHE", tokens.SegmentationCache())
    assert agreement_report(project, workers=1) == parallel
    assert pair(parallel, "anna", "binh")["documents"] == tokens.PARALLEL_FROM + 3
