"""Projects with several annotators' layers, for team tests."""
from __future__ import annotations

from tintag.core.importers.common import build_row
from tintag.core.store import ProjectStore

TEXT = ("Ông Nguyễn Văn An nói tại Hà Nội rằng “Việt Nam ủng hộ hòa bình”. "
        "Bộ Ngoại giao cho biết Mỹ phản đối kế hoạch. 🙂 Bà Lê Thị Bình ở Huế.")


def add_docs(store: ProjectStore, texts: list[str]) -> list[int]:
    rows = [build_row("test", None, t, title=f"Bài {i}") for i, t in enumerate(texts)]
    store.insert_documents(rows)
    return [store.document_by_sha(r["text_sha256"])["id"] for r in rows]


def span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def project_with_layers(path, texts=None) -> tuple[ProjectStore, list[int]]:
    store = ProjectStore.create(path, actor="lead")
    ids = add_docs(store, texts or [TEXT])
    return store, ids
