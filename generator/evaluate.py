"""Score an annotated corpus against reference labels (a gold file given by the user).

The gold format is the one of the project's reference labels: per article (by source file name) the title,
metadata, headings, furniture that must not appear, entities, figures, quotes and topics per paragraph (named by
their first words). Numbers in the gold file may be written either way YAML allows ("14.3e9" is read as a
number here, where a YAML 1.1 loader would read a string).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .export import export
from .model import Corpus


def norm(text: object) -> str:
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = value.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u202f", " ")
    value = re.sub(r"^[\s•\-–—*]+", "", value)
    return re.sub(r"\s+", " ", value).strip().casefold()


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    topics: Count = field(default_factory=Count)
    per_topic: dict[str, Count] = field(default_factory=dict)
    article_topics: Count = field(default_factory=Count)
    entities: Count = field(default_factory=Count)
    headings: Count = field(default_factory=Count)
    figures: list[int] = field(default_factory=lambda: [0, 0])
    quotes: list[int] = field(default_factory=lambda: [0, 0])
    titles: list[int] = field(default_factory=lambda: [0, 0])
    metadata: list[int] = field(default_factory=lambda: [0, 0])
    furniture_left: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"topic {t}: P={p:.2f} R={r:.2f} F1={f:.2f}" for t, (p, r, f) in
               sorted((t, c.prf()) for t, c in self.per_topic.items())]
        out += [
            f"article topics: F1={self.article_topics.prf()[2]:.2f}",
            f"entities: P={self.entities.prf()[0]:.2f} R={self.entities.prf()[1]:.2f} F1={self.entities.prf()[2]:.2f}",
            f"headings: P={self.headings.prf()[0]:.2f} R={self.headings.prf()[1]:.2f}",
            f"figures: {self.figures[0]}/{self.figures[1]}  quotes: {self.quotes[0]}/{self.quotes[1]}  "
            f"titles: {self.titles[0]}/{self.titles[1]}  metadata: {self.metadata[0]}/{self.metadata[1]}",
            f"furniture left: {self.furniture_left}",
            f"topic micro P={self.topics.prf()[0]:.2f} R={self.topics.prf()[1]:.2f} F1={self.topics.prf()[2]:.2f}; "
            f"article topic F1={self.article_topics.prf()[2]:.2f}; entity F1={self.entities.prf()[2]:.2f}; "
            f"headings R={self.headings.prf()[1]:.2f}; figures {self.figures[0]}/{self.figures[1]}; "
            f"quotes {self.quotes[0]}/{self.quotes[1]}; furniture left {len(self.furniture_left)}; missing {len(self.missing)}",
        ]
        return out


def load_gold(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_NumberLoader)


class _NumberLoader(yaml.SafeLoader):
    """YAML 1.2 floats: "14.3e9" and "80e9" are numbers."""


_NumberLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:\d[\d_]*)?(?:\.\d*)?[eE][-+]?\d+$"), list("-+0123456789."))


def evaluate(corpus: Corpus, gold: dict) -> Scores:
    scores = Scores()
    articles = {a["source"].split("/")[-1]: a for a in export(corpus)["articles"]}
    for labels in gold.get("articles", []):
        article = articles.get(labels["file"])
        if article is None:
            scores.missing.append(labels["file"])
            continue
        _score_article(article, labels, scores)
    return scores


def _score_article(a: dict, g: dict, s: Scores) -> None:
    blocks = a["blocks"]
    if "title" in g:
        s.titles[1] += 1
        s.titles[0] += norm(a["title"]) == norm(g["title"]) if g["title"] else 0 < len(a["title"]) <= 120
    for key in ("published", "outlet", "source_url", "language"):
        if g.get(key):
            s.metadata[1] += 1
            s.metadata[0] += norm(a.get(key)) == norm(g[key])
    text = norm("\n".join(b["text"] for b in blocks) + "\n" + a["title"])
    s.furniture_left += [f"{g['file']}: {j}" for j in g.get("must_not_appear", []) if norm(j) in text]
    _add(s.headings, {norm(b["text"]) for b in blocks if b["kind"] == "heading"}, {norm(h) for h in g.get("headings", [])})
    got = {norm(e["name"]) for e in a["entities"]}
    want = {norm(e) for e in g.get("entities", [])}
    _add(s.entities, got - {norm(e) for e in g.get("entities_optional", [])} | (got & want), want)
    for figure in g.get("figures", []):
        s.figures[1] += 1
        s.figures[0] += any(f["value"] and abs(f["value"] - float(figure["value"])) <= 0.01 * float(figure["value"])
                            for f in a["figures"])
    for quote in g.get("quotes", []):
        s.quotes[1] += 1
        s.quotes[0] += any(norm(q["text"]).startswith(norm(quote["starts"])) and norm(quote["speaker"]) in norm(q["speaker"])
                           for q in a["quotes"])
    paragraphs = [(norm(p["starts"]), set(p.get("topics", [])), set(p.get("also_ok", []))) for p in g.get("paragraphs", [])]
    for block in blocks:
        if block["kind"] == "heading":
            continue
        got_topics = {t["id"] for t in block["topics"]}
        match = next((p for p in paragraphs if norm(block["text"]).startswith(p[0])), None)
        want_topics, ok = (match[1], match[2]) if match else (set(), set())
        for topic in got_topics - ok:
            counter = s.per_topic.setdefault(topic, Count())
            if topic in want_topics:
                s.topics.tp += 1
                counter.tp += 1
            else:
                s.topics.fp += 1
                counter.fp += 1
        for topic in want_topics - got_topics:
            s.topics.fn += 1
            s.per_topic.setdefault(topic, Count()).fn += 1
    for start, want_topics, _ok in paragraphs:
        if not any(norm(b["text"]).startswith(start) for b in blocks):
            s.topics.fn += len(want_topics)
    article_want = set().union(*(p[1] for p in paragraphs)) if paragraphs else set()
    article_ok = set().union(*(p[2] for p in paragraphs)) if paragraphs else set()
    _add(s.article_topics, {t["id"] for t in a["topics"]} - (article_ok - article_want), article_want)


def _add(count: Count, got: set, want: set) -> None:
    count.tp += len(got & want)
    count.fp += len(got - want)
    count.fn += len(want - got)


@dataclass
class NameScores:
    """How well unlisted names are recognised, measured by hiding listed entities from the knowledge files."""

    correct: list[str] = field(default_factory=list)  # a hidden entity's name, or a name labelled as real
    wrong: list[str] = field(default_factory=list)
    hidden_found: set[str] = field(default_factory=set)
    hidden_mentioned: set[str] = field(default_factory=set)

    @property
    def precision(self) -> float:
        total = len(self.correct) + len(self.wrong)
        return len(self.correct) / total if total else 1.0

    @property
    def recall(self) -> float:
        """Of the hidden entities the articles mention, the share recognised at least once."""
        return len(self.hidden_found) / len(self.hidden_mentioned) if self.hidden_mentioned else 1.0

    def line(self) -> str:
        return (f"unlisted names: precision {self.precision:.2f} ({len(self.correct)}/{len(self.correct) + len(self.wrong)}), "
                f"hidden entities recognised {self.recall:.2f} ({len(self.hidden_found)}/{len(self.hidden_mentioned)})")


def score_unlisted_names(articles: list, knowledge, real_names: set[str], folds: int = 2) -> NameScores:
    """Hide every `folds`-th entity in turn, annotate, and judge what is recognised as unlisted.

    A recognised name is correct when it is an alias of a hidden entity or one of `real_names` (labelled by hand:
    real names that no knowledge file lists); anything else is a mistake. `articles` are read `Article`s.
    """
    from dataclasses import replace

    from .annotate import annotator
    from .annotate.text import fold

    scores = NameScores()
    real = {fold(n).casefold() for n in real_names}
    ordered = sorted(knowledge.entities, key=lambda e: e.id)
    for part in range(folds):
        hidden = [e for i, e in enumerate(ordered) if i % folds == part]
        hidden_alias = {fold(a).casefold(): e.id for e in hidden for a in e.aliases}
        full = annotator(knowledge)
        annotate = annotator(replace(knowledge, entities=tuple(e for e in ordered if e not in hidden)))
        for article in articles:
            scores.hidden_mentioned |= {m.entity_id for m in full(article).mentions} & {e.id for e in hidden}
            for candidate in annotate(article).candidates:
                key = fold(candidate.name).casefold()
                if key in hidden_alias:
                    scores.correct.append(candidate.name)
                    scores.hidden_found.add(hidden_alias[key])
                elif key in real:
                    scores.correct.append(candidate.name)
                else:
                    scores.wrong.append(candidate.name)
    return scores
