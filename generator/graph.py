"""The graph view's data: articles, topics and entities as nodes, what links them as edges.

Built from the annotation export (the public interface other tools read), so that the graph shows exactly what
the export says. Written to `assets/graph.json` and drawn by `docs/assets/javascripts/graph.js`.
"""
from __future__ import annotations

import json


def graph(export: dict) -> dict:
    nodes = [{"id": f"topic:{t['id']}", "label": t["title"], "type": "topic", "url": t["url"]}
             for t in export["topics"] if t["articles"]]
    nodes += [{"id": f"entity:{e['id']}", "label": e["name"], "type": e["type"], "url": e["url"]}
              for e in export["entities"]]
    edges = []
    for article in export["articles"]:
        node = f"article:{article['id']}"
        nodes.append({"id": node, "label": article["title"], "type": "article", "url": article["url"],
                      "date": article["published"]})
        edges += [{"source": node, "target": f"topic:{t['id']}", "kind": "topic"} for t in article["topics"]]
        edges += [{"source": node, "target": f"entity:{e['id']}", "kind": "entity", "weight": e["mentions"]}
                  for e in article["entities"]]
    known = {n["id"] for n in nodes}
    edges = [e for e in edges if e["target"] in known]
    return {"nodes": nodes, "edges": edges}


def graph_json(export: dict) -> str:
    return json.dumps(graph(export), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
