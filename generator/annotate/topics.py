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
    phrases: dict[str, tuple[Phrase, ...]]  # topic id -> phrases
    excluded: dict[str, tuple[Phrase, ...]]
    figure_units: dict[str, frozenset[str]]  # topic id -> units whose figures are evidence

    def classify(self, block: Block, language: str, figures: list[Figure] = ()) -> list[TopicHit]:
        if block.kind == "heading":
            return []
        words = tokens(block.text)
        stemmed = [stem(w, language) for w in words]
        hits = []
        for topic_id, phrases in self.phrases.items():
            if any(_find(stemmed, p.stems) for p in self.excluded.get(topic_id, ())):
                continue
            score, evidence = 0.0, []
            for phrase in phrases:
                at = _find(stemmed, phrase.stems)
                if at is None:
                    continue
                written = " ".join(words[at:at + len(phrase.stems)])
                if written in evidence:
                    continue
                score += phrase.weight
                evidence.append(written)
            units = self.figure_units.get(topic_id, frozenset())
            figure = next((f for f in figures if f.unit in units), None)
            if figure is not None:  # one figure's worth of evidence, however many there are
                score += KEYWORD_WEIGHT
                evidence.append(figure.text)
            if score >= BLOCK_THRESHOLD:
                hits.append(TopicHit(topic_id, block.id, round(score, 2), tuple(evidence)))
        return hits


def topic_matcher(topics: tuple[Topic, ...]) -> TopicMatcher:
    phrases, excluded = {}, {}
    for topic in topics:
        found: dict[tuple[str, ...], Phrase] = {}
        for weight, words in ((ALIAS_WEIGHT, topic.aliases), (KEYWORD_WEIGHT, topic.keywords)):
            for written in words:
                for language in LANGUAGES:
                    key = tuple(stem(w, language) for w in tokens(written))
                    if key and key not in found:
                        found[key] = Phrase(key, weight, written)
        # longer phrases first, so that "open source" is evidence before "source"
        phrases[topic.id] = tuple(sorted(found.values(), key=lambda p: (-len(p.stems), p.written)))
        excluded[topic.id] = tuple(Phrase(tuple(stem(w, lang) for w in tokens(x)), 0, x)
                                   for x in topic.exclude for lang in LANGUAGES)
    units = {topic.id: frozenset(topic.figure_units) for topic in topics}
    return TopicMatcher(phrases=phrases, excluded=excluded, figure_units=units)


def article_topics(hits: list[TopicHit], topics: tuple[Topic, ...]) -> tuple[tuple[str, float], ...]:
    """Article-level topics: the topics of its paragraphs, weighted by score, best first (ties by topic order)."""
    totals: dict[str, float] = {}
    for hit in hits:
        totals[hit.topic_id] = totals.get(hit.topic_id, 0.0) + hit.score
    order = {t.id: i for i, t in enumerate(topics)}
    return tuple(sorted(((t, round(s, 2)) for t, s in totals.items()), key=lambda x: (-x[1], order.get(x[0], 0))))


def _find(words: list[str], phrase: tuple[str, ...]) -> int | None:
    size = len(phrase)
    for index in range(len(words) - size + 1):
        if tuple(words[index:index + size]) == phrase:
            return index
    return None
