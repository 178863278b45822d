"""Benchmark: sources shaped to hurt, built beside the seeds, and timed at doubling sizes.

    python benchmarks/bench_bad_input.py [--cases huge-article.txt ...] [--shapes quotes-fr ...] [--sizes 4]
                                         [--limit SECONDS] [--skip-builds] [--skip-shapes]

Two tables. The first builds the site: for each case of tests/bad_input.py `CASES` (a 5 MB article, a 700 KB single
line, 200,000 short lines, HTML nested 5,000 deep) and for a source over the size limit, a fresh copy of the project
(empty cache) gets that one file in sources/ and is built with `mkdocs build`. The table gives the build's time, its
time per megabyte of the odd source beyond the seeds' build, and what the site made of it.

The second doubles the size of each shape that once made a stage super-linear (tests/bad_input.py `SHAPES`: split
quotations, French quotations, many speakers, a name of hyphenated words, a run of capitalised words, repeated
amounts, unbalanced quotation marks, very long words, headings in Title Case, an HTML element with very many
attributes), from 50 kB (200 kB for HTML) on, and times what a build does with one such source: reading it
(`read_article`) and annotating it (`annotate_all`, without a cache). Linear code takes about twice the time for
twice the input: the `x` columns give the ratio to the size before, which stays near 2 or below (the named entity
model reads the first 100,000 characters only, so past them annotation grows slower than the input; a ratio of
times under 0.05 s is noise and not given). A series stops at the first size that takes more than `--limit`
seconds: quadratic code would take minutes for the next one.

Wall-clock figures vary with the machine; nothing here is a test (tests/test_bad_input.py checks what is read,
without timing it).
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

from bad_input import CASES, SHAPES  # noqa: E402

FIRST_SIZE = {".txt": 50_000, ".md": 50_000, ".html": 200_000}  # bytes, doubled `--sizes` times


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


def builds(cases: list[str]) -> None:
    seconds, outcome = build({})
    print(f"{'source':<24}{'MB':>7}{'build s':>9}{'s per MB':>10}  outcome")
    print(f"{'(the seeds alone)':<24}{0:>7.1f}{seconds:>9.1f}{'':>10}  {outcome}")
    for name in cases:
        data = CASES[name]() if name in CASES else CASES["huge-article.txt"](9_000_000)
        elapsed, outcome = build({name: data})
        megabytes = len(data) / 1e6
        per_megabyte = f"{(elapsed - seconds) / megabytes:.1f}" if megabytes >= 0.5 and "skipped" not in outcome else ""
        print(f"{name:<24}{megabytes:>7.1f}{elapsed:>9.1f}{per_megabyte:>10}  {outcome}")


def read_and_annotate(data: bytes, suffix: str, knowledge) -> tuple[float, float, str]:
    """Seconds to read one source and to annotate it, as a cold build does (no cache, the model's names of an
    earlier run forgotten), and what came out."""
    from generator.annotate import annotate_all
    from generator.annotate.ner import find_named_spans
    from generator.cache import NoCache
    from generator.read import read_article

    find_named_spans.cache_clear()
    start = time.perf_counter()
    article = read_article(data, suffix, f"sources/shape{suffix}")
    read = time.perf_counter() - start
    start = time.perf_counter()
    annotated, = annotate_all((article,), knowledge, NoCache(), "serial")
    annotate = time.perf_counter() - start
    return read, annotate, (f"{len(annotated.quotes)} quotes, {len(annotated.figures)} figures, "
                            f"{len(annotated.mentions)} mentions, {len(annotated.candidates)} new names")


def shapes(names: list[str], sizes: int, limit: float) -> None:
    from generator.knowledge import load_knowledge

    knowledge = load_knowledge(ROOT / "docs" / "topics", ROOT / "knowledge" / "entities", ROOT)
    for data, suffix in ((CASES["huge-article.txt"](20_000), ".txt"), (SHAPES["split-quotes-en"][0](5_000), ".txt")):
        read_and_annotate(data, suffix, knowledge)  # the models loaded, French and English, before any timing
    print(f"\n{'shape':<20}{'kB':>7}{'read s':>8}{'x':>6}{'annotate s':>12}{'x':>6}{'total s':>9}{'x':>6}  found")
    for name in names:
        make, suffix = SHAPES[name]
        before = None
        for step in range(sizes):
            data = make(FIRST_SIZE[suffix] * 2 ** step)
            read, annotate, found = read_and_annotate(data, suffix, knowledge)
            now = (read, annotate, read + annotate)
            ratios = [f"{b / a:>6.1f}" if before and a >= 0.05 else f"{'':>6}" for a, b in zip(before or now, now)]
            print(f"{name:<20}{len(data) / 1000:>7.0f}{read:>8.2f}{ratios[0]}{annotate:>12.2f}{ratios[1]}"
                  f"{read + annotate:>9.2f}{ratios[2]}  {found}", flush=True)
            before = now
            if read + annotate > limit:
                print(f"{name:<20}{'':>7}  stopped: over {limit:g} s")
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=[*CASES, "oversized.txt"])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--sizes", type=int, default=4, help="sizes per shape, each twice the one before")
    parser.add_argument("--limit", type=float, default=30.0, help="seconds past which a series stops")
    parser.add_argument("--skip-builds", action="store_true", help="only the doubling series")
    parser.add_argument("--skip-shapes", action="store_true", help="only the builds")
    args = parser.parse_args()
    if not args.skip_builds:
        builds(args.cases)
    if not args.skip_shapes:
        shapes(args.shapes, args.sizes, args.limit)


if __name__ == "__main__":
    main()
