"""Entity suggestions from underthesea's CRF NER, aligned and cleaned.

underthesea's NER is low-precision on news (DESIGN §3): the tag is often
pulled one word left ("Tổng thống Nga Vladimir Putin" as LOC), countries get
PER, dates and numbers get tagged, spans start on punctuation. We clean
that up and score each span by the CRF's per-token marginal probabilities.
"""
from __future__ import annotations

import re

from . import lexicons
from .align import Aligner, fold
from .base import Produced, Suggestion

ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC")
_NUMERIC = re.compile(r"^[\d\s.,:/\-–%]+$")
_EDGE_PUNCT = {"CH"}  # underthesea's POS for punctuation


class Token:
    __slots__ = ("word", "pos", "tag", "prob", "start", "end")

    def __init__(self, word, pos, tag, prob, start, end):
        self.word, self.pos, self.tag, self.prob = word, pos, tag, prob
        self.start, self.end = start, end


def paragraphs(text: str):
    """(start, end) of each non-blank line: sent_tokenize ignores newlines."""
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            yield pos, end
        pos = end + 1


class _Tagger:
    """underthesea's own NER pipeline, asking the CRF for marginals too."""

    def __init__(self):
        from underthesea import chunk, sent_tokenize
        from underthesea.pipeline.ner.model_crf import CRFNERPredictor

        self.chunk, self.sent_tokenize = chunk, sent_tokenize
        self.predictor = CRFNERPredictor.Instance()
        self.labels = list(self.predictor.model.labels())

    def tag(self, sentence: str) -> list[tuple[str, str, str, float]]:
        chunked = self.chunk(sentence)
        if not chunked:
            return []
        rows = [(w, pos, ch, "X") for w, pos, ch in chunked]
        features = self.predictor.transformer.transform([rows])[0][0]
        model = self.predictor.model
        tags = model.tag(features)
        marginals = model.marginals(features)
        index = {label: i for i, label in enumerate(self.labels)}
        return [(w, pos, tag, marginals[i][index[tag]] if tag in index else 0.0)
                for i, ((w, pos, _ch), tag) in enumerate(zip(chunked, tags))]


_TAGGER: _Tagger | None = None


def tagger() -> _Tagger:
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = _Tagger()
    return _TAGGER


def tag_text(text: str) -> tuple[list[list[Token]], int]:
    """Sentences of aligned tokens, and how many tokens could not be aligned."""
    t = tagger()
    sentences, dropped = [], 0
    for start, end in paragraphs(text):
        aligner = Aligner(text, start, end)
        for sentence in t.sent_tokenize(text[start:end]):
            tokens = []
            for word, pos, tag, prob in t.tag(sentence):
                span = aligner.place(word)
                if span is None:
                    # unalignable: its tag must not glue neighbours together
                    tokens.append(Token(word, pos, "O", 0.0, -1, -1))
                    continue
                tokens.append(Token(word, pos, tag, prob, *span))
            sentences.append([tk for tk in tokens])
        dropped += aligner.dropped
    return sentences, dropped


