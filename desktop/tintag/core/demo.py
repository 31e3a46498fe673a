"""The built-in demo project: the shipped seed articles, made on first start."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tintag import paths
from tintag.core.importers import import_files
from tintag.core.store import ProjectError, ProjectStore


def ensure_demo_project(path: Path | None = None) -> Path:
    """Return the demo project's path, creating it from the seeds if missing.

    Built in a temporary file and renamed into place, so an interrupted
    first start never leaves a half-made demo behind.
    """
    path = Path(path) if path else paths.demo_project_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".demo-", suffix=".tintag", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        with ProjectStore.create(tmp, actor="demo") as store:
            summary = import_files(store, [paths.seeds_dir()])
            if summary.errors:
                raise ProjectError("the shipped demo articles did not import: " + summary.errors[0])
            store.set_setting("guidelines", DEMO_GUIDELINES)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return path


DEMO_GUIDELINES = """# Hướng dẫn gán nhãn (demo)

- **PER**: tên người (*Vladimir Putin*, *Kim Jong-un*). Không gồm chức danh (*Tổng thống*).
- **LOC**: quốc gia, thành phố, vùng (*Nga*, *Bình Nhưỡng*, *Kursk*).
- **ORG**: tổ chức, cơ quan, hãng tin (*KCNA*, *Reuters*).
- **MISC**: tên riêng khác (sự kiện, tác phẩm).
- **Trích dẫn**: chỉ nội dung trong ngoặc kép; gắn người nói với thực thể PER/ORG.
- **Lập trường**: người nói → đối tượng: ủng hộ / phản đối / trung lập, kèm bằng chứng.
"""
