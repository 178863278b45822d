"""Benchmark: a full `mkdocs build` of the seeds beside one source shaped to hurt, against the seeds alone.

    python benchmarks/bench_bad_input.py [--cases huge-article.txt ...]

For each case of tests/bad_input.py (a 5 MB article, a 700 KB single line, 200,000 short lines, HTML nested
5,000 deep) and for a source over the size limit, a fresh copy of the project (empty cache) gets that one file in
sources/ and is built with `mkdocs build`. The table gives the build's time, its time per megabyte of the odd
source beyond the seeds' build, and what the site made of it. Wall-clock figures vary with the machine; nothing here is a test
(tests/test_bad_input.py checks what is read, without timing it).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bad_input import CASES  # noqa: E402


def build(sources: dict[str, bytes]) -> tuple[float, str]:
    with tempfile.TemporaryDirectory(prefix="bench-bad-") as folder:
        work = Path(folder)
        for name in ("docs", "sources", "knowledge", "templates", "overrides"):
            shutil.copytree(ROOT / name, work / name)
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        for name, data in sources.items():
            (work / "sources" / name).write_bytes(data)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=work, capture_output=True,
                              text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        seconds = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(done.stderr)
        warnings = [line for line in done.stderr.splitlines() if "WARNING" in line and "sources/" in line]
        pages = len(list((work / "site" / "articles").glob("*/index.html")))
        return seconds, (warnings[0].split("generator: ")[-1] if warnings else f"{pages} article pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=[*CASES, "oversized.txt"])
    args = parser.parse_args()
    seconds, outcome = build({})
    print(f"{'source':<24}{'MB':>7}{'build s':>9}{'s per MB':>10}  outcome")
    print(f"{'(the seeds alone)':<24}{0:>7.1f}{seconds:>9.1f}{'':>10}  {outcome}")
    for name in args.cases:
        data = CASES[name]() if name in CASES else CASES["huge-article.txt"](9_000_000)
        elapsed, outcome = build({name: data})
        megabytes = len(data) / 1e6
        per_megabyte = f"{(elapsed - seconds) / megabytes:.1f}" if megabytes >= 0.5 and "skipped" not in outcome else ""
        print(f"{name:<24}{megabytes:>7.1f}{elapsed:>9.1f}{per_megabyte:>10}  {outcome}")


if __name__ == "__main__":
    main()
