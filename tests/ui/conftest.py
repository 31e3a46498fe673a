from __future__ import annotations

import json

import pytest

from tintag.core.importers import import_files
from tintag.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, project, tmp_path):
    """A real main window on a project holding the given documents."""
    def make(rows, annotator="lan", compute_suggestions=False):
        src = tmp_path / "docs.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        assert import_files(project, [src]).errors == []
        if not compute_suggestions:
            # mark every document as already pre-annotated (with nothing), so no
            # background run starts unless a test asks for one
            from tintag.core.suggest import registry

            for doc in project.iter_documents():
                for producer in registry.project_producers(project):
                    project.replace_suggestions(doc["id"], producer.name, producer.version,
                                                doc["text_sha256"], [])
        window = MainWindow(project, annotator)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window
    return make
