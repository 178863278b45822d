"""Topics per paragraph, with the evidence that made the call.

A topic's aliases and keywords are compared on stems (Snowball, French and English), so "investi",
"investissements", "investment" and "invested" all meet "investissement". An alias is strong evidence
(1 point), a keyword weaker (0.5), and so is a figure in one of the topic's units (an amount in dollars for
investments): a paragraph is filed under a topic from 1 point. Headings are not
classified and give nothing to the paragraphs under them: a paragraph is judged on its own words. An
article's topics follow from its paragraphs.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Block, Figure, Topic, TopicHit
from .text import stem, tokens

ALIAS_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.5
BLOCK_THRESHOLD = 1.0
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Phrase:
    stems: tuple[str, ...]
    weight: float
    written: str


@dataclass(frozen=True)
class TopicMatcher:
    # first stem -> (topic id, phrase), longest phrases first: a paragraph is read once, whatever the topics
    by_first_stem: dict[str, tuple[tuple[str, Phrase], ...]]
    excluded: dict[str, tuple[Phrase, ...]]
    figure_units: dict[str, frozenset[str]]  # topic id -> units whose figures are evidence

    def classify(self, block: Block, language: str, figures: list[Figure] = ()) -> list[TopicHit]:
        if block.kind == "heading":
            return []
        words = tokens(block.text)
        stemmed = [stem(w, language) for w in words]
        # topic -> {written phrase: (start, end, weight)}: a phrase counts once; a match inside a longer one
        # ("superintelligence" in "personal superintelligence") adds nothing but may raise its weight
        matched: dict[str, dict[str, list]] = {}
        for index, first in enumerate(stemmed):
            for topic_id, phrase in self.by_first_stem.get(first, ()):
                end = index + len(phrase.stems)
                if tuple(stemmed[index:end]) != phrase.stems:
                    continue
                spans = matched.setdefault(topic_id, {})
                written = " ".join(words[index:end])
                outer = next((span for span in spans.values() if span[0] <= index and end <= span[1]), None)
                if outer is not None:
                    outer[2] = max(outer[2], phrase.weight)
                elif written not in spans:
                    spans[written] = [index, end, phrase.weight]
        scores = {t: sum(span[2] for span in spans.values()) for t, spans in matched.items()}
        evidence = {t: list(spans) for t, spans in matched.items()}
        hits = []
        for topic_id in self.figure_units:  # topic order, for stable output
            if any(_contains(stemmed, p.stems) for p in self.excluded.get(topic_id, ())):
                continue
            score, found = scores.get(topic_id, 0.0), evidence.get(topic_id, [])
            figure = next((f for f in figures if f.unit in self.figure_units[topic_id]), None)
            if figure is not None:  # one figure's worth of evidence, however many there are
                score += KEYWORD_WEIGHT
                found = [*found, figure.text]
            if score >= BLOCK_THRESHOLD:
                hits.append(TopicHit(topic_id, block.id, round(score, 2), tuple(found)))
        return hits


def matching_fields(topics: tuple[Topic, ...]) -> tuple:
    """What `topic_matcher` and `article_topics` read of the topic files, in their order: the key of the topics
    cached per article. An edit of anything else (a topic's introduction, its title) matches nothing again."""
    return tuple((t.id, t.aliases, t.keywords, t.exclude, t.figure_units) for t in topics)


def topic_matcher(topics: tuple[Topic, ...]) -> TopicMatcher:
    by_first_stem: dict[str, list[tuple[str, Phrase]]] = {}
    excluded = {}
    for topic in topics:
        found: dict[tuple[str, ...], Phrase] = {}
        for weight, words in ((ALIAS_WEIGHT, topic.aliases), (KEYWORD_WEIGHT, topic.keywords)):
            for written in words:
                for language in LANGUAGES:
                    key = tuple(stem(w, language) for w in tokens(written))
                    if key and key not in found:
                        found[key] = Phrase(key, weight, written)
        for phrase in found.values():
            by_first_stem.setdefault(phrase.stems[0], []).append((topic.id, phrase))
        excluded[topic.id] = tuple(Phrase(tuple(stem(w, lang) for w in tokens(x)), 0, x)
                                   for x in topic.exclude for lang in LANGUAGES)
    ordered = {first: tuple(sorted(entries, key=lambda e: (-len(e[1].stems), e[0], e[1].written)))
               for first, entries in by_first_stem.items()}
    units = {topic.id: frozenset(topic.figure_units) for topic in topics}
    return TopicMatcher(by_first_stem=ordered, excluded=excluded, figure_units=units)


def article_topics(hits: list[TopicHit], topics: tuple[Topic, ...]) -> tuple[tuple[str, float], ...]:
    """Article-level topics: the topics of its paragraphs, weighted by score, best first (ties by topic order)."""
    totals: dict[str, float] = {}
    for hit in hits:
        totals[hit.topic_id] = totals.get(hit.topic_id, 0.0) + hit.score
    order = {t.id: i for i, t in enumerate(topics)}
    return tuple(sorted(((t, round(s, 2)) for t, s in totals.items()), key=lambda x: (-x[1], order.get(x[0], 0))))


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[index:index + size]) == phrase for index in range(len(words) - size + 1))
