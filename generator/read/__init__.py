"""The read stage: a folder of raw articles in, clean `Article` values and a list of problems out.

    bytes --decode--> text --format reader--> lines --furniture--> clean lines --structure--> blocks
                                                   \\-> metadata (front matter, source lines, address, bylines)

An unreadable file (empty, binary, broken front matter) becomes a `Problem` naming the file and the reason;
every other article is still read.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..model import Article, Problem
from . import metadata as meta
from .decode import UnreadableSource, decode
from .formats import READERS, BrokenSource
from .furniture import remove_furniture
from .structure import derive_title, recover_structure, shorten

log = logging.getLogger("generator.read")


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def source_files(sources_dir: Path) -> list[Path]:
    """Every file the readers know, in a stable order."""
    if not sources_dir.is_dir():
        return []
    return sorted(p for p in sources_dir.rglob("*") if p.is_file() and p.suffix.lower() in READERS)


def read_sources(sources_dir: Path, root: Path) -> ReadResult:
    drafts: list[Article] = []
    problems: list[Problem] = []
    for path in source_files(sources_dir):
        relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        try:
            drafts.append(read_article(path.read_bytes(), path.suffix.lower(), relative))
        except (UnreadableSource, BrokenSource) as error:
            problems.append(Problem(relative, f"skipped: {error}", getattr(error, "line", None)))
        except OSError as error:
            problems.append(Problem(relative, f"skipped: cannot read ({error.strerror or error})"))
    slugs = meta.allocate_slugs([(a.source, a.id, a.published or "") for a in drafts])
    articles = tuple(_with_id(a, slugs[a.source]) for a in drafts)
    for article in articles:
        if article.dropped:
            log.info("%s: dropped %d furniture line(s): %s", article.source, len(article.dropped),
                     "; ".join(f"{d.reason}: {d.text[:60]!r}" for d in article.dropped))
    return ReadResult(articles=articles, problems=tuple(problems))


def read_article(data: bytes, suffix: str, source: str) -> Article:
    """One source file to an `Article` whose id is its wanted slug (made unique by `read_sources`)."""
    decoded = decode(data)
    parsed = READERS[suffix](decoded.text)
    given = parsed.meta
    cleaned = remove_furniture(parsed.lines)
    learnt = cleaned.learnt
    structure = recover_structure(cleaned.lines, title=_text(given.get("title")))
    if not structure.blocks:
        raise UnreadableSource("no article text left after removing page furniture")
    title = structure.title or derive_title(structure.blocks)
    source_url = _text(given.get("source_url")) or learnt.get("source_url")
    published = (
        meta.normalise_date(given.get("published"))
        or (meta.date_from_url(source_url) if source_url else None)
        or (meta.date_from_text(learnt["dateline"]) if "dateline" in learnt else None)
    )
    outlet = _text(given.get("outlet")) or learnt.get("outlet") or (meta.outlet_from_url(source_url) if source_url else None)
    body = "\n".join(b.text for b in structure.blocks)
    language = (_text(given.get("language")) or meta.detect_language(f"{title}\n{body}")).lower()[:2]
    return Article(
        id=meta.slug_for(_text(given.get("slug")) or title),
        source=source,
        title=shorten(title, 200),
        language=language,
        blocks=structure.blocks,
        published=published,
        source_url=source_url,
        outlet=outlet,
        author=_text(given.get("author")) or learnt.get("author"),
        title_derived=structure.title is None,
        dropped=tuple(cleaned.dropped),
        repairs=decoded.repairs,
    )


def _with_id(article: Article, slug: str) -> Article:
    from dataclasses import replace

    return replace(article, id=slug)


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
