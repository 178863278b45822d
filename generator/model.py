"""The values that cross stages.

Every stage takes and returns these frozen dataclasses, so a stage can be run, tested and cached on its own:

    read      Path              -> Article          (text, structure, metadata, what was dropped)
    annotate  Article           -> AnnotatedArticle (entities, figures, quotes, topics with evidence)
    resolve   AnnotatedArticle* -> Resolution       (one entity per real-world name, across the corpus)
    link      Resolution        -> Corpus           (corpus-wide indexes: topic -> passages, entity -> articles)
    render    Corpus            -> pages            ({"articles/x.md": markdown, ...})
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "quote"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input file, named precisely enough to fix it."""

    path: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


# --- read -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One block of an article body, in reading order.

    `id` is its anchor on the article page, derived from its own text ("p-3f9a2c"), so that editing the title or
    adding a paragraph elsewhere never moves it: a link to a passage keeps working. `position` (1, 2, …) orders it.
    """

    id: str
    kind: BlockKind
    text: str
    speaker: str | None = None  # for quotes: the attribution as written ("Mark Zuckerberg, PDG de Meta")
    cells: tuple[str, ...] = ()  # a row of a table: its cells; `text` joins them
    position: int = 0


def anchors_for(texts: list[str]) -> list[str]:
    """The anchor of each block, from its text: six hex digits of a hash of its words; a text that occurs twice
    in an article takes "-2" on its second occurrence, in reading order."""
    seen: dict[str, int] = {}
    anchors = []
    for text in texts:
        words = " ".join(re.findall(r"\w+", text.casefold()))
        anchor = "p-" + hashlib.sha1(words.encode("utf-8")).hexdigest()[:6]
        seen[anchor] = seen.get(anchor, 0) + 1
        anchors.append(anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}")
    return anchors


TITLE_BLOCK = "title"  # the block id of an article's title, and its anchor on the article page


@dataclass(frozen=True)
class Dropped:
    """Page furniture removed from a source, kept so that nothing disappears silently."""

    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    id: str
    source: str  # path relative to the project root, "sources/x.txt"
    title: str
    language: str
    blocks: tuple[Block, ...]
    published: str | None = None
    source_url: str | None = None
    outlet: str | None = None
    author: str | None = None
    title_derived: bool = False
    dropped: tuple[Dropped, ...] = ()
    repairs: tuple[str, ...] = ()  # encoding repairs made while decoding
    problems: tuple[Problem, ...] = ()  # what is wrong in its source that did not stop it (reported, then left out)

    @property
    def annotated_blocks(self) -> tuple[Block, ...]:
        """What the annotators read: the title (block id "title", a heading) and the body. A title made from the
        first sentence (`title_derived`) is not read twice."""
        if self.title_derived or not self.title.strip():
            return self.blocks
        return (Block(id=TITLE_BLOCK, kind="heading", text=self.title, position=0), *self.blocks)


# --- knowledge --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str
    aliases: tuple[str, ...]  # names of the topic itself, French and English: strong evidence
    keywords: tuple[str, ...]  # words that point to it: weaker evidence, several are needed
    intro: str  # the human introduction (Markdown written by contributors)
    source: str  # the file that defines it, relative to the project root
    exclude: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    figure_units: tuple[str, ...] = ()  # a figure in one of these units is evidence too ("USD" for investments)
    key_lines: tuple[tuple[str, int], ...] = ()  # (front matter key, line in the file), for messages

    def line_of(self, key: str) -> int | None:
        return dict(self.key_lines).get(key)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str  # organisation | person | product | place | event
    aliases: tuple[str, ...]
    description: str
    source: str
    line: int
    wikidata: str | None = None
    parent: str | None = None  # a version names its family: a mention of "Llama 3" is also one of "Llama"
    case_sensitive: bool = False
    reviewed: bool = True  # False: a name the build found with enough evidence, given a page before any review


@dataclass(frozen=True)
class Knowledge:
    topics: tuple[Topic, ...]
    entities: tuple[Entity, ...]
    problems: tuple[Problem, ...] = ()

    def topic(self, topic_id: str) -> Topic:
        return self._topics_by_id[topic_id]

    def entity(self, entity_id: str) -> Entity:
        return self._entities_by_id[entity_id]

    @functools.cached_property
    def _topics_by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    @functools.cached_property
    def _entities_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @functools.cached_property
    def entity_names(self) -> frozenset[str]:
        return frozenset(e.name for e in self.entities)

    def lineage(self, entity_id: str) -> tuple[str, ...]:
        """The entity and its families, nearest first ("Llama 3", "Llama"); a loop in `parent` stops at the first
        repeat. Asked for every mention of every article (link, `AnnotatedArticle.entity_counts`): found once each."""
        return self._lineages.get(entity_id, ())

    @functools.cached_property
    def _lineages(self) -> dict[str, tuple[str, ...]]:
        lineages = {}
        for entity in self.entities:
            chain: list[str] = []
            entity_id = entity.id
            while entity_id in self._entities_by_id and entity_id not in chain:
                chain.append(entity_id)
                entity_id = self._entities_by_id[entity_id].parent or ""
            lineages[entity.id] = tuple(chain)
        return lineages


# --- annotate ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    entity_id: str
    block_id: str
    start: int
    end: int
    text: str
    in_attribution: bool = False  # named as the speaker of a block quote, not in the quoted text


@dataclass(frozen=True)
class Figure:
    text: str
    value: float | None
    unit: str | None  # a currency, "percent", a unit of measure ("GWh", "MW", "t"), or the kind of thing counted
    block_id: str
    kind: str  # money | count | percent
    noun: str | None = None  # what is counted, as the text writes it ("salariés", "engineers", "GWh")
    decimals: int = 0  # the precision the text gives ("1,87 milliard": 2), kept when the amount is shown


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    block_id: str
    speaker_entity: str | None = None
    role: str | None = None  # the speaker's role as the article gives it ("PDG de Meta"), apart from the name


@dataclass(frozen=True)
class Candidate:
    """A proper name no knowledge file lists yet: recognised, shown for review, never linked as an entity."""

    name: str
    type: str  # the guessed type; "cue" says why (empty: a guess)
    block_id: str
    start: int
    end: int
    cue: str = ""
    model_type: str = ""  # what the named entity model called it, when it found it
    resolved: str = ""  # the name of the entity it is a form of, across the corpus (`resolve`); "" before

    @property
    def canonical(self) -> str:
        """The name it is shown under: its entity's, once resolved, else as written."""
        return self.resolved or self.name


