"""Collects bench figures, prints them and writes bench-results.json."""
from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "bench-results.json"


class Report:
    def __init__(self) -> None:
        self.figures: dict[str, dict] = {}

    def add(self, name: str, value: float, unit: str, target: float, better: str = "lower",
            detail: str = "") -> None:
        ok = value <= target if better == "lower" else value >= target
        self.figures[name] = {"value": round(value, 4), "unit": unit, "target": target,
                              "better": better, "ok": ok}
        mark = "ok  " if ok else "MISS"
        bound = "≤" if better == "lower" else "≥"
        print(f"  [{mark}] {name}: {value:.3f} {unit} (target {bound} {target}) {detail}", flush=True)

    def save(self) -> None:
        old = {}
        if RESULTS.exists():
            try:
                old = json.loads(RESULTS.read_text())
            except ValueError:
                old = {}
        old.update(self.figures)
        RESULTS.write_text(json.dumps(old, indent=2, ensure_ascii=False) + "\n")
