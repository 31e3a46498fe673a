"""Token-level BIO tags for kappa: underthesea words, tagged as the exports tag them.

Segmentation (``tintag.core.export.tokens.segment``) is the expensive part, so
it is kept per document text (keyed by its SHA-256) in a compact form, and a
dashboard refresh does not segment again. Tags follow ``bio_tags`` exactly
(an entity covers every token it overlaps; an entity overlapping one already
tagged, or crossing a sentence end, is dropped) but find the tokens by
bisection instead of scanning, which matters on long documents with many
entities; ``tests/team`` checks both give the same tags.

Tags are small integers: ``0`` is O, label number k (from :class:`TagCodes`)
is ``2k−1`` for B- and ``2k`` for I-.
"""
from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

CACHE_TOKENS = 10_000_000  # 12 bytes a token: about 120 MB at most
PARALLEL_FROM = 32  # uncached documents in a batch worth handing to worker processes


@dataclass(frozen=True)
class Segmentation:
    starts: array
    ends: array
    sentence: array  # sentence number of each token
    sentences: tuple | None = None  # the raw form, kept only if tokens are not in order

    def __len__(self) -> int:
        return len(self.starts)


def from_sentences(sentences: Sequence[Sequence[tuple[int, int]]]) -> Segmentation:
    starts, ends, sent = array("i"), array("i"), array("i")
    for number, sentence in enumerate(sentences):
        for start, end in sentence:
            starts.append(start)
            ends.append(end)
            sent.append(number)
    ordered = all(ends[i] <= starts[i + 1] for i in range(len(starts) - 1)) and all(
        s < e for s, e in zip(starts, ends))
    return Segmentation(starts, ends, sent, None if ordered else tuple(map(tuple, sentences)))


class SegmentationCache:
    """Least recently used segmentations, bounded by their total tokens."""

    def __init__(self, max_tokens: int = CACHE_TOKENS):
        self.max_tokens = max_tokens
        self._items: OrderedDict[str, Segmentation] = OrderedDict()
        self._tokens = 0
        self._lock = threading.Lock()

    def get(self, key: str, text: str) -> Segmentation:
        with self._lock:
            seg = self._items.get(key)
            if seg is not None:
                self._items.move_to_end(key)
                return seg
        seg = segment_text(text)
        self.put(key, seg)
        return seg

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._items

    def put(self, key: str, seg: Segmentation) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = seg
            self._tokens += len(seg)
            while self._tokens > self.max_tokens and len(self._items) > 1:
                _, old = self._items.popitem(last=False)
                self._tokens -= len(old)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._tokens = 0


def segment_text(text: str) -> Segmentation:
    from tintag.core.export.tokens import segment

    return from_sentences(segment(text))


CACHE = SegmentationCache()


class ParallelSegmenter:
    """Segments batches of documents in worker processes (underthesea holds the
    GIL), filling a cache; the pool starts only when a batch has enough
    uncached documents to pay for it, and lives until :meth:`close`."""

    def __init__(self, cache: SegmentationCache, workers: int = 1):
        self.cache, self.workers = cache, max(1, workers)
        self._pool = None

    def fill(self, documents: Sequence[tuple[str, str]]) -> None:
        """Segment the uncached ones of ``(key, text)`` pairs into the cache."""
        todo = [(key, text) for key, text in documents if key not in self.cache]
        if self.workers < 2 or len(todo) < PARALLEL_FROM:
            return  # cheaper one by one, on demand
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker)
        texts = [text for _, text in todo]
        try:
            for (key, _), seg in zip(todo, self._pool.map(segment_text, texts, chunksize=4)):
                self.cache.put(key, seg)
        except (BrokenProcessPool, OSError):
            # no worker processes here (a locked-down system, a frozen app without
            # freeze_support): segment in this process instead, as needed
            self.close()
            self.workers = 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)  # quick: only queued work is dropped
            self._pool = None

    def __enter__(self) -> ParallelSegmenter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C


class TagCodes:
    """Label ↔ integer, shared by every layer of one report."""

    def __init__(self, labels: Iterable[str] = ()):
        self.labels: list[str] = []
        self._index: dict[str, int] = {}
        for label in labels:
            self.code(label)

    def code(self, label: str) -> int:
        k = self._index.get(label)
        if k is None:
            self.labels.append(label)
            k = self._index[label] = len(self.labels)
        return k

    def label_of(self, tag: int) -> str | None:
        return None if tag == 0 else self.labels[(tag + 1) // 2 - 1]

    def name(self, tag: int) -> str:
        return "O" if tag == 0 else ("B-" if tag % 2 else "I-") + self.label_of(tag)


def tag_tokens(seg: Segmentation, entities: Iterable[dict], codes: TagCodes) -> list[int]:
    """One integer tag per token of ``seg`` for these entities (see the module doc)."""
    if seg.sentences is not None:  # tokens out of order: the reference code, as is
        return _tag_slow(seg, entities, codes)
    starts, ends, sent = seg.starts, seg.ends, seg.sentence
    tags = [0] * len(seg)
    for entity in sorted(entities, key=lambda e: (e["start"], -(e["end"] - e["start"]))):
        first = bisect_right(ends, entity["start"])  # first token ending after the start
        stop = bisect_left(starts, entity["end"])  # first token starting at/after the end
        if first >= stop or sent[first] != sent[stop - 1] or any(tags[first:stop]):
            continue
        k = codes.code(entity["label"])
        tags[first] = 2 * k - 1
        for t in range(first + 1, stop):
            tags[t] = 2 * k
    return tags


def _tag_slow(seg: Segmentation, entities, codes: TagCodes) -> list[int]:
    from tintag.core.export.tokens import bio_tags

    entities = list(entities)
    for e in entities:
        codes.code(e["label"])
    tags, _, _ = bio_tags(seg.sentences, entities)
    out: list[int] = []
    for sentence in tags:
        for tag in sentence:
            out.append(0 if tag == "O" else 2 * codes.code(tag[2:]) - (1 if tag[0] == "B" else 0))
    return out
