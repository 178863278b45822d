"""Feeds of the articles, newest first: JSON Feed 1.1 (`feed.json`) and RSS 2.0 (`feed.xml`), for the whole site
and for each topic and entity ("topics/<id>/feed.xml": a page's folder holds only its further pages, "….md").

Written as files of the docs tree like the pages, so that any renderer publishes them; both are a few lines of
the standard library. Addresses are absolute when the site's address (`site_url` in mkdocs.yml) is known, as
feed readers need; otherwise relative, and the build says so.
"""
from __future__ import annotations

import datetime as dt
import heapq
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import format_datetime

from . import paths
from .model import AnnotatedArticle, Corpus, Entity, Topic

FEED_SIZE = 50
FEED_TITLE = "Articles"
FEED_DESCRIPTION = "Les derniers articles du corpus"
FEED_FILES = ("feed.json", "feed.xml")
# Characters XML 1.0 does not allow, even escaped (controls a scraper or a YAML escape can leave in a title).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Channel:
    """What one feed is about: where its files go, the page it follows, what it is called."""

    folder: str  # "" for the site's feed, "topics/<id>/" for a topic's: the files are <folder>feed.json, …xml
    page: str  # the page it follows, in the docs tree ("index.md", "topics/<id>.md")
    title: str
    description: str

    @property
    def files(self) -> dict[str, str]:
        """Its two files by format: {"json": "<folder>feed.json", "xml": "<folder>feed.xml"}."""
        return {name.rpartition(".")[2]: self.folder + name for name in FEED_FILES}


SITE = Channel(folder="", page=paths.HOME, title=FEED_TITLE, description=FEED_DESCRIPTION)


def topic_channel(topic: Topic) -> Channel:
    return Channel(folder=f"{paths.TOPICS}/{topic.id}/", page=paths.page(paths.TOPICS, topic.id),
                   title=f"{FEED_TITLE} — {topic.title}", description=f"Les derniers articles du thème « {topic.title} »")


def entity_channel(entity: Entity) -> Channel:
    return Channel(folder=f"{paths.ENTITIES}/{entity.id}/", page=paths.page(paths.ENTITIES, entity.id),
                   title=f"{FEED_TITLE} — {entity.name}", description=f"Les derniers articles qui citent {entity.name}")


def feeds(corpus: Corpus, site_url: str) -> dict[str, str]:
    """The site's feeds: its newest articles."""
    return channel_feeds(SITE, newest(corpus.articles), site_url)


def channel_feeds(channel: Channel, shown: list[AnnotatedArticle], site_url: str) -> dict[str, str]:
    """A channel's two feeds of `shown` (its newest articles, newest first: `newest`), by path in the docs tree.
    Addresses are absolute when the site's address is known, else relative to the feed's own file, where a reader
    resolves them (a topic's feed sits two folders down: "../../articles/x/")."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    files = channel.files
    return {files["json"]: _json_feed(channel, shown, base), files["xml"]: _rss(channel, shown, base)}


def newest(articles: Iterable[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """The articles a feed shows: the newest FEED_SIZE of `articles`, newest first. Found without sorting all of them
    (an entity of thousands of articles has a feed too); a feed is made from these alone (`Renderer._feeds`)."""
    return heapq.nlargest(FEED_SIZE, articles, key=lambda a: (a.article.published or "", a.id))


def _address(base: str, feed: str, target: str) -> str:
    """`target` (a page's address from the site's root, "articles/x/") as the feed at `feed` gives it."""
    if base:
        return base + target
    relative = paths.relative(feed, target)
    return relative if relative not in ("", ".") else "./"  # the feed's own folder: the page it follows


def _summary(annotated: AnnotatedArticle) -> str:
    text = next((b.text for b in annotated.article.blocks if b.kind == "paragraph"), "")
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


def _json_feed(channel: Channel, articles: list[AnnotatedArticle], base: str) -> str:
    at = channel.files["json"]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": _address(base, at, paths.url(channel.page)),
        "feed_url": _address(base, at, at),
        "language": "fr",
        "items": [
            {
                "id": _address(base, at, paths.item_url(paths.ARTICLES, a.id)),
                "url": _address(base, at, paths.item_url(paths.ARTICLES, a.id)),
                "title": a.article.title,
                "summary": _summary(a),
                "content_text": "\n\n".join(b.text for b in a.article.blocks),
                **({"date_published": f"{a.article.published}T00:00:00Z"} if a.article.published else {}),
                **({"external_url": a.article.source_url} if _is_web_address(a.article.source_url) else {}),
                **({"authors": [{"name": a.article.author}]} if a.article.author else {}),
                "tags": [t for t, _ in a.topics],
                "language": a.article.language,
            }
            for a in articles
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def _rss(channel: Channel, articles: list[AnnotatedArticle], base: str) -> str:
    at = channel.files["xml"]
    rss = ET.Element("rss", version="2.0")
    element = ET.SubElement(rss, "channel")
    for tag, text in (("title", channel.title), ("link", _address(base, at, paths.url(channel.page))),
                      ("description", channel.description), ("language", "fr")):
        ET.SubElement(element, tag).text = _xml(text)  # a topic's title or an entity's name is from a file too
    for a in articles:  # every text from a source goes through _xml: one control character makes the feed unreadable
        address = _address(base, at, paths.item_url(paths.ARTICLES, a.id))
        item = ET.SubElement(element, "item")
        ET.SubElement(item, "title").text = _xml(a.article.title)
        ET.SubElement(item, "link").text = address
        ET.SubElement(item, "guid", isPermaLink="true" if base else "false").text = address
        ET.SubElement(item, "description").text = _xml(_summary(a))
        if a.article.published:
            published = dt.datetime.fromisoformat(a.article.published).replace(tzinfo=dt.timezone.utc)
            ET.SubElement(item, "pubDate").text = format_datetime(published)
        for topic_id, _score in a.topics:
            ET.SubElement(item, "category").text = _xml(topic_id)
    ET.indent(rss)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _is_web_address(address: str | None) -> bool:
    """Only an http(s) address leaves the site: a "javascript:" or "data:" one in a source is data, not a link."""
    return bool(address) and re.match(r"https?://[^\s]", address, re.IGNORECASE) is not None
