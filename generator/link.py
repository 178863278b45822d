"""The link stage: corpus-wide indexes over the annotated articles.

    topic   -> the passages filed under it (with their evidence) and its articles, by relevance
    entity  -> the passages that mention it and its articles (a version's mentions count for its family)
    name    -> for names no knowledge file lists: their passages, for the review page
"""
from __future__ import annotations

from .annotate import article_entities, lineage
from collections import Counter

from .model import AnnotatedArticle, Corpus, Knowledge, Passage, Problem, UnreviewedName


def link(articles: list[AnnotatedArticle], knowledge: Knowledge, problems: tuple[Problem, ...] = ()) -> Corpus:
    entities = {e.id: e for e in knowledge.entities}
    ordered = tuple(sorted(articles, key=lambda a: (a.article.published or "", a.id), reverse=True))
    topic_passages: dict[str, list[Passage]] = {t.id: [] for t in knowledge.topics}
    entity_passages: dict[str, list[Passage]] = {}
    entity_articles: dict[str, list[str]] = {}
    for annotated in ordered:
        text_of = {b.id: b.text for b in annotated.article.blocks}
        for hit in annotated.topic_hits:
            topic_passages.setdefault(hit.topic_id, []).append(
                Passage(annotated.id, hit.block_id, text_of[hit.block_id], hit.evidence, hit.score))
        seen: set[tuple[str, str]] = set()
        for mention in annotated.mentions:
            for entity_id in lineage(mention.entity_id, entities):
                if (entity_id, mention.block_id) not in seen:
                    seen.add((entity_id, mention.block_id))
                    entity_passages.setdefault(entity_id, []).append(
                        Passage(annotated.id, mention.block_id, text_of[mention.block_id], (mention.text,)))
        for entity_id, _count in article_entities(annotated, entities):
            entity_articles.setdefault(entity_id, []).append(annotated.id)
    topic_articles = {
        topic.id: tuple(_by_relevance(ordered, topic.id)) for topic in knowledge.topics
    }
    return Corpus(
        articles=ordered,
        knowledge=knowledge,
        topic_passages={k: tuple(v) for k, v in topic_passages.items()},
        topic_articles=topic_articles,
        entity_passages={k: tuple(v) for k, v in entity_passages.items()},
        entity_articles={k: tuple(v) for k, v in entity_articles.items()},
        unreviewed=unreviewed_names(ordered),
        problems=problems,
    )


def _by_relevance(articles: tuple[AnnotatedArticle, ...], topic_id: str) -> list[str]:
    scored = [(dict(a.topics).get(topic_id, 0.0), a.id) for a in articles]
    return [article_id for score, article_id in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]


def unreviewed_names(articles: tuple[AnnotatedArticle, ...]) -> tuple[UnreviewedName, ...]:
    """Every unlisted name once, with its passages; the type is the one most articles gave it."""
    passages: dict[str, list[Passage]] = {}
    types: dict[str, Counter[str]] = {}
    cues: dict[str, dict[str, None]] = {}
    for annotated in articles:
        text_of = {b.id: b.text for b in annotated.article.blocks}
        for candidate in annotated.candidates:
            name = candidate.name
            if not any(p.article_id == annotated.id and p.block_id == candidate.block_id for p in passages.get(name, ())):
                passages.setdefault(name, []).append(Passage(annotated.id, candidate.block_id, text_of[candidate.block_id], (name,)))
            types.setdefault(name, Counter())[candidate.type] += 1
            if candidate.cue:
                cues.setdefault(name, {})[candidate.cue] = None
    names = [
        UnreviewedName(name, min(types[name].items(), key=lambda kv: (-kv[1], kv[0]))[0],
                       tuple(cues.get(name, {})), tuple(found))
        for name, found in passages.items()
    ]
    return tuple(sorted(names, key=lambda n: (-len(n.articles), -len(n.passages), n.name)))
