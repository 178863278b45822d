"""Benchmark: a full `mkdocs build` at N articles, what share of it is ours, and how it grows.

    python benchmarks/bench_build.py [--articles 1000 10000] [--serve-at 1000] [--search-part-pages 0]

For each N, a synthetic corpus (benchmarks/corpus.py) in a fresh copy of the project, then in one run:

1. `mkdocs build` with the plugin and an empty cache (cold): reading and the named entity model run on every core;
2. `mkdocs build` again, the cache filled (warm): what every later build costs;
3. plain `mkdocs build` (MkDocs and Material, no plugin of ours) of the same generated pages: the yardstick;
   with `--search-part-pages N`, also a warm build with the search index in parts of N pages instead of the
   default 2,500 (0: one index, what parts save);
4. at the N of `--serve-at`: `mkdocs serve --dirty`, then one-word edits of a topic file (a word of its
   introduction, a word of its title), and the time from each edit until the site is rebuilt.

For each build: wall time, peak memory (the largest sum of resident memory over the build's process and its worker
processes, sampled every 0.1 s), and for the plugin's builds the generator's share (its own log lines: pages
generated in X s, search index written in Y s). The growth factor compares the largest N with the smallest.
Wall-clock figures vary with the machine; the ratios are what to compare. Nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_project, without_plugin  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    peak_mb: float
    generator: float = 0.0  # seconds in the plugin's generation (read, annotate, link, render)
    search: float = 0.0  # seconds writing the search index


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def measured(command: list[str], cwd: Path) -> tuple[Run, str]:
    """Run a command to its end; its time, the peak memory of its process tree, and what it logged."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0]
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    run = Run(seconds=seconds, peak_mb=peak[0] / 1e6)
    if found := re.search(r"pages generated from \d+ articles in ([\d.]+) s", output):
        run.generator = float(found.group(1))
    if found := re.search(r"search index written in ([\d.]+) s", output):
        run.search = float(found.group(1))
    return run, output


def mkdocs_build(config: Path, work: Path) -> Run:
    return measured([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", str(work / "site")],
                    work)[0]


# One-word topic edits, from the page of the topic to every page that names it.
EDITS = {
    "a word of its introduction": ("Cette page rassemble", "Cette page réunit"),  # only the topic's page changes
    "a word of its title": ("title: Consortium", "title: Consortiums"),  # every page that names the topic changes
}


def serve_rebuild(work: Path, port: int = 8799) -> dict[str, float]:
    """Under `mkdocs serve --dirty`: the first build, then each one-word edit of a topic file (EDITS) and the
    seconds from the edit to the rebuilt site."""
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                               cwd=work, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        times = {"first build": _built(process)}
        topic = work / "docs" / "topics" / "consortium.md"
        for label, (old, new) in EDITS.items():
            time.sleep(2)  # the watcher is armed
            text = topic.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {topic}"
            edited = time.perf_counter()
            topic.write_text(text.replace(old, new, 1), encoding="utf-8")
            _built(process)
            times[label] = time.perf_counter() - edited
        return times
    finally:
        process.terminate()
        process.wait()


def _built(process) -> float:
    for line in process.stdout:
        if found := re.search(r"Documentation built in ([\d.]+) seconds", line):
            return float(found.group(1))
    raise SystemExit("mkdocs serve stopped before building")


def with_search_parts(config: str, part_pages: int) -> str:
    """The project's mkdocs.yml with the plugin's search index in parts of `part_pages` pages."""
    return config.replace("  - press-site:\n", f"  - press-site:\n      search_part_pages: {part_pages}\n", 1)


def bench(count: int, serve: bool, part_pages: int | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        make_project(work, count)
        cold = mkdocs_build(work / "mkdocs.yml", work)
        warm = mkdocs_build(work / "mkdocs.yml", work)
        subprocess.run([sys.executable, "-m", "generator", "--root", str(work), "build", "--out", str(work / "tree")],
                       cwd=ROOT, env=ENV, check=True, capture_output=True)
        (work / "plain.yml").write_text(without_plugin((work / "mkdocs.yml").read_text(encoding="utf-8"), work / "tree"),
                                        encoding="utf-8")
        plain = mkdocs_build(work / "plain.yml", work)
        pages = len(list((work / "site").rglob("index.html")))
        parts = None
        if part_pages is not None:
            (work / "parts.yml").write_text(with_search_parts((work / "mkdocs.yml").read_text(encoding="utf-8"), part_pages),
                                            encoding="utf-8")
            parts = mkdocs_build(work / "parts.yml", work)
        rebuild = serve_rebuild(work) if serve else None
        return {"articles": count, "pages": pages, "cold": cold, "warm": warm, "plain": plain, "parts": parts,
                "serve": rebuild}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--serve-at", type=int, default=1000, help="time a `mkdocs serve --dirty` rebuild after a topic "
                        "edit at this number of articles (0: never)")
    parser.add_argument("--search-part-pages", type=int, metavar="N", help="also a warm build with the search index "
                        "in parts of N pages (search_part_pages of the plugin; 0: one index)")
    args = parser.parse_args()
    results = []
    for count in args.articles:
        result = bench(count, serve=count == args.serve_at, part_pages=args.search_part_pages)
        results.append(result)
        print(f"\n{count} articles, {result['pages']} pages")
        print(f"{'build':<42}{'s':>8}{'peak MB':>9}{'generator s':>13}{'share':>7}{'search index s':>16}")
        rows = [("plugin, cold cache", result["cold"]), ("plugin, warm cache", result["warm"]),
                ("plain MkDocs, same pages", result["plain"])]
        if result["parts"]:
            rows.append((f"plugin, warm, search in parts of {args.search_part_pages}" if args.search_part_pages
                         else "plugin, warm, search in one index", result["parts"]))
        for label, run in rows:
            share = f"{100 * run.generator / run.seconds:.0f}%" if run.generator else ""
            print(f"{label:<42}{run.seconds:>8.1f}{run.peak_mb:>9.0f}{run.generator or '':>13}{share:>7}"
                  f"{run.search or '':>16}")
        if result["serve"]:
            print("mkdocs serve --dirty: " + "; ".join(f"{label} {seconds:.1f} s" for label, seconds in result["serve"].items()))
        sys.stdout.flush()
    if len(results) > 1:
        small, large = results[0], results[-1]
        factor = large["articles"] / small["articles"]
        print(f"\ngrowth from {small['articles']} to {large['articles']} articles ({factor:.0f}x):")
        for label in ("cold", "warm", "plain"):
            print(f"  {label:<6} {large[label].seconds / small[label].seconds:5.1f}x time, "
                  f"{large[label].peak_mb / small[label].peak_mb:4.1f}x peak memory")


if __name__ == "__main__":
    main()
