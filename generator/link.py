"""The link stage: corpus-wide indexes over the resolved articles.

    topic   -> the passages filed under it (with their evidence) and its articles, by relevance
    entity  -> the passages that mention it and its articles (a version's mentions count for its family)
    related -> articles that share topics and entities; topics, entities that occur together; coverage by month

Which names are which entity was decided by `resolve`; this only indexes.
"""
from __future__ import annotations

import contextlib
import functools
import heapq
import math
from collections import Counter
from datetime import date

from .beside import Beside
from .model import AnnotatedArticle, Corpus, Figure, Knowledge, Passage, Problem, Quote, Related
from .resolve import Resolution


def link(resolution: Resolution, problems: tuple[Problem, ...] = (), beside: bool = False) -> Corpus:
    """Index the resolved articles: nothing is decided here about what a name is (that is `resolve`). `beside`: the
    related articles (the longest of the indexes: 2.6 s at ten thousand articles) are found in a copy of this process
    (`beside.py`), on a second core, from the moment each article's entities are counted, while this one makes the
    passages and the other indexes."""
    knowledge = resolution.knowledge
    ordered = tuple(sorted(resolution.articles, key=lambda a: (a.article.published or "", a.id), reverse=True))
    # Most mentioned first; ties in order of first mention (sorted is stable).
    counts = {a.id: tuple(sorted(a.entity_counts(knowledge), key=lambda kv: -kv[1])) for a in ordered}
    find_related = functools.partial(related_articles, ordered, knowledge, counts)
    with Beside(find_related) if beside else contextlib.nullcontext() as copy:
        topic_passages, entity_passages, named_in = _passages(ordered, knowledge)
        entity_articles: dict[str, list[str]] = {}
        for article_id, found in counts.items():
            for entity_id, _count in found:
                entity_articles.setdefault(entity_id, []).append(article_id)
        by_id = {a.id: a for a in ordered}
        topic_articles = _by_relevance(ordered, [topic.id for topic in knowledge.topics])
        topics_of = {a.id: tuple(t for t, _ in a.topics) for a in ordered}
        published = {a.id: a.article.published for a in ordered}
        indexes = dict(
            related_topics=_cooccurring({t: set(a) for t, a in topic_articles.items()}),
            entity_neighbours=_cooccurring({e: set(a) for e, a in entity_articles.items()}),
            topic_entities=_shared_passages(topic_passages, named_in),
            entity_topics={e: _topics_of(a, topics_of) for e, a in entity_articles.items()},
            months=_months(ordered),
            key_passages={t: _key_passages(p) for t, p in topic_passages.items()},
            topic_money={t: _money(p, by_id) for t, p in topic_passages.items()},
            quotes_by=_quotes_by(ordered),
            month_counts={"site": _month_counts(published, published),
                          **{f"topic:{t}": _month_counts(ids, published) for t, ids in topic_articles.items()}},
            periods={**{f"topic:{t}": p for t, ids in topic_articles.items() if (p := _period(ids, published))},
                     **{f"entity:{e}": p for e, ids in entity_articles.items() if (p := _period(ids, published))}},
        )
        given, related = copy.result() if copy is not None else (False, None)
    return Corpus(
        articles=ordered,
        knowledge=knowledge,
        topic_passages={k: tuple(v) for k, v in topic_passages.items()},
        topic_articles=topic_articles,
        entity_passages={k: tuple(v) for k, v in entity_passages.items()},
        entity_articles={k: tuple(v) for k, v in entity_articles.items()},
        unreviewed=resolution.unreviewed,
        merges=resolution.merges,
        proposals=resolution.proposals,
        related_articles=related if given else find_related(),  # the copy gave nothing back: found here
        article_entities=counts,
        problems=problems,
        **indexes,
    )


BlockKey = tuple[str, str]  # (article id, block id)


