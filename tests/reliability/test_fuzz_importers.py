"""Fuzzing the document importers: JSONL, CSV, .txt and the seed format.

Every example writes a file the way a real tool would (UTF-8 with or without
a BOM, UTF-16 for CSV, LF or CRLF) with random and adversarial content (huge
runs, control characters, NUL, lone surrogates, mixed NFC/NFD, bidi marks),
imports it into a copy of a small annotated project, and checks that exactly
one of two things happened:

- a clean import: what the README promises for every line (inserted or
  skipped as a duplicate), each stored text NFC and equal to the canonicalised
  input, ids/titles/dates/meta as given;
- a clean error: the file's error names the file (and the first bad line),
  and the project is exactly as it was (documents, annotations, statuses,
  audit log).

The expected outcome is computed from the documented rules (README
"Importing articles"), independently of the importer's code.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import tracemalloc
from unittest import mock

import pytest
from fuzz_strategies import (
    NUL,
    TEMPLATE_TEXTS,
    Projects,
    assert_clean_failure,
    canonical,
    document_text,
    encode,
    fuzz,
    has_surrogate,
    has_unstorable,
    hostile_text,
    snapshot,
    storable_text,
    stored_documents_are_canonical,
    vietnamese,
)
from hypothesis import event, given
from hypothesis import strategies as st

from tintag.core.importers import common, import_files
from tintag.core.importers.common import title_from_text

MAX_FIELD = 1_000
TEMPLATE_UIDS = {"t0", "t1", "t2"}


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    return Projects(tmp_path_factory.mktemp("fuzz-importers"))


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


def non_finite_in(value) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(non_finite_in(v) for v in value.values())
    if isinstance(value, list):
        return any(non_finite_in(v) for v in value)
    return False


# ------------------------------------------------------------------ oracle
class Bad(Exception):
    """The documented rules refuse this line."""


def expected_row(text, uid=None, title=None, date=None, source=None, meta=None) -> dict:
    """The stored document the README promises for one line, or Bad."""
    if not isinstance(text, str):
        raise Bad("text is not a string")
    if has_unstorable(text):
        raise Bad("NUL or lone surrogate in the text")
    canon = canonical(text)
    if not canon.strip():
        raise Bad("blank text")
    if meta is not None and not isinstance(meta, dict):
        raise Bad("meta is not an object")
    if meta and (any(has_surrogate(s) for s in strings_in(meta)) or non_finite_in(meta)):
        raise Bad("meta not storable (a NUL is fine: JSON escapes it)")
    fields = {"id": uid, "title": title, "date": date, "source": source}
    for name, value in fields.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise Bad(f"{name} is not a string")
        value = str(value)
        if len(value) > MAX_FIELD or has_unstorable(value):
            raise Bad(f"{name} too long or not storable")
        fields[name] = value
    return {
        "uid": fields["id"] or f"sha256:{sha(canon)[:16]}",
        "title": canonical(fields["title"]).strip() if title not in (None, "") else title_from_text(canon),
        "date": fields["date"] or None, "source": fields["source"] or None,
        "text": canon, "meta": meta or {},
    }


def expected_outcome(lines: list) -> tuple[str, object]:
    """lines: ('blank',) | ('bad', why) | ('row', expected_row kwargs), in file order.
    Returns ('error', line number or None) or ('ok', (fresh rows, duplicates))."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if line[0] == "blank":
            continue
        if line[0] == "bad":
            return "error", number
        try:
            rows.append(expected_row(**line[1]))
        except Bad:
            return "error", number
    if not rows:
        return "error", None
    known = {sha(t) for t in TEMPLATE_TEXTS}
    taken = set(TEMPLATE_UIDS)
    fresh, duplicates = [], 0
    for row in rows:
        h = sha(row["text"])
        if h in known:
            duplicates += 1
            continue
        if row["uid"] in taken:
            return "error", "uid"
        known.add(h)
        taken.add(row["uid"])
        fresh.append(row)
    return "ok", (fresh, duplicates)


