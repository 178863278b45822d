"""Search that holds at ten thousand articles: a Pagefind index of the built site, read in the browser a chunk at a
time (`python -m generator search-index SITE`, and the plugin after every `mkdocs build`).

Why Pagefind rather than the theme's search: Material loads one index of the whole site before the first result
(measured in the README: megabytes at a thousand articles, tens of megabytes at ten thousand), Pagefind only the
chunks a query's words need. It stems French, ignores accents ("donnees" finds "données"), weighs titles and
headings above the text, and works offline from the site's own files.

What is indexed: the pages whose content carries `data-pagefind-body` (articles, topics, entities, about; not the
listings), without what they mark `data-pagefind-ignore` (lists of related names, quoted passages: search leads
to the article a passage comes from). A site of more than 2,500 pages gets its index in parts, merged by the
search box (see `PART_PAGES`). Typographic apostrophes become straight ones in what the index reads, so
that an elided article is a word of its own ("l’industrie" is found by "industrie"); the pages keep theirs.

The search box (`docs/assets/javascripts/search.js`) drops elisions and stop words from the query, runs the words
one by one when all of them together find too little, and links each result to the passage that matched. Its
stop words come from the language data (`assets/search-words.json`, written by the render stage).
"""
from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .lang import union

log = logging.getLogger("generator.search")

OUTPUT = "pagefind"
WORDS = "assets/search-words.json"
_SKIPPED = ("pagefind/", "assets/", "404.html", "search/")
_EXCLUDED = [".headerlink", ".md-content__button", ".md-source-file", ".md-footer", "nav"]
# Pagefind's indexer holds the whole index in memory until it writes it: about 0.2 MB per article page (measured:
# 1,000 article pages, 210 MB; 3,300 pages, 650 MB), some 2 GB at ten thousand articles. Where that is too much,
# the index can be written in parts of N pages (`search_part_pages: N` of the plugin), one after the other: the first
# part is pagefind/ itself, the others are listed in pagefind/parts.json and merged by the search box (Pagefind's
# mergeIndex: the parts share one WebAssembly module; a query fetches from each part the chunks its words need).
# The cost: each part ranks with its own word statistics, and a part that lacks a query's word answers with the
# longest beginning of it that it knows (as Pagefind does for a misspelt word); search.js drops such results when
# the index comes in parts (`holdsAWordOf`). By default a part holds 2,500 pages: a site of fewer pages has one
# index; at 10,000 articles the build peaks at 0.9 GB instead of 2.5 GB, and a query fetches up to 36% more bytes,
# no slower (README, "Search"). 0 means one index whatever the size.
PART_PAGES = 2500
PART_PREFIX = "part-"
PARTS = "parts.json"


@dataclass(frozen=True)
class IndexStats:
    pages: int
    index_bytes: int


def search_words() -> str:
    """What the search box drops from a query: elided articles and stop words, French and English."""
    words = {"elisions": sorted(set(union("ELISIONS"))), "stop": sorted(set(union("FUNCTION_WORDS")))}
    return json.dumps(words, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def _pagefind(pages: Path, output: Path, language: str, work: Path) -> None:
    """Pagefind's indexer on a folder of pages, as a command (its settings in a pagefind.json where it runs). Not
    its Python service: in service mode (pagefind 1.5.2) the answer to "write the files" can come before the bytes
    are on disk, and closing the service then leaves a torn file, which breaks the search box (Pagefind issue
    #1271, fixed upstream after 1.5.2); the command waits for its writes before it exits."""
    settings = {"site": str(pages), "output_path": str(output), "force_language": language,
                "exclude_selectors": _EXCLUDED, "glob": "**/*.html", "silent": True}
    where = Path(tempfile.mkdtemp(dir=work))
    (where / "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pagefind"], cwd=where, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"pagefind failed on {pages}: {(done.stderr or done.stdout).strip()}")


def for_index(html: str) -> str:
    """The page as the index reads it: straight apostrophes, so that "l’industrie" gives "l" and "industrie"."""
    return html.replace("’", "'").replace("ʼ", "'")


def index_site(site: Path, language: str = "fr", part_pages: int = PART_PAGES) -> IndexStats:
    """Index a built site into `site/pagefind/`, replacing what was there: parts of `part_pages` (0: one index).
    The new index is written beside the old one, which serves searches until it is swapped in."""
    # Pagefind reads a folder of pages much faster than pages handed to it one by one (its indexer works in
    # parallel): the pages to index are copied, as the index must read them, into a folder of the same shape, then
    # shared out into one folder per part, in order and evenly (a small last part would rank on odd statistics).
    # Parts are indexed in this order (`_pagefind`): the first into pagefind/, the others into its part-K/.
    with tempfile.TemporaryDirectory(prefix="press-site-search-") as staging:
        indexed = []
        for path in sorted(site.rglob("*.html")):
            relative = path.relative_to(site).as_posix()
            if relative.startswith(_SKIPPED):
                continue
            html = path.read_text(encoding="utf-8", errors="replace")
            if "data-pagefind-body" in html:
                target = Path(staging, "all", relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(for_index(html), encoding="utf-8")
                indexed.append(relative)
        if not indexed:  # Pagefind makes no index of nothing: the search box says search is unavailable
            shutil.rmtree(site / OUTPUT, ignore_errors=True)
            log.warning("search index: no page to index in %s", site)
            return IndexStats(pages=0, index_bytes=0)
        count = -(-len(indexed) // part_pages) if part_pages else 1
        for position, relative in enumerate(indexed):
            target = Path(staging, "pages", str(position * count // len(indexed)), relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            Path(staging, "all", relative).rename(target)
        parts = [f"{PART_PREFIX}{number + 1}/" for number in range(1, count)]
        for number, output in enumerate(["", *parts]):
            # One part at a time: the indexer's memory is that of one part.
            _pagefind(Path(staging, "pages", str(number)), Path(staging, OUTPUT, output), language, Path(staging))
        Path(staging, OUTPUT, PARTS).write_text(json.dumps(parts) + "\n", encoding="utf-8")
        shutil.rmtree(site / OUTPUT, ignore_errors=True)
        shutil.move(Path(staging, OUTPUT), site / OUTPUT)
    size = sum(p.stat().st_size for p in (site / OUTPUT).rglob("*") if p.is_file())
    log.info("search index: %d pages, %.1f MB in %s/ (%d part%s)", len(indexed), size / 1e6, OUTPUT, count,
             "s" if count > 1 else "")
    return IndexStats(pages=len(indexed), index_bytes=size)
