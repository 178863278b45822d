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

Beside the index, `pagefind/vocabulary/`: the words of the indexed text (`Vocabulary`), read from what Pagefind
indexed (each page's fragment), the words of most pages first, in one file per first letter (folded: `a.json` … `z.json`, `0.json`
… `9.json`, `_.json` for any other). The search box loads the files of a query's words when it searches them (not
before) and uses them to say when a word is in no page (Pagefind would answer with pages holding a word it begins
like: "ser" for "Serengeti") and to propose the closest words ("Vouliez-vous dire : Zuckerberg ?"). Each word once,
as most often written (case and accents kept, for the suggestion; the box folds them), of two letters or more.

Sorting by date: each dated page gets `data-pagefind-sort="date"` (its ISO date) in what the index reads, next to
its `data-pagefind-meta="date"` (written in French by the templates, read back here); undated pages get none.
"""
from __future__ import annotations

import gzip
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
import unicodedata
from collections import Counter
from pathlib import Path

from babel.dates import get_month_names

from .lang import union

log = logging.getLogger("generator.search")

OUTPUT = "pagefind"
WORDS = "assets/search-words.json"
_SKIPPED = ("pagefind/", "assets/", "404.html", "search/")
# Not indexed: the theme's furniture, and the notice of an entity page that no knowledge file describes (the same
# words on every such page: "modèle", "reconnaissance", "noms" found all of them).
_EXCLUDED = [".headerlink", ".md-content__button", ".md-source-file", ".md-footer", "nav", ".admonition.warning"]
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
VOCABULARY = "vocabulary"
_SHARDS = [*"abcdefghijklmnopqrstuvwxyz0123456789", "_"]
_VOCABULARY_MIN = 2  # letters: one-letter words are never checked by the search box


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


_MONTHS = {name: number for number, name in get_month_names("wide", locale="fr").items()}
_DATE_META = re.compile(r'(<span data-pagefind-meta="date">(1er|\d{1,2}) (\w+) (\d{4})</span>)')


def _sort_date(match: re.Match) -> str:
    """After the French date of a page's metadata ("1er septembre 2025"), the same date for sorting (2025-09-01)."""
    whole, day, month, year = match.groups()
    if month not in _MONTHS:
        return whole
    iso = f"{year}-{_MONTHS[month]:02d}-{int(day.removesuffix('er')):02d}"
    return f'{whole}<span data-pagefind-sort="date">{iso}</span>'


def for_index(html: str) -> str:
    """The page as the index reads it: straight apostrophes, so that "l’industrie" gives "l" and "industrie"; a
    sort key for its date, if it has one."""
    return _DATE_META.sub(_sort_date, html.replace("’", "'").replace("ʼ", "'"))


def fold(word: str) -> str:
    """What the search box compares: lower case, without accents ("Élysée" -> "elysee")."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_WORD = re.compile(r"[^\W_]+")
_FRAGMENT_SIGNATURE = b"pagefind_dcd"


def indexed_text(fragment: Path) -> str:
    """The text Pagefind indexed for a page: the content of its fragment (gzip, JSON after a signature)."""
    data = gzip.decompress(fragment.read_bytes())
    data = data.removeprefix(_FRAGMENT_SIGNATURE)
    return json.loads(data).get("content", "")


class Vocabulary:
    """The site's words, gathered page by page (`add`: the text Pagefind indexed for a page); `words()`: each once,
    as most often written, the words of most pages first (then in alphabetical order)."""

    def __init__(self) -> None:
        self.pages_with: Counter[str] = Counter()  # folded word -> pages holding it
        self.forms: Counter[tuple[str, str]] = Counter()  # (folded word, as written) -> occurrences

    def add(self, text: str) -> None:
        seen = set()
        for word in _WORD.findall(unicodedata.normalize("NFC", text)):
            if len(word) < _VOCABULARY_MIN:
                continue
            key = fold(word)
            self.forms[key, word] += 1
            if key not in seen:
                seen.add(key)
                self.pages_with[key] += 1

    def shards(self) -> dict[str, list[str]]:
        """The words by file of the search box: first letter or digit of the folded word, "_" for any other; every
        file, if empty (a missing file means an index without vocabulary)."""
        out: dict[str, list[str]] = {key: [] for key in _SHARDS}
        for word in self.words():
            first = fold(word)[0]
            out[first if first in out else "_"].append(word)
        return out

    def words(self) -> list[str]:
        best: dict[str, tuple[int, bool, str]] = {}
        for (key, form), count in self.forms.items():
            # The most frequent form; between equally frequent ones, the lower-case one, then the first in order.
            rank = (-count, not form.islower(), form)
            if key not in best or rank < best[key]:
                best[key] = rank
        order = sorted(self.pages_with, key=lambda key: (-self.pages_with[key], key))
        return [best[key][2] for key in order]


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
            log.info("search index: no page to index in %s", site)  # an empty corpus, not a mistake
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
        # The site's words, from what the index holds (every part's pages), for the search box.
        words = Vocabulary()
        for fragment in sorted(Path(staging, OUTPUT).rglob("*.pf_fragment")):
            words.add(indexed_text(fragment))
        Path(staging, OUTPUT, VOCABULARY).mkdir()
        for key, shard in words.shards().items():
            Path(staging, OUTPUT, VOCABULARY, f"{key}.json").write_text(
                json.dumps(shard, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        shutil.rmtree(site / OUTPUT, ignore_errors=True)
        shutil.move(Path(staging, OUTPUT), site / OUTPUT)
    size = sum(p.stat().st_size for p in (site / OUTPUT).rglob("*") if p.is_file())
    log.info("search index: %d pages, %.1f MB in %s/ (%d part%s)", len(indexed), size / 1e6, OUTPUT, count,
             "s" if count > 1 else "")
    return IndexStats(pages=len(indexed), index_bytes=size)
