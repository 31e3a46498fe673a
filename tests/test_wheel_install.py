"""The built wheel carries resources/ and seeds/ and works without the source tree."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_imports_the_demo(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("tintag-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "tintag/resources/schema/native.schema.json" in names
    assert sum(n.startswith("tintag/seeds/") and n.endswith(".txt") for n in names) == 5
    assert not any(n.startswith("tests/") for n in names)

    venv = tmp_path / "venv"
    # The fresh venv sees this interpreter's site-packages for the (large)
    # dependencies, but TinTag itself only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = _deps_path()
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, env=env)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env["XDG_DATA_HOME"] = str(tmp_path / "data")

    def run(*args):
        return subprocess.run(list(args), cwd=outside, env=env, capture_output=True, text=True, check=True)

    tintag = str(venv / "bin" / "tintag")
    assert "usage: tintag" in run(tintag, "--help").stdout
    where = run(str(py), "-c", "import tintag, tintag.paths as p; print(tintag.__file__); print(p.seeds_dir())")
    module_file, seeds = where.stdout.split()
    assert str(venv) in module_file and str(venv) in seeds  # not the source tree
    demo = run(str(py), "-c", "from tintag.core.demo import ensure_demo_project; print(ensure_demo_project())")
    project = demo.stdout.strip()
    out = tmp_path / "demo.jsonl"
    run(tintag, "export", project, "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5 and all(r["text"] for r in records)
    other = tmp_path / "p.tintag"
    run(tintag, "new", str(other))
    assert "total: 5 imported" in run(tintag, "import", str(other), seeds).stdout


def _deps_path() -> str:
    """site-packages of the running interpreter, minus the editable TinTag."""
    import site

    return os.pathsep.join(site.getsitepackages())
