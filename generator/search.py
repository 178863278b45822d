"""Search that holds at ten thousand articles: a Pagefind index of the built site, read in the browser a chunk at a
time (`python -m generator search-index SITE`, and the plugin after every `mkdocs build`).

Why Pagefind rather than the theme's search: Material loads one index of the whole site before the first result
(measured in the README: megabytes at a thousand articles, tens of megabytes at ten thousand), Pagefind only the
chunks a query's words need. It stems French, ignores accents ("donnees" finds "données"), weighs titles and
headings above the text, and works offline from the site's own files.

What is indexed: the pages whose content carries `data-pagefind-body` (articles, topics, entities, about; not the
listings), without what they mark `data-pagefind-ignore` (lists of related names, quoted passages: search leads
to the article a passage comes from). A site of more than 2,500 pages gets its index in parts, merged by the
search box (see `PART_PAGES`); publishing makes anew only the parts whose pages changed in what the index reads
(`index_parts`, `index_site`, `as_indexed`). Typographic apostrophes become straight ones in what the index reads,
so that an elided article is a word of its own ("l’industrie" is found by "industrie"); the pages keep theirs.

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

import concurrent.futures
import functools
import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable

from babel.dates import get_month_names

from .cache import package_versions, write_whole
from .lang import union
from .walk import files_under

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
# The newest dated pages, after the last cut of the dated ones (`index_parts`), go in parts of a quarter of a part's
# size: the part a new article lands in, and is indexed again with, holds up to 625 pages, not 2,500 to 3,750.
NEWEST_PARTS = 4
PART_PREFIX = "part-"
PARTS = "parts.json"
VOCABULARY = "vocabulary"
_SHARDS = [*"abcdefghijklmnopqrstuvwxyz0123456789", "_"]
_VOCABULARY_MIN = 2  # letters: one-letter words are never checked by the search box


@dataclass(frozen=True)
class IndexStats:
    pages: int
    index_bytes: int
    indexed_again: int = 0  # pages of the parts made anew (the others were kept from the last index)
    read_again: int = 0  # pages read for what the index reads of them (the others are as the last index read them)


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


@functools.lru_cache(maxsize=1 << 17)  # a site's pages repeat their words: each is folded once
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
        """One page's text: each of its words counted, each folded word counted once for the page."""
        written = Counter(word for word in _WORD.findall(unicodedata.normalize("NFC", text))
                          if len(word) >= _VOCABULARY_MIN)
        keys = set()
        for word, count in written.items():
            key = fold(word)
            self.forms[key, word] += count
            keys.add(key)
        self.pages_with.update(keys)

    def update(self, other: "Vocabulary") -> None:
        self.pages_with.update(other.pages_with)
        self.forms.update(other.forms)

    def save(self, path: Path) -> None:
        data = {"pages_with": self.pages_with, "forms": [[key, form, n] for (key, form), n in self.forms.items()]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # the part's words are read from its fragments next time

    @classmethod
    def load(cls, path: Path) -> "Vocabulary | None":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            words = cls()
            words.pages_with.update(data["pages_with"])
            words.forms.update({(key, form): n for key, form, n in data["forms"]})
            return words
        except (OSError, ValueError, KeyError, TypeError):
            return None

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


@dataclass(frozen=True)
class IndexedPage:
    path: str  # in the site
    date: str  # its sort date (ISO), "" when it has none
    digest: str  # of what the index reads of it


def index_parts(pages: list[IndexedPage], part_pages: int) -> list[list[IndexedPage]]:
    """The pages shared out into parts, so that publishing changes few of them: the undated pages (topics, entities,
    undated articles) by path, in parts of `part_pages` (a last one of fewer than half that joining the one before
    it); then the dated ones from the oldest, in parts cut where their pages say (`_dated_parts`): removing or
    back-dating an article changes its part, not every newer one. The newest dated pages, after the last cut, go in
    parts of a quarter of `part_pages` (`NEWEST_PARTS`): new articles land in the last of them, the smallest, and
    publishing a day's articles indexes it, and the undated part, again, not 2,500 pages. The pages of older parts
    that a new article changes (the related articles of its neighbours in time) change outside what the index reads
    (`as_indexed`): those parts are kept as they are (`index_site`). A site of `part_pages` pages or fewer has one
    index; 0 means one index whatever the size."""
    if not part_pages or len(pages) <= part_pages:
        return [sorted(pages, key=lambda page: page.path)] if pages else []
    undated = sorted((page for page in pages if not page.date), key=lambda page: page.path)
    dated = sorted((page for page in pages if page.date), key=lambda page: (page.date, page.path))
    parts = [undated[i:i + part_pages] for i in range(0, len(undated), part_pages)]
    if len(parts) > 1 and len(parts[-1]) < part_pages / 2:
        parts[-2:] = [parts[-2] + parts[-1]]
    closed, newest = _dated_parts(dated, part_pages)
    size = max(1, part_pages // NEWEST_PARTS)
    return parts + closed + [newest[i:i + size] for i in range(0, len(newest), size)]


def _dated_parts(dated: list[IndexedPage], part_pages: int) -> tuple[list[list[IndexedPage]], list[IndexedPage]]:
    """The dated pages, oldest first, cut into parts where a page's path says so (by its hash), and the newest pages
    after the last cut. Cut by count from the oldest, removing one article would shift every newer part by a page,
    and publishing would index them all again (two thirds of the site, for an article of last year); cut by the
    pages themselves, parts stay as they were around a removed or added page (content-defined chunking, as rsync and
    deduplicating backups do). A part holds at least a quarter of `part_pages` (a cut that comes sooner waits) and at
    most one and a half times it (the indexer's memory); a cut that size forces moves with the pages before it, up to
    the next part that ends where its own page says. One page in half `part_pages` cuts: parts of 1,900 pages on
    average, one in twelve forced (one page in `part_pages`: 2,500 on average, but one in three forced, and a
    removal indexes again half as many pages more; measured on 10,000 pages, 240 removals)."""
    closed: list[list[IndexedPage]] = []
    part: list[IndexedPage] = []
    least, most, every = max(1, part_pages // 4), max(1, part_pages * 3 // 2), max(1, part_pages // 2)
    for page in dated:
        part.append(page)
        if len(part) >= most or (len(part) >= least and _cuts_after(page, every)):
            closed.append(part)
            part = []
    return closed, part


def _cuts_after(page: IndexedPage, every: int) -> bool:
    """Whether a part may end with this page: one page in `every`, always the same ones (by its path's hash)."""
    return int.from_bytes(hashlib.sha256(page.path.encode()).digest()[:8], "big") % every == 0


_SORT_DATE = re.compile(r'data-pagefind-sort="date">(\d{4}-\d{2}-\d{2})<')


def index_site(site: Path, language: str = "fr", part_pages: int = PART_PAGES, kept: Path | None = None,
               built: Iterable[str] | None = None, whole: bool = False) -> IndexStats:
    """Index a built site into `site/pagefind/`, replacing what was there: parts of `part_pages` (0: one index).
    The new index is written beside the old one, which serves searches until it is swapped in.

    `kept`: a folder where the index remembers its parts (a cache: safe to delete). A part whose pages read as they
    did when it was made, and which the site's index still holds, is taken from there rather than indexed again,
    its words with it: publishing a few articles indexes the parts that hold the pages they change. `whole`: every
    part indexed (a clean build), and remembered there for the next.

    `built`: the files the build wrote into the site, by path in it (the plugin knows them), when the pages are
    those: a file the build did not write (left in the folder by hand, or by an older build) is not indexed, and the
    site's sixteen thousand folders are not walked to find them (some 2.5 s at ten thousand articles). Without it,
    every HTML page in the folder is."""
    # Pagefind reads a folder of pages much faster than pages handed to it one by one (its indexer works in
    # parallel): the pages of a part are copied, as the index must read them, into a folder of the same shape.
    # Parts are indexed in their order (`_pagefind`): the first into pagefind/, the others into its part-K/.
    settings = f"{_state_version()} {language} {part_pages}"
    state = {} if whole else _read_state(kept, settings)
    known: dict[str, list] = state.get("pages", {})  # path -> [size, mtime_ns, date, digest or None (not indexed)]
    seen: dict[str, list] = {}
    with tempfile.TemporaryDirectory(prefix="press-site-search-") as staging:
        read = Path(staging, "read")  # the pages read for their digest, as the index reads them: not read twice
        read_again = 0
        for relative, stat in _html_pages(site, built):
            record = known.get(relative)
            if record is None or record[:2] != [stat.st_size, stat.st_mtime_ns]:
                read_again += 1
                text = _index_text(site / relative)
                record = [stat.st_size, stat.st_mtime_ns, *_date_and_digest(text)]
                if text is not None:
                    (read / relative).parent.mkdir(parents=True, exist_ok=True)
                    (read / relative).write_text(text, encoding="utf-8")
            seen[relative] = record
        pages = [IndexedPage(path, record[2], record[3]) for path, record in seen.items() if record[3] is not None]
        if not pages:  # Pagefind makes no index of nothing: the search box says search is unavailable
            shutil.rmtree(site / OUTPUT, ignore_errors=True)
            log.info("search index: no page to index in %s", site)  # an empty corpus, not a mistake
            _write_state(kept, {"settings": settings, "pages": seen, "parts": {}})
            return IndexStats(pages=0, index_bytes=0, read_again=read_again)
        parts = index_parts(pages, part_pages)
        old_parts: dict[str, str] = state.get("parts", {})  # digest of a part's pages -> its folder in the index
        # Each part: the digest of its pages, its folder in the new index, where its index is written, its words when
        # it is kept (None: indexed again).
        made: list[tuple[str, str, Path, Vocabulary | None]] = []
        to_index: list[tuple[Path, Path]] = []  # the folder of a part's pages, and where its index goes
        for number, part in enumerate(parts):
            folder = "" if number == 0 else f"{PART_PREFIX}{number + 1}"
            output = Path(staging, OUTPUT, folder)
            digest = hashlib.sha256("\n".join(f"{p.path} {p.digest}" for p in part).encode()).hexdigest()
            part_words = None
            if digest in old_parts and kept is not None:
                part_words = _kept_part(site / OUTPUT / old_parts[digest], output, kept / f"words-{digest}.json")
            if part_words is None:
                pages_folder = Path(staging, "pages", str(number))
                for page in part:
                    target = pages_folder / page.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if (read / page.path).is_file():
                        (read / page.path).rename(target)
                    else:
                        target.write_text(_index_text(site / page.path), encoding="utf-8")
                to_index.append((pages_folder, output))
            made.append((digest, folder, output, part_words))
        indexed_again = sum(len(part) for part, (*_, part_words) in zip(parts, made) if part_words is None)
        # The indexer's memory is that of the pages it holds: parts are indexed one at a time, or two at a time when
        # together they are no larger than a part (a day's articles change the newest part and the undated one, a
        # few hundred pages each: two indexers then run on the two cores).
        at_once = 2 if not part_pages or indexed_again <= part_pages else 1
        with concurrent.futures.ThreadPoolExecutor(max_workers=at_once) as indexers:
            list(indexers.map(lambda job: _pagefind(*job, language, Path(staging)), to_index))
        words = Vocabulary()
        for digest, _folder, output, part_words in made:
            if part_words is None:
                part_words = Vocabulary()
                for fragment in sorted(output.glob("fragment/*.pf_fragment")):
                    part_words.add(indexed_text(fragment))
                if kept is not None:
                    part_words.save(kept / f"words-{digest}.json")
            words.update(part_words)
        folders = {digest: folder for digest, folder, _output, _words in made}  # as the state remembers them
        Path(staging, OUTPUT, PARTS).write_text(json.dumps([f"{f}/" for f in list(folders.values())[1:]]) + "\n",
                                                encoding="utf-8")
        # The site's words, from what the index holds (every part's pages), for the search box.
        Path(staging, OUTPUT, VOCABULARY).mkdir()
        for key, shard in words.shards().items():
            Path(staging, OUTPUT, VOCABULARY, f"{key}.json").write_text(
                json.dumps(shard, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        shutil.rmtree(site / OUTPUT, ignore_errors=True)
        shutil.move(Path(staging, OUTPUT), site / OUTPUT)
    _write_state(kept, {"settings": settings, "pages": seen, "parts": folders})
    if kept is not None:  # the words of parts the index no longer holds
        for stale in kept.glob("words-*.json"):
            if stale.stem.removeprefix("words-") not in folders:
                stale.unlink(missing_ok=True)
    size = sum(entry.stat().st_size for _relative, entry in files_under(site / OUTPUT))
    log.info("search index: %d pages, %.1f MB in %s/ (%d part%s; %d page%s read again, %d indexed again)",
             len(pages), size / 1e6, OUTPUT, len(parts), "s" if len(parts) > 1 else "", read_again,
             "s" if read_again != 1 else "", indexed_again)
    return IndexStats(pages=len(pages), index_bytes=size, indexed_again=indexed_again, read_again=read_again)


def _html_pages(site: Path, built: Iterable[str] | None) -> list[tuple[str, os.stat_result]]:
    """The site's HTML pages that the index may hold, by path in it, in the order of their paths' parts, each with its
    size and time: those of `built` that are in the site, or, without it, those found in the folder."""
    if built is None:
        return [(relative, entry.stat()) for relative, entry in files_under(
            site, lambda name: name.endswith(".html"), lambda folder: not folder.startswith(_SKIPPED))
            if not relative.startswith(_SKIPPED)]
    found, folder = [], str(site)
    for relative in sorted({p for p in built if p.endswith(".html") and not p.startswith(_SKIPPED)},
                           key=lambda path: path.split("/")):
        try:
            found.append((relative, os.stat(os.path.join(folder, relative))))  # not pathlib: sixteen thousand pages
        except OSError:  # listed, not written (a page MkDocs left out): nothing to index
            continue
    return found


def _index_text(path: Path) -> str | None:
    """What the index reads of a page (`for_index`), None for a page it does not index."""
    html = path.read_text(encoding="utf-8", errors="replace")
    return for_index(html) if "data-pagefind-body" in html else None


def _date_and_digest(text: str | None) -> tuple[str, str | None]:
    """A page's sort date and the digest of what its part of the index is made from (`as_indexed`)."""
    if text is None:
        return "", None
    date = _SORT_DATE.search(text)
    return (date.group(1) if date else ""), hashlib.sha256(as_indexed(text).encode("utf-8")).hexdigest()


_IGNORED = re.compile(r"<(div|nav)\b[^>]*\bdata-pagefind-ignore\b[^>]*>")
_READ_INSIDE = re.compile(r"data-pagefind-(?!ignore\b)|<img\b")


def as_indexed(text: str) -> str:
    """A page as its part of the index depends on it: without its blocks (a div, a nav) marked `data-pagefind-ignore`
    that hold nothing Pagefind reads in an ignored block (a `data-pagefind-meta`, `-filter`, `-sort` attribute; an
    image, which may become the page's). Pagefind indexes neither their text nor their headings as anchors
    (`tests/test_search_index.py` checks it on Pagefind's own output): so an article whose related articles, or whose
    local graph, changed with a day's new articles keeps its part of the index as it was. A block whose end cannot
    be found is kept, and so is everything else."""
    kept, cursor = [], 0
    for start in _IGNORED.finditer(text):
        if start.start() < cursor:  # inside a block already left out
            continue
        end = _block_end(text, start)
        if end is None or _READ_INSIDE.search(text, start.start(), end):
            continue
        kept.append(text[cursor:start.start()])
        cursor = end
    return "".join(kept) + text[cursor:]


def _block_end(text: str, start: re.Match) -> int | None:
    """Where the element that `start` opens ends (after its closing tag), counting the same elements inside it."""
    depth = 1
    for tag in _TAGS[start.group(1)].finditer(text, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None


_TAGS = {name: re.compile(rf"<(/?){name}\b[^>]*>") for name in ("div", "nav")}  # the elements `_IGNORED` opens


def _kept_part(previous: Path, output: Path, words_file: Path) -> "Vocabulary | None":
    """A part of the last index, linked into the new one with its words; None when the site's index or the cache no
    longer holds it whole (a clean build emptied the site, the cache was deleted): it is indexed again."""
    words = Vocabulary.load(words_file)
    if words is None or not (previous / "pagefind-entry.json").is_file():
        return None
    root = previous.name == OUTPUT  # the first part is pagefind/ itself, beside the other parts and the words
    skipped = {PARTS, VOCABULARY} if root else set()
    output.mkdir(parents=True, exist_ok=True)
    for entry in previous.iterdir():
        if entry.name in skipped or (root and entry.name.startswith(PART_PREFIX)):
            continue
        if entry.is_dir():
            shutil.copytree(entry, output / entry.name, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, output / entry.name)
    return words


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)  # the old index is removed once the new one is in place: no byte is copied
    except OSError:
        shutil.copy2(source, target)


def _state_version() -> str:
    """What the parts kept depend on besides their pages: this module and Pagefind's version."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16] + " " + package_versions("pagefind")


_STATE = "parts.json"


def _read_state(kept: Path | None, settings: str) -> dict:
    if kept is None:
        return {}
    try:
        state = json.loads((kept / _STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("settings") == settings else {}


def _write_state(kept: Path | None, state: dict) -> None:
    if kept is None:
        return
    try:
        kept.mkdir(parents=True, exist_ok=True)
        write_whole(kept / _STATE, json.dumps(state, sort_keys=True).encode("utf-8"))
    except OSError:
        pass  # nothing remembered: the next index is made whole
