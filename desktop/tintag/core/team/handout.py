"""``tintag handout``: a project copy for one annotator, without the other layers.

Blind mode keeps an annotator from being swayed by others' work in the
window; it cannot keep a copy of the whole project file from holding every
layer. A handout is the project an annotator may take home: the documents,
labels, settings, suggestions and their own layer (items, statuses, time,
notes, their own events), and nothing of anyone else's — not even in the
file's free pages (the copy is VACUUMed). They work in it and send back a
bundle (``tintag bundle export``).
"""
from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

from tintag.core.outputs import refuse_unsafe_output
from tintag.core.store import GOLD, ProjectError, ProjectStore, files
from tintag.core.store.access import SUGGESTIONS
from tintag.core.store.handout_scrub import scrub_to_layer


def write_handout(store: ProjectStore, annotator: str, out: str | os.PathLike) -> dict[str, int]:
    """Write ``annotator``'s handout of ``store``'s project to ``out`` (a new
    .tintag file, written under a temporary name and renamed into place).
    Returns how many rows of other layers were left out, per table."""
    out = Path(out)
    if annotator in (GOLD, SUGGESTIONS):
        raise ValueError(f"a handout is for an annotator, not for the layer {annotator!r}")
    store.check_manage("hand out project copies")
    if store.annotator(annotator) is None:
        raise ProjectError(f"{store.path}: no profile {annotator!r}; add it with 'tintag team --add'")
    refuse_unsafe_output(out, store.path)
    if out.exists():
        raise ProjectError(f"{out}: exists already; a handout is written to a new file")
    if not out.parent.is_dir():
        raise ProjectError(f"{out}: folder {out.parent} does not exist")
    work = out.with_name(f".{out.name}.{uuid.uuid4().hex}.partial")
    final = out.with_name(f".{out.name}.{uuid.uuid4().hex}.vacuumed")
    try:
        copy = files.connect(work, isolation_level=None)
        try:
            store.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            removed = scrub_to_layer(copy, annotator)
            copy.execute("VACUUM INTO ?", (str(final),))  # no free page keeps a deleted row
        finally:
            copy.close()
        try:
            os.link(final, out)  # fails if someone made ``out`` meanwhile: nothing overwritten
        except FileExistsError:
            raise ProjectError(f"{out}: exists already; a handout is written to a new file") from None
        except OSError:  # a file system without hard links
            os.replace(final, out)
    except sqlite3.Error as err:
        raise ProjectError(f"{out}: the handout could not be written ({err})") from None
    finally:
        work.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
    _record_bases(store, annotator, out)
    return removed


def _record_bases(store: ProjectStore, annotator: str, out: Path) -> None:
    """Note on the master what the handout starts from, so the first bundle
    back is merged three-way against it (edits made here meanwhile are kept)."""
    from tintag.core.store.bundle_ledger import BundleLedger
    from tintag.core.team.bundle_format import KINDS, fingerprint

    ledger = BundleLedger(store)
    with store.write():
        for batch in store.iter_document_batches():
            first, last = batch[0]["id"], batch[-1]["id"]
            items: dict[int, dict[str, dict[str, str]]] = {}
            for kind in KINDS:
                for row in store.items_in_range(kind, first, last):
                    if row["layer"] == annotator:
                        items.setdefault(row["document_id"], {k: {} for k in KINDS})[kind][row["uid"]] = \
                            fingerprint(kind, row)
            states = {a["document_id"]: a for a in store.assignments_in_range(first, last)
                      if a["layer"] == annotator}
            for doc_id in sorted(set(items) | set(states)):
                state = states.get(doc_id, {})
                ledger.set_base(annotator, doc_id, status=state.get("status", "todo"),
                                note=state.get("note", ""), time_spent=state.get("time_spent", 0.0),
                                items=items.get(doc_id, {k: {} for k in KINDS}),
                                deleted={k: {} for k in KINDS}, bundle_sha256=f"handout {out.name}")
        store.log("handout", "bundle_bases", item=annotator, after={"file": str(out)})
