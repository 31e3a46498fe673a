"""Long documents are suggested in bounded chunks: progress per chunk, cancel
between chunks, and the same suggestions as before on normal articles."""
from __future__ import annotations

import re

import pytest
from long_documents import long_text, write_jsonl

from tintag.core.importers import import_files
from tintag.core.store import ProjectStore
from tintag.core.suggest import batch, chunks, registry


def rows(results):
    return {name: ([s.as_row() for s in produced.suggestions], produced.dropped)
            for name, produced in results.items()}


def test_a_long_document_shows_progress_and_cancels_mid_document(tmp_path):
    path = tmp_path / "p.tintag"
    text = long_text(200_000)
    with ProjectStore.create(path) as store:
        assert import_files(store, [write_jsonl(tmp_path / "long.jsonl", [text])]).inserted == 1
    seen = []
    inside = lambda: [(d, t) for d, t in seen if 0 < d < t]  # noqa: E731 (reports within the document)
    summary = batch.suggest_project(path, workers=1, progress=lambda d, t: seen.append((d, t)),
                                    cancelled=lambda: len(inside()) >= 2)
    assert len(inside()) >= 2, seen  # the one document reported progress more than once …
    assert summary.cancelled and summary.done == 0  # … and stopped before its end
    assert seen[-1][0] < seen[-1][1]
    with ProjectStore.open(path, readonly=True) as store:  # a document is stored whole or not at all
        assert store.documents_needing_suggestions(registry.versions(registry.build())) == [1]
        assert store.stats()["suggestions"] == 0


def test_normal_articles_give_exactly_what_they_gave_before(producers, seed_texts):
    for text in seed_texts:
        assert len(chunks.chunk_spans(text)) == 1
        assert rows(chunks.run_chunked(producers, text)) == rows(registry.run_all(producers, text))


def test_chunks_are_whole_articles_shifted_into_place(producers, seed_texts):
    """Articles joined by blank lines and cut one per chunk: each chunk's
    suggestions are the article's own, moved to where it stands (keys too)."""
    articles = [re.sub(r"\n\s*\n", "\n", t).strip() for t in seed_texts]  # blank lines only between them
    text = "\n\n".join(articles)
    limit = max(len(t) for t in articles) + 2
    spans = chunks.chunk_spans(text, limit)
    assert [text[a:b].strip() for a, b in spans] == articles
    chunked = chunks.run_chunked(producers, text, limit=limit)
    expected = {name: ([], 0) for name in chunked}
    offset = 0
    for article in articles:
        for name, produced in chunks.shift_results(registry.run_all(producers, article), offset).items():
            items, dropped = expected[name]
            expected[name] = (items + [s.as_row() for s in produced.suggestions], dropped + produced.dropped)
        offset += len(article) + 2
    assert rows(chunked) == expected
    # stances of later chunks point at their quotes by the quotes' moved keys
    keys = {s.key for s in chunked["rules-quotes"].suggestions}
    linked = [s.payload["evidence_quote_key"] for s in chunked["rules-stances"].suggestions
              if s.payload["evidence_quote_key"] and s.payload["evidence"]["start"] >= spans[1][0]]
    assert linked and set(linked) <= keys
    for produced in chunked.values():  # offsets and surfaces agree in the whole text
        for s in produced.suggestions:
            p = s.payload
            if "text" in p:
                assert text[p["start"]:p["end"]] == p["text"]
    # entities are found per paragraph: cutting between paragraphs changes none of them
    whole = registry.run_all(producers, text)
    assert rows(chunked)["underthesea-ner"] == rows(whole)["underthesea-ner"]


@pytest.mark.parametrize("text, limit", [
    ("a" * 10, 4),  # no space at all: hard cuts
    ("một hai ba bốn năm sáu bảy", 8),  # words
    ("Câu một. Câu hai! Câu ba? Câu bốn.", 12),  # sentences
    ("dòng một\ndòng hai\ndòng ba\n", 10),  # lines
    ("đoạn một\n\nđoạn hai\n\n\nđoạn ba", 12),  # paragraphs
])
def test_chunks_cover_the_text_within_the_limit(text, limit):
    spans = chunks.chunk_spans(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b and b - a <= limit for a, b in spans)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))


def test_cuts_prefer_blank_lines_then_line_ends_then_sentences():
    text = "Câu một. Câu hai.\nDòng hai.\n\nĐoạn hai."
    assert chunks.chunk_spans(text, 30) == [(0, 29), (29, len(text))]  # after the blank line
    assert chunks.chunk_spans(text, 27) == [(0, 18), (18, len(text))]  # after the first line end
    assert chunks.chunk_spans(text, 12)[0] == (0, 9)  # after "Câu một. "


def test_the_pool_splits_long_documents_the_same_way(tmp_path, seed_paths):
    texts = [long_text(6_000), long_text(4_000, start=5)]
    paths = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.tintag"
        with ProjectStore.create(path) as store:
            import_files(store, [write_jsonl(tmp_path / "long.jsonl", texts)] + seed_paths[:1])
        paths.append(path)
    seen = []
    batch.suggest_project(paths[0], workers=1, chunk_chars=2_500)
    summary = batch.suggest_project(paths[1], workers=2, chunk_chars=2_500,
                                    progress=lambda d, t: seen.append((d, t)))
    assert summary.done == 3
    assert seen[-1][0] == seen[-1][1] > 3  # counted in chunks: the long documents are several
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    def dump(path):
        with ProjectStore.open(path) as store:
            return sorted((r["document_id"], r["key"], r["payload"]) for r in
                          store.db.query("SELECT document_id, key, payload FROM suggestions"))

    assert dump(paths[0]) == dump(paths[1])


@pytest.mark.slow
def test_the_longest_document_import_allows_shows_progress_at_once(tmp_path):
    """5,000,000 characters (the import limit): before, no progress for over 15 minutes."""
    path = tmp_path / "p.tintag"
    text = long_text(5_000_000)[:5_000_000]
    with ProjectStore.create(path) as store:
        assert import_files(store, [write_jsonl(tmp_path / "long.jsonl", [text])]).inserted == 1
    seen = []
    summary = batch.suggest_project(path, workers=1, progress=lambda d, t: seen.append((d, t)),
                                    cancelled=lambda: len(seen) >= 3)
    assert summary.cancelled and seen[1:] == [(1, seen[1][1]), (2, seen[1][1])]
    assert seen[1][1] >= len(text) // chunks.MAX_CHUNK_CHARS
