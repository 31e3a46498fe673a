"""Long documents made of the seeds' real Vietnamese paragraphs, for the
chunking and worker tests."""
from __future__ import annotations

import json
from pathlib import Path

from tintag.core.importers.seed import read_seed

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_texts() -> list[str]:
    return [read_seed(p)[0]["text"] for p in sorted(SEEDS.glob("*.txt"))]


def long_text(chars: int, start: int = 0) -> str:
    """At least ``chars`` characters: the seeds' paragraphs in turn, blank
    lines between them, each pass numbered so no two paragraphs are equal."""
    paragraphs = [p.strip() for t in seed_texts() for p in t.split("\n") if p.strip()]
    out, size, n = [], 0, start
    while size < chars:
        para = paragraphs[n % len(paragraphs)]
        if n % len(paragraphs) == 0:
            para = f"Phần {n // len(paragraphs) + 1}. {para}"
        out.append(para)
        size += len(para) + 2
        n += 1
    return "\n\n".join(out)


def write_jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts),
                    encoding="utf-8")
    return path
