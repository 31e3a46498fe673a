from __future__ import annotations

import pytest

from tintag.core.importers.seed import read_seed


@pytest.fixture(scope="session")
def seed_texts():
    from pathlib import Path

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    return [read_seed(p)[0]["text"] for p in seeds]


@pytest.fixture(scope="session")
def producers():
    from tintag.core.suggest import registry

    return registry.build()


@pytest.fixture(scope="session")
def run(producers):
    from tintag.core.suggest import registry

    def _run(text):
        return registry.run_all(producers, text)

    return _run