def raw_spans(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """Merge B-/I- tags into (label, tokens); an I- continues only its own label."""
    spans: list[tuple[str, list[Token]]] = []
    open_span = False
    for tk in tokens:
        if tk.start < 0 or "-" not in tk.tag:
            open_span = False
            continue
        bio, label = tk.tag.split("-", 1)
        if bio == "I" and open_span and spans[-1][0] == label:
            spans[-1][1].append(tk)
        else:
            spans.append((label, [tk]))
            open_span = True
    return spans


def clean_span(label: str, toks: list[Token], before: Token | None = None) -> list[tuple[str, list[Token]]]:
    """Fix underthesea's usual mistakes; may split one span into two or drop it.

    ``before`` is the token preceding the span: a person title there
    ("nhà lãnh đạo Kim Jong-un") makes the span a person.
    """
    titles, countries = lexicons.person_titles(), lexicons.countries()
    after_title = before is not None and before.word.lower() in titles
    while toks and (toks[0].pos in _EDGE_PUNCT or toks[0].word.lower() in titles
                    or (label in ("PER", "LOC") and toks[0].pos != "Np" and not toks[0].word[:1].isupper())):
        after_title |= toks[0].word.lower() in titles
        toks = toks[1:]
    while toks and (toks[-1].pos in _EDGE_PUNCT or toks[-1].word.lower() in titles):
        toks = toks[:-1]
    if not toks or all(_NUMERIC.match(t.word) for t in toks):
        return []
    toks = _split_leading_country(toks, countries)
    text = " ".join(t.word for t in toks)
    lowered = text.lower()
    if lowered in lexicons.not_entities():
        return []
    if toks[0].word.lower() in countries and len(toks) > 1 and toks[1].word[:1].isupper():
        rest_label = "PER" if (label == "PER" or after_title) else label
        return [("LOC", toks[:1])] + clean_span(rest_label, toks[1:], toks[0] if after_title else None)
    if lowered in lexicons.org_names() or lexicons.org_heads().match(lowered):
        return [("ORG", toks)]
    if lowered in lexicons.places():
        return [("LOC", toks)]
    if after_title and label in ("LOC", "MISC") and all(t.word[:1].isupper() for t in toks):
        return [("PER", toks)]
    return [(label, toks)]


def _same_words(surface: str, toks: list[Token]) -> bool:
    wanted = [fold(syl) for t in toks for syl in t.word.split()]
    return [fold(syl) for syl in surface.split()] == wanted


def _split_leading_country(toks: list[Token], countries: frozenset[str]) -> list[Token]:
    """underthesea sometimes makes one word of "Triều Tiên Kim Jong Un": cut it."""
    first = toks[0]
    if first.word.lower() in countries:
        return toks
    syllables = first.word.split(" ")
    for n in range(len(syllables) - 1, 0, -1):
        head = " ".join(syllables[:n])
        if head.lower() in countries and syllables[n][:1].isupper():
            # syllables are separated by single spaces inside an aligned word
            cut = first.start + len(head)
            rest_start = cut + 1
            if rest_start >= first.end:
                return toks
            return [Token(head, "Np", first.tag, first.prob, first.start, cut),
                    Token(" ".join(syllables[n:]), "Np", first.tag, first.prob, rest_start, first.end)] + toks[1:]
    return toks


def entity_key(payload: dict) -> str:
    """An entity suggestion's identity (decisions are recorded against it)."""
    return f"entity:{payload['start']}:{payload['end']}:{payload['label']}"


class EntityProducer:
    name = "underthesea-ner"
    version = "1"

    def __init__(self, label_map: dict[str, str] | None = None):
        self.label_map = label_map or {}

    def suggest(self, text: str, prior: list[Suggestion]) -> Produced:
        sentences, dropped = tag_text(text)
        out: dict[str, Suggestion] = {}
        for tokens in sentences:
            position = {id(tk): i for i, tk in enumerate(tokens)}
            for label, toks in raw_spans(tokens):
                i = position[id(toks[0])]
                before = tokens[i - 1] if i > 0 else None
                for clean_label, clean_toks in clean_span(label, toks, before):
                    mapped = self.label_map.get(clean_label, clean_label)
                    if not mapped:
                        continue
                    start, end = clean_toks[0].start, clean_toks[-1].end
                    if not _same_words(text[start:end], clean_toks):
                        dropped += 1  # never shift a span onto other words
                        continue
                    score = sum(t.prob for t in clean_toks) / len(clean_toks)
                    payload = {"start": start, "end": end, "label": mapped, "text": text[start:end]}
                    key = entity_key(payload)
                    out[key] = Suggestion("entity", key, payload, round(score, 4))
        return Produced(sorted(out.values(), key=lambda s: s.payload["start"]), dropped)
