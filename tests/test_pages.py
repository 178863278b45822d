"""What readers find on the generated pages: summaries, related pages, timelines, feeds, graph data, tags."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET


def test_topic_page_summarises_ranks_and_relates(seed_site):
    page = seed_site.pages["topics/investments.md"]
    assert "**5** articles, **10** passages, dont 1 daté : le 1 septembre 2025." in page
    for section in ("## Passages clés", "## Articles", "## Montants cités", "## Entités associées", "## Thèmes liés",
                    "## Chronologie", "## Tous les passages", "## Comment ce thème est détecté"):
        assert section in page
    assert "1. [Meta Redéfinit l’IA : Vers une Superintelligence Fermée ?](../articles/" in page  # most relevant first
    assert "[Open source](open-source.md) : 4 articles en commun" in page
    assert "| septembre 2025 | 1 |" in page


def test_entity_page_shows_what_goes_with_it(seed_site):
    page = seed_site.pages["entities/mark-zuckerberg.md"]
    assert "\n\n**Thèmes :** [" in page and "\n\n**Souvent cité avec :** [Llama](llama.md) (2) · [Meta](meta.md) (2)" in page
    assert "## Citations" in page  # a person shows their quotes


def test_article_page_links_related_articles_and_backlinks(seed_site):
    page = seed_site.pages["articles/meta-nourrit-toujours-de-grandes-ambitions-en-matiere-d-ia.md"]
    assert '[Investissements](../topics/investments.md){ .chip title="indices : ' in page
    assert "## Articles liés" in page and "## Cité dans" in page
    assert "- le thème [Investissements](../topics/investments.md)" in page


def test_home_page_has_topic_cards_latest_articles_and_ways_in(seed_site):
    page = seed_site.pages["index.md"]
    assert '<div class="grid cards" markdown>' in page
    assert page.count("](topics/") >= 4 and "## Derniers articles" in page and "## Le corpus dans le temps" in page
    assert "[graphe](graph/index.md)" in page and "[JSON Feed](feed.json)" in page


def test_feeds_list_the_articles_newest_first(seed_site):
    feed = json.loads(seed_site.pages["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and len(feed["items"]) == 5
    assert feed["items"][0]["date_published"] == "2025-09-01T00:00:00Z"
    rss = ET.fromstring(seed_site.pages["feed.xml"])
    assert len(rss.findall("./channel/item")) == 5


def test_graph_data_comes_from_the_export(seed_site):
    graph = json.loads(seed_site.pages["assets/graph.json"])
    kinds = {n["type"] for n in graph["nodes"]}
    assert {"article", "topic", "organisation", "person", "product", "place"} <= kinds
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert sum(n["type"] == "article" for n in graph["nodes"]) == 5


def test_tags_index_lists_articles_under_their_topics(built_site):
    html = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "Investissements" in html and html.count("../articles/") >= 5


def test_search_index_leaves_quoted_passages_to_their_articles(built_site):
    """Topic and entity pages quote passages; search should lead to the article the passage comes from."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    odense = [d for d in index["docs"] if d["location"].startswith("entities/odense/")]
    assert odense and all("refroidissement" not in d["text"] for d in odense)
    assert any("refroidissement" in d["text"] for d in index["docs"] if d["location"].startswith("articles/"))
