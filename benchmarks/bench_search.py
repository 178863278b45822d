"""Benchmark: what search costs a reader, the site's Pagefind search against Material's built-in (lunr) search, on
the same pages.

    python benchmarks/bench_search.py [--articles 1000] [--queries industrie Zuckerberg "centres de données"]
                                      [--search-part-pages 2500] [--without-material]

Makes a synthetic corpus of N articles (benchmarks/corpus.py), generates the docs tree once, and builds it twice
with plain MkDocs and Material: with Pagefind in one index (`python -m generator search-index --part-pages 0`),
and with Material's search plugin instead (skipped with --without-material: at 10,000 articles a lunr query takes
minutes). With --search-part-pages N, a copy of the Pagefind site is also indexed in parts of N pages ("parts"),
and for each query the first ten pages that parts rank are looked up in what one index ranks (its first 300):
how far merging parts, each ranking with its own word statistics, moves results. This is Pagefind's ranking
before the search box's filter (which drops the results a part gives for a word it lacks, see search.js). Then, in headless Chromium with an empty cache for every query, it opens
the home page, types the query as soon as the page has loaded, and measures:

- the bytes of search files the browser fetched before the first result showed (index, chunks, worker, WASM),
  as served, and gzip-compressed as a web server would send the uncompressed ones;
- the time from the keystrokes to the first result on screen.

Wall-clock figures vary with the machine; compare the two columns. Nothing here is a test.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.corpus import make_project, without_plugin  # noqa: E402
from browser import chromium_page, serve  # noqa: E402

SEARCH_FILES = re.compile(r"/pagefind/|search-words\.json|/search/|lunr|search\.[0-9a-f]+\.min\.js|worker")


def run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start


def material_search(config: str) -> str:
    """The same site with Material's own search: the theme as it comes, its search plugin on."""
    config = re.sub(r"(?m)^  custom_dir: .*\n", "", config)
    config = re.sub(r"(?m)^  language: custom.*$", "  language: fr", config)
    config = re.sub(r"(?m)^  - assets/javascripts/search\.js\n", "", config)
    return re.sub(r"(?m)^plugins:\n", "plugins:\n  - search:\n      lang: fr\n", config)


def index_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())


# Pagefind's own API as search.js calls it (parts merged), without the search box's reordering: the pages in order.
RANKED = """async ([queries, count]) => {
  const pagefind = await import("/pagefind/pagefind.js")
  const options = { baseUrl: "/", excerptLength: 24, ranking: { pageLength: 0.4 } }
  await pagefind.options(options)
  await pagefind.init()
  const parts = await fetch("/pagefind/parts.json").then(r => r.ok ? r.json() : [])
  for (const part of parts) await pagefind.mergeIndex(`/pagefind/${part}`, options)
  const out = {}
  for (const query of queries) {
    const found = await pagefind.search(query)
    out[query] = await Promise.all(found.results.slice(0, count).map(async r => (await r.data()).url))
  }
  return out
}"""


def ranked(site: Path, queries: list[str], count: int) -> dict[str, list[str]]:
    with serve(site) as base, chromium_page() as page:
        page.goto(base, wait_until="load")
        return page.evaluate(RANKED, [queries, count])