def check_outcome(projects, store, path, before, expected, result) -> None:
    """The one assertion shared by every importer property."""
    kind, detail = expected
    if kind == "error":
        assert result.error is not None, f"expected an error at line {detail}, got a clean import"
        assert_clean_failure(result.error, path, detail if isinstance(detail, int) else None)
        if detail is None:
            assert not re.match(rf"{re.escape(str(path))}:\d+: ", result.error), result.error
        if detail == "uid":
            assert "already used" in result.error
        assert (result.inserted, result.duplicates) == (0, 0)
        assert snapshot(store) == before
        return
    fresh, duplicates = detail
    assert result.error is None, result.error
    assert (result.inserted, result.duplicates) == (len(fresh), duplicates)
    for row in fresh:
        doc = store.document_by_sha(sha(row["text"]))
        assert doc is not None
        got = {k: doc[k] for k in ("uid", "title", "date", "source", "text", "meta")}
        assert got == row
    assert store.document_count() == len(TEMPLATE_TEXTS) + len(fresh)
    stored_documents_are_canonical(store)
    # the import added documents and touched nothing else
    after = snapshot(store)
    assert after["documents"][:len(TEMPLATE_TEXTS)] == before["documents"]
    assert store.integrity_check() == "ok"


# ------------------------------------------------------------------- JSONL
short_text = hostile_text(max_pieces=3, huge=False)
good_short = storable_text(max_pieces=3, huge=False)
field_value = st.one_of(st.none(), st.just(""), short_text, st.integers(-5, 10**6), st.booleans(),
                        st.just(["a"]), st.just({"a": 1}), st.just("x" * (MAX_FIELD + 1)),
                        st.just("y" * MAX_FIELD))
good_field = st.one_of(st.none(), st.just(""), good_short, vietnamese(), st.integers(0, 10**6))
id_value = st.one_of(st.none(), st.sampled_from(["a", "b", 7, "t0", "t1", "", "Hà Nội"]), field_value)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), short_text)
good_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                        good_short)
meta_value = st.one_of(
    st.none(), st.just({}), st.dictionaries(short_text, json_scalar, max_size=3),
    st.dictionaries(short_text, st.lists(json_scalar, max_size=3), max_size=2),
    st.just([1, 2]), st.just("meta"), st.just(3))
good_meta = st.one_of(st.none(), st.just({}), st.dictionaries(good_short, good_scalar, max_size=3))
text_value = st.one_of(document_text(), hostile_text(), st.sampled_from(TEMPLATE_TEXTS),
                       st.sampled_from(TEMPLATE_TEXTS).map(lambda t: t.replace(" ", "\r\n", 1) + "\u200b"),
                       st.sampled_from([None, 5, True, ["text"], {"t": 1}]))
good_text = st.one_of(document_text(), st.sampled_from(TEMPLATE_TEXTS))
FIELDS = ("text", "id", "title", "date", "source", "meta")


@st.composite
def jsonl_object(draw, good: bool | None = None) -> dict:
    """A line that should import (good), or one with hostile values anywhere."""
    if good is None:
        good = draw(st.integers(0, 2)) > 0
    obj = {}
    strategies = ((("text", good_text), ("id", st.one_of(st.none(), st.sampled_from(["a", "b", 7, "Hà Nội"]))),
                   ("title", good_field), ("date", good_field), ("source", good_field), ("meta", good_meta))
                  if good else
                  (("text", text_value), ("id", id_value), ("title", field_value),
                   ("date", field_value), ("source", field_value), ("meta", meta_value)))
    for name, strategy in strategies:
        if name == "text" and not good and draw(st.integers(0, 30)) == 0:
            continue  # no text at all
        if name == "text" or draw(st.booleans()):
            obj[name] = draw(strategy)
    if draw(st.integers(0, 5)) == 0:  # a key TinTag does not read is ignored
        obj["extra"] = draw(short_text)
    keys = list(obj)
    order = draw(st.permutations(keys))
    return {k: obj[k] for k in order}


