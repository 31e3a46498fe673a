"""Search strings are never SQL or FTS syntax (issue 7, "Hostile input").

Whatever a user types or pastes into the search box — quotes, ``*``, ``NEAR``,
``-``, parentheses, column filters, control characters, lone surrogates — the
store answers without an error, the count matches the listed page, and a
document holding the typed words is found when the words are plain.
"""
from __future__ import annotations

import re

import pytest
from fuzz_strategies import SYNTAX, fuzz, hostile_text
from hypothesis import given
from hypothesis import strategies as st

from tintag.core.textnorm import canonicalise, text_sha256

WORDS = ["Hà Nội", "Bình Nhưỡng", "thượng đỉnh", "Kim Jong-un", "hòa bình", "😀", "NEAR", "AND"]


def add(store, text: str) -> int:
    text, changes = canonicalise(text)
    row = {"uid": text_sha256(text)[:12], "title": text[:30], "text": text,
           "text_sha256": text_sha256(text), "normalisation": changes}
    with store.write():
        store.insert_documents([row])
    return store.document_by_uid(row["uid"])["id"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One project for every example: searching never changes it."""
    from tintag.core.store import ProjectStore

    project = ProjectStore.create(tmp_path_factory.mktemp("search") / "s.tintag", actor="lead")
    for text in ("Thượng đỉnh Bình Nhưỡng: Kim Jong-un nói về hòa bình ở Hà Nội.", "Tin thể thao.",
                 "Bình Nhưỡng nói \"không\" – NEAR(a b) * -x", "Kim Jong-un 😀 hòa bình"):
        add(project, text)
    yield project
    project.close()


def searches():
    syntax = st.lists(st.sampled_from(SYNTAX + WORDS + [" ", "  ", "\t", "\n"]), max_size=8).map("".join)
    return st.one_of(syntax, hostile_text(huge=False, max_pieces=8))


@fuzz(200)
@given(query=searches())
def test_any_search_string_answers(store, query):
    project = store
    n = project.count_documents(query)
    page = project.list_documents(0, 50, search=query)
    assert n == len(page)
    for doc in page:
        assert project.neighbour_document(doc["id"], 1, search=query) in {d["id"] for d in page} | {None}


@fuzz(100)
@given(words=st.lists(st.sampled_from(WORDS[:5]), min_size=1, max_size=3),
       noise=st.lists(st.sampled_from(SYNTAX), max_size=3))
def test_plain_words_find_their_document_whatever_surrounds_them(store, words, noise):
    project = store
    # punctuation and operators around the words are not part of them
    query = " ".join(words) + " " + "".join(n for n in noise if not re.search(r"\w", n))
    found = [d["title"] for d in project.list_documents(0, 10, search=query)]
    assert any(title.startswith("Thượng đỉnh") for title in found), (query, found)
