"""spaCy: JSONL with the text, our tokens (with trailing spaces) and character
spans, so `Doc(vocab, words, spaces)` rebuilds the exact tokenisation and
`doc.char_span(start, end, alignment_mode="strict")` accepts every span; plus a
`.spacy` DocBin next to it when spaCy is installed (optional extra)."""
from __future__ import annotations

import json
from pathlib import Path

from .destinations import open_output
from .options import ExportOptions, selected_records
from .tokens import segment


def tokens_with_spaces(text: str) -> tuple[list[str], list[bool], list[tuple[int, int]]]:
    """Every character of the text belongs to a token or to the space after one."""
    spans = [span for sentence in segment(text) for span in sentence]
    words, spaces, offsets = [], [], []
    pos = 0
    for a, b in spans:
        if a > pos and text[pos:a].strip():  # text the segmenter skipped: keep it as a token
            words.append(text[pos:a].strip())
            left = pos + len(text[pos:a]) - len(text[pos:a].lstrip())
            offsets.append((left, left + len(words[-1])))
            spaces.append(False)
        words.append(text[a:b])
        offsets.append((a, b))
        spaces.append(False)
        pos = b
    # spaCy can only carry one space after a token: other whitespace becomes tokens
    out_words, out_spaces = [], []
    if offsets and offsets[0][0] > 0:
        out_words.append(text[:offsets[0][0]])
        out_spaces.append(False)
    for i, (a, b) in enumerate(offsets):
        out_words.append(text[a:b])
        nxt = offsets[i + 1][0] if i + 1 < len(offsets) else len(text)
        gap = text[b:nxt]
        if gap == " ":
            out_spaces.append(True)
        else:
            out_spaces.append(False)
            if gap:
                out_words.append(gap)
                out_spaces.append(False)
    return out_words, out_spaces, offsets


def export_spacy(store, out: Path, opts: ExportOptions | None = None) -> int:
    opts = opts or ExportOptions()
    docbins: dict = {}
    count = 0
    try:
        import spacy
        from spacy.tokens import Doc, DocBin
        vocab = spacy.blank("xx").vocab
    except ImportError:
        spacy = None
    with open_output(out, "spacy", opts) as output:
        for split, record in selected_records(store, opts):
            text = record["text"]
            words, spaces, _offsets = tokens_with_spaces(text)
            bounds, pos = [], 0
            for word, space in zip(words, spaces):
                bounds.append((pos, pos + len(word)))
                pos += len(word) + (1 if space else 0)
            spans = []
            for e in record["entities"]:
                covered = [(a, b) for a, b in bounds if a < e["end"] and e["start"] < b]
                if covered:
                    spans.append([covered[0][0], covered[-1][1], e["label"]])
            row = {"id": record["id"], "layer": record["layer"], "text": text, "words": words, "spaces": spaces,
                   "spans": spans}
            output.text(split).write(json.dumps(row, ensure_ascii=False) + "\n")
            if spacy is not None:
                doc = Doc(vocab, words=words, spaces=spaces)
                ents, taken = [], set()
                for a, b, label in spans:
                    span = doc.char_span(a, b, label=label, alignment_mode="strict")
                    if span is not None and not taken & set(range(span.start, span.end)):
                        ents.append(span)
                        taken |= set(range(span.start, span.end))
                doc.ents = ents
                docbins.setdefault(split, DocBin(store_user_data=False)).add(doc)
            count += 1
        for split, docbin in docbins.items():
            docbin.to_disk(output.path(output.dest.data_name(split, ".spacy")))
    return count
