"""The render stage: a `Corpus` in, Markdown pages out ({"articles/x.md": "...", ...}).

Pages are Jinja2 templates from templates/ (shared pieces in `macros.md.j2`). What a template prints:

    corpus        the linked corpus: every list a page shows was computed once by the link stage
    link          links from the page being rendered (`link.article(id)`, `link.topic(id)`, `link.to(path)`)
    | date, | month, | number, | amount, | plural, | language, | type_label, | excerpt    formatting, in French

Everything a template prints is escaped for Markdown unless it is `Markup` built here (links, linked text):
source text is data, and a "#", "|", "<script>" or "{{ }}" in an article shows up as those characters, never as
a heading, a table, HTML or a template expression.

Long lists are paged, so that no page grows with the corpus: a topic shows its most relevant articles, and all of
them, newest first, on its further pages "topics/<id>/articles-N.md"; an entity its newest articles' mentions and
the older ones on its further pages; the listings 100 items a page. Pages are cut from the oldest end of a list
(`in_pages`), and further pages are numbered from it too, each linking to its neighbours only: a new article
changes the newest further page (and, once per hundred articles, makes one more), never the archive's others.

Beside the pages go the files to take away, for the site, each topic and each entity: feeds of its articles
(`feeds.py`) and its quotes and figures as CSV and JSON (`downloads.py`); a page links to those it has.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_decimal, format_percent
import traceback
from collections.abc import Callable, Iterable, Iterator

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from markupsafe import Markup
from slugify import slugify

from . import downloads, paths, search
from .feeds import Channel, channel_feeds, entity_channel, feeds, newest, topic_channel
from .graph import graph_json, local_graph
from .lang import language as language_data
from .model import AnnotatedArticle, Block, Corpus, Entity, Figure, Mention, Topic, per_block
from .page_reads import FromCorpus, PageReads, reading

LOCALE = "fr"
TYPE_LABELS = {"organisation": ("Organisation", "Organisations"), "person": ("Personne", "Personnes"),
               "product": ("Produit ou modèle", "Produits ou modèles"), "place": ("Lieu", "Lieux"),
               "event": ("Événement", "Événements")}
PER_PAGE = 100  # items on a page of a listing
TOPIC_ARTICLES = 30  # articles on a topic's page; the rest on its further pages
ENTITY_ARTICLES = 20  # articles whose mentions an entity's page shows; the rest on its further pages
# Articles on an entity's further page, each with all of its passages that name the entity (a page of 100 averaged
# 80 KB of Markdown): the newest of them is the page a day's articles rewrite, and MkDocs converts it again.
MENTIONS_PER_PAGE = 50
PASSAGES_SHOWN = 3  # passages of one article shown open under an entity; the others folded
REVIEW_NAMES = 300  # names on the review page, most frequent first
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])")
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]{}#|!&<>]|^\s*(?:[-+>=]|\d+[.)])")
_SPACES = re.compile(r"\s+")


def escape_md(text: object) -> Markup:
    """Plain text to Markdown that renders as exactly that text, on one line."""
    if isinstance(text, Markup):
        return text
    value = _SPACES.sub(" ", str(text))  # one line; the spaces around a link are kept
    if not _ANY_SPECIAL.search(value):  # most text needs nothing: this is called for every value of every page
        return Markup(value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                            else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], value)
    return Markup(value)


# --- formatting: the Jinja filters ------------------------------------------------------------------------------


def french_date(iso: str | None) -> str:
    """"2025-09-01" -> "1er septembre 2025"."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    text = format_date(day, format="long", locale=LOCALE)
    return re.sub(r"^1 ", "1er ", text) if day.day == 1 else text


def month(yyyy_mm: str) -> str:
    return format_date(dt.date.fromisoformat(yyyy_mm + "-01"), "MMMM y", locale=LOCALE)


def number(value: float) -> str:
    return format_decimal(value, locale=LOCALE)


def amount(figure: Figure) -> str:
    """A figure in French, as precise as the text wrote it ("1,87 Md €", not "1,9 Md €"), with what it counts as
    written ("1 200 salariés", "300 engineers", "16 GWh"): never another noun."""
    if figure.value is None:
        return figure.text
    return _amount(figure.kind, figure.value, figure.unit, figure.noun, figure.decimals)


