"""Benchmark: what each stage of the generator costs, against plain MkDocs building the same pages.

    python benchmarks/bench_build.py [--articles 1000]

Makes a corpus of N articles from the repository's sources and test corpus (paragraphs reshuffled, titles made
unique, so that no two articles are the same), then in one run:

1. times each stage of the generator in-process (read, annotate, link, render);
2. writes the generated docs tree and times plain `mkdocs build` on it (no plugin of ours: MkDocs and Material
   only), which is the yardstick;
3. times `mkdocs build` of the project with its plugin on the same sources (generation included).

Wall-clock figures vary with the machine; the ratios are what to compare. Nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import Project, Site, replaced_files, write_tree  # noqa: E402
from generator.annotate import annotator  # noqa: E402
from generator.knowledge import load_knowledge  # noqa: E402
from generator.link import link  # noqa: E402
from generator.read import read_sources  # noqa: E402
from generator.render import render  # noqa: E402


def make_corpus(target: Path, count: int) -> None:
    """N plain-text articles: a unique title, then paragraphs drawn from the real ones."""
    paragraphs = []
    for path in sorted([*(ROOT / "sources").glob("*.txt"), *(ROOT / "tests" / "corpus").glob("*.txt")]):
        text = path.read_bytes().decode("utf-8", errors="ignore")
        paragraphs += [p.strip() for p in re.split(r"\n\s*\n|\n", text) if len(p.split()) > 12]
    rng = random.Random(7)
    target.mkdir(parents=True)
    for number in range(count):
        body = "\n\n".join(rng.sample(paragraphs, k=min(8, len(paragraphs))))
        title = f"Article {number} : Meta et l’intelligence artificielle, épisode {number}"
        (target / f"{number:05d}.txt").write_text(f"{title}\n\n{body}\n\nComment (0)\n", encoding="utf-8")


def timed(label: str, results: dict, function, *args):
    start = time.perf_counter()
    value = function(*args)
    results[label] = time.perf_counter() - start
    return value


def mkdocs_build(config: Path, cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "--site-dir", str(cwd / "site")],
                   cwd=cwd, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        for name in ("docs", "knowledge", "templates", "overrides"):
            shutil.copytree(ROOT / name, work / name)
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        make_corpus(work / "sources", args.articles)
        project = Project(root=work)
        t: dict[str, float] = {}
        knowledge = timed("knowledge", t, load_knowledge, project.path("topics"), project.path("entities"), work)
        read = timed("read", t, read_sources, project.path("sources"), work)
        annotate = timed("compile knowledge", t, annotator, knowledge)
        articles = timed("annotate", t, lambda: [annotate(a) for a in read.articles])
        corpus = timed("link", t, link, articles, knowledge)
        pages = timed("render", t, render, corpus, project.path("templates"))
        print(f"{len(read.articles)} articles, {len(pages)} pages generated")

        # the yardstick: plain MkDocs + Material on the same pages, without our plugin
        tree = work / "tree"
        write_tree(project, Site(corpus=corpus, pages=pages, replaced=replaced_files(project)), tree)
        plain = (work / "mkdocs.yml").read_text(encoding="utf-8")
        plain = re.sub(r"  - press-site:\n(?:      .*\n)+", "", plain).replace("docs_dir: docs", f"docs_dir: {tree}")
        (work / "plain.yml").write_text(plain, encoding="utf-8")
        plain_seconds = mkdocs_build(work / "plain.yml", work)
        full_seconds = mkdocs_build(work / "mkdocs.yml", work)

        print(f"\n{'stage':<22}{'seconds':>9}{'% of plain mkdocs build':>26}")
        for label, seconds in t.items():
            print(f"{label:<22}{seconds:>9.2f}{100 * seconds / plain_seconds:>25.1f}%")
        generation = sum(t.values())
        print(f"{'generator, all stages':<22}{generation:>9.2f}{100 * generation / plain_seconds:>25.1f}%")
        print(f"\nplain mkdocs build of the same {len(pages)} pages: {plain_seconds:.2f} s")
        print(f"mkdocs build with the plugin (generation included): {full_seconds:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
