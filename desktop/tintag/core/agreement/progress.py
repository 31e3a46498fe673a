"""Team progress for the dashboard: per annotator layer, how far the work is,
what was tagged, how suggestions were taken, and how long a document takes.

- ``status``: documents by status (``todo`` / ``in_progress`` / ``done`` /
  ``skipped``) among the layer's assignment rows; ``assigned``: documents the
  lead put in the layer's queue (0 when the project does not use assignments);
  ``total`` = the larger of ``assigned`` and the rows counted in ``status``.
- ``labels``: entities per label, stances per polarity (``stance:<polarity>``).
- ``suggestions``: suggestions the layer accepted and rejected;
  ``acceptance_rate`` = accepted / decided (``None`` when nothing was decided);
  ``from_suggestions`` = share of the layer's annotations whose origin is a
  suggestion (unchanged or edited) — pre-annotation bias, shown beside agreement.
- ``time``: over documents marked done with time recorded (> 0 s): median and
  mean seconds per document (``None`` without any).
"""
from __future__ import annotations

import statistics
from collections.abc import Sequence

from tintag.core.store import ProjectStore
from tintag.core.store.team_queries import (
    assignment_summary,
    label_counts,
    suggestion_decision_counts,
)

from .report import default_layers

STATUS_ORDER = ("done", "in_progress", "todo", "skipped")


def team_progress(store: ProjectStore, layers: Sequence[str] | None = None) -> dict:
    """``{"layers": [...], "labels": [...], "per_layer": {layer: {...}}}`` (see the module doc)."""
    layers = list(default_layers(store) if layers is None else layers)
    assignments = assignment_summary(store, layers)
    labels = label_counts(store, layers)
    decisions = suggestion_decision_counts(store, layers)
    per_layer = {}
    for layer in layers:
        a, d = assignments[layer], decisions[layer]
        status = {s: a["status"].get(s, 0) for s in STATUS_ORDER}
        decided = d["accepted"] + d["rejected"]
        times = [t for t in a["times_done"] if t > 0]
        from_suggestions = d["suggestion"] + d["suggestion-edited"]
        per_layer[layer] = {
            "status": status,
            "assigned": a["assigned"],
            "total": max(a["assigned"], sum(status.values())),
            "labels": labels[layer],
            "suggestions": {
                "accepted": d["accepted"], "rejected": d["rejected"],
                "acceptance_rate": round(d["accepted"] / decided, 4) if decided else None,
                "annotations": d["annotations"], "from_suggestions": from_suggestions,
                "from_suggestions_rate": (round(from_suggestions / d["annotations"], 4)
                                          if d["annotations"] else None),
            },
            "time": {
                "documents": len(times),
                "median_seconds": round(statistics.median(times), 1) if times else None,
                "mean_seconds": round(statistics.fmean(times), 1) if times else None,
            },
        }
    project_labels = [label["name"] for label in store.labels("entity")]
    used = {name for layer in layers for name in labels[layer] if not name.startswith("stance:")}
    ordered = [name for name in project_labels if name in used] + sorted(used - set(project_labels))
    return {"layers": layers, "labels": ordered, "per_layer": per_layer}
