"""The graph view's data: articles, topics and entities as nodes, what links them as edges.

Two scales. The corpus graph (`assets/graph.json`, drawn by `docs/assets/javascripts/graph.js` on the graph page)
holds every topic, the entities with a page that most articles name and the latest articles, so that it stays
readable and light however large the corpus grows. The local graph of a page (an article, a topic, an entity)
holds that node and its neighbours, embedded in the page itself.
"""
from __future__ import annotations

import json

from . import paths
from .model import Corpus

CORPUS_ARTICLES = 300  # the latest articles in the corpus graph
CORPUS_ENTITIES = 150  # the entities most articles name
LOCAL_ARTICLES = 8
LOCAL_ENTITIES = 10


def _node(corpus: Corpus, key: str) -> dict:
    kind, _, item_id = key.partition(":")
    if kind == "topic":
        topic = corpus.knowledge.topic(item_id)
        return {"id": key, "label": topic.title, "type": "topic", "page": paths.page(paths.TOPICS, item_id)}
    if kind == "entity":
        entity = corpus.knowledge.entity(item_id)
        return {"id": key, "label": entity.name, "type": entity.type, "page": paths.page(paths.ENTITIES, item_id)}
    article = corpus.article(item_id).article
    return {"id": key, "label": article.title, "type": "article", "page": paths.page(paths.ARTICLES, item_id),
            "date": article.published}


def graph(corpus: Corpus) -> dict:
    entities = sorted(corpus.entities_with_pages, key=lambda e: (-len(corpus.entity_articles[e]), e))[:CORPUS_ENTITIES]
    articles = [a.id for a in corpus.articles[:CORPUS_ARTICLES]]  # newest first
    keys = [f"topic:{t.id}" for t in corpus.knowledge.topics if corpus.topic_articles.get(t.id)]
    keys += [f"entity:{e}" for e in entities] + [f"article:{a}" for a in articles]
    wanted = set(keys)
    edges = []
    for article_id in articles:
        annotated = corpus.article(article_id)
        edges += [{"source": f"article:{article_id}", "target": f"topic:{t}", "kind": "topic"} for t, _ in annotated.topics]
        edges += [{"source": f"article:{article_id}", "target": f"entity:{e}", "kind": "entity", "weight": n}
                  for e, n in corpus.article_entities.get(article_id, ())]
    nodes = [_node(corpus, key) for key in keys]
    for node in nodes:
        node["url"] = paths.url(node.pop("page"))
    return {"nodes": nodes, "edges": [e for e in edges if e["target"] in wanted]}


def graph_json(corpus: Corpus) -> str:
    return json.dumps(graph(corpus), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def local_graph(corpus: Corpus, key: str) -> dict:
    """A node and its neighbours: an article's topics, entities and related articles; a topic's related topics,
    entities and best articles; an entity's topics, neighbours and latest articles. The first node is the page's."""
    kind, _, item_id = key.partition(":")
    pages = corpus.entities_with_pages
    if kind == "article":
        annotated = corpus.article(item_id)
        around = [f"topic:{t}" for t, _ in annotated.topics]
        around += [f"entity:{e}" for e, _ in corpus.article_entities.get(item_id, ()) if e in pages][:LOCAL_ENTITIES]
        around += [f"article:{r.article_id}" for r in corpus.related_articles.get(item_id, ())[:LOCAL_ARTICLES]]
    elif kind == "topic":
        around = [f"topic:{t}" for t, _ in corpus.related_topics.get(item_id, ())]
        around += [f"entity:{e}" for e, _ in corpus.topic_entities.get(item_id, ()) if e in pages][:LOCAL_ENTITIES]
        around += [f"article:{a}" for a in corpus.topic_articles.get(item_id, ())[:LOCAL_ARTICLES]]
    else:
        around = [f"topic:{t}" for t, _ in corpus.entity_topics.get(item_id, ())]
        around += [f"entity:{e}" for e, _ in corpus.entity_neighbours.get(item_id, ()) if e in pages][:LOCAL_ENTITIES]
        around += [f"article:{a}" for a in corpus.entity_articles.get(item_id, ())[:LOCAL_ARTICLES]]
    around = [k for k in dict.fromkeys(around) if k != key]
    # Every edge goes from the page's node to a neighbour: the script draws them, the page need not list them.
    nodes = [dict(_node(corpus, key), center=True)] + [_node(corpus, k) for k in around]
    for node in nodes:
        node.pop("date", None)
    return {"nodes": nodes}
