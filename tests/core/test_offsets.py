"""Python ⇄ UTF-16 offsets, including astral-plane characters."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tintag.core.offsets import OffsetMap


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_emoji_before_a_word():
    text = "A😀 Hà Nội 🇻🇳 x"
    m = OffsetMap(text)
    start = text.index("Hà Nội")
    assert m.to_qt(start) == start + 1
    assert m.to_py(m.to_qt(start)) == start
    end = len(text)
    assert m.to_qt(end) == utf16_len(text)
    assert m.to_py(2) == 1  # inside the surrogate pair → the emoji's start


def test_plain_text_is_identity():
    m = OffsetMap("Tổng thống Nga")
    assert [m.to_qt(i) for i in range(5)] == list(range(5))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), st.data())
def test_round_trip_and_agreement_with_utf16(text, data):
    m = OffsetMap(text)
    i = data.draw(st.integers(0, len(text)))
    assert m.to_qt(i) == utf16_len(text[:i])
    assert m.to_py(m.to_qt(i)) == i
