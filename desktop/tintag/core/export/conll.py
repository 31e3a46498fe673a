"""CoNLL: one token per line with its BIO tag, a blank line between sentences.

Words of several syllables are joined by `_` (the VLSP / underthesea style),
or, with the `syllables` option, split into syllables tagged B/I.
"""
from __future__ import annotations

from pathlib import Path

from .destinations import open_output
from .options import ExportOptions, selected_records
from .tokens import bio_tags, segment


def _lines(text: str, sentence, tags, syllables: bool):
    for (a, b), tag in zip(sentence, tags):
        parts = text[a:b].split()
        if not syllables:
            yield "_".join(parts), tag
            continue
        for n, part in enumerate(parts):
            yield part, tag if n == 0 or tag == "O" else "I-" + tag[2:]


def export_conll(store, out: Path, opts: ExportOptions | None = None) -> int:
    opts = opts or ExportOptions()
    syllables = bool(opts.extra.get("syllables"))
    count = 0
    with open_output(out, "conll", opts) as output:
        for split, record in selected_records(store, opts):
            fh = output.text(split)
            fh.write(f"# id = {record['id']}\n# layer = {record['layer']}\n")
            sentences = segment(record["text"])
            tags, _snapped, _dropped = bio_tags(sentences, record["entities"])
            for sentence, sentence_tags in zip(sentences, tags):
                for token, tag in _lines(record["text"], sentence, sentence_tags, syllables):
                    fh.write(f"{token}\t{tag}\n")
                fh.write("\n")
            count += 1
    return count
