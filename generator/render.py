"""The render stage: a `Corpus` in, Markdown pages out ({"articles/x.md": "...", ...}).

Pages are Jinja2 templates from templates/. Everything a template prints is escaped for Markdown unless it is
`Markup` built here (links, linked text): source text is data, and a "#", "|", "<script>" or "{{ }}" in an
article shows up as those characters, never as a heading, a table, HTML or a template expression.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_decimal, format_percent
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from slugify import slugify

from .annotate import article_entities
from .export import export
from .feeds import feeds
from .graph import graph_json
from .model import AnnotatedArticle, Block, Corpus, Entity, Figure, Mention, Passage, Quote, Topic, block_number

LOCALE = "fr"
ENTITY_TYPE_LABELS = {"organisation": "Organisation", "person": "Personne", "product": "Produit ou modèle",
                      "place": "Lieu", "event": "Événement"}
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


def page_path(kind: str, item_id: str) -> str:
    return f"{kind}/{item_id}.md"


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    path = _relative_path(posixpath.dirname(from_page) or ".", to_page)
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=None)
def _relative_path(from_dir: str, to_page: str) -> str:
    return posixpath.relpath(to_page, from_dir)


@dataclass(frozen=True)
class Renderer:
    corpus: Corpus
    env: Environment
    site_name: str = ""
    site_url: str = ""  # where the site is published: feeds need absolute addresses

    def pages(self) -> dict[str, str]:
        corpus = self.corpus
        pages = {
            "index.md": self._render("home.md.j2", "index.md"),
            "topics/index.md": self._render("topics.md.j2", "topics/index.md"),
            "entities/index.md": self._render("entities.md.j2", "entities/index.md"),
            "articles/index.md": self._render("articles.md.j2", "articles/index.md"),
            REVIEW_PAGE: self._render("review.md.j2", REVIEW_PAGE),
            GRAPH_PAGE: self._render("graph.md.j2", GRAPH_PAGE),
            TAGS_PAGE: self._render("tags.md.j2", TAGS_PAGE),
        }
        for annotated in corpus.articles:
            path = page_path("articles", annotated.id)
            pages[path] = self._render("article.md.j2", path, item=annotated)
        for topic in corpus.knowledge.topics:
            path = page_path("topics", topic.id)
            pages[path] = self._render("topic.md.j2", path, item=topic)
        for entity in self.listed_entities():
            path = page_path("entities", entity.id)
            pages[path] = self._render("entity.md.j2", path, item=entity)
        exported = export(corpus)
        pages["assets/graph.json"] = graph_json(exported)
        pages.update(feeds(corpus, self.site_url))
        return dict(sorted(pages.items()))

    @functools.cached_property
    def cited_by(self) -> dict[str, tuple[str, ...]]:
        """article -> the articles that list it as related (computed once: every article page asks)."""
        citing: dict[str, list[str]] = {}
        for annotated in self.corpus.articles:
            for other in self.corpus.related_articles.get(annotated.id, ()):
                citing.setdefault(other, []).append(annotated.id)
        return {k: tuple(v) for k, v in citing.items()}

    def listed_entities(self) -> list[Entity]:
        """Entities with a page: those the corpus mentions."""
        return [e for e in self.corpus.knowledge.entities if self.corpus.entity_articles.get(e.id)]

    def _render(self, template: str, path: str, **context: object) -> str:
        helpers = _PageHelpers(self, path)
        text = self.env.get_template(template).render(
            corpus=self.corpus, page=path, h=helpers, type_labels=ENTITY_TYPE_LABELS, site_name=self.site_name, **context)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@dataclass(frozen=True)
class _PageHelpers:
    """What templates call: links relative to the page being rendered, formatted numbers, linked text."""

    renderer: Renderer
    page: str

    @property
    def corpus(self) -> Corpus:
        return self.renderer.corpus

    def link(self, label: object, kind: str, item_id: str, anchor: str | None = None) -> Markup:
        target = relative(self.page, page_path(kind, item_id), anchor)
        return Markup(f"[{escape_md(label)}]({target})")

    def to(self, target: str, label: object) -> Markup:
        """A link to a page of the docs tree by its path ("about.md"), relative to the page being rendered."""
        return Markup(f"[{escape_md(label)}]({relative(self.page, target)})")

    def article_link(self, article_id: str, anchor: str | None = None, label: object = None) -> Markup:
        article = self.corpus.article(article_id).article
        return self.link(label or article.title, "articles", article_id, anchor)

    def topic_link(self, topic_id: str) -> Markup:
        return self.link(self.corpus.knowledge.topic(topic_id).title, "topics", topic_id)

    def entity_link(self, entity_id: str) -> Markup:
        return self.link(self.corpus.knowledge.entity(entity_id).name, "entities", entity_id)

    def front_matter(self, **values: object) -> Markup:
        # Themes print the title and description into HTML (<title>, <meta content="…">) without escaping them:
        # text that comes from sources is escaped here.
        kept = {k: html.escape(v, quote=False).replace('"', "&quot;") if isinstance(v, str) else v for k, v in values.items() if v not in (None, "", [], ())}
        return Markup("---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=1000) + "---")

    def entities_of(self, annotated: AnnotatedArticle) -> list[tuple[Entity, int]]:
        entities = self.corpus.knowledge._entities_by_id
        return [(entities[i], n) for i, n in article_entities(annotated, entities)]

    def topic_titles(self, annotated: AnnotatedArticle) -> list[str]:
        return [self.corpus.knowledge.topic(t).title for t, _ in annotated.topics]

    def topics_of(self, annotated: AnnotatedArticle) -> list[tuple[Topic, float]]:
        return [(self.corpus.knowledge.topic(t), s) for t, s in annotated.topics]

    def block_text(self, annotated: AnnotatedArticle, block: Block, linked: set[str]) -> Markup:
        """The block's text with the first mention of each entity in its section linked to the entity page.

        `linked` holds the entities already linked in the current section; a heading starts a new section.
        """
        if block.kind == "heading":
            linked.clear()
            return escape_md(block.text)
        out, cursor = [], 0
        in_text = (m for m in annotated.mentions if m.block_id == block.id and not m.in_attribution)
        for mention in sorted(in_text, key=lambda m: m.start):
            if mention.entity_id in linked or mention.start < cursor:
                continue
            linked.add(mention.entity_id)
            out.append(escape_md(block.text[cursor:mention.start]))
            out.append(self.link(mention.text, "entities", mention.entity_id))
            cursor = mention.end
        out.append(escape_md(block.text[cursor:]))
        return Markup("").join(out)

    def figure_value(self, figure: Figure) -> str:
        if figure.value is None:
            return figure.text
        if figure.kind == "money" and figure.unit:
            return format_compact_currency(figure.value, figure.unit, locale=LOCALE, fraction_digits=1)
        if figure.kind == "percent":
            return format_percent(figure.value / 100, locale=LOCALE, decimal_quantization=False)
        return f"{format_decimal(figure.value, locale=LOCALE)} {UNIT_LABELS.get(figure.unit or '', figure.unit or '')}".strip()

    def number(self, value: float) -> str:
        return format_decimal(value, locale=LOCALE)

    def date(self, iso: str) -> str:
        return format_date(dt.date.fromisoformat(iso), format="long", locale=LOCALE)

    def language(self, code: str) -> str:
        return Locale.parse(LOCALE).languages.get(code, code)

    def url(self, address: str) -> Markup:
        """An external address as a link; the address is data, so it is percent-encoded, never trusted."""
        if not re.match(r"^https?://", address, re.I):
            return escape_md(address)
        safe = quote(address, safe=":/?#@!$&'*+,;=%-._~").replace("(", "%28").replace(")", "%29")
        return Markup(f"[{escape_md(address)}]({safe})")

    def evidence(self, annotated: AnnotatedArticle, block: Block) -> Markup:
        """The topics of a block and the words that made each call, as a small inline note."""
        hits = annotated.hits_for(block.id)
        if not hits:
            return Markup("")
        parts = [self.topic_link(h.topic_id) + Markup(" (") + escape_md(", ".join(h.evidence)) + Markup(")") for h in hits]
        return Markup("<small>Thèmes : ") + Markup(" · ").join(parts) + Markup("</small>")

    def markdown(self, text: str) -> Markup:
        """Markdown written by contributors in the knowledge files: trusted, reviewed in pull requests."""
        return Markup(text)

    @staticmethod
    def new_set() -> set[str]:
        return set()

    def group_passages(self, passages: tuple[Passage, ...]) -> list[tuple[str, list[Passage]]]:
        groups: dict[str, list[Passage]] = {}
        for passage in passages:
            groups.setdefault(passage.article_id, []).append(passage)
        return list(groups.items())

    def topic_figures(self, topic_id: str) -> list[tuple[str, Figure]]:
        """Amounts of money cited in the passages filed under a topic."""
        blocks = {(p.article_id, p.block_id) for p in self.corpus.topic_passages.get(topic_id, ())}
        return [(a.id, f) for a in self.corpus.articles for f in a.figures
                if f.kind == "money" and (a.id, f.block_id) in blocks]

    def quotes_by(self, entity_id: str) -> list[tuple[str, Quote]]:
        return [(a.id, q) for a in self.corpus.articles for q in a.quotes if q.speaker_entity == entity_id]

    def unreviewed_in(self, annotated: AnnotatedArticle) -> list[str]:
        return list(dict.fromkeys(c.name for c in annotated.candidates))

    def review_link(self, name: str) -> Markup:
        return Markup(relative(self.page, REVIEW_PAGE, self.anchor(name)))

    @staticmethod
    def anchor(name: str) -> str:
        return "nom-" + slugify(name)

    @staticmethod
    def excerpt(text: str, around: str, width: int = 90) -> str:
        """The part of a passage around a name, so that a long paragraph does not drown the table."""
        at = text.find(around)
        if at < 0 or len(text) <= 2 * width:
            return text
        start, end = max(0, at - width), min(len(text), at + len(around) + width)
        return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")

    def listed_entity_count(self) -> int:
        return len(self.renderer.listed_entities())

    def period(self, article_ids: tuple[str, ...] | list[str]) -> str:
        """", publiés du 3 mars 2025 au 9 septembre 2025" (or ", dont 2 datés : …" when some carry no date);
        "" when none is dated."""
        dates = sorted(d for i in article_ids if (d := self.corpus.article(i).article.published))
        if not dates:
            return ""
        span = f"le {self.date(dates[0])}" if dates[0] == dates[-1] else f"du {self.date(dates[0])} au {self.date(dates[-1])}"
        if len(dates) == len(article_ids):
            return f", publiés {span}"
        return f", dont {len(dates)} daté{'s' if len(dates) > 1 else ''} : {span}"

    def timeline(self, article_ids: tuple[str, ...] | list[str] | None = None) -> list[tuple[str, int, int]]:
        """(month, articles that month, bar width in %) for the months of the corpus, oldest first."""
        wanted = None if article_ids is None else set(article_ids)
        counts = [(month, sum(1 for i in ids if wanted is None or i in wanted)) for month, ids in self.corpus.months.items()]
        counts = [(m, n) for m, n in counts if n]
        top = max((n for _, n in counts), default=1)
        return [(format_date(dt.date.fromisoformat(m + "-01"), "MMMM y", locale=LOCALE), n, max(4, round(100 * n / top)))
                for m, n in counts]

    def undated(self, article_ids: tuple[str, ...] | list[str]) -> int:
        return sum(1 for i in article_ids if not self.corpus.article(i).article.published)

    def chips(self, annotated: AnnotatedArticle) -> Markup:
        """The article's topics as chips, each with the words that made the call in its passages."""
        out = []
        for topic, words, _passages in self.chip_evidence(annotated):
            title = escape_md(", ".join(words[:8])).replace('"', "&quot;")
            out.append(self.link(topic.title, "topics", topic.id) + Markup(f'{{ .chip title="indices : {title}" }}'))
        return Markup(" ").join(out)

    def chip_evidence(self, annotated: AnnotatedArticle) -> list[tuple[Topic, list[str], int]]:
        """(topic, the words that matched, passages) for each topic of the article."""
        rows = []
        for topic, _score in self.topics_of(annotated):
            hits = [h for h in annotated.topic_hits if h.topic_id == topic.id]
            rows.append((topic, list(dict.fromkeys(w for h in hits for w in h.evidence)), len(hits)))
        return rows

    def cited_by(self, article_id: str) -> tuple[str, ...]:
        """Articles whose "related articles" list this one: the pages that lead here besides listings."""
        return self.renderer.cited_by.get(article_id, ())

    def key_passages(self, topic_id: str, limit: int = 5) -> list[Passage]:
        """The strongest passage of each article (the first one on a tie), strongest first, so that one article
        does not fill them."""
        best: dict[str, Passage] = {}
        for passage in self.corpus.topic_passages.get(topic_id, ()):
            kept = best.get(passage.article_id)
            if kept is None or (passage.score, -block_number(passage.block_id)) > (kept.score, -block_number(kept.block_id)):
                best[passage.article_id] = passage
        return sorted(best.values(), key=lambda p: (-p.score, p.article_id))[:limit]

    def topic_score(self, topic_id: str, article_id: str) -> float:
        return dict(self.corpus.article(article_id).topics).get(topic_id, 0.0)

    def entities_of_type(self, kind: str) -> list[Entity]:
        return sorted((e for e in self.renderer.listed_entities() if e.type == kind), key=lambda e: e.name.casefold())


REVIEW_PAGE = "entities/review.md"
GRAPH_PAGE = "graph/index.md"  # a folder's index: "../assets/…" in its raw HTML works with or without directory URLs
TAGS_PAGE = "tags.md"
UNIT_LABELS = {"parameters": "paramètres", "data centres": "centres de données", "chips": "puces",
               "employees": "employés", "researchers": "chercheurs", "users": "utilisateurs",
               "downloads": "téléchargements", "countries": "pays", "tokens": "tokens"}


def renderer(corpus: Corpus, templates_dir: Path, site_name: str = "", site_url: str = "") -> Renderer:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=False,
        finalize=escape_md,  # escape by default: only Markup passes through as Markdown
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Renderer(corpus=corpus, env=env, site_name=site_name, site_url=site_url)


def render(corpus: Corpus, templates_dir: Path, site_name: str = "", site_url: str = "") -> dict[str, str]:
    return renderer(corpus, templates_dir, site_name, site_url).pages()


__all__ = ["render", "escape_md", "relative", "page_path", "Mention"]