def _passages(ordered: tuple[AnnotatedArticle, ...], knowledge: Knowledge
              ) -> tuple[dict[str, list[Passage]], dict[str, list[Passage]], dict[BlockKey, list[str]]]:
    """Each topic's passages and each entity's (a version's mentions count for its family), newest articles first,
    in reading order within one, and the entities each block names, each once."""
    topic_passages: dict[str, list[Passage]] = {t.id: [] for t in knowledge.topics}
    entity_passages: dict[str, list[Passage]] = {}
    named_in: dict[BlockKey, list[str]] = {}
    for annotated in ordered:
        block_of = {b.id: b for b in annotated.article.annotated_blocks}
        for hit in annotated.topic_hits:
            block = block_of[hit.block_id]
            topic_passages.setdefault(hit.topic_id, []).append(
                Passage(annotated.id, hit.block_id, block.text, hit.evidence, hit.score, block.position))
        seen: set[tuple[str, str]] = set()
        for mention in sorted(annotated.mentions, key=lambda m: (block_of[m.block_id].position, m.start)):
            for entity_id in knowledge.lineage(mention.entity_id):
                if (entity_id, mention.block_id) not in seen:
                    seen.add((entity_id, mention.block_id))
                    block = block_of[mention.block_id]
                    entity_passages.setdefault(entity_id, []).append(
                        Passage(annotated.id, mention.block_id, block.text, (mention.text,), 0.0, block.position))
                    named_in.setdefault((annotated.id, mention.block_id), []).append(entity_id)
    return topic_passages, entity_passages, named_in


def _by_relevance(articles: tuple[AnnotatedArticle, ...], topic_ids: list[str]) -> dict[str, tuple[str, ...]]:
    """Each topic's articles, the most relevant first (then by id)."""
    scored: dict[str, list[tuple[float, str]]] = {topic_id: [] for topic_id in topic_ids}
    for annotated in articles:
        for topic_id, score in dict(annotated.topics).items():  # an article's topics, each once
            if score > 0 and topic_id in scored:
                scored[topic_id].append((-score, annotated.id))
    return {topic_id: tuple(article_id for _score, article_id in sorted(found)) for topic_id, found in scored.items()}


RELATED_LIMIT = 6
NEIGHBOURS = 20  # articles a shared topic or entity relates each of its articles to, the nearest in time
RARITY_SCALE = 1024  # a feature's weight: log(1 + RARITY_SCALE / articles that have it), as an IDF over 1,024 articles
NEIGHBOUR_LIMIT = 8
KEY_PASSAGES = 5
MONEY_LIMIT = 15
QUOTES_LIMIT = 30


def _key_passages(passages: list[Passage]) -> tuple[Passage, ...]:
    """The strongest passage of each article (the first one on a tie), strongest first, so that one article
    does not fill them."""
    best: dict[str, Passage] = {}
    for passage in passages:
        kept = best.get(passage.article_id)
        if kept is None or (passage.score, -passage.position) > (kept.score, -kept.position):
            best[passage.article_id] = passage
    return tuple(sorted(best.values(), key=lambda p: (-p.score, p.article_id))[:KEY_PASSAGES])


def _money(passages: list[Passage], articles: dict[str, AnnotatedArticle]) -> tuple[tuple[str, Figure], ...]:
    """The largest amounts of money cited in a topic's passages, each once."""
    wanted = {(p.article_id, p.block_id) for p in passages}
    found = [(a_id, f) for a_id in dict.fromkeys(p.article_id for p in passages) for f in articles[a_id].figures
             if f.kind == "money" and f.value and (a_id, f.block_id) in wanted]
    return tuple(sorted(found, key=lambda af: (-af[1].value, af[0], af[1].text))[:MONEY_LIMIT])


def _month_counts(article_ids, published: dict[str, str | None]) -> tuple[tuple[str, int], ...]:
    counts = Counter(d[:7] for d in map(published.__getitem__, article_ids) if d)
    return tuple(sorted(counts.items()))


def _period(article_ids, published: dict[str, str | None]) -> tuple[str, str, int] | None:
    """The first and last dates of publication of some articles (those that carry one), and how many carry none."""
    dates = [d for d in map(published.__getitem__, article_ids) if d]
    return (min(dates), max(dates), len(article_ids) - len(dates)) if dates else None


