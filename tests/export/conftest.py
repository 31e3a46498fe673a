"""Fixtures of the export tests."""
from __future__ import annotations

import pytest
from export_helpers import make_project


@pytest.fixture
def project_file(tmp_path):
    """A small project file: 8 articles, layers gold and lan."""
    return make_project(tmp_path / "p.tintag", 8)
