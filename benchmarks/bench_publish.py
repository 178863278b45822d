"""Benchmark: publishing a day's articles into an archive with `mkdocs build --dirty --strict` (issue 22).

    python benchmarks/bench_publish.py [--articles 1000 10000] [--compare each|last]

For each N, a synthetic corpus (benchmarks/corpus.py) in a fresh copy of the project, then:

1. a first `mkdocs build --dirty --strict` (empty cache and site: a full cold build);
2. a full warm build (`mkdocs build --strict`, the cache filled): the yardstick;
3. one after the other, each published with `mkdocs build --dirty --strict`, the documented command: 10 new
   articles, 20 more, one article edited, one removed, a topic's introduction edited. Each row gives the time and
   its share of the full warm build, then compares every file of the site (the search index left out: Pagefind's
   files differ from run to run) with a clean build of the same inputs, made in a copy of the project with the
   same cache;
4. `mkdocs serve --dirty` started twice: the first start builds the folder serve keeps, the second, timed until it
   serves, starts from it.

Wall-clock figures vary with the machine; the shares are what to compare. Nothing here is a test
(tests/test_dirty_build.py checks the pages on a small corpus).
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_build import ENV, measured  # noqa: E402
from benchmarks.corpus import make_corpus, make_project  # noqa: E402

DIRTY = [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty"]
CLEAN = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def site_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "pagefind" and p.suffix != ".gz"}


def differences(work: Path) -> int:
    """Files that differ between the site and a clean build of the same inputs (missing or extra ones count)."""
    copy = work.parent / (work.name + "-clean")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(work, copy, ignore=shutil.ignore_patterns("site"))
    try:
        measured(CLEAN, copy)
        dirty, clean = site_files(work / "site"), site_files(copy / "site")
        return len(set(dirty) ^ set(clean)) + sum(dirty[f] != clean[f] for f in set(dirty) & set(clean))
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def steps(work: Path, count: int) -> list[tuple[str, callable]]:
    sources, topic = work / "sources", work / "docs" / "topics" / "consortium.md"

    def edit_topic() -> None:
        text = topic.read_text(encoding="utf-8")
        topic.write_text(text.replace("Cette page rassemble", "Cette page réunit", 1), encoding="utf-8")

    def edit_article() -> None:
        article = sources / f"{count // 2:05d}.txt"
        article.write_text(article.read_text(encoding="utf-8").replace("\n\n", "\n\nUn paragraphe ajouté à la "
                                                                       "relecture, sur Meta et Llama.\n\n", 1),
                           encoding="utf-8")

    return [
        ("10 new articles", lambda: make_corpus(sources, 10, first=count, seed=11)),
        ("20 new articles", lambda: make_corpus(sources, 20, first=count + 10, seed=13)),
        ("one article edited", edit_article),
        ("one article removed", lambda: (sources / f"{count // 3:05d}.txt").unlink()),
        ("a topic's introduction edited", edit_topic),
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_ready(work: Path, port: int) -> float:
    """Seconds from `mkdocs serve --dirty` to its "Serving on" (its first build done), stopped with Ctrl-C then. The
    same port each time: serve's pages hold their address, and it keeps a folder per address."""
    start = time.perf_counter()
    # Ctrl-C's default action given back: a benchmark started in the background (`cmd &`) ignores SIGINT, and so
    # would serve, which would then never stop.
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-livereload", "-a",
                                f"127.0.0.1:{port}"], cwd=work, stderr=subprocess.PIPE, text=True, env=ENV,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    ready = None
    for line in process.stderr:
        if "Serving on" in line:
            ready = time.perf_counter() - start
            break
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=600)
    if ready is None:
        raise RuntimeError("mkdocs serve --dirty stopped before serving")
    return ready


def bench(count: int, compare_each: bool = True) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-publish-")) / "project"
    try:
        make_project(work, count)
        cold, _ = measured(DIRTY, work)
        warm, _ = measured(CLEAN, work)
        pages = len(list((work / "site").rglob("index.html")))
        print(f"\n{count} articles, {pages} pages: first build (cold) {cold.seconds:.1f} s, full warm build "
              f"{warm.seconds:.1f} s (generator {warm.generator:.1f} s, search index {warm.search:.1f} s)", flush=True)
        print(f"{'published with mkdocs build --dirty --strict':<46}{'s':>8}{'share':>8}{'generator':>11}{'search':>8}"
              f"{'files unlike a clean build':>28}")
        for label, change in steps(work, count):
            change()
            run, _ = measured(DIRTY, work)
            last = label == steps(work, count)[-1][0]
            unlike = differences(work) if compare_each or last else "-"
            print(f"{label:<46}{run.seconds:>8.1f}{100 * run.seconds / warm.seconds:>7.0f}%{run.generator:>11.1f}"
                  f"{run.search:>8.1f}{unlike:>28}", flush=True)
        port = free_port()
        first = serve_ready(work, port)  # the folder serve keeps is empty: a full build
        print(f"mkdocs serve --dirty ready: first start {first:.1f} s, next start (warm) {serve_ready(work, port):.1f} s",
              flush=True)
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    # A clean build to compare with takes minutes at 10,000 articles; compared after the last change only, the
    # site still has gone through every change, and a stale page from any of them would differ.
    parser.add_argument("--compare", choices=("each", "last"), default="each",
                        help="compare the site with a clean build after each change (default) or after the last")
    args = parser.parse_args()
    for count in args.articles:
        start = time.perf_counter()
        bench(count, compare_each=args.compare == "each")
        print(f"({time.perf_counter() - start:.0f} s in all)")


if __name__ == "__main__":
    main()
