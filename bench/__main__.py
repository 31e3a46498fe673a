"""Run every bench module (bench/bench_*.py, each with run(report)) or the ones named."""
from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench
from bench.report import RESULTS, Report


def main(argv: list[str]) -> int:
    wanted = {name for arg in argv for name in arg.split(",") if name}
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    report = Report()
    for name in names:
        if wanted and name.removeprefix("bench_") not in wanted and name not in wanted:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"bench.{name}").run(report)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    report.save()
    missed = [k for k, v in report.figures.items() if not v["ok"]]
    print(f"{len(report.figures)} figures written to {RESULTS.name}; "
          f"{len(missed)} miss their target{': ' + ', '.join(missed) if missed else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
