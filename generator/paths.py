"""Where every page lives, for every module that writes one or links to one (render, export, feeds, graph, the
plugin's edit buttons, the knowledge files' reserved names).

Pages are Markdown paths in the docs tree ("topics/open-source.md"); their addresses on the site, with MkDocs'
directory URLs, drop the ".md" ("topics/open-source/").
"""
from __future__ import annotations

import functools
import posixpath
import re

ARTICLES, TOPICS, ENTITIES = "articles", "topics", "entities"
HOME = "index.md"
ARTICLE_INDEX = "articles/index.md"
TOPIC_INDEX = "topics/index.md"
ENTITY_INDEX = "entities/index.md"
REVIEW = "entities/review.md"
GRAPH = "graph/index.md"  # a folder's index: "../assets/…" in its raw HTML works with or without directory URLs
ABOUT = "about.md"
GRAPH_DATA = "assets/graph.json"
# Names an item's id may not take: its page would be a listing page ("index", "page-2", "review").
RESERVED = frozenset({"index", "review"})
_LISTING_PAGE = re.compile(r"page-\d+")


def reserved(item_id: str) -> bool:
    """Whether an article, a topic or an entity with this id would take the address of a listing page."""
    return item_id in RESERVED or _LISTING_PAGE.fullmatch(item_id) is not None


def page(kind: str, item_id: str) -> str:
    """The page of an article, a topic or an entity: "articles/<id>.md"."""
    return f"{kind}/{item_id}.md"


def part(kind: str, item_id: str, what: str, number: int) -> str:
    """A further page of a long list that belongs to an item: "topics/open-source/articles-2.md"."""
    return f"{kind}/{item_id}/{what}-{number}.md"


def listing(path: str, number: int) -> str:
    """The n-th page of a listing: "articles/index.md", then "articles/page-2.md"."""
    return path if number == 1 else f"{posixpath.dirname(path)}/page-{number}.md"


def url(path: str) -> str:
    """A page's address on the site, relative to its root: "topics/x.md" -> "topics/x/", "index.md" -> ""."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def item_url(kind: str, item_id: str) -> str:
    return url(page(kind, item_id))


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link from one page of the docs tree to another (as MkDocs resolves Markdown links)."""
    path = _relative_path(from_page.rpartition("/")[0] or ".", to_page)  # posixpath.dirname, for "a/b" paths
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=1 << 16)
def _relative_path(from_dir: str, to_page: str) -> str:
    """posixpath.relpath for the docs tree's own paths (relative, normalised, no "." or ".." in them), without
    its work on absolute paths: called for every link of every page."""
    if from_dir == ".":
        return to_page
    up, target = from_dir.split("/"), to_page.split("/")
    common = 0
    while common < min(len(up), len(target)) and up[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(up) - common) + target[common:]) or "."