GARBAGE = {  # lines no JSON reader should accept
    "broken JSON": b"{oops", "a list": b"[1, 2]", "a string": b'"text"', "null": b"null",
    "UTF-16 bytes": b"\xff\xfe\x00t", "raw NUL": b'{"text": "a\x00b"}', "cut UTF-8": b'{"text": "\xc3"}',
    "two strings": b'{"text": "ok" "x"}', "deep nesting": b"[" * 5000,
    "5000-digit integer": b'{"text": "a", "n": ' + b"9" * 5000 + b"}",
    "deep meta": b'{"text": "a", "meta": ' + b'{"a": ' * 3000 + b"1" + b"}" * 3001,
    "file separator": b"\x1c", "UTF-8 surrogate": b'{"text": "\xed\xa0\x80"}',
}
BLANK = [b"", b"   ", b"\t", b"\x0b\x0c"]


@st.composite
def jsonl_file(draw):
    """(file bytes, oracle lines). Half the files hold only good lines (with
    ids not reused), so clean imports are tried as often as errors."""
    good_file = draw(st.booleans())
    items = draw(st.lists(st.one_of(
        jsonl_object(good=True if good_file else None).map(lambda o: ("row", o)),
        st.sampled_from(BLANK).map(lambda b: ("blank", b)),
    ), min_size=0, max_size=8))
    if good_file:
        seen_ids = set()
        for kind, obj in items:
            if kind == "row" and "id" in obj:
                if obj["id"] in seen_ids:
                    del obj["id"]
                else:
                    seen_ids.add(obj["id"])
        rows = [obj for kind, obj in items if kind == "row"]
        if rows and draw(st.integers(0, 5)) == 0:  # the id of a document already in the project
            draw(st.sampled_from(rows))["id"] = "t0"
    if not good_file and draw(st.integers(0, 2)) == 0:
        name = draw(st.sampled_from(sorted(GARBAGE)))
        items.insert(draw(st.integers(0, len(items))), ("bad", GARBAGE[name]))
    eol = draw(st.sampled_from([b"\n", b"\r\n"]))
    lines, oracle = [], []
    for kind, value in items:
        if kind == "row":
            ascii_only = draw(st.booleans())
            raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
            if not ascii_only and any(has_surrogate(s) for s in strings_in(value)):
                oracle.append(("bad", "a lone surrogate written raw: invalid UTF-8"))
            else:
                oracle.append(("row", {"text": value.get("text"), "uid": value.get("id"),
                                       "title": value.get("title"), "date": value.get("date"),
                                       "source": value.get("source"), "meta": value.get("meta")}))
            lines.append(raw)
        else:
            lines.append(value)
            oracle.append((kind,))
    data = eol.join(lines)
    if lines and draw(st.booleans()):
        data += eol
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data, oracle


def note_outcome(expected) -> None:
    """Shown by --hypothesis-show-statistics: how often each outcome was tried."""
    kind, detail = expected
    where = "no line" if detail is None else "id clash" if detail == "uid" else "at a line"
    event(f"outcome: {kind}" + ("" if kind == "ok" else f" ({where})"))


@fuzz(150)
@given(jsonl_file())
def test_jsonl_import_is_clean_or_refused(projects, case):
    data, oracle = case
    store, work = projects.new()
    try:
        path = work / "fuzz.jsonl"
        path.write_bytes(data)
        before = snapshot(store)
        summary = import_files(store, [path])
        expected = expected_outcome(oracle)
        note_outcome(expected)
        check_outcome(projects, store, path, before, expected, summary.files[0])
    finally:
        projects.drop(store, work)