def measure(site: Path, query: str, engine: str) -> tuple[int, int, float, int]:
    """(bytes as served, bytes gzip-compressed, seconds, results shown) once the first answer to `query` shows."""
    fetched: list[str] = []
    with serve(site) as base, chromium_page() as page:
        page.on("requestfinished", lambda request: fetched.append(request.url))
        page.on("console", lambda message: message.type == "error" and print(f"  ({query}, {engine}) console: {message.text}"))
        page.on("pageerror", lambda error: print(f"  ({query}, {engine}) page error: {error}"))
        page.goto(base, wait_until="load")
        start = time.perf_counter()
        if engine != "material":
            page.click("[data-search-open]")
            page.fill("[data-search-input]", query)
            page.wait_for_function("document.querySelector('[data-search]').dataset.searchDone", timeout=120_000)
        else:
            page.click("input.md-search__input")  # in the header at desktop width
            page.fill("input.md-search__input", query)
            page.wait_for_selector(".md-search-result__item", timeout=600_000)
        seconds = time.perf_counter() - start
        shown = page.locator(".site-search__link, .md-search-result__item").count()
        urls = [u for u in fetched if SEARCH_FILES.search(u)]
    served = compressed = 0
    for url in dict.fromkeys(urls):
        data = (site / url.removeprefix(base).split("?")[0]).read_bytes()
        served += len(data)
        compressed += min(len(data), len(gzip.compress(data, 6)))  # a server gzips text; chunks are gzip already
    return served, compressed, seconds, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--queries", nargs="+", default=["industrie", "Zuckerberg", "centres de données"])
    parser.add_argument("--search-part-pages", type=int, default=0,
                        help="also measure the Pagefind index written in parts of this many pages")
    parser.add_argument("--without-material", action="store_true", help="leave out Material's search")
    parser.add_argument("--keep", type=Path, help="keep the built sites in this folder")
    args = parser.parse_args()
    engines = ["pagefind"] + ([] if args.without_material else ["material"])
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        make_project(work, args.articles)
        generate = run([sys.executable, "-m", "generator", "--root", str(work), "build", "--out", str(work / "tree")], ROOT)
        config = without_plugin((work / "mkdocs.yml").read_text(encoding="utf-8"), work / "tree")
        (work / "pagefind.yml").write_text(config, encoding="utf-8")
        (work / "material.yml").write_text(material_search(config), encoding="utf-8")
        seconds = {}
        for engine in engines:
            seconds[engine] = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"{engine}.yml",
                                   "--site-dir", str(work / engine)], work)
        if args.search_part_pages:
            shutil.copytree(work / "pagefind", work / "parts")
            seconds["parts index"] = run([sys.executable, "-m", "generator", "search-index", str(work / "parts"),
                                          "--part-pages", str(args.search_part_pages)], ROOT)
            engines.insert(1, "parts")
        seconds["index"] = run([sys.executable, "-m", "generator", "search-index", str(work / "pagefind"),
                                "--part-pages", "0"], ROOT)
        pages = len(list((work / "pagefind").rglob("index.html")))
        print(f"{args.articles} articles, {pages} pages; generator {generate:.0f} s; mkdocs build: "
              f"{seconds['pagefind']:.0f} s (+ {seconds['index']:.1f} s Pagefind indexing)"
              + (f", {seconds['material']:.0f} s with Material's search" if "material" in seconds else ""))
        print(f"index on disk: Pagefind {index_bytes(work / 'pagefind') / 1e6:.1f} MB in chunks"
              + (f"; in parts of {args.search_part_pages} pages {index_bytes(work / 'parts') / 1e6:.1f} MB "
                 f"({seconds['parts index']:.1f} s indexing)" if "parts" in engines else "")
              + (f"; Material {(work / 'material/search/search_index.json').stat().st_size / 1e6:.1f} MB, one file"
                 if "material" in engines else ""))
        print(f"\n{'query':<24}{'engine':<10}{'kB served':>11}{'kB gzip':>10}{'first result s':>16}")
        for query in args.queries:
            for engine in engines:
                served, compressed, elapsed, shown = measure(work / engine, query, engine)
                print(f"{query:<24}{engine:<10}{served / 1e3:>11.0f}{compressed / 1e3:>10.0f}{elapsed:>16.2f}"
                      + ("" if shown else "  (no result)"))
        if "parts" in engines:
            one, parts = ranked(work / "pagefind", args.queries, 300), ranked(work / "parts", args.queries, 10)
            print("\nwhere one index ranks the first ten pages of parts (- : not in its first 300)")
            for query in args.queries:
                ranks = [str(one[query].index(url) + 1) if url in one[query] else "-" for url in parts[query]]
                print(f"{query:<24}{' '.join(ranks)}")
        if args.keep:
            for engine in engines:
                shutil.copytree(work / engine, args.keep / engine, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
