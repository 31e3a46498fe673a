"""CoNLL (token TAB BIO-tag per line, blank line between sentences) back to text.

Tokens are joined by single spaces; `_` inside a token (VLSP word joining)
becomes a space. Documents are separated by `# id = …` comments or
`-DOCSTART-`; without either, every sentence is a document (as doccano does).
"""
from __future__ import annotations

import re

from desktop.core.importers.common import ImportFailure, decode_bytes

TAG = re.compile(r"^(O|[BIES]-\S+)$")


def conll_records(path, layer=None):
    if not path.exists():
        raise ImportFailure(path, None, "no such file")
    lines = decode_bytes(path, path.read_bytes()).splitlines()
    documents, current, sentence = [], None, []
    has_ids = any(l.startswith("# id =") or l.startswith("-DOCSTART-") for l in lines)

    def close_sentence():
        nonlocal sentence
        if sentence:
            current["sentences"].append(sentence)
            sentence = []

    def new_document(number, doc_id=None):
        nonlocal current
        close_sentence()
        current = {"line": number, "id": doc_id, "sentences": []}
        documents.append(current)

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("# id ="):
            new_document(number, stripped.split("=", 1)[1].strip())
            continue
        if stripped.startswith("-DOCSTART-"):
            new_document(number)
            continue
        if stripped.startswith("#"):
            continue
        if not stripped:
            close_sentence()
            if not has_ids and current and current["sentences"]:
                current = None
            continue
        columns = stripped.split()
        if len(columns) < 2 or not TAG.match(columns[-1]):
            raise ImportFailure(path, number, f"expected 'token<TAB>tag' with a BIO tag, got {stripped[:60]!r}")
        if current is None:
            new_document(number)
        sentence.append((number, columns[0], columns[-1]))
    close_sentence()
    for doc in documents:
        if doc["sentences"]:
            yield doc["line"], _record(path, doc)


def _record(path, doc) -> dict:
    text, entities, open_entity = "", [], None
    for s, sentence in enumerate(doc["sentences"]):
        for number, token, tag in sentence:
            word = re.sub(r"(?<=\w)_(?=\w)", " ", token)
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
