"""Offsets across the Python ⇄ Qt boundary (issue 7, "Fuzzing").

Every offset in TinTag is a Python ``str`` index; Qt counts UTF-16 units and
turns line ends into block separators. These properties drive the real
``ArticleView`` (a QPlainTextEdit) with hostile canonical texts — astral
characters, flags and ZWJ sequences, combining marks, bidi marks, every line
end that survives canonicalisation (``\\u2028``, ``\\u2029``, ``\\x0b``,
``\\x0c``, ``\\x1c``–``\\x1e``, ``\\x85``) — and check that a span selected
through the view comes back as the same Python span, that the text Qt holds
under it is ``text[start:end]``, and that every character maps to a distinct
position.
"""
from __future__ import annotations

import pytest
from fuzz_strategies import fuzz, storable_text
from hypothesis import given
from hypothesis import strategies as st

from tintag.core.offsets import OffsetMap
from tintag.core.textnorm import canonicalise

# what QTextCursor.selectedText() writes in place of a block or line end
QT_BREAKS = {"\n": "\u2029", "\u2029": "\u2029", "\u2028": "\u2028"}


@pytest.fixture(scope="module")
def view():
    from PySide6.QtWidgets import QApplication

    from tintag.ui.article_view import ArticleView

    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive by Qt)
    widget = ArticleView()
    widget.resize(500, 300)
    yield widget
    widget.deleteLater()


def canonical_texts():
    return storable_text(huge=False, max_pieces=20).map(lambda t: canonicalise(t)[0])


def qt_view_of(text: str) -> str:
    """What selectedText() gives for ``text``: block separators for line breaks."""
    return "".join(QT_BREAKS.get(ch, ch) for ch in text)


@fuzz(150)
@given(text=canonical_texts(), data=st.data())
def test_a_span_survives_the_view(view, text, data):
    view.set_text(text)
    qt_length = view.document().characterCount() - 1  # Qt adds one final separator
    assert qt_length == len(text.encode("utf-16-le")) // 2
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    view.select(start, end)
    if start == end:
        assert view.selection() is None
        return
    assert view.selection() == (start, end)
    assert view.textCursor().selectedText() == qt_view_of(text[start:end])


@fuzz(150)
@given(text=canonical_texts(), data=st.data())
def test_every_qt_position_maps_into_the_text(view, text, data):
    """A click can land anywhere, even between the halves of a surrogate pair:
    the index is always a character boundary inside the text, and mapping it
    back gives a position at or before the click."""
    m = OffsetMap(text)
    qt_length = len(text.encode("utf-16-le")) // 2
    position = data.draw(st.integers(0, qt_length))
    index = m.to_py(position)
    assert 0 <= index <= len(text)
    assert m.to_qt(index) <= position <= m.to_qt(index) + 1
    assert [m.to_qt(i) for i in range(len(text) + 1)] == sorted({m.to_qt(i) for i in range(len(text) + 1)})
