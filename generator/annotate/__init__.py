"""The annotate stage: an `Article` in, an `AnnotatedArticle` out.

    entities  known names and aliases from knowledge/entities/*.yml
    figures   money, counts with units, percentages, with normalised values
    quotes    block quotes with their attribution, and quotations with a speech verb
    names     proper names that no knowledge file lists yet, for review
    topics    per paragraph, on stems, with the words that matched as evidence

`Annotator` compiles the knowledge once (one regular expression for all entity names, stemmed topic
phrases); annotating an article is then a pure function of the article.
"""
from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import Callable

from ..lang import LANGUAGES
from ..lang.lexicon import keep_index_in
from ..model import (AnnotatedArticle, Article, Block, Candidate, Entity, Knowledge, Mention, Problem, Quote,
                     per_block)
from .entities import EntityMatcher, entity_matcher, implied_mentions
from .figures import find_figures
from .names import find_abbreviations, find_candidates, is_person_name
from .ner import NamedSpan, find_named_spans, keep_patterns_in, load_models, model_name
from .quotes import find_quotes
from .topics import TopicMatcher, article_topics, matching_fields, topic_matcher


@dataclass(frozen=True)
class Annotator:
    knowledge: Knowledge
    entities: dict[str, Entity]
    entity_matcher: EntityMatcher
    topic_matcher: TopicMatcher
    entity_types: dict[str, str]
    first_names: frozenset[str]  # of the people listed: a cue that an unlisted name is a person

    def __call__(self, article: Article) -> AnnotatedArticle:
        return self.with_topics(self.analyse(article))

    def analyse(self, article: Article, named: tuple[NamedSpan, ...] | None = None) -> AnnotatedArticle:
        """Everything but the topics: what depends on the entities of the knowledge files (and on the named entity
        model, whose spans `named` may bring from the cache)."""
        blocks = article.annotated_blocks  # the title too: names in a headline are names of the article
        mentions = [m for block in blocks for m in self.entity_matcher.find(block)]
        figures = [f for block in article.blocks for f in find_figures(block, article.language)]
        if article.language not in LANGUAGES:  # no model, no word lists: what works for any language only
            return AnnotatedArticle(article=article, mentions=tuple(mentions), figures=tuple(figures))
        if named is None:
            named = find_named_spans(blocks, article.language)
        mentions += implied_mentions(blocks, mentions, self.entities)
        candidates = find_candidates(blocks, mentions, self.entity_types, self.first_names, named, article.language)
        mentions = _outside_longer_names(mentions, candidates)
        quotes = find_quotes(article.blocks, mentions, self.entities, self.names_in, candidates, article.language)
        mentions += _speakers_as_mentions(quotes, mentions, article)
        return AnnotatedArticle(
            article=article,
            mentions=tuple(mentions),
            figures=tuple(figures),
            quotes=tuple(quotes),
            candidates=tuple(candidates + _unknown_speakers(quotes, candidates)),
            abbreviations=tuple(find_abbreviations(blocks)),
        )

    def with_topics(self, annotated: AnnotatedArticle) -> AnnotatedArticle:
        """The topics of each paragraph, from the topic files: cached apart from the rest (`annotate_all`), so that
        a topic edit re-matches topics without waiting for the rest."""
        article = annotated.article
        figures_in = per_block(annotated.figures)
        hits = [h for block in article.blocks
                for h in self.topic_matcher.classify(block, article.language, figures_in.get(block.id, []))]
        return replace(annotated, topic_hits=tuple(hits), topics=article_topics(hits, self.knowledge.topics))

    def names_in(self, text: str) -> list[str]:
        return [m.entity_id for m in self.entity_matcher.find(Block(id="", kind="paragraph", text=text))]


def _outside_longer_names(mentions: list[Mention], candidates: list[Candidate]) -> list[Mention]:
    """A listed name inside a longer name is that longer name's ("France" in "Radio France", "Tour de France 2016"):
    the longest name wins, as in the entity matcher. A longer name holds a mention when one that starts before it
    reaches its end, or one that starts with it goes further: found by bisection on where the names of its block
    start (a block of thousands of names and mentions made asking each name for each mention quadratic)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for c in candidates:
        spans.setdefault(c.block_id, []).append((c.start, c.end))
    starts, reach = {}, {}  # by block: where the names start, in order, and the furthest end of those up to each
    for block_id, found in spans.items():
        found.sort()
        starts[block_id], reach[block_id] = [s for s, _ in found], list(accumulate((e for _, e in found), max))

    def inside_a_longer_name(m: Mention) -> bool:
        if m.block_id not in starts:
            return False
        before, at_or_before = bisect_left(starts[m.block_id], m.start), bisect_right(starts[m.block_id], m.start)
        return (before > 0 and reach[m.block_id][before - 1] >= m.end) or \
            (at_or_before > 0 and reach[m.block_id][at_or_before - 1] > m.end)

    return [m for m in mentions if not inside_a_longer_name(m)]


def _speakers_as_mentions(quotes: list[Quote], mentions: list[Mention], article: Article) -> list[Mention]:
    """The speaker of a block quote is named in its attribution line: the article mentions them there."""
    kinds = {b.id: b.kind for b in article.blocks}
    named = {(m.entity_id, m.block_id) for m in mentions}
    return [Mention(q.speaker_entity, q.block_id, 0, 0, q.speaker or "", in_attribution=True)
            for q in quotes
            if q.speaker_entity and kinds.get(q.block_id) == "quote" and (q.speaker_entity, q.block_id) not in named]


def _unknown_speakers(quotes: list[Quote], candidates: list[Candidate]) -> list[Candidate]:
    """A speaker that no knowledge file lists, written as a name ("Jane Doe", not "porte-parole de Meta"), is a
    person to review, unless the article's names already hold them."""
    known = {c.name for c in candidates}
    return [Candidate(q.speaker, "person", q.block_id, 0, 0, cue="attribution")
            for q in quotes if q.speaker and not q.speaker_entity and q.speaker not in known and is_person_name(q.speaker)]


