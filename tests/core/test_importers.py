"""Document importers on good and bad input; a bad file imports nothing."""
from __future__ import annotations

import json
import unicodedata

import pytest

from tintag.core.importers import import_files

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures"


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_seed_articles_import_with_dates(project, seed_paths):
    summary = import_files(project, seed_paths)
    assert summary.errors == []
    assert summary.inserted == 5
    docs = list(project.iter_documents())
    assert sorted(d["date"] for d in docs) == ["2025-08-13", "2025-09-04", "2025-10-07",
                                               "2025-10-24", "2025-12-27"]
    for doc, path in zip(sorted(docs, key=lambda d: d["source"]), seed_paths):
        raw = path.read_text(encoding="utf-8")
        assert not doc["text"].startswith(" date")
        assert raw.endswith(doc["text"].rstrip()) or doc["text"] in raw
        assert doc["title"] and len(doc["title"]) <= 121


def test_folder_of_txt_files(project, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Hà Nội mùa thu.", encoding="utf-8")
    (folder / "b.txt").write_text("Đà Nẵng mùa hè.", encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    summary = import_files(project, [folder])
    assert (summary.inserted, summary.errors) == (2, [])


def test_jsonl_fields_and_emoji_offsets(project, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "n1", "title": "Tin 1", "date": "2025-01-02", "source": "vnexpress",
         "meta": {"section": "world"}, "text": "Xin chào 😀 Hà Nội"},
    ])
    summary = import_files(project, [path])
    assert summary.inserted == 1
    doc = project.document_by_uid("n1")
    assert doc["title"] == "Tin 1" and doc["meta"] == {"section": "world"}
    start = doc["text"].index("Hà Nội")
    assert start == 11  # code points: the emoji counts as one
    project.add_item("entity", doc["id"], "gold", start=start, end=start + 6, label="LOC")
    assert doc["text"][start:start + 6] == "Hà Nội"


def test_duplicates_skipped_and_counted(project, tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"text": "Một"}, {"text": "Hai"}, {"text": "Một"}])
    first = import_files(project, [path])
    assert (first.inserted, first.duplicates) == (2, 1)
    again = import_files(project, [path])
    assert (again.inserted, again.duplicates) == (0, 3)
    assert project.document_count() == 2


