"""The producer interface shared by every suggestion source."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Suggestion:
    kind: str  # entity | quote | stance
    key: str  # stable identity: decisions are recorded against it
    payload: dict
    score: float = 0.0

    def as_row(self) -> dict:
        return {"kind": self.kind, "key": self.key, "payload": self.payload, "score": self.score}


@dataclass
class Produced:
    suggestions: list[Suggestion] = field(default_factory=list)
    dropped: int = 0  # tokens that could not be aligned to the text


class Producer(Protocol):
    name: str
    version: str

    def suggest(self, text: str, prior: list[Suggestion]) -> Produced:
        """Suggestions for ``text``; ``prior`` holds earlier producers' output."""
