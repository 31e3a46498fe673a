"""CoNLL (token TAB BIO-tag per line, blank line between sentences) back to text.

Tokens are joined by single spaces; `_` inside a token (VLSP word joining)
becomes a space. Documents are separated by `# id = …` comments or
`-DOCSTART-`; without either, every sentence is a document (as doccano does).

A line holding a TAB is split at TABs (the token may then hold spaces, e.g. a
no-break space); otherwise at spaces (CoNLL-2003: `EU NNP B-NP B-ORG`). The
first column is the token, the last the tag. Tokens are canonicalised (NFC,
invisible characters removed) as they are read, since the file gives no
offsets that could shift. The file is read line by line (two passes), so
only one document is in memory at a time.
"""
from __future__ import annotations

import re

from tintag.core.importers import common
from tintag.core.importers.common import ImportFailure, bounded_lines, decode_bytes
from tintag.core.importers.safe_open import open_regular
from tintag.core.textnorm import canonicalise

TAG = re.compile(r"^(O|[BIES]-\S+)$")
_VLSP_JOIN = re.compile(r"(?<=\w)_(?=\w)")


def conll_records(path, layer=None):
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    has_ids = any(_starts_document(line.strip()) for _, line in _lines(path))
    current, sentence = None, []

    def close_sentence():
        nonlocal sentence
        if sentence:
            current["sentences"].append(sentence)
            sentence = []

    def new_document(number, doc_id=None):
        return {"line": number, "id": doc_id, "sentences": [], "chars": 0}

    for number, line in _lines(path):
        stripped = line.strip()
        if _starts_document(stripped):
            if current is not None:
                close_sentence()
                if current["sentences"]:
                    yield current["line"], _record(current)
            doc_id = stripped.split("=", 1)[1].strip() if stripped.startswith("# id =") else None
            current = new_document(number, doc_id or None)
            continue
        if not stripped:
            if current is not None:
                close_sentence()
                if not has_ids and current["sentences"]:
                    yield current["line"], _record(current)
                    current = None
            continue
        token = _token_line(stripped)
        if stripped.startswith("#") and (token is None or "\t" not in stripped):
            continue  # a comment ('#tag<TAB>O' is a token)
        if token is None:
            raise ImportFailure(path, number, f"expected 'token<TAB>tag' with a BIO tag, got {stripped[:60]!r}")
        if current is None:
            current = new_document(number)
        word, tag = token
        # canonical first: in NFD 'Thủ_tướng' a tone mark (not \w) stands before the '_'
        word = _VLSP_JOIN.sub(" ", canonicalise(word)[0]).strip()
        if not word:
            raise ImportFailure(path, number, "the token has no visible characters")
        current["chars"] += len(word) + 1
        if current["chars"] > common.MAX_TEXT_CHARS:
            raise ImportFailure(path, number, f"document longer than {common.MAX_TEXT_CHARS:,} characters")
        sentence.append((number, word, tag))
    if current is not None:
        close_sentence()
        if current["sentences"]:
            yield current["line"], _record(current)


def _lines(path):
    """(line number, text) of each line; a lone CR also ends a line."""
    number = 0
    with open_regular(path) as fh:
        for _, raw in bounded_lines(path, fh):
            for piece in raw.split(b"\r") if b"\r" in raw else (raw,):
                number += 1
                yield number, decode_bytes(path, piece, number)


def _starts_document(stripped: str) -> bool:
    return stripped.startswith("# id =") or stripped.startswith("-DOCSTART-")


def _token_line(stripped: str) -> tuple[str, str] | None:
    """(token, tag) of a token line, or None."""
    if "\t" in stripped:
        columns = [c.strip() for c in stripped.split("\t")]
    else:
        columns = [c for c in stripped.split(" ") if c]
    if len(columns) < 2 or not columns[0] or not TAG.match(columns[-1]):
        return None
    return columns[0], columns[-1]


def _record(doc) -> dict:
    text, entities, open_entity = "", [], None
    for sentence in doc["sentences"]:
        for _number, word, tag in sentence:
            if text:
                text += " "
            start = len(text)
            text += word
            if tag == "O" or tag[:2] in ("B-", "S-") or (open_entity and open_entity["label"] != tag[2:]):
                if open_entity:
                    entities.append(open_entity)
                open_entity = None
            if tag != "O":
                if open_entity is None:  # an I- without a B- starts an entity (CoNLL-2003 IOB1)
                    open_entity = {"start": start, "end": len(text), "label": tag[2:]}
                else:
                    open_entity["end"] = len(text)
            if tag[:2] in ("E-", "S-") and open_entity:
                entities.append(open_entity)
                open_entity = None
        if open_entity:
            entities.append(open_entity)
            open_entity = None
    return {"id": doc["id"], "text": text, "entities": entities, "quotes": [], "stances": []}