@dataclass(frozen=True)
class TopicHit:
    """Why a block was filed under a topic: the score and the words that matched."""

    topic_id: str
    block_id: str
    score: float
    evidence: tuple[str, ...]


def per_block(items) -> dict[str, list]:
    """Mentions, figures or candidates of an article grouped by their paragraph (`block_id`), in their order:
    built once per article, so that rendering or matching its paragraphs never scans all of them per paragraph."""
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.block_id, []).append(item)
    return grouped


@dataclass(frozen=True)
class AnnotatedArticle:
    article: Article
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    topic_hits: tuple[TopicHit, ...] = ()
    topics: tuple[tuple[str, float], ...] = ()  # article level, best first
    candidates: tuple[Candidate, ...] = ()  # unreviewed names
    # (short form, the name it stands for) as the text defines them: ("RN", "Rassemblement national")
    abbreviations: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    def entity_ids(self) -> tuple[str, ...]:
        """Entities in order of first mention."""
        return tuple(dict.fromkeys(m.entity_id for m in self.mentions))

    def hits_for(self, block_id: str) -> tuple[TopicHit, ...]:
        return tuple(h for h in self.topic_hits if h.block_id == block_id)

    def entity_counts(self, knowledge: "Knowledge") -> list[tuple[str, int]]:
        """(entity id, mentions) in order of first mention; a version also counts for its family (Llama 3 -> Llama)."""
        counts: dict[str, int] = {}
        for mention in self.mentions:
            for entity_id in knowledge.lineage(mention.entity_id):
                counts[entity_id] = counts.get(entity_id, 0) + 1
        return list(counts.items())