def _quotes_by(articles: tuple[AnnotatedArticle, ...]) -> dict[str, tuple[tuple[str, Quote], ...]]:
    """What each entity is quoted saying, newest articles first."""
    said: dict[str, list[tuple[str, Quote]]] = {}
    for annotated in articles:
        for quote in annotated.quotes:
            if quote.speaker_entity:
                said.setdefault(quote.speaker_entity, []).append((annotated.id, quote))
    return {entity_id: tuple(quotes[:QUOTES_LIMIT]) for entity_id, quotes in said.items()}


def related_articles(articles: tuple[AnnotatedArticle, ...], knowledge: Knowledge,
                     entity_counts: dict[str, tuple[tuple[str, int], ...]] | None = None) -> dict[str, tuple[Related, ...]]:
    """For each article, the ones that share the most with it: topics, and entities weighted by rarity (two
    articles that both name Odense share a lot). Only what is specific counts: a topic or an entity that a quarter
    of the corpus shares (Meta, in a corpus about Meta) relates nothing, so an article may have no related ones. One
    that many articles share relates each of them to those published nearest in time (NEIGHBOURS in all): the same
    news cycle, and pairs that grow with the corpus, not with its square.

    Between equally close articles, the one published nearest in time comes first (the same week's coverage before
    last year's), then the first by id. Rarity is counted as of the later of the two articles, as topic detection
    and tracking counts its incremental IDF over the stream so far: the articles that have the feature among those
    published by then (on a coarse scale: rounded down to a power of two, or one and a half times one, against a
    fixed scale). So the weight of what two articles share never changes when newer articles come: a day's articles
    change the related lists of the articles they are close to, not of every article that shares a name with them,
    every page of which would be made again (counted over the whole corpus, a name's weight changed for all of its
    articles each time its count crossed a step). Undated articles count every article. The quarter is counted over
    the whole corpus, not as of then: the first weeks of an archive are often one story, whose names are in every
    article published by then, and they relate those articles to each other.
    `entity_counts`: each article's entities (`AnnotatedArticle.entity_counts`), when the caller has them."""
    features: dict[str, set[str]] = {
        a.id: {f"topic:{t}" for t, _ in a.topics} | {f"entity:{e}" for e, _ in (
            entity_counts[a.id] if entity_counts is not None else a.entity_counts(knowledge))}
        for a in articles
    }
    day = {a.id: _day(a.article.published) for a in articles}
    published = sorted(features, key=lambda i: (day[i] is None, day[i] or 0, i))  # in order of publication
    holders: dict[str, list[str]] = {}
    for article_id in published:
        for feature in features[article_id]:
            holders.setdefault(feature, []).append(article_id)
    quarter = max(2, len(articles) // 4)
    # weights[feature][n]: what the feature weighs for a pair whose later article is its n-th holder.
    weights = {f: _weights_so_far(f, ids, day) for f, ids in sorted(holders.items()) if len(ids) <= quarter}
    place = {f: {article_id: n for n, article_id in enumerate(holders[f])} for f in weights}
    reach = NEIGHBOURS // 2
    scores: dict[str, dict[str, float]] = {article_id: {} for article_id in features}
    for feature, gains in weights.items():  # the same order of addition for every pair's score
        ids = holders[feature]
        for position, one in enumerate(ids):
            gain = gains[position]
            score = scores[one]
            for other in ids[max(0, position - reach):position]:  # each pair once, both ways
                score[other] = score.get(other, 0.0) + gain
                scores[other][one] = scores[other].get(one, 0.0) + gain

    said: dict[tuple[str, str], tuple[str, ...]] = {}

    def shared(one: str, other: str) -> tuple[str, ...]:  # what two related articles have in common, rarest first
        pair = (one, other) if one < other else (other, one)  # both lists show it: found once
        if (known := said.get(pair)) is not None:
            return known
        found = []
        for feature in features[one] & features[other] & weights.keys():
            first, second = sorted((place[feature][one], place[feature][other]))
            if second - first <= reach:
                found.append((-weights[feature][second], feature))
        said[pair] = tuple(feature for _gain, feature in sorted(found))
        return said[pair]

    def apart(one: str, other: str) -> int:  # days between two articles; undated ones after every dated one
        return abs(day[one] - day[other]) if day[one] is not None and day[other] is not None else _UNDATED

    related: dict[str, list[str]] = {}
    for article_id in features:
        candidates = scores[article_id]
        if len(candidates) > RELATED_LIMIT:  # only the best scores and their ties are ordered in full
            cutoff = heapq.nlargest(RELATED_LIMIT, candidates.values())[-1] - 1e-6
            candidates = {other: score for other, score in candidates.items() if score >= cutoff}
        best = sorted(candidates.items(), key=lambda kv: (-round(kv[1], 9), apart(article_id, kv[0]), kv[0]))
        related[article_id] = [other for other, _ in best[:RELATED_LIMIT]]
    # An article that lists this one lists it too: one list per page, never two lists of the same articles.
    for article_id, others in list(related.items()):
        for other in others:
            if article_id not in related[other]:
                related[other].append(article_id)
    return {article_id: tuple(Related(other, shared(article_id, other)) for other in others[:2 * RELATED_LIMIT])
            for article_id, others in related.items()}


def _weights_so_far(feature: str, ids: list[str], day: dict[str, int | None]) -> list[float]:
    """The feature's weight as of each of its articles (`ids`, in order of publication): its rarity among the
    articles published by the end of that one's day, those of the same day included (so that the order of a day's
    articles, by id, changes nothing); undated articles, last, count all of them."""
    kind = 2.0 if feature.startswith("topic:") else 1.0
    weights = [0.0] * len(ids)
    position = len(ids)
    while position:  # from the newest: a day's articles count as many as its last one
        holding, last_day = position, day[ids[position - 1]]
        while position and day[ids[position - 1]] == last_day:
            position -= 1
            weights[position] = kind * math.log(1 + RARITY_SCALE / _coarse(holding))
    return weights


_UNDATED = 10 ** 6  # days: farther than any two dated articles


def _coarse(count: int) -> int:
    """`count` rounded down to 1, 2, 3, 4, 6, 8, 12, 16, 24…: a power of two or one and a half times one."""
    if count < 2:
        return max(count, 1)
    power = 1 << (count.bit_length() - 1)
    return power * 3 // 2 if count >= power * 3 // 2 else power


def _day(iso: str | None) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


def _cooccurring(members: dict[str, set[str]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each key, the other keys that share articles with it, with the number shared, most first."""
    by_article: dict[str, list[str]] = {}
    for key, articles in members.items():
        for article_id in articles:
            by_article.setdefault(article_id, []).append(key)
    shared: dict[str, Counter[str]] = {key: Counter() for key in members}
    for keys in by_article.values():
        for key in keys:
            shared[key].update(keys)  # itself too (once per article: a key lists an article once), taken out below
    for key, counter in shared.items():
        counter.pop(key, None)
    return {key: tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:NEIGHBOUR_LIMIT]) for key, c in shared.items()}


def _shared_passages(topic_passages: dict[str, list[Passage]],
                     named_in: dict[BlockKey, list[str]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each topic, the entities named in its passages, with how many of those passages name them."""
    shared = {}
    for topic_id, passages in topic_passages.items():
        counts = Counter(entity_id for block in {(p.article_id, p.block_id) for p in passages}
                         for entity_id in named_in.get(block, ()))
        shared[topic_id] = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:NEIGHBOUR_LIMIT])
    return shared


def _topics_of(article_ids: list[str], topics_of: dict[str, tuple[str, ...]]) -> tuple[tuple[str, int], ...]:
    """The topics of some articles, with how many of them have each, most first. The articles are counted by their
    tuple of topics first: an entity's articles (ten thousand of Meta's) have few different ones."""
    counts: Counter[str] = Counter()
    for topics, how_many in Counter(map(topics_of.__getitem__, article_ids)).items():
        for topic_id in topics:
            counts[topic_id] += how_many
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _months(articles: tuple[AnnotatedArticle, ...]) -> dict[str, tuple[str, ...]]:
    """"YYYY-MM" -> the articles published that month, oldest month first; undated articles are left out."""
    months: dict[str, list[str]] = {}
    for annotated in sorted(articles, key=lambda a: (a.article.published or "", a.id)):
        if annotated.article.published:
            months.setdefault(annotated.article.published[:7], []).append(annotated.id)
    return {m: tuple(ids) for m, ids in months.items()}
