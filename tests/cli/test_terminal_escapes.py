"""Names, titles and file names are text from other people: the command line
shows their control characters (terminal escapes, bidi overrides) as visible
escapes instead of letting the terminal run them."""
from __future__ import annotations

import json

import pytest

from tintag.cli import main

# clear the screen, set the window title, a C1 CSI, right-to-left override, a line break
ESCAPES = ("\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "\u202e", "\n")
HOSTILE = "an\x1b[2J\x1b]0;owned\x07\x9b31m\u202egnp.exe\nfake line"
SHOWN = "an\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\u202egnp.exe\\nfake line"
TEXT = "Ông Nguyễn Văn An đến Hà Nội hôm qua."


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def raw_control(text: str) -> list[str]:
    """Control characters a terminal would act on (line ends of our own lines excepted)."""
    return [ch for line in text.split("\n") for ch in line
            if ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0
            or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.tintag"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    return path


def test_team_shows_escapes_in_profile_names(capsys, project):
    code, out, err = run(capsys, "team", project, "--add", HOSTILE, "--reviewer", "thu")
    assert code == 0, err
    assert raw_control(out) == []
    assert SHOWN in out and "fake line" not in out.replace(SHOWN, "")


def test_assign_stats_and_agreement_show_escapes_in_layer_names(capsys, project, tmp_path):
    doc = tmp_path / "a.jsonl"
    doc.write_text(json.dumps({"id": "d1", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(capsys, "import", project, doc)[0] == 0
    start = TEXT.index("Hà Nội")
    for layer in (HOSTILE, "lan"):
        ann = tmp_path / f"{len(layer)}.jsonl"
        ann.write_text(json.dumps({"text": TEXT, "label": [[start, start + 6, "LOC"]]},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
        code, out, err = run(capsys, "import", project, ann, "--format", "doccano", "--layer", layer)
        assert code == 0, err
        assert raw_control(out + err) == []
    code, out, err = run(capsys, "assign", project, "--annotators", f"{HOSTILE},lan", "--new-profiles")
    assert code == 0, err
    assert raw_control(out) == [] and SHOWN in out
    for argv in (("stats", project), ("stats", project, "--json"),
                 ("agreement", project, "--workers", "1"), ("agreement", project, "--workers", "1", "--json")):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert raw_control(out) == [], argv
        esc = "\\u001b[2J" if "--json" in argv else "\\x1b[2J"  # JSON's own escape in JSON
        assert esc in out and "\\u202e" in out, argv
    code, out, _ = run(capsys, "stats", project, "--json")
    assert HOSTILE in json.loads(out)["layers"]  # still valid JSON, the same name when parsed


def test_import_messages_and_errors_show_escapes_in_file_names(capsys, project, tmp_path):
    good = tmp_path / "tin\x1b[2J\u202e.jsonl"
    good.write_text(json.dumps({"text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    bad = tmp_path / "hỏng\x1b]0;owned\x07.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    also_bad = tmp_path / "x\x9b2J.jsonl"
    also_bad.write_text("[]\n", encoding="utf-8")
    code, out, err = run(capsys, "import", project, good, bad, also_bad)
    assert code == 1
    assert raw_control(out) == [] and raw_control(err) == []
    assert "tin\\x1b[2J\\u202e.jsonl: 1 imported" in out
    assert "hỏng\\x1b]0;owned\\x07.jsonl:1: invalid JSON" in err and "x\\x9b2J.jsonl:1:" in err
    code, out, err = run(capsys, "export", project, "-o", tmp_path / "out\x1b[2J.jsonl")
    assert code == 0 and raw_control(out) == [] and "out\\x1b[2J.jsonl" in out
    assert run(capsys, "team", project, "--add", HOSTILE)[0] == 0
    code, out, err = run(capsys, "export", project, "--layer", "nobody", "-o", tmp_path / "o.jsonl")
    assert code == 1 and raw_control(err) == [] and "\\u202e" in err  # the known layers are listed


def test_printable_escapes_every_control_and_keeps_text():
    from tintag.cli.printable import printable

    assert printable("Hà Nội – “Việt Nam” 😀 \\x1b") == "Hà Nội – “Việt Nam” 😀 \\x1b"
    assert printable("a\tb\rc\x00\x7f\x85\x9b") == "a\\tb\\rc\\x00\\x7f\\x85\\x9b"
    assert printable("\u200e\u200f\u202a\u202e\u2066\u2069\u061c\u2028\u2029\ufeff") == (
        "\\u200e\\u200f\\u202a\\u202e\\u2066\\u2069\\u061c\\u2028\\u2029\\ufeff")
    assert printable("\U000e0041") == "\\U000e0041"  # a tag character (format, invisible)
    assert printable("bad\udcff") == "bad\\udcff"  # undecodable byte of a file name
    for seq in ESCAPES:
        assert raw_control(printable(seq)) == []


def test_usage_errors_show_escapes_in_what_was_typed(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "p.tintag", "--bogus", HOSTILE])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and raw_control(err) == [] and SHOWN in err
