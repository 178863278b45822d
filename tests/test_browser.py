"""The built site in headless Chromium, used as a reader uses it: the search box (elisions, accents, stop words,
stems, names first, links to passages, filters), the graphs, the link previews, and no call to any network service.

Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it). Without it these tests are skipped locally;
with REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure, not a skip.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from browser import chromium_page, require_chromium, search, serve

require_chromium()

OPEN_SOURCE_ARTICLE = "articles/l-ia-selon-meta-l-open-source-est-une-strategie-pour-devenir/"
TRAINING_ARTICLES = ("articles/meta-est-elle-sur-le-point-de-redefinir-le-paysage-de-l-ia/",
                     "articles/meta-secoue-le-monde-de-l-ia-decouvrez-pourquoi-l-entreprise/")  # "l’entraînement"
QUERIES = [  # (what a reader types, pages of which one is expected among the first three results)
    ("industrie", (OPEN_SOURCE_ARTICLE,)),  # only ever written "l’industrie"
    ("l’industrie", (OPEN_SOURCE_ARTICLE,)),
    ("innovation", (OPEN_SOURCE_ARTICLE,)),  # "l’innovation"
    ("entrainement", TRAINING_ARTICLES),  # "l’entraînement": elision and accent
    ("entraînement", TRAINING_ARTICLES),
    ("centres de données", ("topics/investments/",)),  # "de" is not a prefix of every word
    ("centres de donnees", ("topics/investments/",)),
    ("Zuckerberg", ("entities/mark-zuckerberg/",)),
    ("donnees personnelles confidentialite", ("articles/meta-nourrit-toujours-de-grandes-ambitions-en-matiere-d-ia/",)),
    ("Open source", ("topics/open-source/",)),  # every topic by its name
    ("Superintelligence", ("topics/superintelligence/",)),
    ("Consortium et alliances", ("topics/consortium/",)),
    ("Investissements", ("topics/investments/",)),
    ("investi", ("topics/investments/",)),  # stems: "investi", "investissements"
    ("Behemoth", ("entities/behemoth/",)),
    ("deepseek", ("entities/deepseek/",)),
    ("Odense", ("entities/odense/",)),
    ("Etats-Unis", ("entities/etats-unis/",)),
    ("etats unis", ("entities/etats-unis/",)),
    ("États-Unis", ("entities/etats-unis/",)),
    ("Meta's", ("entities/meta/",)),  # the English possessive
    ("Llama 3", ("entities/llama-3/",)),
    ("generalement", (OPEN_SOURCE_ARTICLE,)),
    ("refroidissement", (OPEN_SOURCE_ARTICLE,)),
]


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as base:
        yield base


@pytest.fixture
def site(server):
    """A fresh Chromium page on the site for each test (a renderer crash cannot spill into the next tests);
    every request the page makes is recorded."""
    with chromium_page() as page:
        page.base = server
        page.requests = []
        page.errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page


def addresses(results: list[dict], page) -> list[str]:
    return [r["href"].lstrip("/").split("#")[0] for r in results]


@pytest.mark.parametrize("query, expected", QUERIES)
def test_search_finds_the_page_in_the_top_three(site, query, expected):
    site.goto(site.base)
    found = addresses(search(site, query), site)
    assert set(expected) & set(found[:3]), f"{query!r}: {found[:5]}"


def test_zuckerberg_lists_the_articles_quoting_him_in_the_first_five(site, seed_site):
    quoting = {f"articles/{a.id}/" for a in seed_site.corpus.articles
               if any(q.speaker_entity == "mark-zuckerberg" for q in a.quotes)}
    assert quoting
    site.goto(site.base)
    found = addresses(search(site, "Zuckerberg"), site)
    assert found[0] == "entities/mark-zuckerberg/"
    assert quoting <= set(found[:5]), found


def test_a_result_leads_to_the_passage_that_matched(site):
    site.goto(site.base)
    result = search(site, "refroidissement")[0]
    page, anchor = result["href"].split("#")
    assert anchor.startswith("p-")
    site.click(".site-search__link >> nth=0")
    site.wait_for_url(f"**{page}#{anchor}")
    assert "refroidissement" in site.locator(f"[id='{anchor}']").inner_text()


def test_quoted_passages_lead_to_their_article_not_to_the_pages_quoting_them(site):
    site.goto(site.base)
    found = addresses(search(site, "refroidissement"), site)
    assert found == [OPEN_SOURCE_ARTICLE]  # Odense's page quotes the passage; search does not list it


def test_filters_narrow_the_results(site):
    site.goto(site.base)
    everything = search(site, "Meta")
    site.select_option("select[name='page']", "Article")
    articles = search(site, "Meta")
    assert len(articles) < len(everything)
    assert articles and all(r["kind"].startswith("Article") for r in articles)


def test_source_text_in_results_is_text(site):
    site.goto(site.base)
    search(site, "<img src=x onerror=alert(1)>")
    assert site.locator(".site-search__results img").count() == 0 and not site.errors


def test_graph_layout_is_the_same_at_every_load_and_labels_do_not_overlap(site):
    positions = []
    for _ in range(2):
        site.goto(site.base + "graph/")
        site.wait_for_selector("#graph[data-ready='true']", timeout=30000)
        positions.append(site.evaluate("""() => Object.fromEntries(document.getElementById('graph').cy.nodes()
            .map(n => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]]))"""))
    assert positions[0] == positions[1] and len(positions[0]) >= 5 + 4 + 15
    overlaps = site.evaluate("""() => {
        const boxes = document.getElementById('graph').cy.nodes().filter(n => !n.hasClass('quiet'))
            .map(n => n.boundingBox({includeNodes: false, includeLabels: true, includeEdges: false}))
            .filter(b => b.w > 0)
        let clashes = 0
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
            if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) clashes += 1 }))
        return [clashes, boxes.length] }""")
    assert overlaps[0] == 0 and overlaps[1] >= 10
    # A statement, not an expression: `emit` returns the node, whose object graph (the whole graph) Playwright would
    # serialise back, some fifteen seconds.
    site.evaluate("() => { document.getElementById('graph').cy.getElementById('topic:open-source').emit('tap') }")
    site.wait_for_url("**/topics/open-source/")


@pytest.mark.parametrize("page", [OPEN_SOURCE_ARTICLE, "topics/consortium/", "entities/mark-zuckerberg/"])
def test_each_page_has_a_local_graph_of_its_neighbours(site, page):
    site.goto(site.base + page)
    site.wait_for_selector(".local-graph[data-ready='true']", timeout=30000)
    centre, neighbours = site.evaluate("""() => { const cy = document.querySelector('.local-graph').cy
        return [cy.nodes('[?center]').map(n => n.data('url')), cy.nodes('[!center]').map(n => n.data('url'))] }""")
    assert centre == [page] and len(neighbours) >= 3
    site.evaluate("() => { document.querySelector('.local-graph').cy.nodes('[!center]')[0].emit('tap') }")
    site.wait_for_url(f"**/{neighbours[0]}")


def test_a_link_to_an_entity_shows_a_preview_on_hover(site):
    site.goto(site.base + OPEN_SOURCE_ARTICLE)
    site.hover(".md-content a[href$='entities/odense/']")
    card = site.locator(".link-preview")
    card.wait_for(state="visible", timeout=5000)
    assert "Odense" in card.inner_text() and "entité" in card.inner_text().casefold()


def test_reading_the_site_calls_no_network_service(site):
    site.requests.clear()
    for page in ("", OPEN_SOURCE_ARTICLE, "graph/", "entities/meta/"):
        site.goto(site.base + page)
        site.wait_for_load_state("networkidle")
    search(site, "Meta")
    hosts = {urlsplit(url).netloc for url in site.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlsplit(site.base).netloc}, hosts
    assert not site.errors


def test_the_theme_speaks_french(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    article = (built_site / OPEN_SOURCE_ARTICLE / "index.html").read_text(encoding="utf-8")
    assert "Made with" not in home and "Éditer cette page" in article
    assert json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())["languages"].keys() == {"fr"}


@pytest.fixture(scope="module")
def site_in_parts(built_site, tmp_path_factory):
    """The seed site with its search index in parts of ten pages."""
    import shutil

    from generator.search import OUTPUT, PARTS, index_site

    in_parts = tmp_path_factory.mktemp("in-parts") / "site"
    shutil.copytree(built_site, in_parts)
    stats = index_site(in_parts, part_pages=10)
    parts = json.loads((in_parts / OUTPUT / PARTS).read_text())
    assert len(parts) >= 2 and stats.pages > 20
    return in_parts, parts


def test_an_index_in_parts_finds_the_expected_pages(site_in_parts, site):
    """`search_part_pages`: the index written in parts (generator/search.py: Pagefind's indexer holds a whole index
    in memory) that the search box merges. Even in parts of ten pages, each query's page is among the first three,
    and a part that lacks a rare word adds nothing to its results (Pagefind would answer "de" for "deepseek")."""
    site.goto(site.base)
    rare = addresses(search(site, "deepseek"), site)
    in_parts, parts = site_in_parts
    with serve(in_parts) as base:
        site.goto(base)
        for query, expected in QUERIES:
            found = addresses(search(site, query), site)
            # "Meta's": a word of nearly every page, which parts of ten pages rank on their own statistics.
            assert set(expected) & set(found[:3] if query != "Meta's" else found), (query, found)
            assert all((in_parts / address / "index.html").is_file() for address in found)
        assert addresses(search(site, "deepseek"), site) == rare
    fetched = {url.split("/pagefind/")[1].split("/")[0] for url in site.requests if "/pagefind/part-" in url}
    assert fetched == {part.rstrip("/") for part in parts} and not site.errors


def test_every_file_of_the_index_is_whole(site_in_parts):
    """Each gzip file of the index (one per part's words, pages, filters, metadata) reads to its end: Pagefind's
    service could answer before its files were written (generator/search.py, `_pagefind`), tearing one."""
    import gzip

    in_parts, _ = site_in_parts
    files = [p for p in (in_parts / "pagefind").rglob("*") if p.suffix in {".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"}]
    assert len(files) > 50
    for path in files:
        assert gzip.decompress(path.read_bytes()), path
    for entry in (in_parts / "pagefind").rglob("pagefind-entry.json"):
        assert json.loads(entry.read_text())["languages"], entry


def test_without_an_index_the_search_box_says_search_is_unavailable(built_site, tmp_path):
    import shutil

    bare = tmp_path / "site"
    shutil.copytree(built_site, bare, ignore=shutil.ignore_patterns("pagefind"))
    with serve(bare) as base, chromium_page() as page:
        page.goto(base)
        assert search(page, "industrie") == []
        assert "pas disponible" in page.locator("[data-search-status]").text_content()
