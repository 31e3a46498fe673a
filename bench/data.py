"""Synthetic but realistic corpora for the benchmarks, cached under bench/.data/."""
from __future__ import annotations

import json
import random
from pathlib import Path

from tintag import paths

DATA = Path(__file__).resolve().parent / ".data"


def seed_paragraphs() -> list[str]:
    out = []
    for path in sorted(paths.seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8").split(" ", 3)[-1]
        out += [p.strip() for p in text.split("\n") if p.strip()]
    return out


def varied_articles(n: int, seed: int = 7):
    """n unique articles: paragraphs of the seeds recombined, numbers varied."""
    rng = random.Random(seed)
    paras = seed_paragraphs()
    for i in range(n):
        chosen = rng.sample(paras, rng.randint(3, 8))
        lead = f"Bản tin số {i}: ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2015, 2026)}."
        yield {"id": f"bench-{i}", "title": chosen[0][:90], "date": f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
               "source": "bench", "text": lead + "\n\n" + "\n\n".join(chosen)}


def articles_jsonl(n: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"articles-{n}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for row in varied_articles(n):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        tmp.replace(path)
    return path
