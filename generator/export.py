"""The annotation export: everything the generator knows about a corpus, as one JSON document.

Its keys are a public interface (see docs/export.md and the evaluator that reads them): add keys freely, never
rename or drop one without raising `schema`.
"""
from __future__ import annotations

import json

from . import paths
from .model import AnnotatedArticle, Corpus

SCHEMA = 1


def export(corpus: Corpus) -> dict:
    entities = {e.id: e for e in corpus.knowledge.entities}
    return {
        "schema": SCHEMA,
        "articles": [_article(a, corpus, entities) for a in sorted(corpus.articles, key=lambda a: a.article.source)],
        "topics": [
            {"id": t.id, "title": t.title, "url": paths.item_url(paths.TOPICS, t.id), "source": t.source,
             "articles": list(corpus.topic_articles.get(t.id, ()))}
            for t in corpus.knowledge.topics
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "url": paths.item_url(paths.ENTITIES, e.id), "source": e.source,
             "reviewed": e.reviewed, "articles": list(corpus.entity_articles.get(e.id, ()))}
            for e in corpus.knowledge.entities if corpus.entity_articles.get(e.id)
        ],
        "unreviewed": [  # names no knowledge file lists: not entities until someone reviews them
            {"name": n.name, "type": n.type, "cues": list(n.cues), "articles": list(n.articles)}
            for n in corpus.unreviewed
        ],
        "problems": [str(p) for p in corpus.problems],
    }


def _article(annotated: AnnotatedArticle, corpus: Corpus, entities: dict) -> dict:
    article = annotated.article
    hits: dict[str, list] = {}
    for hit in annotated.topic_hits:
        hits.setdefault(hit.block_id, []).append({"id": hit.topic_id, "score": hit.score, "evidence": list(hit.evidence)})
    mentioned: dict[str, list[str]] = {}
    for mention in annotated.mentions:
        ids = mentioned.setdefault(mention.block_id, [])
        if mention.entity_id not in ids:
            ids.append(mention.entity_id)
    return {
        "id": article.id,
        "source": article.source,
        "url": paths.item_url(paths.ARTICLES, article.id),
        "title": article.title,
        "title_derived": article.title_derived,
        "language": article.language,
        "published": article.published,
        "source_url": article.source_url,
        "outlet": article.outlet,
        "author": article.author,
        "repairs": list(article.repairs),
        "topics": [{"id": t, "score": s} for t, s in annotated.topics],
        "entities": [
            {"id": i, "name": entities[i].name, "type": entities[i].type, "mentions": n, "reviewed": entities[i].reviewed}
            for i, n in annotated.entity_counts(corpus.knowledge)
        ],
        "figures": [{"text": f.text, "value": f.value, "unit": f.unit, "kind": f.kind, "block": f.block_id,
                     "noun": f.noun, "decimals": f.decimals} for f in annotated.figures],
        "quotes": [{"text": q.text, "speaker": q.speaker, "speaker_entity": q.speaker_entity, "role": q.role,
                    "block": q.block_id} for q in annotated.quotes],
        "blocks": [
            {"id": b.id, "kind": b.kind, "text": b.text, "topics": hits.get(b.id, []), "entities": mentioned.get(b.id, []),
             **({"speaker": b.speaker} if b.speaker else {}), **({"cells": list(b.cells)} if b.cells else {})}
            for b in article.blocks
        ],
        "dropped": [{"text": d.text, "reason": d.reason} for d in article.dropped],
        "unreviewed": [{"name": c.name, "type": c.type, "cue": c.cue, "block": c.block_id} for c in annotated.candidates],
    }


def dumps(corpus: Corpus) -> str:
    return json.dumps(export(corpus), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
