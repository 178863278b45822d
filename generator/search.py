"""Search that holds at ten thousand articles: a Pagefind index of the built site, read in the browser a chunk at a
time (`python -m generator search-index SITE`, and the plugin after every `mkdocs build`).

Why Pagefind rather than the theme's search: Material loads one index of the whole site before the first result
(measured in the README: megabytes at a thousand articles, tens of megabytes at ten thousand), Pagefind only the
chunks a query's words need. It stems French, ignores accents ("donnees" finds "données"), weighs titles and
headings above the text, and works offline from the site's own files.

What is indexed: the pages whose content carries `data-pagefind-body` (articles, topics, entities, about; not the
listings), without what they mark `data-pagefind-ignore` (lists of related names, quoted passages: search leads
to the article a passage comes from). Typographic apostrophes become straight ones in what the index reads, so
that an elided article is a word of its own ("l’industrie" is found by "industrie"); the pages keep theirs.

The search box (`docs/assets/javascripts/search.js`) drops elisions and stop words from the query, runs the words
one by one when all of them together find too little, and links each result to the passage that matched. Its
stop words come from the language data (`assets/search-words.json`, written by the render stage).
"""
from __future__ import annotations

import asyncio
import json
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .lang import union

log = logging.getLogger("generator.search")

OUTPUT = "pagefind"
WORDS = "assets/search-words.json"
_SKIPPED = ("pagefind/", "assets/", "404.html", "search/")
_EXCLUDED = [".headerlink", ".md-content__button", ".md-source-file", ".md-footer", "nav"]


@dataclass(frozen=True)
class IndexStats:
    pages: int
    index_bytes: int


def search_words() -> str:
    """What the search box drops from a query: elided articles and stop words, French and English."""
    words = {"elisions": sorted(set(union("ELISIONS"))), "stop": sorted(set(union("FUNCTION_WORDS")))}
    return json.dumps(words, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def for_index(html: str) -> str:
    """The page as the index reads it: straight apostrophes, so that "l’industrie" gives "l" and "industrie"."""
    return html.replace("’", "'").replace("ʼ", "'")


def index_site(site: Path, language: str = "fr") -> IndexStats:
    """Index a built site into `site/pagefind/`, replacing what was there."""
    shutil.rmtree(site / OUTPUT, ignore_errors=True)
    return asyncio.run(_index(site, language))


async def _index(site: Path, language: str) -> IndexStats:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=language, exclude_selectors=_EXCLUDED, output_path=str(site / OUTPUT))
    # Pagefind reads a folder of pages much faster than pages handed to it one by one (its indexer works in
    # parallel): the pages to index are copied, as the index must read them, into a folder of the same shape.
    with tempfile.TemporaryDirectory(prefix="press-site-search-") as staging:
        pages = 0
        for path in sorted(site.rglob("*.html")):
            relative = path.relative_to(site).as_posix()
            if relative.startswith(_SKIPPED):
                continue
            html = path.read_text(encoding="utf-8", errors="replace")
            if "data-pagefind-body" in html:
                target = Path(staging) / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(for_index(html), encoding="utf-8")
                pages += 1
        async with PagefindIndex(config=config) as index:
            await index.add_directory(path=staging, glob="**/*.html")
            # Leaving the block writes the index (to config.output_path).
    size = sum(p.stat().st_size for p in (site / OUTPUT).rglob("*") if p.is_file())
    log.info("search index: %d pages, %.1f MB in %s/", pages, size / 1e6, OUTPUT)
    return IndexStats(pages=pages, index_bytes=size)
