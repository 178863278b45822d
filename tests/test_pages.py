"""What readers find on the generated pages: summaries in French, related pages that share something specific,
no section twice, long lists paged, feeds, graph data, and what search indexes."""
from __future__ import annotations

import importlib
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from conftest import ROOT

render_stage = importlib.import_module("generator.render")  # the module: `generator.render` is also the stage function

NO_DATE_ARTICLE = "articles/meta-redefinit-l-ia-vers-une-superintelligence-fermee.md"


def test_topic_page_summarises_in_words_and_shows_each_list_once(seed_site):
    page = seed_site.pages["topics/investments.md"]
    assert "5 articles, 10 passages. Publiés le 1er septembre 2025 (4 sans date)." in page
    for section in ("## Passages clés", "## Articles", "## Montants cités", "## Entités associées", "## Thèmes liés",
                    "## Chronologie", "## Comment ce thème est repéré"):
        assert page.count(section + "\n") == 1, section
    assert "Tous les passages" not in page and "score" not in page.casefold()
    assert "- [Open source](open-source.md) : 4 articles en commun" in page
    assert "| septembre 2025 | 1 |" in page


def test_entity_page_shows_what_goes_with_it_and_its_quotes_once(seed_site):
    page = seed_site.pages["entities/mark-zuckerberg.md"]
    assert "\n\n**Thèmes :** [" in page and "\n\n**Souvent cité avec :** [Llama](llama.md) (2) · [Meta](meta.md) (2)" in page
    assert "## Citations" in page
    quote = "Nous croyons que les bénéfices de la superintelligence"
    assert page.count(quote) == 1  # under "Citations", not again among the passages


def test_article_page_relates_articles_by_what_they_share(seed_site):
    page = seed_site.pages["articles/meta-nourrit-toujours-de-grandes-ambitions-en-matiere-d-ia.md"]
    assert '[Investissements](../topics/investments.md){ .chip title="indices : ' in page
    related = page.split("## Articles liés")[1].split("\n\n<")[0]
    assert "Cité dans" not in page
    lines = [line for line in related.splitlines() if line.startswith("- ")]
    # Meta, Llama and the Investments topic are in every article: they relate nothing. What is specific does.
    assert len(lines) == 2 and all(" — en commun : " in line for line in lines)
    assert "en commun : Superintelligence, Meta Superintelligence Labs" in lines[0]


def test_missing_metadata_is_said_once_quietly_at_the_end(seed_site):
    page = seed_site.pages[NO_DATE_ARTICLE]
    assert page.count("La source ne donne pas") == 1
    assert '<p class="quiet" markdown>La source ne donne pas la date ni l’adresse d’origine.</p>' in page
    assert page.index("La source ne donne pas") > page.index("## Entités citées")


def test_french_plurals_labels_and_dates(seed_site):
    entities = seed_site.pages["entities/index.md"]
    assert "## Lieux" in entities and "## Produits ou modèles" in entities and "## Organisations" in entities
    assert "(1 article)" in entities and "(1 articles)" not in entities
    assert "1er septembre 2025" in seed_site.pages["articles/index.md"]
    assert "1 septembre" not in "".join(seed_site.pages.values())


def test_long_lists_go_to_further_pages(seed_site, monkeypatch, tmp_path):
    monkeypatch.setattr(render_stage, "TOPIC_ARTICLES", 1)
    monkeypatch.setattr(render_stage, "ENTITY_ARTICLES", 1)
    monkeypatch.setattr(render_stage, "PER_PAGE", 2)
    monkeypatch.setattr(render_stage, "MENTIONS_PER_PAGE", 2)
    pages = render_stage.render(seed_site.corpus, ROOT / "templates")
    topic = pages["topics/investments.md"]
    assert sorted(p for p in pages if p.startswith("topics/investments/") and p.endswith(".md")) == [
        "topics/investments/articles-1.md", "topics/investments/articles-2.md", "topics/investments/articles-3.md"]
    # A topic's further pages hold all of its articles by date, newest first, numbered from the oldest, full but
    # the newest (what is left: the page new articles go to).
    assert "Tous les articles (5), du plus récent au plus ancien : [" in topic
    assert topic.index("(investments/articles-3.md)") < topic.index("(investments/articles-1.md)")
    shown = [re.findall(r"\(\.\./\.\./articles/([\w-]+)\.md\)", pages[f"topics/investments/articles-{n}.md"])
             for n in (3, 2, 1)]
    assert [len(ids) for ids in shown] == [1, 2, 2]
    by_date = [a.id for a in seed_site.corpus.articles if a.id in seed_site.corpus.topic_articles["investments"]]
    assert shown[0] + shown[1] + shown[2] == by_date
    newest = pages["topics/investments/articles-3.md"]
    assert "Plus anciens →](articles-2.md)" in newest and "Plus récents" not in newest
    assert "← Plus récents](articles-2.md)" in pages["topics/investments/articles-1.md"]
    assert re.search(r"^# Investissements — articles du \d", newest, re.M)
    listing = [len(re.findall(r"^\| .* \| \[", pages[p], re.M)) for p in ("articles/index.md", "articles/page-2.md")]
    assert listing == [3, 2] and "articles/page-3.md" not in pages and "Pages : " in pages["articles/page-2.md"]
    meta = [p for p in pages if p.startswith("entities/meta/mentions-")]
    assert len(meta) == 2  # 5 articles name Meta: 1 on its page, then 2 and 2