# --------------------------------------------------------------------- CSV
csv_cell = st.one_of(st.just(""), storable_text(max_pieces=3, huge=False),
                     hostile_text(surrogates=False, max_pieces=3, huge=False))
meta_cell = st.one_of(
    st.just(""), st.just(""), st.dictionaries(storable_text(max_pieces=2, huge=False), json_scalar, max_size=2).map(
        lambda d: json.dumps(d, ensure_ascii=False, allow_nan=True)),
    st.sampled_from(["{oops", "[1]", '"s"', "[" * 3000, '{"n": ' + "9" * 5000 + "}", '{"x": NaN}',
                     '{"a": "\\ud800"}', '{"a": "\\u0000"}']))
CSV_COLUMNS = ("text", "id", "title", "date", "source", "meta")


def csv_lines_through(content: str) -> int:
    """Lines csv.reader has read once this content is consumed (newline='')."""
    return len(re.findall(r"\r\n|\r|\n", content))


@st.composite
def csv_file(draw):
    """(bytes, oracle lines, decidable) for a CSV with a header row; half the
    files have only cells that import."""
    good_file = draw(st.booleans())
    columns = ["text"] + [c for c in CSV_COLUMNS[1:] if draw(st.booleans())]
    columns = list(draw(st.permutations(columns)))
    header = [draw(st.sampled_from([c, c.upper(), f" {c} ", c.title()])) for c in columns]
    eol = draw(st.sampled_from(["\r\n", "\n"]))
    # Python's writer leaves a lone CR unquoted when lines end in LF alone (no
    # reader could tell it from a line end); real tools quote it: so do we.
    quoting = csv.QUOTE_ALL if eol == "\n" or draw(st.booleans()) else csv.QUOTE_MINIMAL
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=eol, quoting=quoting)
    writer.writerow(header)
    oracle = []
    line_of_row = []
    n_rows = draw(st.integers(0, 6))
    for _ in range(n_rows):
        row = {}
        for c in columns:
            if c == "text":
                row[c] = draw(good_text if good_file else
                              st.one_of(document_text(), hostile_text(surrogates=False),
                                        st.sampled_from(TEMPLATE_TEXTS), st.just("")))
            elif c == "meta":
                row[c] = draw(good_meta.map(lambda m: json.dumps(m, ensure_ascii=False) if m else "")
                              if good_file else meta_cell)
            elif c == "id":
                row[c] = draw(st.one_of(st.just(""), st.uuids().map(str)) if good_file else
                              st.one_of(st.sampled_from(["a", "b", "t0", ""]), good_short, csv_cell))
            else:
                row[c] = draw(st.one_of(good_short, vietnamese()) if good_file else
                              st.one_of(good_short, vietnamese(), csv_cell, st.just("z" * (MAX_FIELD + 1))))
        cells = [row[c] for c in columns]
        ragged = not good_file and draw(st.integers(0, 15)) == 0
        if ragged:
            cells.append("extra")
        writer.writerow(cells)
        line_of_row.append(csv_lines_through(out.getvalue()))
        oracle.append(csv_oracle(row, cells, ragged))
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"]))
    decidable = encoding in ("utf-8", "utf-8-sig", "utf-16")
    if encoding == "cp1258":
        try:
            text.encode("cp1258")
        except UnicodeEncodeError:
            encoding, decidable = "utf-8", True
    return encode(text, encoding), oracle, line_of_row, decidable


def csv_oracle(row: dict, cells: list[str], ragged: bool):
    if any(NUL in c for c in cells):
        return ("bad", "NUL")
    if not any(c.strip() for c in cells):
        return ("blank",)
    if ragged:
        return ("bad", "ragged")
    meta = None
    if row.get("meta"):
        try:
            meta = json.loads(row["meta"])
        except (ValueError, RecursionError):
            return ("bad", "meta JSON")
    return ("row", {"text": row["text"], "uid": row.get("id") or None, "title": row.get("title") or None,
                    "date": row.get("date") or None, "source": row.get("source") or None, "meta": meta})