def language_problems(articles) -> tuple[Problem, ...]:
    """A warning for each article in a language the annotators have no model or word lists for: it is still read
    and published, with its structure, its figures written in digits and the names the knowledge files list."""
    from babel import Locale

    def name(code: str) -> str:
        try:
            return Locale.parse("fr").languages.get(code, code)
        except ValueError:
            return code

    return tuple(Problem(a.source, f"written in {name(a.language)} ({a.language}), a language the annotators have "
                                   f"no model for: only its structure, its figures in digits and the names of the "
                                   f"knowledge files are annotated (no other names, no quotes)", severity="warning")
                 for a in articles if a.language not in LANGUAGES)


def annotator(knowledge: Knowledge) -> Annotator:
    return Annotator(
        knowledge=knowledge,
        entities={e.id: e for e in knowledge.entities},
        entity_matcher=entity_matcher(knowledge.entities),
        topic_matcher=topic_matcher(knowledge.topics),
        entity_types={e.id: e.type for e in knowledge.entities},
        first_names=frozenset(e.name.split()[0] for e in knowledge.entities if e.type == "person" and " " in e.name),
    )


def annotate_all(articles: tuple[Article, ...], knowledge: Knowledge, cache=None, executor: str = "serial"
                 ) -> list[AnnotatedArticle]:
    """Every article annotated. What an unchanged article gave with the same entities comes from `cache`; the
    model's names of an unchanged article too, even when the entities changed; the rest runs on `executor`."""
    return annotate_keyed(articles, knowledge, cache, executor)[0]


def annotate_keyed(articles: tuple[Article, ...], knowledge: Knowledge, cache=None, executor: str = "serial",
                   read_from: tuple[str, ...] | None = None) -> tuple[list[AnnotatedArticle], list[str]]:
    """`annotate_all`, and what each annotation was made from (`Corpus.made_from`): its key in the cache (the
    article, the knowledge that annotating reads, the generator's code) and the named entity model of its language,
    which the key leaves out (an annotation is kept across a new model; one made again after it is another). Two
    annotations made from the same are the same: the pages digest an article as that (`page_reads.Digests`), not as
    its ten thousand characters. `read_from`: what each article was read from (`ReadResult.keys`), which with its
    id stands for the article in the key (a digest of ten thousand articles' text costs 1 s at each build)."""
    from .. import cache as caching

    cache = cache or caching.NoCache()
    annotate = annotator(knowledge)
    entities = caching.key("entities", knowledge.entities)
    if read_from is None:
        keys = [caching.key("annotate", entities, article) for article in articles]
    elif len(read_from) != len(articles):
        raise ValueError(f"{len(read_from)} keys of reading for {len(articles)} articles")
    else:
        keys = [caching.key("annotate", entities, "read", read, article.id)
                for read, article in zip(read_from, articles)]
    held = cache.holds(keys)
    # The articles whose annotation is not cached go first to the worker started ahead (`executor.run_later`), which
    # annotates them while this process reads the archive's annotations back from the cache (some 3 s at ten
    # thousand articles), rather than after.
    missing = [i for i, k in enumerate(keys) if k not in held]
    collect = _annotate_later(articles, keys, missing, annotate, cache, executor)
    done = cache.get_many(k for k in keys if k in held)
    # The topics of each article's analysis, cached apart (`_with_topics_all`).
    topics = caching.key("topics", matching_fields(annotate.knowledge.topics))
    topic_keys = [caching.key("topics", topics, k) for k in keys]
    matched = cache.get_many(topic_keys)
    done.update({keys[i]: result for i, result in collect().items()})
    # Annotations the cache held but could not give back (entries another Python wrote): made now.
    unread = [i for i, k in enumerate(keys) if k not in done]
    again = _annotate_later(articles, keys, unread, annotate, cache, executor)
    done.update({keys[i]: result for i, result in again().items()})
    annotated = _with_topics_all([done[k] for k in keys], topic_keys, matched, annotate, cache)
    models = {language: _model_id(language) for language in sorted({a.language for a in articles})}
    return annotated, [f"{topic_key} {models[article.language]}" for topic_key, article in zip(topic_keys, articles)]


