"""Quote suggestions: direct quotes between marks, and reported speech after
cue verbs, each with its cue and its speaker when the rules can tell.

Speaker rules: the PER/ORG entity the cue attaches to — before the cue
("X nêu rõ"), or after a source cue ("theo X", "dẫn lời X"); a pronoun or
title standing alone before the cue ("ông nói", "nhà lãnh đạo … khẳng
định") stands for the last named person before it.
"""
from __future__ import annotations

import re

from . import lexicons
from .base import Produced, Suggestion
from .sentences import containing, sentence_spans

OPENERS = {"“": "”", "«": "»"}
CLOSERS = {"”", "»"}
STRAIGHT = '"'
MAX_QUOTE_CHARS = 3000
MIN_INDIRECT_CHARS = 12
SPEAKER_LABELS = ("PER", "ORG")
SUBJECT_WINDOW = 48  # a sentence's subject stands within its first characters
_NAME_AFTER = re.compile(r"\s+([A-ZÀ-ỸĐ][\w-]*(?:\s+[A-ZÀ-ỸĐ][\w-]*)*)")


def find_direct_quotes(text: str) -> list[tuple[int, int]]:
    """(open mark, close mark) positions, paired left to right.

    Marks pair by position, whatever their shape: on real articles most are
    straight '"' and some pairs mix “…". A quote never spans a blank line.
    """
    pairs, open_at = [], None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and text[open_at:i].count("\n") >= 1:
            open_at = None  # an unclosed mark at the end of a paragraph
        if ch in OPENERS or (ch == STRAIGHT and open_at is None):
            if open_at is None or ch in OPENERS:
                open_at = i
            continue
        if open_at is not None and (ch in CLOSERS or ch == STRAIGHT):
            if i - open_at - 1 <= MAX_QUOTE_CHARS:
                pairs.append((open_at, i))
            open_at = None
    return pairs


def _content(text: str, open_at: int, close_at: int) -> tuple[int, int] | None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


class Mentions:
    """Entity suggestions of the document, for speaker look-ups."""

    def __init__(self, text: str, prior: list[Suggestion]):
        self.text = text
        self.entities = sorted((s.payload for s in prior if s.kind == "entity"),
                               key=lambda p: p["start"])
        self.people = [e for e in self.entities if e["label"] == "PER"]
        titles = lexicons.load("titles")
        self.pronoun = lexicons.phrase_pattern(titles["pronouns"] + titles["person_titles"])

    def last_speaker_in(self, start: int, end: int) -> dict | None:
        found = [e for e in self.entities
                 if e["label"] in SPEAKER_LABELS and start <= e["start"] and e["end"] <= end]
        return found[-1] if found else None

    def first_speaker_in(self, start: int, end: int) -> dict | None:
        found = [e for e in self.entities
                 if e["label"] in SPEAKER_LABELS and start <= e["start"] and e["end"] <= end]
        return found[0] if found else None

    def pronoun_before(self, start: int, end: int) -> dict | None:
        """A pronoun/title in text[start:end] resolved to the last person named before it."""
        matches = list(self.pronoun.finditer(self.text, start, end))
        if not matches:
            return None
        named = _NAME_AFTER.match(self.text, matches[-1].end(), end)
        if named and named.group(1).lower() not in lexicons.places():
            # "Ông Putin nói": the title is followed by the name itself
            # (but "nhà lãnh đạo Triều Tiên nói" names a country, not the person)
            return {"start": named.start(1), "end": named.end(1), "text": named.group(1), "label": "PER"}
        at = matches[-1].start()
        earlier = [p for p in self.people if p["end"] <= at]
        return earlier[-1] if earlier else None

    def full_name(self, entity: dict) -> str:
        """'Lavrov' → 'Sergey Lavrov' when the longer name appeared in the document."""
        name = entity["text"]
        longer = [p["text"] for p in self.people
                  if p["text"] != name and name in p["text"].split()]
        return max(longer, key=len) if longer and entity["label"] == "PER" else name


def _speaker(entity: dict | None) -> dict | None:
    if entity is None:
        return None
    return {"start": entity["start"], "end": entity["end"], "text": entity["text"],
            "label": entity["label"]}


def quote_key(payload: dict) -> str:
    """A quote suggestion's identity: its content span."""
    return f"quote:{payload['start']}:{payload['end']}"


