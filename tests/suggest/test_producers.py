"""Entity, quote and stance producers on the seeds and on sentences written for the tests."""
from __future__ import annotations

import pytest

ODD_TEXTS = [
    "Ông  Nguyễn Văn An 😀 nói: “Hoà bình là quí nhất”, còn thuỷ thủ Kim Jong-un thì không.",
    'Bộ trưởng Lê Thị Hồng-Nhung cho biết: "Giá xăng 25.000 đồng/lít từ ngày 1/7/2025".',
    "Tổng thống   Pháp Emmanuel Macron\nđã gặp Thủ tướng Đức Olaf Scholz tại Berlin.\n\n\n"
    "«Chúng tôi ủng hộ Ukraine», ông Macron tuyên bố 🇫🇷.",
    "Theo Reuters, Hà Nội và Đà Nẵng sẽ đón 3 triệu khách vào năm 2026.",
]


def check_invariant(text, results):
    for produced in results.values():
        for s in produced.suggestions:
            p = s.payload
            if s.kind in ("entity", "quote"):
                assert text[p["start"]:p["end"]] == p["text"], (s.key, p)
            if s.kind == "quote":
                for part in (p["cue"], p["speaker"]):
                    if part:
                        assert text[part["start"]:part["end"]] == part["text"]
            if s.kind == "stance":
                for part in (p["holder"], p["target"]):
                    assert text[part["start"]:part["end"]] == part["text"]
            assert 0.0 <= s.score <= 1.0


def test_invariant_on_every_seed(seed_texts, run):
    for text in seed_texts:
        results = run(text)
        check_invariant(text, results)
        assert len(results["underthesea-ner"].suggestions) >= 10
        assert results["underthesea-ner"].dropped == 0


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_invariant_on_odd_texts(text, run):
    check_invariant(text, run(text))


def entities(run, text):
    return {(p.payload["label"], p.payload["text"]) for p in run(text)["underthesea-ner"].suggestions}


def test_entity_cleaning_on_a_seed_sentence(run):
    found = entities(run, "Tổng thống Nga Vladimir Putin và nhà lãnh đạo Triều Tiên Kim Jong-un "
                          "trong cuộc gặp tại Bình Nhưỡng ngày 19/6/2024 (Ảnh: Reuters).")
    assert {("LOC", "Nga"), ("PER", "Vladimir Putin"), ("LOC", "Triều Tiên"),
            ("PER", "Kim Jong-un"), ("LOC", "Bình Nhưỡng"), ("ORG", "Reuters")} <= found
    texts = {t for _, t in found}
    assert "Ảnh" not in texts and not any("19/6" in t for t in texts)
    assert not any(t.startswith(("Tổng thống", "nhà lãnh đạo")) for t in texts)


def test_entity_on_my_own_sentence(run):
    found = entities(run, "Chủ tịch Trung Quốc Tập Cận Bình đã tới Hà Nội hôm thứ Hai.")
    assert ("LOC", "Trung Quốc") in found and ("LOC", "Hà Nội") in found
    assert not any(t.startswith("Chủ tịch") for _, t in found)


def quotes(run, text):
    return [s.payload for s in run(text)["rules-quotes"].suggestions]


def test_direct_quote_speaker_after_cue_on_seed(run):
    text = ('"Tôi tin chắc rằng mối quan hệ đồng minh giữa hai nước sẽ luôn được thúc đẩy", '
            "nhà lãnh đạo Triều Tiên Kim Jong-un nêu rõ trong bức thư.")
    (q,) = [q for q in quotes(run, text) if q["kind"] == "direct"]
    assert q["text"].startswith("Tôi tin chắc") and q["text"].endswith("thúc đẩy")
    assert q["cue"]["text"] == "nêu rõ"
    assert q["speaker"]["text"] == "Kim Jong-un"


def test_mixed_marks_and_quote_across_sentences(run):
    text = ("Bà Trần Thị Mai nhấn mạnh: “Chúng tôi sẽ làm. Không có gì thay đổi\". "
            "Sau đó cuộc họp kết thúc.")
    (q,) = quotes(run, text)
    assert q["text"] == "Chúng tôi sẽ làm. Không có gì thay đổi"
    assert q["cue"]["text"] == "nhấn mạnh"
    assert q["speaker_name"] == "Trần Thị Mai"


def test_pronoun_speaker_resolves_to_last_person(run):
    text = ("Ngoại trưởng Nga Sergey Lavrov tới Bình Nhưỡng hôm qua. "
            '"Đây là chuyến thăm quan trọng", ông nói với báo giới.')
    direct = [q for q in quotes(run, text) if q["kind"] == "direct"]
    assert direct[0]["speaker_name"] == "Sergey Lavrov"
    assert direct[0]["cue"]["text"] == "nói"


def test_indirect_speech_and_source_cue(run):
    text = ("Thủ tướng Nhật Bản Fumio Kishida cho biết chính phủ sẽ tăng chi tiêu quốc phòng. "
            "Theo Reuters, cuộc đàm phán sẽ tiếp tục vào tuần tới tại Geneva.")
    qs = quotes(run, text)
    indirect = {q["cue"]["text"]: q for q in qs if q["kind"] == "indirect"}
    assert indirect["cho biết"]["text"] == "chính phủ sẽ tăng chi tiêu quốc phòng"
    assert indirect["cho biết"]["speaker_name"] == "Fumio Kishida"
    assert indirect["Theo"]["speaker_name"] == "Reuters"
    assert indirect["Theo"]["text"].startswith("cuộc đàm phán")


def test_scare_quotes_count(run):
    text = 'Chủ tịch Kim Jong-un mô tả năm 2025 là một năm "có ý nghĩa" với hai nước.'
    (q,) = quotes(run, text)
    assert q["text"] == "có ý nghĩa" and q["speaker"]["text"] == "Kim Jong-un"


def stances(run, text):
    return [s.payload for s in run(text)["rules-stances"].suggestions]


def test_stance_lexicon_support_oppose_and_negation(run):
    support = stances(run, 'Tổng thống Pháp Emmanuel Macron nói: "Chúng tôi ủng hộ Ukraine đến cùng".')
    assert any(s["holder_name"] == "Emmanuel Macron" and s["target_name"] == "Ukraine"
               and s["polarity"] == "support" for s in support)
    oppose = stances(run, "Ngoại trưởng Mỹ Antony Blinken lên án Nga vì cuộc tấn công mới.")
    assert [(s["holder_name"], s["target_name"], s["polarity"]) for s in oppose] == [
        ("Antony Blinken", "Nga", "oppose")]
    negated = stances(run, 'Ông Nguyễn Văn Nam nói: "Chúng tôi không ủng hộ Campuchia trong vụ này".')
    assert any(s["target_name"] == "Campuchia" and s["polarity"] == "oppose" for s in negated)


def test_stance_from_seed_sentence(run):
    text = ("Tổng thống Nga Vladimir Putin đã cảm ơn nhà lãnh đạo Triều Tiên Kim Jong-un vì sự hỗ trợ "
            "của Bình Nhưỡng trong nỗ lực giúp Nga giành lại tỉnh Kursk.")
    found = stances(run, text)
    assert any(s["holder_name"] == "Vladimir Putin" and s["target_name"] == "Kim Jong-un"
               and s["polarity"] == "support" for s in found)


def test_lexicon_file_is_documented_and_valid():
    from tintag.core.suggest import lexicons

    data = lexicons.load("stance_lexicon")
    assert data["description"]
    assert {c["polarity"] for c in data["cues"]} == {"support", "oppose"}
    assert all(0 < c["weight"] <= 1 for c in data["cues"])