# --- link -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A block of an article, as other pages point to it."""

    article_id: str
    block_id: str
    text: str
    evidence: tuple[str, ...] = ()
    score: float = 0.0
    position: int = 0  # the block's place in its article, for ordering


@dataclass(frozen=True)
class Related:
    """An article related to another, and what they share ("topic:<id>", "entity:<id>"), most specific first."""

    article_id: str
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnreviewedName:
    """A name the corpus uses that no knowledge file lists, gathered over all articles for review."""

    name: str
    type: str  # the type most of its occurrences were given
    cues: tuple[str, ...]  # what gave the type away ("PDG", "la start-up"); empty: a guess
    passages: tuple[Passage, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.article_id for p in self.passages))


@dataclass(frozen=True)
class Corpus:
    articles: tuple[AnnotatedArticle, ...]
    knowledge: Knowledge
    topic_passages: dict[str, tuple[Passage, ...]] = field(default_factory=dict)
    topic_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    entity_passages: dict[str, tuple[Passage, ...]] = field(default_factory=dict)
    entity_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unreviewed: tuple[UnreviewedName, ...] = ()  # most frequent first
    related_articles: dict[str, tuple[Related, ...]] = field(default_factory=dict)  # article -> most similar first
    related_topics: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # -> (topic, shared articles)
    entity_neighbours: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # -> (entity, shared articles)
    topic_entities: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # -> (entity, passages)
    entity_topics: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # -> (topic, articles)
    months: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "YYYY-MM" -> articles, oldest first
    article_entities: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # -> (entity, mentions)
    key_passages: dict[str, tuple[Passage, ...]] = field(default_factory=dict)  # topic -> its strongest passages
    topic_money: dict[str, tuple[tuple[str, Figure], ...]] = field(default_factory=dict)  # topic -> (article, amount)
    quotes_by: dict[str, tuple[tuple[str, Quote], ...]] = field(default_factory=dict)  # entity -> (article, quote)
    # "topic:<id>", "entity:<id>" -> first and last dates of its articles, and how many have no date
    periods: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    # "site", "topic:<id>" -> (YYYY-MM, how many of its articles were published that month), oldest month first
    month_counts: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    merges: tuple = ()  # resolve.Merge: names taken as another form of an entity, and why
    proposals: tuple = ()  # resolve.Merge: names that may be another form of an entity, for review
    # article -> what its annotation was made from (`annotate.annotate_keyed`): the same for the same annotation;
    # `resolve` then rewrites its mentions, quotes and candidates, and nothing else of it (`page_reads.Digests`).
    made_from: dict[str, str] = field(default_factory=dict)

    def article(self, article_id: str) -> AnnotatedArticle:
        return self._articles_by_id[article_id]

    @functools.cached_property
    def _articles_by_id(self) -> dict[str, AnnotatedArticle]:
        return {a.id: a for a in self.articles}

    def entity_passages_in(self, entity_id: str, article_ids: tuple[str, ...]) -> dict[str, tuple[Passage, ...]]:
        """An entity's passages in each of these articles that has some: what a page of its articles shows."""
        by_article = self._entity_passages_by_article.get(entity_id, {})
        return {article_id: by_article[article_id] for article_id in article_ids if article_id in by_article}

    @functools.cached_property
    def _entity_passages_by_article(self) -> dict[str, dict[str, tuple[Passage, ...]]]:
        grouped: dict[str, dict[str, list[Passage]]] = {}
        for entity_id, passages in self.entity_passages.items():
            for passage in passages:
                grouped.setdefault(entity_id, {}).setdefault(passage.article_id, []).append(passage)
        return {e: {a: tuple(found) for a, found in by_article.items()} for e, by_article in grouped.items()}

    @functools.cached_property
    def entities_with_pages(self) -> frozenset[str]:
        """The entities some article mentions: those that have a page (asked by every page's local graph)."""
        return frozenset(e for e, articles in self.entity_articles.items() if articles)