@pytest.mark.parametrize("content, line, message", [
    (b'{"text": "ok"}\n{"text": "cut', 2, "invalid JSON"),
    (b'{"text": "ok"}\n{"title": "no text"}\n', 2, "missing 'text'"),
    (b'{"text": "ok"}\n[1, 2]\n', 2, "expected a JSON object"),
    (b'{"text": "ok"}\n{"text": 5}\n', 2, "must be a string"),
    (b'{"text": "ok"}\n{"text": "\xff\xfe bad"}\n', 2, "not valid UTF-8"),
    (b'{"text": "ok"}\n{"text": "a\\u0000b"}\n', 2, "NUL"),
    (b'{"text": "ok"}\n{"text": "a\\ud800b"}\n', 2, "lone surrogate"),
])
def test_bad_jsonl_line_names_file_and_line_and_imports_nothing(project, tmp_path, content, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    summary = import_files(project, [path])
    assert summary.inserted == 0
    assert project.document_count() == 0
    error = summary.errors[0]
    assert error.startswith(f"{path}:{line}: ")
    assert message in error


def test_bad_file_does_not_stop_good_files(project, tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", [{"text": "Tốt"}])
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": "first"}\n{oops\n')
    summary = import_files(project, [bad, good])
    assert summary.inserted == 1
    assert [d["text"] for d in project.iter_documents()] == ["Tốt"]
    assert len(summary.errors) == 1


def test_empty_and_binary_files_are_refused(project, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank_txt = tmp_path / "blank.txt"
    blank_txt.write_bytes(b"  \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    summary = import_files(project, [empty, blank_txt, binary])
    assert summary.inserted == 0 and project.document_count() == 0
    assert "empty" in summary.errors[0]
    assert "empty" in summary.errors[1]
    assert "binary" in summary.errors[2] and str(binary) in summary.errors[2]


def test_utf16_csv_with_bom(project):
    summary = import_files(project, [FIXTURES / "example.utf16.csv"])
    assert summary.errors == []
    assert sorted(d["text"] for d in project.iter_documents()) == ["AAA", "BBB", "CCC"]


def test_csv_encodings_and_columns(project, tmp_path):
    rows = 'id,title,text,meta\nx1,Tiêu đề,"Nội dung, có dấu phẩy",{"k": 1}\n'
    utf8 = tmp_path / "a.csv"
    utf8.write_text(rows, encoding="utf-8")
    cp = tmp_path / "b.csv"
    cp.write_bytes('text\n"Hôm nay trời đẹp quá, chúng tôi đi chơi công viên"\n'.encode("utf-16-le"))
    summary = import_files(project, [utf8, cp])
    assert summary.errors == []
    doc = project.document_by_uid("x1")
    assert doc["text"] == "Nội dung, có dấu phẩy" and doc["meta"] == {"k": 1}
    assert project.document_count() == 2


def test_csv_without_text_column_or_bad_row(project, tmp_path):
    no_text = tmp_path / "n.csv"
    no_text.write_text("title,body\na,b\n", encoding="utf-8")
    ragged = tmp_path / "r.csv"
    ragged.write_text("text,title\nok,1\nbad\n", encoding="utf-8")
    summary = import_files(project, [no_text, ragged])
    assert summary.errors[0] == f"{no_text}:1: header has no 'text' column"
    assert summary.errors[1].startswith(f"{ragged}:3: ")
    assert project.document_count() == 0


def test_invalid_utf8_txt(project, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Hà Nội".encode() + b"\xe0\x80")
    summary = import_files(project, [path])
    assert "not valid UTF-8" in summary.errors[0] and project.document_count() == 0


def test_canonicalisation_at_import(project, tmp_path):
    nfd = unicodedata.normalize("NFD", "Thủ tướng")
    path = write_jsonl(tmp_path / "c.jsonl", [
        {"id": "c", "text": "\ufeff" + nfd + "\r\nphát\u200b biểu\u00ad."}])
    import_files(project, [path])
    doc = project.document_by_uid("c")
    assert doc["text"] == "Thủ tướng\nphát biểu."
    assert unicodedata.is_normalized("NFC", doc["text"])
    assert doc["normalisation"]["crlf"] == 1 and doc["normalisation"]["nfc"] >= 1
    # the same article written differently is a duplicate of the canonical one
    again = write_jsonl(tmp_path / "c2.jsonl", [{"text": "Thủ tướng\nphát biểu."}])
    assert import_files(project, [again]).duplicates == 1


def test_tone_mark_style_is_kept(project, tmp_path):
    path = write_jsonl(tmp_path / "t.jsonl", [{"text": "hoà bình"}, {"text": "hòa bình"}])
    assert import_files(project, [path]).inserted == 2


def test_same_id_different_text_is_an_error(project, tmp_path):
    path = write_jsonl(tmp_path / "i.jsonl", [{"id": "x", "text": "một"}, {"id": "x", "text": "hai"}])
    summary = import_files(project, [path])
    assert "'x' is already used" in summary.errors[0] and project.document_count() == 0


def test_cancel_rolls_back_current_file(project, tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [{"text": f"bài {i}"} for i in range(50)])
    seen = []
    summary = import_files(project, [path], on_document=lambda: seen.append(1),
                           cancelled=lambda: len(seen) >= 10)
    assert project.document_count() == 0
    assert summary.inserted == 0 and "cancelled" in summary.errors[0]


def test_large_jsonl_streams(project, tmp_path):
    """A 100k-line file imports with memory far below its size (streamed)."""
    import tracemalloc

    path = tmp_path / "big.jsonl"
    filler = "Tin tức thế giới hôm nay có nhiều sự kiện đáng chú ý. " * 8
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(100_000):
            fh.write(json.dumps({"id": f"d{i}", "text": f"{i} {filler}"}, ensure_ascii=False) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    summary = import_files(project, [path])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert summary.inserted == 100_000
    assert peak < size / 10, (peak, size)


def test_csv_errors_name_the_line_they_are_on(project, tmp_path):
    """Found by the CSV fuzz test: a bad byte was reported on the line where the
    text decoder's 8 KB block began (line 1), and before a ragged row above it."""
    from tintag.core.importers import import_files

    ragged = tmp_path / "ragged.csv"
    ragged.write_bytes('"text","title"\n"Hà Nội mưa to.","a","extra"\n'.encode() + b'"x","\xed\xa0\x80"\n')
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b'"text","title"\n' + b'"Hu\xe1\xba\xbf \xff","t"\n' + b'"ok","t"\n' * 2000)
    summary = import_files(project, [ragged, bad])
    assert summary.errors == [f"{ragged}:2: 3 cells, the header has 2",
                              f"{bad}:2: not valid utf-8 text (byte 7 of the line)"]
    assert project.document_count() == 0


def test_utf16_csv_errors_come_after_the_rows_above_them(project, tmp_path):
    """Found by the CSV fuzz test: in UTF-16 a lone surrogate on line 3 was
    reported on line 2, before line 2's own problem (a ragged row)."""
    from tintag.core.importers import import_files

    path = tmp_path / "utf16.csv"
    text = '"text","title"\n"Hà Nội mưa.","a","extra"\n"x","\ud800"\n'
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass"))
    assert import_files(project, [path]).errors == [f"{path}:2: 3 cells, the header has 2"]