def test_an_entity_further_pages_hold_fifty_articles_with_their_passages(seed_site):
    """75 articles name Meta: its page shows the latest 20 with their passages, its further pages the 55 others,
    50 on the oldest and 5 on the newest (the page each new article rewrites: with 100 a page, one of 55)."""
    from generator.link import link
    from generator.model import AnnotatedArticle, Article, Block, Mention
    from generator.resolve import Resolution

    def naming_meta(n: int) -> AnnotatedArticle:
        text = f"Meta annonce son modèle numéro {n}."
        block = Block(id=f"p-{n:06x}", kind="paragraph", text=text, position=1)
        article = Article(id=f"meta-{n:03d}", source=f"sources/meta-{n:03d}.txt", title=f"Annonce {n}", language="fr",
                          blocks=(block,), published=f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}", title_derived=True)
        return AnnotatedArticle(article=article, mentions=(Mention("meta", block.id, 0, 4, "Meta"),))

    corpus = link(Resolution(tuple(naming_meta(n) for n in range(75)), seed_site.corpus.knowledge, ()))
    pages = render_stage.render(corpus, ROOT / "templates")
    further = {p: len(re.findall(r"^### \[", text, re.M)) for p, text in pages.items()
               if p.startswith("entities/meta/mentions-")}
    assert further == {"entities/meta/mentions-1.md": 50, "entities/meta/mentions-2.md": 5}
    assert pages["entities/meta/mentions-2.md"].count("Meta annonce son modèle numéro") == 5


def test_a_new_article_changes_the_first_page_of_a_long_list_only():
    """Pages are counted from the oldest end of a list: an article published today is added to the first page, and
    the archive's further pages keep their articles (they were all shifted by one, so all rewritten)."""
    archive = [f"article-{n}" for n in range(250, 0, -1)]  # newest first
    before, after = render_stage.in_pages(archive, 100), render_stage.in_pages(["article-251", *archive], 100)
    assert [len(p) for p in before] == [150, 100] and [len(p) for p in after] == [151, 100]
    assert after[1:] == before[1:]
    assert render_stage.in_pages([], 100) == [] and render_stage.in_pages(archive[:7], 100) == [archive[:7]]
    # An item's further pages (an archive): the newest page holds what is left, the one a new article rewrites.
    before, after = render_stage.in_pages(archive, 100, archive=True), render_stage.in_pages(
        ["article-251", *archive], 100, archive=True)
    assert [len(p) for p in before] == [50, 100, 100] and [len(p) for p in after] == [51, 100, 100]
    assert after[1:] == before[1:] and sum(before, []) == archive
    assert [len(p) for p in render_stage.in_pages(archive[:200], 100, archive=True)] == [100, 100]
    assert render_stage.in_pages(archive[:7], 100, archive=True) == [archive[:7]]


def test_home_page_has_topic_cards_latest_articles_and_ways_in(seed_site):
    page = seed_site.pages["index.md"]
    assert '<div class="grid cards" markdown>' in page and "en septembre 2025" in page
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


class _IndexedText(HTMLParser):
    """The text Pagefind reads from a page: inside data-pagefind-body, outside data-pagefind-ignore."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[bool, bool]] = []  # (in body, ignored) per open element
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        body, ignored = self.stack[-1] if self.stack else (False, False)
        if tag not in ("br", "img", "hr", "input", "meta", "link", "wbr", "source"):
            self.stack.append((body or "data-pagefind-body" in names, ignored or "data-pagefind-ignore" in names))

    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "img", "hr", "input", "meta", "link", "wbr", "source"):
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == (True, False):
            self.text.append(data)


def indexed_text(html: str) -> str:
    parser = _IndexedText()
    parser.feed(html)
    return " ".join(parser.text)


def test_search_indexes_names_not_the_lists_and_passages_other_pages_quote(built_site):
    odense = indexed_text((built_site / "entities" / "odense" / "index.html").read_text(encoding="utf-8"))
    assert "Odense" in odense and "refroidissement" not in odense  # the passage is searched in its article
    zuckerberg = indexed_text((built_site / "entities" / "mark-zuckerberg" / "index.html").read_text(encoding="utf-8"))
    assert "Accenture" not in zuckerberg  # "Souvent cité avec" is not indexed
    article = indexed_text((built_site / "articles" / "l-ia-selon-meta-l-open-source-est-une-strategie-pour-devenir"
                            / "index.html").read_text(encoding="utf-8"))
    assert "refroidissement" in article
    listing = (built_site / "articles" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in listing  # listings repeat titles: not indexed
