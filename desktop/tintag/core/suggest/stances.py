"""Stance suggestions: holder → target with a polarity from the cue lexicon.

Holders are quote speakers and named sentence subjects; targets are the
entities the quote (or the rest of the sentence) mentions. Polarity comes
from resources/lexicons/stance_lexicon.json; a negation right before a cue
flips it; no cue means neutral, with a low score.
"""
from __future__ import annotations

import re

from . import lexicons
from .base import Produced, Suggestion
from .sentences import containing, sentence_spans

TARGET_LABELS = ("PER", "ORG", "LOC")
HOLDER_LABELS = ("PER", "ORG")
SUBJECT_WINDOW = 40  # a sentence's subject starts within its first characters
NEUTRAL_SCORE = 0.3
FLIP = {"support": "oppose", "oppose": "support"}


class Lexicon:
    def __init__(self):
        data = lexicons.load("stance_lexicon")
        self.cues = {c["phrase"].lower(): c for c in data["cues"]}
        self.pattern = lexicons.phrase_pattern(list(self.cues))
        self.negation = re.compile(
            r"(?:{})\s+$".format("|".join(re.escape(n) for n in sorted(data["negations"], key=len, reverse=True))),
            re.IGNORECASE)

    def polarity(self, text: str, start: int, end: int) -> tuple[str, float, tuple[int, int] | None]:
        """The strongest cue in text[start:end] → (polarity, weight, cue span)."""
        best = None
        for match in self.pattern.finditer(text, start, end):
            cue = self.cues[match.group(0).lower()]
            polarity = cue["polarity"]
            if self.negation.search(text, max(start, match.start() - 16), match.start()):
                polarity = FLIP.get(polarity, polarity)
            if best is None or cue["weight"] > best[1]:
                best = (polarity, cue["weight"], match.span())
        return best or ("neutral", NEUTRAL_SCORE, None)


def _party(entity: dict) -> dict:
    return {"start": entity["start"], "end": entity["end"], "text": entity["text"]}


def _same(a: dict, b: dict) -> bool:
    return a["text"].lower() == b["text"].lower() or a["text"] in b["text"] or b["text"] in a["text"]


class StanceProducer:
    name = "rules-stances"
    version = "1"

    def __init__(self):
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon()
        return self._lexicon

    def suggest(self, text: str, prior: list[Suggestion]) -> Produced:
        entities = sorted((s.payload for s in prior if s.kind == "entity"), key=lambda e: e["start"])
        quotes = [s for s in prior if s.kind == "quote" and s.payload.get("speaker")]
        sentences = sentence_spans(text)
        out: dict[str, Suggestion] = {}

        for quote in quotes:
            q = quote.payload
            speaker = q["speaker"]
            polarity, weight, _cue = self.lexicon.polarity(text, q["start"], q["end"])
            s_start, s_end = containing(sentences, q["start"])
            if polarity == "neutral":
                polarity, weight, _cue = self.lexicon.polarity(text, s_start, s_end)
                weight *= 0.8  # a cue outside the quote itself is weaker evidence
            targets = [e for e in entities if q["start"] <= e["start"] and e["end"] <= q["end"]
                       and e["label"] in TARGET_LABELS and not _same(e, speaker)]
            if not targets:
                targets = [e for e in entities if s_start <= e["start"] and e["end"] <= s_end
                           and e["label"] in TARGET_LABELS and not _same(e, speaker)
                           and not (speaker["start"] <= e["start"] < speaker["end"])]
            for target in _unique(targets):
                self._add(out, text, speaker, q.get("speaker_name"), target, polarity, weight,
                          {"start": q["start"], "end": q["end"]}, quote.key)

        for s_start, s_end in sentences:
            holders = [e for e in entities if s_start <= e["start"] < s_start + SUBJECT_WINDOW
                       and e["end"] <= s_end and e["label"] in HOLDER_LABELS]
            if not holders:
                continue
            holder = holders[0]
            polarity, weight, cue = self.lexicon.polarity(text, holder["end"], s_end)
            if cue is None:
                continue  # a plain sentence says nothing about stance
            targets = [e for e in entities if cue[1] <= e["start"] and e["end"] <= s_end
                       and e["label"] in TARGET_LABELS and not _same(e, holder)]
            for target in _unique(targets):
                self._add(out, text, holder, holder["text"], target, polarity, weight * 0.9,
                          {"start": s_start, "end": s_end}, None)
        return Produced(sorted(out.values(), key=lambda s: (s.payload["evidence"]["start"], s.key)))

    @staticmethod
    def _add(out, text, holder, holder_name, target, polarity, score, evidence, quote_key):
        payload = {"holder": _party(holder), "holder_name": holder_name or holder["text"],
                   "target": _party(target), "target_name": target["text"],
                   "polarity": polarity, "evidence": evidence, "evidence_quote_key": quote_key}
        key = stance_key(payload)
        if key not in out or out[key].score < score:
            out[key] = Suggestion("stance", key, payload, round(score, 4))


def stance_key(payload: dict) -> str:
    """A stance suggestion's identity: holder span, target name, evidence start."""
    holder, target = payload["holder"], payload["target"]
    return f"stance:{holder['start']}-{holder['end']}:{target['text'].lower()}:{payload['evidence']['start']}"


def _unique(entities: list[dict]) -> list[dict]:
    """One target per name: the first mention."""
    seen, out = set(), []
    for e in entities:
        name = e["text"].lower()
        if name not in seen:
            seen.add(name)
            out.append(e)
    return out