def _annotate_later(articles: tuple[Article, ...], keys: list[str], indices: list[int], annotate: Annotator, cache,
                    executor: str) -> Callable[[], dict[int, AnnotatedArticle]]:
    """The annotation of `articles[i]` for each of `indices`, begun on `executor` (`executor.run_later`): the function
    returned gives them by index, once they are in the cache under `keys[i]`. The model's names are looked for where
    the article's annotation is not cached (its text, or the entities, changed): the archive's need no key."""
    from .. import cache as caching
    from ..executor import run_later

    ner_keys = {i: caching.key("ner", _model_id(articles[i].language),
                               [(b.kind, b.text) for b in articles[i].annotated_blocks]) for i in indices}
    named = cache.get_many(ner_keys.values())
    computed = run_later(_analyse_one, [(articles[i], named.get(ner_keys[i])) for i in indices], executor, annotate,
                         ready=True)

    def collect() -> dict[int, AnnotatedArticle]:
        results = computed()
        cache.put_many({keys[i]: result for i, (result, _spans) in zip(indices, results)})
        cache.put_many({ner_keys[i]: spans for i, (_result, spans) in zip(indices, results) if ner_keys[i] not in named})
        return {i: result for i, (result, _spans) in zip(indices, results)}

    return collect


def _with_topics_all(analysed: list[AnnotatedArticle], topic_keys: list[str], matched: dict, annotate: Annotator,
                     cache) -> list[AnnotatedArticle]:
    """The topics of every article: from the cache (`matched`, by `topic_keys`: of its analysis and the topic files)
    while neither the article's analysis nor the topic files changed; matched again (in this process: it is cheap)
    for the articles where either did."""
    result, new = [], {}
    for annotated, topic_key in zip(analysed, topic_keys):
        if topic_key in matched:
            hits, article_topics = matched[topic_key]
            result.append(replace(annotated, topic_hits=hits, topics=article_topics))
        else:
            result.append(annotate.with_topics(annotated))
            new[topic_key] = (result[-1].topic_hits, result[-1].topics)
    cache.put_many(new)
    return result


# A paragraph in each language of `LANGUAGES`, with what the annotators look for: a quotation and its speaker, a
# figure, names. `prepare_annotation` annotates them.
_WARM_UP = {
    "fr": "« Nous investirons 3 millions d'euros à Lyon cette année », a déclaré Marie Dupont, directrice générale "
          "de la Société Exemple, lors d'une conférence de presse. Les analystes estiment que le marché progresse.",
    "en": "\"We will invest $3 million in Boston this year,\" said Mary Smith, chief executive of Example Corp, at a "
          "press conference. Analysts expect the market to keep growing over the next months.",
}


def keep_loaded_in(folder: Path | None) -> None:
    """What loading the models and the lexicons costs, kept from one build to the next in `folder` (the project's
    cache; None: nowhere): the expressions the models compile (`ner.keep_patterns_in`), each language's lexicon read
    (`lexicon.keep_index_in`)."""
    keep_patterns_in(folder)
    keep_index_in(folder)


def prepare_annotation(kept_in: Path | None = None) -> None:
    """What a worker started ahead of its articles does first (`executor.start_ready`): the named entity models
    loaded (what loading them costs kept in `kept_in`: `keep_loaded_in`), and what annotating an article loads or
    compiles the first time (each language's lexicon, the patterns of quotes, names and figures: some 2 s), by
    annotating a paragraph of each language."""
    keep_loaded_in(kept_in)
    load_models()
    annotate = annotator(Knowledge(topics=(), entities=()))
    for code, text in _WARM_UP.items():
        annotate(Article(id="warm-up", source=f"warm-up.{code}", title="", language=code,
                         blocks=(Block("p-1", "paragraph", text),)))


def _analyse_one(annotate: Annotator, job: tuple[Article, tuple | None]) -> tuple[AnnotatedArticle, tuple]:
    article, named = job
    if named is None:
        named = find_named_spans(article.annotated_blocks, article.language)
    return annotate.analyse(article, named), named


@functools.cache
def _model_id(language: str) -> str:
    """The named entity model an article is read with, and its version (a new model is a cache miss). Asked once
    per language: reading a package's metadata takes a millisecond, and this is asked for every article."""
    from importlib.metadata import PackageNotFoundError, version

    name = model_name(language)
    if name is None:
        return "none"
    try:
        return f"{name}=={version(name)}"
    except PackageNotFoundError:
        return f"{name}==none"


__all__ = ["Annotator", "annotator", "annotate_all", "annotate_keyed", "keep_loaded_in", "language_problems", "load_models", "Mention",
           "prepare_annotation"]
