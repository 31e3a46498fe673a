"""Shared pieces of the property-based fuzz tests (issue 7, "Fuzzing").

- Settings: ``fuzz(n)`` gives a test ``n`` examples (no deadline) in a normal
  run and ``n * SOAK_FACTOR`` when ``TINTAG_SOAK=1`` (``make soak``). The two
  profiles are registered here, not in a conftest.py, so the fuzz files stay
  self-contained. Failures are reproducible: hypothesis keeps failing examples
  in its database (``.hypothesis/``, git-ignored) and replays them first, and
  ``print_blob`` prints a ``@reproduce_failure`` line for CI logs.
- Strategies for hostile text: control characters, NUL, lone surrogates,
  mixed NFC/NFD Vietnamese, bidi marks, invisible characters, astral
  characters, every kind of line end, FTS and JSON/CSV syntax, and now and
  then a huge run.
- Helpers that check the two allowed outcomes of an import: a clean import,
  or a clean error (``ImportFailure`` naming the file and line) with the
  project exactly as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tintag.core.store import ProjectStore
from tintag.core.textnorm import canonicalise

# ------------------------------------------------------------------ settings
SOAK = os.environ.get("TINTAG_SOAK") == "1"
SOAK_FACTOR = 25

# CI runs a fixed sequence of examples (a red build must be the code's fault and
# reproducible); local runs and soak runs explore new examples each time.
CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

settings.register_profile(
    "tintag-fuzz",
    deadline=None,
    derandomize=CI,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
)
settings.register_profile("tintag-soak", settings.get_profile("tintag-fuzz"))
PROFILE = settings.get_profile("tintag-soak" if SOAK else "tintag-fuzz")


def fuzz(examples: int) -> settings:
    """Settings for one property: ``examples`` normally, many more in a soak run."""
    return settings(PROFILE, max_examples=examples * SOAK_FACTOR if SOAK else examples)


# ------------------------------------------------------------ character pools
NUL = "\x00"
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"]  # "\ud83d": half an emoji
CONTROL = [chr(c) for c in range(0x01, 0x20) if chr(c) not in "\t\n\r"] + ["\x7f", "\x80", "\x85", "\x9f"]
BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069"]
INVISIBLE = ["\ufeff", "\u200b", "\u2060", "\u00ad", "\u200c", "\u200d", "\u034f", "\ufe0f"]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\r\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1e", "\x85"]
SPACES = [" ", "  ", "\t", "\xa0", "\u3000", "\u2009", "\u202f", "\u200a"]
ASTRAL = ["😀", "𝕏", "𠀀", "𠜎", "🇻🇳", "👩\u200d👩\u200d👧", "👍🏽", "\U0001d11e", "\U0010fffd",
          "\U000e0041", "\U0001f600\ufe0f"]
COMBINING = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b", "\u0344"]
SYNTAX = ['"', "'", ",", "*", "-", "NEAR", "AND", "OR", "NOT", "(", ")", "^", ":", "+", "\\", "{", "}",
          "[", "]", "#", "_", "=", ";", "<", ">", "&", "%", "`", "|", "~", "\\u0000", "\\ud800",
          "# id =", "-DOCSTART-", "B-PER", "O", "date 2024-01-01 "]
VIETNAMESE = ["Hà Nội", "Thủ tướng", "hoà bình", "hòa bình", "thuỷ điện", "Nguyễn Phú Trọng",
              "Bình Nhưỡng", "Đà Nẵng", "Quốc hội", "Việt Nam", "TP.HCM", "ông Putin nói:",
              "“Chúng tôi sẽ hợp tác”", "«Không»", "đỉnh", "Ủy ban", "ĐẢNG"]


def _mixed_form(word: str, forms: list[str]) -> str:
    """The word with each character in the chosen normal form (NFC/NFD mixed)."""
    return "".join(unicodedata.normalize(f, ch) for ch, f in zip(word, forms))


@st.composite
def vietnamese(draw) -> str:
    word = draw(st.sampled_from(VIETNAMESE))
    form = draw(st.sampled_from(["NFC", "NFD", "mixed"]))
    if form == "mixed":
        return _mixed_form(word, draw(st.lists(st.sampled_from(["NFC", "NFD"]),
                                               min_size=len(word), max_size=len(word))))
    return unicodedata.normalize(form, word)


def _pieces(nul: bool, surrogates: bool):
    pools = CONTROL + BIDI + INVISIBLE + LINE_ENDS + SPACES + ASTRAL + COMBINING + SYNTAX
    options = [
        st.sampled_from(pools),
        vietnamese(),
        st.text(max_size=12),  # anything hypothesis likes (no surrogates)
        st.text(st.characters(codec="utf-8"), max_size=6),
        st.characters(min_codepoint=0x10000),  # any astral character
    ]
    if nul:
        options.append(st.just(NUL))
    if surrogates:
        options.append(st.sampled_from(SURROGATES))
    return st.one_of(*options)


@st.composite
def hostile_text(draw, *, nul: bool = True, surrogates: bool = True, max_pieces: int = 14,
                 huge: bool = True) -> str:
    """Random and adversarial text; may be empty, blank or unstorable."""
    parts = draw(st.lists(_pieces(nul, surrogates), max_size=max_pieces))
    if huge and draw(st.integers(0, 24)) == 0:  # now and then a huge run
        n = draw(st.integers(1_000, 60_000))
        unit = draw(st.sampled_from(["x", "Hà Nội ", "😀", "\u200b", "a\u0301", "\r\n"]))
        parts.insert(draw(st.integers(0, len(parts))), unit * n)
    return "".join(parts)


def storable_text(**kwargs) -> st.SearchStrategy[str]:
    """Hostile but storable: no NUL, no lone surrogates (may still be blank)."""
    return hostile_text(nul=False, surrogates=False, **kwargs)


def document_text(**kwargs) -> st.SearchStrategy[str]:
    """A text that imports: storable and with something visible after canonicalisation."""
    return st.tuples(storable_text(**kwargs), vietnamese(), storable_text(**kwargs)).map(
        lambda t: "".join(t))


# ------------------------------------------------------------- file writing
def encode(text: str, encoding: str) -> bytes:
    """Bytes as a tool would write them; lone surrogates the way a sloppy
    tool does (surrogatepass: invalid UTF-8/UTF-16)."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if encoding == "utf-16":  # with a BOM, as Excel and Python write it
        return text.encode("utf-16", "surrogatepass")
    return text.encode(encoding, "surrogatepass")