class QuoteProducer:
    name = "rules-quotes"
    version = "1"

    def suggest(self, text: str, prior: list[Suggestion]) -> Produced:
        data = lexicons.load("quote_cues")
        after_cue = lexicons.phrase_pattern(data["after"])
        source_cue = lexicons.phrase_pattern(data["source"])
        mentions = Mentions(text, prior)
        sentences = sentence_spans(text)
        out: list[Suggestion] = []
        quoted: list[tuple[int, int]] = []  # direct quotes and reported contents so far
        used_cues: set[int] = set()

        for open_at, close_at in find_direct_quotes(text):
            content = _content(text, open_at, close_at)
            if content is None:
                continue
            quoted.append((open_at, close_at + 1))
            cue, speaker = self._attribution(text, open_at, close_at, sentences, mentions,
                                             after_cue, source_cue)
            if cue:
                used_cues.add(cue[0])
            out.append(self._make(text, content, "direct", cue, speaker, mentions,
                                  0.85 if speaker else 0.6))

        for match in after_cue.finditer(text):
            if match.start() in used_cues or any(a <= match.start() < b for a, b in quoted):
                continue
            s_start, s_end = containing(sentences, match.start())
            rest = self._indirect_content(text, match.end(), s_end, data["complementisers"])
            if rest is None or any(a < rest[1] and rest[0] < b for a, b in quoted):
                continue
            speaker = mentions.last_speaker_in(s_start, match.start()) or \
                mentions.pronoun_before(s_start, match.start())
            if speaker is None:
                continue  # reported speech without a speaker is mostly noise
            quoted.append(rest)
            out.append(self._make(text, rest, "indirect", match.span(), speaker, mentions, 0.55))

        for match in source_cue.finditer(text):
            s_start, s_end = containing(sentences, match.start())
            if match.group(0).lower() != "theo" or match.start() != s_start:
                continue
            comma = text.find(",", match.end(), s_end)
            if comma < 0:
                continue
            speaker = mentions.first_speaker_in(match.end(), comma)
            rest = self._indirect_content(text, comma + 1, s_end, [])
            if speaker is None or rest is None or any(a < rest[1] and rest[0] < b for a, b in quoted):
                continue
            out.append(self._make(text, rest, "indirect", match.span(), speaker, mentions, 0.5))
        unique = {s.key: s for s in out}
        return Produced(sorted(unique.values(), key=lambda s: s.payload["start"]))

    def _attribution(self, text, open_at, close_at, sentences, mentions, after_cue, source_cue):
        """(cue span, speaker entity) for a direct quote, looking after it first."""
        s_start, s_end = containing(sentences, close_at + 1)
        window_end = s_end
        next_quote = text.find('"', close_at + 1, s_end)
        if next_quote > 0:
            window_end = next_quote
        cue = after_cue.search(text, close_at + 1, window_end)
        source = source_cue.search(text, close_at + 1, window_end)
        if source and (cue is None or source.start() < cue.start()):
            # '"…", KCNA dẫn lời ông Kim Jong-un': the speaker follows the source cue
            speaker = mentions.first_speaker_in(source.end(), window_end) or \
                mentions.pronoun_before(source.end(), window_end)
            return source.span(), speaker
        if cue:
            speaker = mentions.last_speaker_in(close_at + 1, cue.start()) or \
                mentions.pronoun_before(close_at + 1, cue.start())
            if speaker is None:
                speaker = mentions.first_speaker_in(cue.end(), window_end)
            return cue.span(), speaker
        b_start, _ = containing(sentences, open_at)
        before = list(after_cue.finditer(text, b_start, open_at))
        if before:
            cue = before[-1]
            speaker = mentions.last_speaker_in(b_start, cue.start()) or \
                mentions.pronoun_before(b_start, cue.start())
            return cue.span(), speaker
        sources = list(source_cue.finditer(text, b_start, open_at))
        if sources:
            cue = sources[-1]
            return cue.span(), mentions.first_speaker_in(cue.end(), open_at)
        # no cue: the sentence's subject says it ('Ông Putin "đánh giá cao" …')
        subject_end = min(open_at, b_start + SUBJECT_WINDOW)
        return None, (mentions.first_speaker_in(b_start, subject_end)
                      or mentions.pronoun_before(b_start, subject_end))

    @staticmethod
    def _indirect_content(text, start, end, complementisers):
        while end > start and text[end - 1] in ".!?… ":
            end -= 1
        pos = start
        while True:
            while pos < end and (text[pos].isspace() or text[pos] in ",:"):
                pos += 1
            for word in complementisers:
                if text.startswith(word, pos) and (pos + len(word) >= end or not text[pos + len(word)].isalnum()):
                    pos += len(word)
                    break
            else:
                break
        if end - pos < MIN_INDIRECT_CHARS:
            return None
        return pos, end

    @staticmethod
    def _make(text, content, kind, cue, speaker, mentions, score) -> Suggestion:
        start, end = content
        payload = {
            "start": start, "end": end, "text": text[start:end], "kind": kind,
            "cue": {"start": cue[0], "end": cue[1], "text": text[cue[0]:cue[1]]} if cue else None,
            "speaker": _speaker(speaker),
            "speaker_name": mentions.full_name(speaker) if speaker else None,
        }
        return Suggestion("quote", quote_key(payload), payload, score)