@fuzz(120)
@given(csv_file())
def test_csv_import_is_clean_or_refused(projects, case):
    data, oracle, line_of_row, decidable = case
    store, work = projects.new()
    try:
        path = work / "fuzz.csv"
        path.write_bytes(data)
        before = snapshot(store)
        result = import_files(store, [path]).files[0]
        if not decidable:  # encoding guessed: any clean outcome will do
            event(f"guessed encoding: {'error' if result.error else 'ok'}")
            if result.error:
                assert_clean_failure(result.error, path)
                assert snapshot(store) == before
            else:
                stored_documents_are_canonical(store)
            return
        kind, detail = expected_outcome(oracle)
        if kind == "error" and isinstance(detail, int):
            detail = line_of_row[detail - 1]
        elif kind == "error" and detail is None and not oracle:
            detail = None  # "no rows after the header"
        note_outcome((kind, detail))
        check_outcome(projects, store, path, before, (kind, detail), result)
    finally:
        projects.drop(store, work)


# ---------------------------------------------------- .txt and seed articles
SEED_HEADER = re.compile(r"\A\s*date (\d{4}-\d{2}-\d{2}) ")


@st.composite
def txt_file(draw):
    body = draw(st.one_of(document_text(), hostile_text(), st.sampled_from(TEMPLATE_TEXTS)))
    header = ""
    if draw(st.booleans()):  # the seed article format
        date = draw(st.dates()).isoformat()
        header = draw(st.sampled_from(["", " ", "\n", "\r\n ", "\t"])) + f"date {date} "
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    text = (header + body).replace("\n", eol) if eol != "\n" else header + body
    return text, draw(st.sampled_from(["utf-8", "utf-8-sig"]))


@fuzz(120)
@given(txt_file())
def test_txt_and_seed_import_is_clean_or_refused(projects, case):
    text, encoding = case
    store, work = projects.new()
    try:
        path = work / "article.txt"
        data = encode(text, encoding)
        path.write_bytes(data)
        before = snapshot(store)
        result = import_files(store, [path]).files[0]
        decoded = text.removeprefix("\ufeff")  # as a UTF-8 reader with BOM support sees it
        match = SEED_HEADER.match(decoded)
        body, date = (decoded[match.end():], match.group(1)) if match else (decoded, None)
        if not data.strip() or has_unstorable(text):
            expected = ("error", None)
        else:
            expected = expected_outcome([("row", {"text": body, "date": date, "source": path.name})])
            if expected[0] == "error" and expected[1] == 1:
                expected = ("error", None)  # a one-document file has no line to name
        note_outcome(expected)
        check_outcome(projects, store, path, before, expected, result)
    finally:
        projects.drop(store, work)


# ------------------------------------------------------------ size bounds
def test_jsonl_line_over_the_real_limit_is_refused_with_its_line(project, tmp_path):
    """README: one line ≤ 20 MB. The 20,000,001-byte line is refused by number."""
    assert common.MAX_LINE_BYTES == 20_000_000
    path = tmp_path / "huge.jsonl"
    head = '{"text": "Tin ngắn"}\n'.encode()
    body = b'{"text": "' + b"x" * (common.MAX_LINE_BYTES - 12) + b'"}\n'
    assert len(body) == common.MAX_LINE_BYTES + 1
    path.write_bytes(head + body)
    summary = import_files(project, [path])
    assert summary.errors == [f"{path}:2: line longer than 20,000,000 bytes"]
    assert project.document_count() == 0
    # exactly at the limit the line is read; the text limit (5,000,000 characters) refuses it
    path.write_bytes(head + body[:10] + body[11:])
    summary = import_files(project, [path])
    assert summary.errors == [f"{path}:2: text longer than 5,000,000 characters"]
    assert project.document_count() == 0