@functools.lru_cache(maxsize=1 << 12)  # the same amounts come back on the article, topic and entity pages
def _amount(kind: str, value: float, unit: str | None, noun: str | None = None, decimals: int = 0) -> str:
    if kind == "money" and unit:
        return format_compact_currency(value, unit, locale=LOCALE, fraction_digits=max(1, decimals))
    if kind == "percent":
        return format_percent(value / 100, locale=LOCALE, decimal_quantization=False)
    label = noun or language_data("fr").UNIT_LABELS.get(unit or "", unit or "")
    return f"{format_decimal(value, locale=LOCALE)} {label}".strip()


def plural(count: int, singular: str, many: str | None = None) -> str:
    """"1 article", "3 articles", "0 article" (French: zero is singular)."""
    return f"{format_decimal(count, locale=LOCALE)} {singular if count <= 1 else (many or singular + 's')}"


def language_name(code: str) -> str:
    return Locale.parse(LOCALE).languages.get(code, code)


def type_label(kind: str, many: bool = False) -> str:
    return TYPE_LABELS.get(kind, (kind, kind))[1 if many else 0]


def excerpt(text: str, around: str = "", width: int = 90) -> str:
    """The part of a passage around a name, so that a long paragraph does not drown a list."""
    at = text.find(around) if around else 0
    if at < 0 or len(text) <= 2 * width:
        return text if len(text) <= 2 * width else text[: 2 * width].rsplit(" ", 1)[0] + "…"
    start, end = max(0, at - width), min(len(text), at + len(around) + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def anchor_of(name: str) -> str:
    return "nom-" + slugify(name)


FILTERS = {"md": escape_md, "date": french_date, "month": month, "number": number, "amount": amount,
           "plural": plural, "language": language_name, "type_label": type_label, "excerpt": excerpt,
           "anchor": anchor_of}


# --- links from the page being rendered -------------------------------------------------------------------------


# Link labels are titles and names that thousands of pages repeat: escaped once each.
_escaped_label = functools.lru_cache(maxsize=1 << 16, typed=True)(escape_md)  # typed: Markup is kept as is


# libyaml's emitter when PyYAML has it (a front matter per page: ten times faster), else PyYAML's own. The two write
# the same text for what `_front_matter_text` gives them (one line, no character beyond U+FFFF, which libyaml
# escapes and PyYAML does not), so pages do not depend on how PyYAML was installed.
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_BEYOND_BMP = re.compile(r"[^\u0000-\uffff]")


def _front_matter_text(value: str) -> str:
    """A value for the front matter. Themes print the title and description into HTML (<title>, <meta content="…">)
    without escaping them: text that comes from sources is escaped here, on one line, with characters beyond
    U+FFFF (emoji) as character references."""
    value = _SPACES.sub(" ", html.escape(value, quote=False).replace('"', "&quot;"))
    return _BEYOND_BMP.sub(lambda m: f"&#{ord(m.group())};", value)


@dataclass(frozen=True)
class PageLinks:
    """Links relative to the page being rendered, and the markup that carries them."""

    corpus: Corpus
    page: str
    # article id -> its mentions per block (see _mentions_in_text): the one piece of state, filled as the page renders
    _mentions_per_block: dict[str, dict[str, list[Mention]]] = field(default_factory=dict, compare=False, repr=False)

    def to(self, target: str, label: object, anchor: str | None = None) -> Markup:
        """A link to a page of the docs tree by its path ("about.md")."""
        return Markup(f"[{_escaped_label(label)}]({paths.relative(self.page, target, anchor)})")

    def href(self, target: str, anchor: str | None = None) -> Markup:
        return Markup(paths.relative(self.page, target, anchor))

    def article(self, article_id: str, anchor: str | None = None, label: object = None) -> Markup:
        return self.to(paths.page(paths.ARTICLES, article_id), label or self.corpus.article(article_id).article.title, anchor)

    def topic(self, topic_id: str) -> Markup:
        return self.to(paths.page(paths.TOPICS, topic_id), self.corpus.knowledge.topic(topic_id).title)

    def entity(self, entity_id: str, label: object = None) -> Markup:
        return self.to(paths.page(paths.ENTITIES, entity_id), label or self.corpus.knowledge.entity(entity_id).name)

    def review(self, name: str) -> Markup:
        return self.to(paths.REVIEW, name, anchor_of(name))

    def url(self, address: str, label: object = None) -> Markup:
        """An external address as a link; the address is data, so it is percent-encoded, never trusted."""
        if not re.match(r"^https?://", address, re.I):
            return escape_md(address)
        safe = quote(address, safe=":/?#@!$&'*+,;=%-._~").replace("(", "%28").replace(")", "%29")
        return Markup(f"[{escape_md(label or address)}]({safe})")

    @staticmethod
    def front_matter(**values: object) -> Markup:
        kept = {k: _front_matter_text(v) if isinstance(v, str) else v
                for k, v in values.items() if v not in (None, "", [], ())}
        return Markup("---\n" + yaml.dump(kept, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
                      + "---")

    def block_text(self, annotated: AnnotatedArticle, block: Block, linked: list[str]) -> Markup:
        """The block's text with the first mention of each entity in its section linked to the entity's page.

        `linked` holds the entities already linked in the current section; a heading starts a new section.
        """
        if block.kind == "heading":
            linked.clear()
            return escape_md(block.text)
        if block.cells:
            return Markup(" | ").join(escape_md(cell) for cell in block.cells)
        out, cursor = [], 0
        for mention in self._mentions_in_text(annotated).get(block.id, ()):
            if mention.entity_id in linked or mention.start < cursor:
                continue
            linked.append(mention.entity_id)
            out.append(escape_md(block.text[cursor:mention.start]))
            out.append(self.entity(mention.entity_id, block.text[mention.start:mention.end]))
            cursor = mention.end
        out.append(escape_md(block.text[cursor:]))
        return Markup("").join(out)

    def _mentions_in_text(self, annotated: AnnotatedArticle) -> dict[str, list[Mention]]:
        """The article's mentions outside attributions, per block, in reading order: grouped once per article (the
        page renders its blocks one after the other), not searched again for every block."""
        grouped = self._mentions_per_block.get(annotated.id)
        if grouped is None:
            grouped = self._mentions_per_block[annotated.id] = per_block(
                m for m in sorted(annotated.mentions, key=lambda m: m.start) if not m.in_attribution)
        return grouped

    def local_graph(self, node: str) -> Markup:
        """The page's neighbourhood, as data for the graph script (addresses from the site's root)."""
        data = local_graph(self.corpus, node)
        for item in data["nodes"]:
            item["url"] = paths.url(item.pop("page"))
        return Markup(html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), quote=True))