def has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def has_unstorable(text: str) -> bool:
    return NUL in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def canonical(text: str) -> str:
    return canonicalise(text)[0]


# ----------------------------------------------------------- project helpers
TEMPLATE_TEXTS = [
    "Tổng thống Nga Vladimir Putin gặp ông Kim Jong-un tại Bình Nhưỡng 😀.",
    "Thủ tướng nói: “Chúng tôi sẽ hợp tác” với Hà Nội.",
    "Bài 𝕏 thứ ba về hoà bình ở Đà Nẵng.",
]


def make_template(folder: Path) -> Path:
    """A project with three documents and annotations in 'gold' and 'minh',
    to which every example adds; a failed import must leave all of it."""
    path = folder / "template.tintag"
    store = ProjectStore.create(path, actor="lead")
    try:
        with store.write():
            store.insert_documents([
                {"uid": f"t{i}", "title": t[:20], "date": f"2024-01-0{i + 1}", "source": "tpl",
                 "text": t, "text_sha256": __import__("hashlib").sha256(t.encode()).hexdigest(),
                 "meta": {"n": i}, "normalisation": {}}
                for i, t in enumerate(TEMPLATE_TEXTS)])
        docs = list(store.iter_documents())
        for doc in docs:
            text = doc["text"]
            for layer in ("gold", "minh"):
                store.replace_layer(doc["id"], layer, [
                    {"uid": f"{layer}{doc['id']}e", "start": 0, "end": text.index(" "), "label": "PER"}],
                    [{"start": 5, "end": 12, "kind": "direct", "speaker_uid": f"{layer}{doc['id']}e"}],
                    [{"holder_uid": f"{layer}{doc['id']}e", "target_name": "Hà Nội", "polarity": "support"}])
            store.set_status(doc["id"], "gold", "done")
    finally:
        store.close()
    return path


class Projects:
    """Fresh copies of the template project, one per hypothesis example."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.template = make_template(folder)

    def new(self) -> tuple[ProjectStore, Path]:
        work = Path(tempfile.mkdtemp(dir=self.folder))
        path = work / "p.tintag"
        shutil.copyfile(self.template, path)
        return ProjectStore.open(path, actor="lead"), work

    @staticmethod
    def drop(store: ProjectStore, work: Path) -> None:
        store.close()
        shutil.rmtree(work, ignore_errors=True)


def snapshot(store: ProjectStore) -> dict:
    """Everything an import could change, for before/after comparison."""
    docs = []
    for doc in store.iter_documents():
        layers = {}
        for layer in store.layers():
            layers[layer] = (store.entities(doc["id"], layer), store.quotes(doc["id"], layer),
                             store.stances(doc["id"], layer), store.assignment(doc["id"], layer))
        docs.append((doc, layers))
    return {"stats": store.stats(), "documents": docs, "events": len(store.events(limit=10**9)),
            "annotators": store.annotators()}


def assert_clean_failure(message: str, path: Path, line: int | None = None) -> None:
    """An error that names the file (and the line, when one is expected)."""
    assert message.startswith(f"{path}:") or message.startswith(f"{path} "), message
    if line is not None:
        assert message.startswith(f"{path}:{line}: "), (message, line)
    assert "Traceback" not in message and len(message) < 2_000, message[:300]


def stored_documents_are_canonical(store: ProjectStore) -> None:
    for doc in store.iter_documents():
        text = doc["text"]
        assert text.strip()
        assert unicodedata.is_normalized("NFC", text)
        assert canonical(text) == text
        assert not has_unstorable(text)


def stored_spans_are_inside(store: ProjectStore) -> None:
    for doc in store.iter_documents():
        n = len(doc["text"])
        for layer in store.layers():
            for item in store.entities(doc["id"], layer) + store.quotes(doc["id"], layer):
                assert 0 <= item["start"] < item["end"] <= n, item
