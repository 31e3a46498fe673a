"""CSV for spreadsheets: one row per annotation (entity, quote, stance) of the
exported layers, for reviewers and dataset engineers who open annotations in
Excel, LibreOffice or Google Sheets.

Columns (``COLUMNS``):

- ``document_id``, ``title``: the document (``id`` and ``title`` of the native record)
- ``layer``, ``status``: whose annotation, and that layer's status on the document
- ``kind``: ``entity`` | ``quote`` | ``stance``
- ``label``: the entity label; ``QUOTE`` for a quote; the stance's polarity
- ``start``, ``end``, ``text``: the span — entity, quote content (marks excluded)
  or a stance's evidence (empty when the stance has none). Offsets are Python
  ``str`` indices (Unicode code points) into the document's canonical text,
  end exclusive, as everywhere in TinTag: ``doc_text[start:end] == text``
- ``quote_kind`` (``direct``/``indirect``), ``cue``, ``speaker`` (the speaker
  entity's text), ``speaker_name``: quotes only
- ``holder``, ``target``: stances only; the entity's text, or the name given
- ``origin``: ``manual``, ``suggestion``, ``suggestion-edited``, ``import``, ``review``
- ``producer``, ``score``: suggestions only (``--include-suggestions`` / layer ``suggestions``)

A document × layer without annotations writes no row (the CSV lists
annotations; the document texts are in the native JSONL). Rows follow the
native records: documents in project order, each layer's entities, then
quotes, then stances. Documents are streamed (native.records reads them in
batches), so a 100k-document project never sits in memory.

Files are UTF-8 with a BOM (so Excel reads Vietnamese correctly) and CRLF line
ends, written by the ``csv`` module: cells holding commas, quotes or line
breaks are quoted, so newlines inside a title or a quote survive.

Formula safety (DESIGN §7, OWASP "CSV injection"): every text cell goes
through ``neutralise``, which puts a ``'`` in front of a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return — also when spaces of
any kind come before the ``=``, ``+``, ``-`` or ``@`` (``  =HYPERLINK(…)``) —
so no spreadsheet runs it as a formula — wherever the text came from (titles, span text, label,
layer, annotator and speaker names, ids). A cell that already starts with
``'`` gets one too, so the rule is exactly reversible: a reader strips one
leading ``'`` from every text cell that has one (``restore``). Numbers we
write ourselves (offsets, scores) stay numeric; text that merely looks like
a number (``-5`` in an article) is text and is neutralised. Trade-off,
accepted: Vietnamese text that legitimately starts with ``-`` (dialogue
dashes, list items) or ``+`` also shows the ``'`` in the spreadsheet.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from .destinations import open_output
from .options import ExportOptions, selected_records

COLUMNS = ("document_id", "title", "layer", "status", "kind", "label", "start", "end", "text",
           "quote_kind", "cue", "speaker", "speaker_name", "holder", "target", "origin",
           "producer", "score")
QUOTE_LABEL = "QUOTE"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


# Spreadsheets skip blanks before they look for a formula ("  =HYPERLINK(…)" runs), so a
# trigger after leading spaces of any kind (tab, NBSP, ideographic and other Unicode
# spaces, line breaks, zero-width characters and a BOM) counts as a formula start too.
BLANKS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
          "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # every str.isspace() character
          "\u200b\u200c\u200d\u2060\ufeff")  # zero-width ones and the BOM
TRIGGERS = ("=", "+", "-", "@")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a ``'`` in front of a formula start
    (a trigger, after any leading blanks), of a tab or carriage return, or of a ``'``."""
    if cell.startswith(FORMULA_STARTS) or cell.startswith(PREFIX) or cell.lstrip(BLANKS).startswith(TRIGGERS):
        return PREFIX + cell
    return cell


def restore(cell: str) -> str:
    """The original text of a neutralised cell (for readers of the CSV)."""
    return cell[1:] if cell.startswith(PREFIX) else cell


def _cell(value):
    """Every cell we write: text neutralised, our numbers kept numeric, None empty."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


def _party(ref: dict | None) -> str | None:
    """A speaker / holder / target: the entity's text, or the name given."""
    if not ref:
        return None
    return ref.get("text") if "start" in ref else ref.get("name")


def rows(record: dict) -> Iterator[dict]:
    """The annotation rows of one native record (raw values, not yet neutralised)."""
    text = record["text"]
    base = {"document_id": record["id"], "title": record["title"], "layer": record["layer"],
            "status": record["status"]}

    def extra(item: dict) -> dict:
        return {"origin": item.get("origin"), "producer": item.get("producer"), "score": item.get("score")}

    for e in record["entities"]:
        yield {**base, "kind": "entity", "label": e["label"], "start": e["start"], "end": e["end"],
               "text": text[e["start"]:e["end"]], **extra(e)}
    for q in record["quotes"]:
        cue = q.get("cue")
        yield {**base, "kind": "quote", "label": QUOTE_LABEL, "start": q["start"], "end": q["end"],
               "text": text[q["start"]:q["end"]], "quote_kind": q.get("kind"),
               "cue": text[cue["start"]:cue["end"]] if cue else None,
               "speaker": _party(q.get("speaker")), "speaker_name": q.get("speaker_name"), **extra(q)}
    for s in record["stances"]:
        evidence = s.get("evidence") or {}
        start, end = evidence.get("start"), evidence.get("end")
        span = text[start:end] if start is not None and end is not None else None
        yield {**base, "kind": "stance", "label": s["polarity"],
               "start": start if span is not None else None, "end": end if span is not None else None,
               "text": span, "holder": _party(s.get("holder")), "target": _party(s.get("target")),
               **extra(s)}


def _writers(output):
    """One csv writer per split's file, opened (with its header row) when first needed."""
    writers: dict = {}

    def writer_for(split: str | None):
        if split not in writers:
            # utf-8-sig writes the BOM; newline="" leaves the line ends to the csv module (CRLF)
            fh = output.text(split, encoding="utf-8-sig", newline="")
            writers[split] = csv.writer(fh, lineterminator="\r\n")
            writers[split].writerow([_cell(name) for name in COLUMNS])
        return writers[split]

    return writer_for


def export_csv(store, out: Path, opts: ExportOptions | None = None) -> int:
    """Write the annotation table; returns the number of annotation rows written.

    Without a split the file is written even when nothing is selected (the
    header alone); with a split, one ``<split>.csv`` per split that has records.
    """
    opts = opts or ExportOptions()
    count = 0
    with open_output(out, "csv", opts) as output:
        writer_for = _writers(output)
        if not opts.split:
            writer_for(None)
        for split, record in selected_records(store, opts):
            writer = writer_for(split)
            for row in rows(record):
                writer.writerow([_cell(row.get(name)) for name in COLUMNS])
                count += 1
    return count
