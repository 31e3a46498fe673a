"""CSV with a header row: 'text' required; 'id', 'title', 'date', 'source',
'meta' (a JSON object) optional. The encoding comes from a BOM, else UTF-8,
else charset-normalizer's guess from a sample (UTF-16 included)."""
from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from . import common
from .common import ImportFailure, build_row, parse_json
from .safe_open import open_regular

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
SAMPLE_BYTES = 256 * 1024


def detect_encoding(path: Path) -> str:
    with open_regular(path) as fh:
        sample = fh.read(SAMPLE_BYTES)
    if not sample:
        raise ImportFailure(path, None, "empty file")
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    utf8_error = None
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8"
        utf8_error = err
        if b"\x00" not in sample and not sample[:err.start].isascii():
            # UTF-8 up to a bad sequence (a lone surrogate, a cut character): read it
            # as UTF-8, so the rows before it are checked and the error names its line
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        if utf8_error.start > 0 and b"\x00" not in sample:
            # UTF-8 with a bad sequence (a lone surrogate, a cut character): say where
            line = sample.count(b"\n", 0, utf8_error.start) + 1
            raise ImportFailure(path, line, f"not valid UTF-8 (byte {utf8_error.start})")
        raise ImportFailure(path, None, "binary data or an unknown text encoding, not CSV text")
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        raise ImportFailure(path, None, f"text encoding {best.encoding!r} is not supported") from None


def read_csv(path: Path) -> Iterator[dict]:
    encoding = detect_encoding(path)
    csv.field_size_limit(common.MAX_LINE_BYTES)
    with open_regular(path) as raw:
        lines = _decoded_lines(path, raw, encoding)
        reader = csv.reader(lines)
        try:
            header = next(reader, None)
            if header is None:
                raise ImportFailure(path, None, "empty file")
            columns = [h.strip().lower() for h in header]
            if "text" not in columns:
                raise ImportFailure(path, 1, "header has no 'text' column")
            index = {name: columns.index(name) for name in
                     ("text", "id", "title", "date", "source", "meta") if name in columns}
            got_rows = False
            for row in reader:
                line = reader.line_num
                if "\x00" in "".join(row):
                    raise ImportFailure(path, line, "binary data (NUL bytes), not text")
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    raise ImportFailure(path, line, f"{len(row)} cells, the header has {len(columns)}")
                cell = {name: row[i] for name, i in index.items()}
                meta = None
                if cell.get("meta"):
                    try:
                        meta = parse_json(path, line, cell["meta"])
                    except ImportFailure as err:
                        raise ImportFailure(path, line, f"'meta' is not valid JSON: {err.message}") from None
                got_rows = True
                yield build_row(path, line, cell["text"], uid=cell.get("id") or None,
                                title=cell.get("title") or None, date=cell.get("date") or None,
                                source=cell.get("source") or None, meta=meta)
            if not got_rows:
                raise ImportFailure(path, None, "no rows after the header")
        except csv.Error as err:
            raise ImportFailure(path, reader.line_num, f"malformed CSV ({err})") from None


_LINE_END = re.compile(r"\r\n|\r|\n")


def _decoded_lines(path: Path, raw, encoding: str) -> Iterator[str]:
    """The file's physical lines for csv.reader (ends kept, as ``newline=""``
    gives them), decoded as they are read: a bad byte is reported on its own
    line, and only after the rows before it were checked (a text wrapper
    decodes 8 KB ahead). Each read is bounded: a file without line ends must
    not fill the memory before the csv module's field limit is asked; a line
    may hold several fields of up to MAX_LINE_BYTES, hence twice that."""
    limit = 2 * common.MAX_LINE_BYTES
    decoder = codecs.getincrementaldecoder(encoding)()
    pending, number = "", 0  # decoded text not yet given out; lines given out
    while True:
        chunk = raw.readline(limit + 1)
        if len(chunk) > limit:
            raise ImportFailure(path, number + 1, f"line longer than {limit:,} bytes")
        state = decoder.getstate()
        try:
            pending += decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as err:
            # give out the lines before the bad byte first (their rows may be wrong
            # in another way, which is then the first problem of the file)
            decoder.setstate(state)
            pending += decoder.decode(chunk[:max(err.start - len(state[0]), 0)])
            *whole, pending = _split_lines(pending)
            for text in whole:
                number += 1
                yield text
            raise ImportFailure(path, number + 1, f"not valid {encoding} text (byte {err.start} of the line)") from None
        pieces = _LINE_END.split(pending)
        ends = _LINE_END.findall(pending)
        keep = pieces.pop()  # the unfinished last line
        if chunk and ends and ends[-1] == "\r" and not keep:
            keep = pieces.pop() + ends.pop()  # a CR whose LF may come with the next read
        for text, end in zip(pieces, ends):
            number += 1
            yield text + end
        pending = keep
        if not chunk:
            if pending:
                yield pending
            return


def _split_lines(text: str) -> list[str]:
    """Lines with their ends; the last item is the unfinished rest (maybe "")."""
    pieces, ends = _LINE_END.split(text), _LINE_END.findall(text)
    return [piece + end for piece, end in zip(pieces, ends)] + [pieces[-1]]
