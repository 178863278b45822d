"""Feeds of the articles, newest first: JSON Feed 1.1 (`feed.json`) and RSS 2.0 (`feed.xml`).

Written as files of the docs tree like the pages, so that any renderer publishes them; both are a few lines of
the standard library. Addresses are absolute when the site's address (`site_url` in mkdocs.yml) is known, as
feed readers need; otherwise relative, and the build says so.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from . import paths
from .model import AnnotatedArticle, Corpus

FEED_SIZE = 50
FEED_TITLE = "Articles"
# Characters XML 1.0 does not allow, even escaped (controls a scraper or a YAML escape can leave in a title).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feeds(corpus: Corpus, site_url: str) -> dict[str, str]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    newest = sorted(corpus.articles, key=lambda a: (a.article.published or "", a.id), reverse=True)[:FEED_SIZE]
    return {"feed.json": _json_feed(newest, base), "feed.xml": _rss(newest, base)}


def _summary(annotated: AnnotatedArticle) -> str:
    text = next((b.text for b in annotated.article.blocks if b.kind == "paragraph"), "")
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


def _json_feed(articles: list[AnnotatedArticle], base: str) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED_TITLE,
        "home_page_url": base or "./",
        "feed_url": f"{base}feed.json",
        "language": "fr",
        "items": [
            {
                "id": base + paths.item_url(paths.ARTICLES, a.id),
                "url": base + paths.item_url(paths.ARTICLES, a.id),
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


def _rss(articles: list[AnnotatedArticle], base: str) -> str:
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    for tag, text in (("title", FEED_TITLE), ("link", base or "./"), ("description", "Les derniers articles du corpus"),
                      ("language", "fr")):
        ET.SubElement(channel, tag).text = text
    for a in articles:  # every text from a source goes through _xml: one control character makes the feed unreadable
        address = base + paths.item_url(paths.ARTICLES, a.id)
        item = ET.SubElement(channel, "item")
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