def test_an_endless_line_is_not_read_into_memory(project, tmp_path):
    """A 40 MB file without a line end stops after reading about one line's limit."""
    path = tmp_path / "endless.jsonl"
    with open(path, "wb") as fh:
        chunk = b"a" * (1 << 20)
        for _ in range(40):
            fh.write(chunk)
    with mock.patch.object(common, "MAX_LINE_BYTES", 1_000_000):
        tracemalloc.start()
        summary = import_files(project, [path])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert summary.errors == [f"{path}:1: line longer than 1,000,000 bytes"]
    assert peak < 8_000_000, peak


@fuzz(60)
@given(st.lists(st.integers(1, 400), min_size=1, max_size=6), st.integers(20, 300),
       st.sampled_from([b"\n", b"\r\n"]))
def test_line_limit_holds_for_every_line_length(projects, lengths, limit, eol):
    """The first line longer than the limit (line end included) stops the file."""
    store, work = projects.new()
    try:
        path = work / "lines.jsonl"
        lines = []
        for i, n in enumerate(lengths):
            prefix = b'{"text": "' + str(i).encode() + b" "
            lines.append(prefix + b"y" * max(1, n - len(prefix) - 2) + b'"}' + eol)
        path.write_bytes(b"".join(lines))
        before = snapshot(store)
        with mock.patch.object(common, "MAX_LINE_BYTES", limit):
            result = import_files(store, [path]).files[0]
        too_long = [i for i, line in enumerate(lines, start=1) if len(line) > limit]
        if too_long:
            assert result.error == f"{path}:{too_long[0]}: line longer than {limit:,} bytes"
            assert snapshot(store) == before
        else:
            assert result.error is None and result.inserted == len(lines)
    finally:
        projects.drop(store, work)


@pytest.mark.parametrize("name, content, message", [
    ("t.csv", "text\n" + "x" * 500 + "\n", "field larger than field limit"),
    ("t.jsonl", json.dumps({"text": "x" * 300}) + "\n", "text longer than 200 characters"),
    ("t.txt", "x" * 2000, "larger than a document can be"),
    ("t.txt", "x" * 300, "text longer than 200 characters"),
])
def test_size_limits_refuse_cleanly(project, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with mock.patch.object(common, "MAX_LINE_BYTES", 400), mock.patch.object(common, "MAX_TEXT_CHARS", 200):
        summary = import_files(project, [path])
    assert message in summary.errors[0] and summary.errors[0].startswith(f"{path}")
    assert project.document_count() == 0


def test_text_that_grows_under_nfc_is_still_bounded(project, tmp_path):
    """NFC can lengthen a text (U+0344 → two characters): the limit holds after it."""
    path = tmp_path / "grow.jsonl"
    path.write_text(json.dumps({"text": "\u0344" * 150}) + "\n", encoding="utf-8")
    with mock.patch.object(common, "MAX_TEXT_CHARS", 200):
        summary = import_files(project, [path])
    assert summary.errors == [f"{path}:1: text longer than 200 characters"]


@pytest.mark.parametrize("line", [
    b"[" * 100_000,
    b'{"text": "ok", "meta": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"text": "ok", "n": ' + b"7" * 10_000 + b"}",
    b'{"text": "ok", "meta": {"a": "\\ud800"}}',
    b'{"text": "ok", "meta": {"x": NaN}}',
    b'{"text": "ok", "meta": {"x": -Infinity}}',
])
def test_hostile_json_is_a_clean_error(project, tmp_path, line):
    """Deep nesting (RecursionError), 10,000-digit integers (ValueError) and
    unstorable meta (UnicodeEncodeError in SQLite) used to escape as tracebacks."""
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b'{"text": "first"}\n' + line + b"\n")
    summary = import_files(project, [path])
    assert summary.errors[0].startswith(f"{path}:2: "), summary.errors
    assert project.document_count() == 0
