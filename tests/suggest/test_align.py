"""The aligner places underthesea's tokens on the stored text, or drops them."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tintag.core.suggest.align import Aligner, fold


def test_exact_flexible_and_folded_matches():
    text = "Ông  Nguyễn Văn\nAn 😀 nói: “Hoà bình là quí”, thuỷ thủ Kim Jong-un."
    aligner = Aligner(text)
    placed = {tok: aligner.place(tok) for tok in
              ["Ông", "Nguyễn Văn An", "😀", "nói", ":", "“", "Hòa bình", "là", "quy", "”", ",",
               "thủy thủ", "Kim Jong-un", "."]}
    surfaces = {tok: text[s:e] for tok, (s, e) in placed.items()}
    assert surfaces["Nguyễn Văn An"] == "Nguyễn Văn\nAn"  # a line break inside the name
    assert surfaces["Hòa bình"] == "Hoà bình"  # underthesea's tone-mark rewrite
    assert surfaces["quy"] == "quí"
    assert surfaces["thủy thủ"] == "thuỷ thủ"
    assert surfaces["😀"] == "😀"
    assert aligner.dropped == 0


def test_unknown_token_is_dropped_not_shifted():
    text = "Hà Nội mùa thu"
    aligner = Aligner(text)
    assert aligner.place("Hà Nội") == (0, 6)
    assert aligner.place("Sài Gòn") is None
    assert aligner.dropped == 1
    assert aligner.place("mùa") == (7, 10)  # the cursor did not move past the drop


def test_fold():
    assert fold("Đỉnh") == "dinh" and fold("hoà") == fold("hòa") == "hoa"


syllables = st.sampled_from(["Hà", "Nội", "hoà", "bình", "thuỷ", "Kim", "Jong-un", "😀", "1.500",
                             "“", "”", '"', ",", "Đà", "Nẵng", "x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(syllables, st.sampled_from([" ", "  ", "\n", " \n "])), min_size=1, max_size=25))
def test_property_every_placed_token_is_its_text(parts):
    """Tokenise a text the way underthesea would (joined by one space, NFC,
    tone marks moved); every placed span's syllables equal the token's."""
    text = "".join(word + sep for word, sep in parts)
    aligner = Aligner(text)
    rewrite = {"hoà": "hòa", "thuỷ": "thủy"}
    for word, _sep in parts:
        token = rewrite.get(word, word)
        span = aligner.place(token)
        assert span is not None
        assert [fold(s) for s in text[span[0]:span[1]].split()] == [fold(token)]
    assert aligner.dropped == 0
