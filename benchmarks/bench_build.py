"""Benchmark: what each stage of the generator costs, cold and warm, against plain MkDocs building the same pages.

    python benchmarks/bench_build.py [--articles 1000] [--executor processes]

Makes a corpus of N articles from the repository's sources and test articles (paragraphs reshuffled, titles made
unique, so that no two articles are the same), then in one run:

1. times each stage of the generator in-process (read, annotate with the named entity model, link, render), first
   with an empty cache (cold), then again with the cache the first run filled (warm);
2. writes the generated docs tree and times plain `mkdocs build` on it (no plugin of ours: MkDocs and Material
   only), which is the yardstick;
3. times `mkdocs build` of the project with its plugin on the same sources (warm cache).

Wall-clock figures vary with the machine; the ratios are what to compare. Nothing here is a test.
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
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_project, without_plugin  # noqa: E402
from generator import Project, Site, replaced_files, write_tree  # noqa: E402
from generator.annotate import annotate_all  # noqa: E402
from generator.cache import open_cache  # noqa: E402
from generator.knowledge import load_knowledge  # noqa: E402
from generator.link import link  # noqa: E402
from generator.read import read_sources  # noqa: E402
from generator.render import render  # noqa: E402


def timed(label: str, results: dict, function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    results[label] = time.perf_counter() - start
    return value


def mkdocs_build(config: Path, cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "--site-dir", str(cwd / "site")],
                   cwd=cwd, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def generate(project: Project, executor: str) -> tuple[dict[str, float], dict[str, str], object]:
    t: dict[str, float] = {}
    cache = open_cache(project.root)
    knowledge = timed("knowledge", t, load_knowledge, project.path("topics"), project.path("entities"), project.root)
    read = timed("read", t, read_sources, project.path("sources"), project.root, cache, executor)
    articles = timed("annotate", t, annotate_all, read.articles, knowledge, cache, executor)
    corpus = timed("link", t, link, articles, knowledge)
    pages = timed("render", t, render, corpus, project.path("templates"))
    cache.close()
    return t, pages, corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--executor", default="processes")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        make_project(work, args.articles)
        project = Project(root=work, executor=args.executor)
        cold, pages, corpus = generate(project, args.executor)
        warm, pages_again, _ = generate(project, args.executor)
        assert pages_again == pages, "a warm build must give the same pages as a cold one"
        print(f"{len(corpus.articles)} articles, {len(pages)} pages generated ({args.executor})")

        # the yardstick: plain MkDocs + Material on the same pages, without our plugin
        tree = work / "tree"
        write_tree(project, Site(corpus=corpus, pages=pages, replaced=replaced_files(project)), tree)
        (work / "plain.yml").write_text(without_plugin((work / "mkdocs.yml").read_text(encoding="utf-8"), tree),
                                        encoding="utf-8")
        plain_seconds = mkdocs_build(work / "plain.yml", work)
        full_seconds = mkdocs_build(work / "mkdocs.yml", work)

        print(f"\n{'stage':<22}{'cold s':>9}{'warm s':>9}{'cold % plain':>14}{'warm % plain':>14}")
        for label in cold:
            print(f"{label:<22}{cold[label]:>9.2f}{warm[label]:>9.2f}{100 * cold[label] / plain_seconds:>13.1f}%"
                  f"{100 * warm[label] / plain_seconds:>13.1f}%")
        print(f"{'generator, all stages':<22}{sum(cold.values()):>9.2f}{sum(warm.values()):>9.2f}"
              f"{100 * sum(cold.values()) / plain_seconds:>13.1f}%{100 * sum(warm.values()) / plain_seconds:>13.1f}%")
        print(f"\nplain mkdocs build of the same {len(pages)} pages: {plain_seconds:.2f} s")
        print(f"mkdocs build with the plugin (warm cache): {full_seconds:.2f} s; "
              f"warm annotation = {100 * warm['annotate'] / full_seconds:.1f}% of it")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