# --- the pages --------------------------------------------------------------------------------------------------


def in_pages(items: list | tuple, size: int, archive: bool = False) -> list:
    """A list in pages of `size` counted from its last item; the first page takes the remainder (`size` to
    2 × `size` - 1 items). An item added at the front (a new article, newest first) changes the first page only: the
    others keep their items, so that publishing a day's articles does not rewrite every page of a long archive (until
    the list has grown by a page, when one more page is made and the pages' numbers move).

    `archive`: the first page holds what is left (1 to `size` items). An item's further pages are an archive, read
    from a link, and their newest page is the one each new article rewrites (and MkDocs converts again, with the
    passages of every article on it): the smaller the better. A hundred articles fill it; the next starts another."""
    if not items:
        return []
    first = (len(items) % size or size) if archive else len(items) - (max(1, len(items) // size) - 1) * size
    return [items[:first], *(items[i:i + size] for i in range(first, len(items), size))]


def _kept_rows(last: PageReads, article: Callable[[str], AnnotatedArticle],
               speakers: dict[str, tuple[tuple[str, str | None], ...]], article_id: str,
               make: Callable[[], tuple[downloads.Row, ...]]) -> tuple[downloads.Row, ...]:
    """An article's rows of quotes and figures, kept from the last build while the article and the names of its
    speakers are the same (`PageReads.article_rows`)."""
    inputs = (last.digests.of_held(article(article_id)), speakers.get(article_id, ()))
    return last.article_rows(article_id, inputs, make)


@dataclass(frozen=True)
class Renderer:
    corpus: Corpus
    env: Environment
    site_name: str = ""
    site_url: str = ""  # where the site is published: feeds need absolute addresses
    # The last build's pages and what they read (`page_reads.py`): a page whose reads answer as they did is not
    # rendered, and stands as None ("as staged") among the pages.
    last: PageReads | None = None

    def pages(self) -> dict[str, str]:
        return dict(sorted(page for unit in self.units() for page in unit().items()))

    def units(self) -> list[Callable[[], dict[str, str | None]]]:
        """The pages, a few at a time (an item's page with its further pages), each group rendered when it is
        called: a caller that writes them away never holds them all. The site's own groups first (`site_units`), then
        one per article, topic and entity (with its further pages, feeds and files): each reads its own item, and
        they may be made in any order, or apart. A group the last build made from the same corpus, none of whose pages
        reads anything else that changed, is kept as it is (`PageReads.keeps_unit`)."""
        articles = [self._kept_whole(f"article:{a.id}", functools.partial(self._article_pages, a))
                    for a in self.corpus.articles]
        topics = [functools.partial(self._topic_pages, topic) for topic in self.corpus.knowledge.topics]
        entities = [self._kept_whole(f"entity:{e.id}", functools.partial(self._entity_pages, e)) for e in self.listed]
        return [*self.site_units(), *articles, *topics, *entities]

    def _kept_whole(self, key: str, make: Callable[[], dict[str, str | None]]) -> Callable[[], dict[str, str | None]]:
        """An article's or an entity's group, which may be kept whole (`PageReads.keeps_unit`): its pages are given
        values from the corpus and the entities (which the corpus's key holds), never from the topics' presentation,
        which a build takes anew (`snapshot.THIS_BUILDS`) and which they read, and are checked for. A topic's pages
        are given the topic itself: they are checked page by page."""
        return functools.partial(self._unit, key, make) if self.last is not None else make

    def _unit(self, key: str, make: Callable[[], dict[str, str | None]]) -> dict[str, str | None]:
        """A group made, or kept whole (`PageReads.keeps_unit`)."""
        if (kept := self.last.keeps_unit(key)) is not None:
            return dict.fromkeys(kept)
        made = make()
        self.last.made_unit(key, tuple(made))
        return made

    def site_units(self) -> list[Callable[[], dict[str, str | None]]]:
        """The pages and files of the whole site (home, listings, graph, feeds, quotes and figures), each group
        rendered when it is called. They read every article (`generator.stage_in_two` makes them first)."""
        corpus = self.corpus

        def home() -> dict[str, str | None]:
            return {
                paths.HOME: self._render("home.md.j2", paths.HOME),
                paths.TOPIC_INDEX: self._render("topics.md.j2", paths.TOPIC_INDEX),
                paths.REVIEW: self._render("review.md.j2", paths.REVIEW, names=FromCorpus(
                    corpus.unreviewed[:REVIEW_NAMES], ("attribute", ("unreviewed",), None), REVIEW_NAMES)),
                paths.GRAPH: self._render("graph.md.j2", paths.GRAPH),
            }

        def listings() -> dict[str, str | None]:
            site_links, site_files = self._downloads("", dict.fromkeys(self._rank, downloads.EVERY_ROW))
            return {**self._listing("articles.md.j2", paths.ARTICLE_INDEX, list(corpus.articles), downloads=site_links),
                    **self._listing("entities.md.j2", paths.ENTITY_INDEX, self.listed),
                    **site_files}

        def data() -> dict[str, str | None]:
            return {paths.GRAPH_DATA: graph_json(corpus), search.WORDS: search.search_words(),
                    **feeds(corpus, self.site_url)}

        return [home, listings, data]

    def _article_pages(self, annotated: AnnotatedArticle) -> dict[str, str | None]:
        path = paths.page(paths.ARTICLES, annotated.id)
        return {path: self._render("article.md.j2", path, item=annotated)}

    def _topic_pages(self, topic: Topic) -> dict[str, str | None]:
        articles = self.corpus.topic_articles.get(topic.id, ())
        folder, channel = downloads.item_folder(paths.TOPICS, topic.id), topic_channel(topic)
        passages = self.corpus.topic_passages.get(topic.id, ())
        links, files = self._downloads(folder, downloads.topic_takes(passages))
        # The further pages list all of its articles by date, not the rest by relevance: a new article's rank
        # would move articles across every page after it, and the one it pushes off the topic's page too.
        pages = self._with_parts("topic.md.j2", paths.TOPICS, topic.id, topic, articles[:TOPIC_ARTICLES],
                                 self._newest_first(articles) if len(articles) > TOPIC_ARTICLES else (),
                                 "articles", PER_PAGE, downloads=links, feed_files=channel.files)
        return {**pages, **files, **self._feeds(folder, channel, articles)}

    def _entity_pages(self, entity: Entity) -> dict[str, str | None]:
        articles = self.corpus.entity_articles.get(entity.id, ())
        folder, channel = downloads.item_folder(paths.ENTITIES, entity.id), entity_channel(entity)
        passages = self.corpus.entity_passages.get(entity.id, ())
        quoted_in = self._quoted_in.get(entity.id, set())
        links, files = self._downloads(folder, downloads.entity_takes(entity.id, passages, quoted_in))
        pages = self._with_parts("entity.md.j2", paths.ENTITIES, entity.id, entity, articles[:ENTITY_ARTICLES],
                                 articles[ENTITY_ARTICLES:], "mentions", MENTIONS_PER_PAGE, downloads=links,
                                 feed_files=channel.files)
        return {**pages, **files, **self._feeds(folder, channel, articles)}

    @functools.cached_property
    def quotes_and_figures(self) -> downloads.Downloads:
        """The quotes and figures as rows, each article's made once for all the files that hold them, or kept from
        the last build while the article and the names of its speakers are the same (`PageReads.article_rows`; the
        site's address is one of the record's settings): a day's articles make their own rows, not the archive's
        (the site's files and a topic's hold thousands of articles)."""
        # Not a closure over the renderer: the renderer holds what this returns, and a cycle would keep the corpus
        # (millions of objects) alive after the build until the collector's next full round walks it (3.7 s at
        # 11,600 articles).
        kept = (functools.partial(_kept_rows, self.last, self.corpus.article, self._speakers_by_article)
                if self.last is not None else None)
        return downloads.Downloads(self.corpus, self.site_url, kept)

    @functools.cached_property
    def _in_site_order(self) -> dict[str, int]:
        """Article -> its place in the files of quotes and figures (`downloads.in_site_order`)."""
        return {a.id: n for n, a in enumerate(downloads.in_site_order(self.corpus.articles))}

    @functools.cached_property
    def _speakers_by_article(self) -> dict[str, tuple[tuple[str, str | None], ...]]:
        """Article -> the entities its quotes are said by, with their names (which its rows of quotes give), for the
        articles that quote an entity."""
        said: dict[str, set[str]] = {}
        for annotated in self.corpus.articles:
            for quote in annotated.quotes:
                if quote.speaker_entity:
                    said.setdefault(annotated.id, set()).add(quote.speaker_entity)
        return {article_id: tuple(sorted((e, self._names.get(e)) for e in entities))
                for article_id, entities in said.items()}

    def _downloads(self, folder: str, takes: dict[str, downloads.Take]
                   ) -> tuple[dict[str, dict[str, str]], dict[str, str | None]]:
        """The site's or an item's quotes and figures to download: the links its page shows, and its files, which hold
        the shares of rows that `takes` of each article, one article after the other, in the files' order
        (`downloads.in_site_order`). Kept as the last build made them while they hold the same shares; where they
        hold the first of them (a day's articles, newer than the archive, come last), the others' rows are added at
        their end (`downloads.extended`): a new article does not make Meta's ten thousand articles' shares again. (An
        undated article comes after every dated one: a dated article added before it makes the files whole.)"""
        order = sorted(takes, key=self._in_site_order.__getitem__)
        rows = self.quotes_and_figures

        def shares(article_ids: list[str]) -> Iterator[tuple[downloads.Share, downloads.Share]]:
            return (rows.shares(article_id, takes[article_id]) for article_id in article_ids)

        if self.last is None:
            made = downloads.files(folder, shares(order))
            return downloads.links(folder, tuple(made)), dict(made)
        # What each article's share is made from: the article, the names of its speakers, what the file takes of it
        # (the site's address, which its rows hold, is one of the record's settings).
        key = "downloads:" + folder
        share_digests = [self.last.share_digest(self.corpus.article(article_id),
                                                self._speakers_by_article.get(article_id, ()), takes[article_id])
                         for article_id in order]
        files: dict[str, str | None] | None = None
        if (held := self.last.held_shares(key, share_digests)) is not None:
            try:
                files = downloads.extended(folder, held.paths, self._staged_text, shares(order[held.count:]))
            except (OSError, UnicodeDecodeError):  # a staged file gone or damaged since it was checked: made whole
                pass
        if files is None:
            files = dict(downloads.files(folder, shares(order)))
        self.last.made_of_shares(key, share_digests, files)
        return downloads.links(folder, tuple(files)), files

    def _staged_text(self, path: str) -> str:
        """A file as the last build staged it, byte for byte (no line ends translated)."""
        return (self.last.folder / path).read_bytes().decode("utf-8")

    def _feeds(self, folder: str, channel: Channel, articles: tuple[str, ...]) -> dict[str, str | None]:
        """A topic's or an entity's feeds, made from the articles they show (`feeds.newest`): an entity of ten
        thousand articles keeps its feeds without a digest of each of them, and an older article added leaves them
        as they were."""
        shown = newest(self.corpus.article(i) for i in articles)
        return self._kept_or_made(folder, lambda: channel_feeds(channel, shown, self.site_url),
                                  channel, shown, self.site_url)

    def _kept_or_made(self, key: str, make: Callable[[], dict[str, str]], *inputs: object) -> dict[str, str | None]:
        """Files beside the pages, by path: as the last build made them (None each) when it made them under `key`
        from equal `inputs`, else `make()`'s (the rows of a download, a feed's items are then not made at all)."""
        if self.last is not None and (kept := self.last.keeps_files(key, *inputs)) is not None:
            return dict.fromkeys(kept)
        made = make()
        if self.last is not None:
            self.last.made_files(key, made, *inputs)
        return made

    @functools.cached_property
    def _names(self) -> dict[str, str]:
        """Entity -> its name, which a file of quotes gives a speaker known by its entity only."""
        return {e.id: e.name for e in self.corpus.knowledge.entities}

    @functools.cached_property
    def _quoted_in(self) -> dict[str, set[str]]:
        """Entity -> the articles that quote it: the rows of its file of quotes come from them."""
        quoted: dict[str, set[str]] = {}
        for article_id, speakers in self._speakers_by_article.items():
            for entity_id, _name in speakers:
                quoted.setdefault(entity_id, set()).add(article_id)
        return quoted

    @functools.cached_property
    def listed(self) -> list[Entity]:
        """Entities with a page (those the corpus mentions), by type then name."""
        order = list(TYPE_LABELS)
        return sorted((e for e in self.corpus.knowledge.entities if e.id in self.corpus.entities_with_pages),
                      key=lambda e: (order.index(e.type) if e.type in order else len(order), e.name.casefold(), e.id))

    def _listing(self, template: str, first: str, items: list, **context: object) -> dict[str, str]:
        """A listing in pages of PER_PAGE items: "articles/index.md", "articles/page-2.md", …"""
        chunks = in_pages(items, PER_PAGE) or [[]]
        return {paths.listing(first, n): self._render(template, paths.listing(first, n), items=chunk, number=n,
                                                      pages=[paths.listing(first, k) for k in range(1, len(chunks) + 1)],
                                                      **context)
                for n, chunk in enumerate(chunks, 1)}

    @functools.cached_property
    def _rank(self) -> dict[str, int]:
        """Each article's place in the corpus, newest first."""
        return {annotated.id: n for n, annotated in enumerate(self.corpus.articles)}

    def _newest_first(self, articles: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(articles, key=self._rank.__getitem__))

    def _with_parts(self, template: str, kind: str, item_id: str, item, shown: tuple[str, ...],
                    further: tuple[str, ...], what: str, per_page: int, **context: object) -> dict[str, str]:
        """An item's page with the articles it shows (`context` is for it), and its further pages for `further`
        (newest first), numbered from the oldest: "…-1.md" holds the oldest articles, and keeps its path and its
        text while new articles come in at the other end."""
        main = paths.page(kind, item_id)
        chunks = in_pages(further, per_page, archive=True)
        numbered = [paths.part(kind, item_id, what, len(chunks) - n) for n in range(len(chunks))]  # newest first
        parts = [{"path": path, **self._period(chunk)} for path, chunk in zip(numbered, chunks)]

        def passages_of(ids: tuple[str, ...]) -> FromCorpus | dict:
            """An entity's passages in the articles of one of its pages, which the page reads."""
            if kind != paths.ENTITIES:
                return {}
            ids = tuple(ids)
            return FromCorpus(self.corpus.entity_passages_in(item_id, ids),
                              ("call", ("entity_passages_in",), (item_id, ids)))

        # Each page gets the passages of its own articles, and links to its neighbours only (not a list of every
        # page): it is rendered again when its own articles change, not when another page's do (`page_reads.py`).
        out = {main: self._render(template, main, item=item, articles=shown, parts=parts,
                                  passages_of=passages_of(shown), **context)}
        for n, (part, chunk) in enumerate(zip(parts, chunks)):
            newer = numbered[n - 1] if n > 0 else None
            older = numbered[n + 1] if n + 1 < len(numbered) else None
            out[part["path"]] = self._render("part.md.j2", part["path"], item=item, kind=kind, articles=chunk,
                                             what=what, newest=part["newest"], oldest=part["oldest"], newer=newer,
                                             older=older, passages_of=passages_of(chunk))
        return out

    def _period(self, articles: tuple[str, ...]) -> dict[str, str | None]:
        """The dates of the newest and the oldest dated article of a further page (None: none is dated)."""
        dates = [d for i in articles if (d := self.corpus.article(i).article.published)]
        return {"newest": max(dates) if dates else None, "oldest": min(dates) if dates else None}

    def _render(self, template: str, path: str, **context: object) -> str | None:
        if self.last is not None and self.last.keeps(template, path, context):
            return None
        reads = reading(self.corpus) if self.last is not None else None
        corpus = reads.corpus if reads is not None else self.corpus  # the corpus that notes what the page reads
        if reads is not None:  # what the page is given from the corpus, it reads
            reads.reads.update((value.read, None) for value in context.values() if isinstance(value, FromCorpus))
        given = {name: value.value if isinstance(value, FromCorpus) else value for name, value in context.items()}
        try:
            text = self.env.get_template(template).render(
                corpus=corpus, page=path, link=PageLinks(corpus, path), site_name=self.site_name,
                type_labels=TYPE_LABELS, paths=paths, PASSAGES_SHOWN=PASSAGES_SHOWN, **given)
        except Exception as error:  # noqa: BLE001 (a template runs contributors' code: {{ 1 / 0 }} is theirs to fix)
            raise TemplateProblem.of(error, Path(self.env.loader.searchpath[0]), path) from None
        if reads is not None:
            self.last.rendered(template, path, context, reads)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"



class TemplateProblem(Exception):
    """A template that cannot be rendered, said as its contributor needs it: the file, the line, what is wrong
    there, and which page was being made. The build stops on it: every page of that kind would be wrong."""

    @classmethod
    def of(cls, error: Exception, templates: Path, page: str) -> "TemplateProblem":
        if isinstance(error, TemplateSyntaxError):  # the template cannot be read: its own file and line
            where, line = error.filename or error.name or "?", error.lineno
            what = f"Jinja syntax: {error.message}"
        else:  # it reads, but fails on this page: the innermost template line of the traceback
            frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(str(templates))]
            where, line = (frames[-1].filename, frames[-1].lineno) if frames else ("?", None)
            what = getattr(error, "message", None) or str(error)
            what = what if isinstance(error, TemplateError) else f"{type(error).__name__}: {what}"
            if "is undefined" in what:
                what += " (no value of that name on this page: a misspelt name, or one this kind of page lacks)"
        name = Path(where).resolve()
        shown = name.relative_to(templates.parent).as_posix() if name.is_relative_to(templates.parent) else where
        return cls(f"{shown}:{line}: {what}; while making {page}" if line else f"{shown}: {what}; while making {page}")


def renderer(corpus: Corpus, templates_dir: Path, site_name: str = "", site_url: str = "",
             last: PageReads | None = None, compiled: BytecodeCache | None = None) -> Renderer:
    """`compiled`: where the templates are kept compiled between builds (`cache.compiled_templates`)."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        # Escape by default: every printed value goes through escape_md, and only Markup (links, linked text, the
        # output of macros) passes through as Markdown. (Autoescape is what makes macros return Markup; what it adds,
        # HTML escaping, escape_md does too.)
        autoescape=True,
        finalize=escape_md,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, one reading of each template: no file check per page
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=compiled,
    )
    env.filters.update(FILTERS)
    return Renderer(corpus=corpus, env=env, site_name=site_name, site_url=site_url, last=last)


def render(corpus: Corpus, templates_dir: Path, site_name: str = "", site_url: str = "") -> dict[str, str]:
    """Every page: its path in the docs tree -> its Markdown (or JSON, XML), in the order of the paths."""
    return renderer(corpus, templates_dir, site_name, site_url).pages()


__all__ = ["render", "renderer", "escape_md", "FILTERS", "PageLinks", "Renderer", "TemplateProblem"]
