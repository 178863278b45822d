"""The read stage: a folder of raw articles in, clean `Article` values and a list of problems out.

    bytes --decode--> text --format reader--> lines --furniture--> clean lines --structure--> blocks
                                                   \\-> metadata (front matter, source lines, address, bylines)

Text scraped from a whole page (.txt) goes through `page.py`, which finds the article and its headline among the
page's furniture; it learns from the whole corpus which lines a site repeats on every page, so the sources are
parsed first (`parse_source`), then finished (`finish_article`) once the corpus has been seen.

An unreadable file (empty, binary, broken front matter) becomes a `Problem` naming the file and the reason;
every other article is still read.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from ..cache import write_whole
from ..model import Article, Problem
from ..walk import files_under
from . import metadata as meta
from .decode import UnreadableSource, decode
from .formats import READERS, BrokenSource
from .furniture import Cleaned, remove_furniture
from .page import clean_page, line_keys, repeated_lines, stoplist
from .structure import derive_title, recover_structure, shorten

log = logging.getLogger("generator.read")


# Formats whose text is a whole scraped page, where the article has to be found.
PAGE_FORMATS = (".txt", ".text")
# A source larger than this is skipped with a warning rather than read: a press article weighs kilobytes, an
# HTML page with its scripts a few megabytes; past this it is a dump, an archive or a mistake.
MAX_SOURCE_MB = 8.0


@dataclass(frozen=True)
class Draft:
    """A source parsed into lines and metadata, before the corpus-wide pass."""

    source: str
    suffix: str
    lines: tuple
    meta: dict
    repairs: tuple[str, ...]
    problems: tuple[Problem, ...] = ()  # what is wrong in it that does not stop it (a date that is not one)

    @property
    def is_page(self) -> bool:
        return self.suffix in PAGE_FORMATS


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    # What each article was read from (its key in the cache: the source's path and bytes, the lines the corpus
    # repeats, the generator's code and the libraries that read it), in the order of `articles`: one key gives one
    # article but for its id (the slug `read_sources` gives it among the others), so that with its id it names the
    # article for the next stage's cache (`annotate.annotate_keyed`) without a digest of its text.
    keys: tuple[str, ...] = ()


def source_files(sources_dir: Path) -> list[Path]:
    """Every file the readers know, in a stable order."""
    return [sources_dir / relative for relative, _entry in source_entries(sources_dir)]


def source_entries(sources_dir: Path) -> list[tuple[str, os.DirEntry]]:
    """`source_files`, by path from `sources_dir`, each with its directory entry (`walk.files_under`)."""
    return files_under(sources_dir, lambda name: os.path.splitext(name)[1].lower() in READERS)


@dataclass(frozen=True)
class SourceFile:
    """A source as a build finds it: listed, and read or known unchanged, then hashed (`snapshot.inputs_key`) and
    read as an article."""

    name: str  # from the project's root, as problems and the corpus name it
    leads_to: str  # where a link leads, named the same way; the name itself for a file
    data: bytes | None  # None: skipped, for the reason `skipped` gives, or not read again (`Seen`: `digest` says it)
    skipped: str = ""
    size: int = 0
    digest: bytes = b""  # SHA-256 of its bytes
    path: str = ""  # where it is read

    def content(self) -> bytes:
        """Its bytes, read now if the listing did not: the same bytes its digest says, or an OSError."""
        if self.data is not None:
            return self.data
        data = Path(self.path).read_bytes()
        if hashlib.sha256(data).digest() != self.digest:  # changed since it was listed: built by the next build
            raise OSError(f"{self.name} changed while the build read it")
        return data


class Seen:
    """The digest of each source the last build listed, with what its file was then (inode, size, modification and
    change times): a source whose file is as it was is not read again to be hashed (the twelve thousand sources of
    an archive, read each publish: 1 to 3 s). The change time is the system's, which nothing but a change sets (a
    copy that keeps modification times, `touch -d`, rsync, still sets it), as git and MkDocs trust file times. A
    file changed in the last seconds before the listing is not remembered: a change made in the same tick of the
    file system's clock would leave its times as they were (git's "racy" files)."""

    FILE = "sources-seen.pickle"
    RACY_SECONDS = 2.0

    def __init__(self, folder: Path | None, known: dict[str, tuple] | None = None):
        self.folder = folder
        self.known = known or {}  # name -> (inode, size, mtime_ns, ctime_ns, digest)
        self.now: dict[str, tuple] = {}

    @classmethod
    def load(cls, folder: Path | None) -> "Seen":
        """What the last build in the cache folder `folder` remembered (nothing when None or unreadable)."""
        known = None
        if folder is not None:
            try:
                with (folder / cls.FILE).open("rb") as file:
                    version, known = pickle.load(file)
                if version != _SEEN_VERSION or not isinstance(known, dict):
                    known = None
            except Exception:  # noqa: BLE001 (none, or not this code's: every source is read)
                known = None
        return cls(folder, known)

    def unchanged(self, name: str, stat: os.stat_result) -> bytes | None:
        """The source's digest, noted again, when its file is as the last build found it; else None."""
        known = self.known.get(name)
        if known is not None and known[:4] == (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns):
            self.now[name] = known
            return known[4]
        return None

    def note(self, name: str, stat: os.stat_result, digest: bytes, listed_at: float) -> None:
        if max(stat.st_mtime_ns, stat.st_ctime_ns) < (listed_at - self.RACY_SECONDS) * 1e9:
            self.now[name] = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, digest)

    def save(self) -> None:
        if self.folder is None or self.now == self.known:
            return
        try:
            write_whole(self.folder / self.FILE,
                        pickle.dumps((_SEEN_VERSION, self.now), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # nothing remembered: the next build reads every source


_SEEN_VERSION = 1


def list_sources(sources_dir: Path, root: Path, max_source_mb: float = MAX_SOURCE_MB,
                 entries: list[tuple[str, os.DirEntry]] | None = None, seen: Seen | None = None) -> list[SourceFile]:
    """Every file the readers know, in a stable order, read (or, by `seen`, known unchanged since the last build), or
    with the reason it is not: a link to a file outside the folder (followed, it would publish any file of the
    machine), a file over `max_source_mb`, one that cannot be read. `entries`: `source_entries(sources_dir)`, when
    the caller has them already."""
    from ..knowledge import relative_name

    inside = sources_dir.resolve()
    seen = seen or Seen(None)
    listed_at = time.time()
    found = []
    # Names and paths as strings, not pathlib's objects: twelve thousand sources are listed at each publish.
    named_from = "" if sources_dir.resolve() == root.resolve() else relative_name(sources_dir, root) + "/"
    for relative, entry in source_entries(sources_dir) if entries is None else entries:
        path, name = entry.path, named_from + relative
        # The walk enters no link to a folder, so only a link to a file can lead out of the folder.
        if entry.is_symlink():
            real = Path(os.path.realpath(path))
            leads_to = relative_name(real, root)
            if not real.is_relative_to(inside):
                found.append(SourceFile(name, leads_to, None, f"skipped: a link to a file outside {sources_dir.name}/"))
                continue
        else:
            leads_to = name
        try:
            stat = entry.stat()  # of the file a link leads to
            if stat.st_size > max_source_mb * 1e6:
                found.append(SourceFile(name, leads_to, None, f"skipped: {stat.st_size / 1e6:.1f} MB, over the limit "
                                        f"of {max_source_mb:g} MB for one source (max_source_mb of the press-site "
                                        "plugin)", stat.st_size))
                continue
            if (digest := seen.unchanged(name, stat)) is not None:
                found.append(SourceFile(name, leads_to, None, size=stat.st_size, digest=digest, path=path))
                continue
            data = Path(path).read_bytes()
            digest = hashlib.sha256(data).digest()
            seen.note(name, stat, digest, listed_at)
            found.append(SourceFile(name, leads_to, data, size=len(data), digest=digest, path=path))
        except OSError as error:
            found.append(SourceFile(name, leads_to, None, f"skipped: cannot read ({error.strerror or error})"))
    seen.save()
    return found


def read_sources(sources_dir: Path, root: Path, cache=None, executor: str = "serial",
                 max_source_mb: float = MAX_SOURCE_MB, files: list[SourceFile] | None = None) -> ReadResult:
    """Every source read; what an unchanged source gave last time comes from `cache`, the rest is read by
    `executor` (see generator.executor). A source over `max_source_mb` is skipped, unread, with a problem.
    `files`: `list_sources(sources_dir, root, max_source_mb)`, when the caller has them already."""
    from .. import cache as caching
    from ..executor import run

    cache = cache or caching.NoCache()
    problems: list[Problem] = []
    sources: list[tuple[str, str, SourceFile]] = []  # (relative path, suffix, the file)
    for source in list_sources(sources_dir, root, max_source_mb) if files is None else files:
        if source.skipped:
            problems.append(Problem(source.name, source.skipped))
        else:
            sources.append((source.name, os.path.splitext(source.name)[1].lower(), source))
    # The lines a site repeats on every page are learnt from the scraped pages of the whole corpus first.
    libraries = reading_libraries()
    page_keys = _page_line_keys([s for s in sources if s[1] in PAGE_FORMATS], cache, libraries)
    repeated = repeated_lines(page_keys.values())
    jobs = []
    for relative, suffix, source in sources:
        own = sorted(k for k in page_keys.get(relative, ()) if k in repeated)
        jobs.append((caching.key("read", libraries, suffix, relative, source.digest, own),
                     (relative, suffix, source, frozenset(own))))
    done = cache.get_many(k for k, _ in jobs)
    missing = []  # the sources to read, with their bytes: those the cache does not hold
    for k, (relative, suffix, source, own) in jobs:
        if k not in done:
            try:
                missing.append((k, (relative, suffix, source.content(), own)))
            except OSError as error:
                done[k] = Problem(relative, f"skipped: cannot read ({error.strerror or error})")
    computed = run(_read_one, [job for _, job in missing], executor)
    cache.put_many({k: result for (k, _), result in zip(missing, computed)})
    done.update({k: result for (k, _), result in zip(missing, computed)})
    finished, keys = [], []
    for k, _job in jobs:
        result = done[k]
        if isinstance(result, Problem):
            problems.append(result)
        else:
            finished.append(result)
            keys.append(k)
    slugs = meta.allocate_slugs([(a.source, a.id, a.published or "") for a in finished])
    articles = tuple(_with_id(a, slugs[a.source]) for a in finished)
    problems.extend(problem for article in articles for problem in article.problems)
    # What this build read (new and edited sources), not the archive's ten thousand again: the summary line counts
    # them all, and `python -m generator check --verbose` lists them all.
    read_now = {relative for _key, (relative, *_rest) in missing}
    log_dropped(a for a in articles if a.source in read_now)
    return ReadResult(articles=articles, problems=tuple(sorted(problems, key=lambda p: p.path)), keys=tuple(keys))


# What reading a source runs besides the generator's code: its decoding, parsing, cleaning, dating, language and
# slugs. A reading cached under other versions of them may not be what they read now.
READING_LIBRARIES = ("charset-normalizer", "ftfy", "python-frontmatter", "pyyaml", "trafilatura", "lxml", "justext",
                     "babel", "py3langid", "python-slugify")


def reading_libraries() -> str:
    """The versions of `READING_LIBRARIES`, as part of each reading's key in the cache (`ReadResult.keys`): one
    stands for one article, which the next stage's key relies on."""
    from ..cache import package_versions

    return package_versions(*READING_LIBRARIES)


def log_dropped(articles) -> None:
    """The lines each of these articles left out, one log line per article, in the order of its file."""
    for article in sorted(articles, key=lambda a: a.source.split("/")):
        if article.dropped:
            log.info("%s: dropped %d furniture line(s): %s", article.source, len(article.dropped),
                     "; ".join(f"{d.reason}: {d.text[:60]!r}" for d in article.dropped))


def dropped_summary(articles) -> str:
    """What the readers left out of a build, in one line: how many lines, from how many articles, for which
    reasons, most frequent first (`generator check --verbose` lists every line)."""
    from collections import Counter

    articles = list(articles)
    reasons = Counter(d.reason for a in articles for d in a.dropped)
    touched = sum(1 for a in articles if a.dropped)
    if not reasons:
        return "no line left out of the articles"
    listed = ", ".join(f"{reason} {count}" for reason, count in reasons.most_common(8))
    more = f", {len(reasons) - 8} more reasons" if len(reasons) > 8 else ""
    return (f"{sum(reasons.values())} lines left out of {touched} of {len(articles)} articles as page furniture "
            f"({listed}{more}); `python -m generator check --verbose` lists them")


def _page_line_keys(pages: list[tuple[str, str, SourceFile]], cache, libraries: str) -> dict[str, tuple[str, ...]]:
    """Each scraped page's distinct line keys (`line_keys`), by its path; unchanged pages' from `cache`."""
    from .. import cache as caching

    wanted = {relative: caching.key("line keys", libraries, suffix, source.digest) for relative, suffix, source in pages}
    done = cache.get_many(wanted.values())
    computed = {}
    for relative, suffix, source in pages:
        if wanted[relative] not in done:
            try:
                lines = parse_source(source.content(), suffix, relative).lines
            except (UnreadableSource, BrokenSource, OSError):
                lines = ()
            computed[wanted[relative]] = line_keys(line.text for line in lines)
    cache.put_many(computed)
    done.update(computed)
    return {relative: done[key] for relative, key in wanted.items()}


def _read_one(_context, job: tuple[str, str, bytes, dict[str, int]]) -> Article | Problem:
    """One source to its `Article`, or the `Problem` that stops it (a value: it may come from another process)."""
    relative, suffix, data, repeated = job
    try:
        return finish_article(parse_source(data, suffix, relative), repeated)
    except (UnreadableSource, BrokenSource) as error:
        return Problem(relative, f"skipped: {error}", getattr(error, "line", None))


def read_article(data: bytes, suffix: str, source: str) -> Article:
    """One source file to an `Article` whose id is its wanted slug (made unique by `read_sources`), read on its
    own: nothing learnt from other sources."""
    return finish_article(parse_source(data, suffix, source), frozenset())


def parse_source(data: bytes, suffix: str, source: str) -> Draft:
    decoded = decode(data)
    parsed = READERS[suffix](decoded.text)
    return Draft(source=source, suffix=suffix, lines=tuple(parsed.lines), meta=parsed.meta, repairs=decoded.repairs,
                 problems=tuple(Problem(source, what, line) for what, line in parsed.problems))


def finish_article(draft: Draft, repeated: frozenset[str]) -> Article:
    """Furniture out, structure recovered, metadata inferred; `repeated` are the lines the corpus repeats."""
    given = draft.meta
    lines = list(draft.lines)
    if draft.is_page:
        cleaned = clean_page(lines, stoplist(_page_language(lines)), repeated)
    else:
        cleaned = remove_furniture(lines)
    learnt = cleaned.learnt
    structure = recover_structure(cleaned.lines, title=_text(given.get("title")) or cleaned.title,
                                  first_line_title=not draft.is_page)
    if not structure.blocks:
        raise UnreadableSource("no article text left after removing page furniture")
    title, dated = meta.title_and_date(structure.title or derive_title(structure.blocks))
    source_url = _text(given.get("source_url")) or learnt.get("source_url")
    body = "\n".join(b.text for b in structure.blocks)
    language = (_text(given.get("language")) or meta.detect_language(f"{title}\n{body}")).lower()[:2]
    published = (
        meta.normalise_date(given.get("published"))
        or (meta.date_from_url(source_url) if source_url else None)
        or (meta.date_from_text(learnt["dateline"]) if "dateline" in learnt else None)
        or meta.dateline_of(structure.blocks[0].text)
        or dated
    )
    outlet = (_text(given.get("outlet")) or learnt.get("outlet") or (meta.outlet_from_url(source_url) if source_url else None)
              or meta.agency_of(structure.blocks[0].text))
    return Article(
        id=meta.slug_for(_text(given.get("slug")) or title),
        source=draft.source,
        title=shorten(title, 200),
        language=language,
        blocks=structure.blocks,
        published=published,
        source_url=source_url,
        outlet=outlet,
        author=_text(given.get("author")) or learnt.get("author"),
        title_derived=structure.title is None,
        dropped=tuple(cleaned.dropped),
        repairs=draft.repairs,
        problems=draft.problems,
    )


def _page_language(lines: list) -> str:
    """The language of a scraped page, from its longest lines (the first ones are often a menu)."""
    longest = sorted((line.text for line in lines), key=len, reverse=True)[:8]
    return meta.detect_language("\n".join(longest))


def _with_id(article: Article, slug: str) -> Article:
    from dataclasses import replace

    return replace(article, id=slug)


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
