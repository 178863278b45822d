"""The built site in headless Chromium: the search box finds topic and entity pages first, with or without
accents, and the graph draws and opens pages.

Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it). Without it these tests are skipped locally;
with REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure, not a skip.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser import CHROMIUM, chromium_page, serve

if not Path(CHROMIUM).exists():
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError(f"REQUIRE_BROWSER is set but there is no browser at {CHROMIUM}")
    pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

QUERIES = [  # (what a reader types, the page expected among the first three results)
    ("open source", "topics/open-source/"),
    ("superintelligence", "topics/superintelligence/"),
    ("investissements", "topics/investments/"),
    ("Zuckerberg", "entities/mark-zuckerberg/"),
    ("Behemoth", "entities/behemoth/"),
    ("deepseek", "entities/deepseek/"),
    ("Odense", "entities/odense/"),
    ("Etats-Unis", "entities/etats-unis/"),
    ("etats unis", "entities/etats-unis/"),
    ("États-Unis", "entities/etats-unis/"),
    ("centres de donnees", "topics/investments/"),
    ("centres de données", "topics/investments/"),
    ("generalement", "articles/l-ia-selon-meta-l-open-source-est-une-strategie-pour-devenir/"),
    ("généralement", "articles/l-ia-selon-meta-l-open-source-est-une-strategie-pour-devenir/"),
]


@pytest.fixture(scope="module")
def browser_page(built_site):
    with serve(built_site) as base, chromium_page() as page:
        page.base = base
        yield page


def search(page, query: str) -> list[str]:
    """Type the query into Material's search box; the addresses of the results, best first."""
    page.goto(page.base)
    page.click("label.md-search__icon[for='__search'], .md-search__input", timeout=5000)
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)  # the result list settles after the last keystroke
    links = page.eval_on_selector_all("li.md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    return [link.removeprefix(page.base).split("#")[0].split("?")[0] for link in links]


@pytest.mark.parametrize("query, expected", QUERIES)
def test_search_finds_the_page_in_the_top_three(browser_page, query, expected):
    results = search(browser_page, query)
    assert expected in results[:3], f"{query!r}: {results[:5]}"


def test_graph_draws_every_node_and_a_click_opens_its_page(browser_page):
    page = browser_page
    page.goto(page.base + "graph/")
    page.wait_for_selector("#graph[data-ready='true']", timeout=30000)
    nodes = page.evaluate("document.getElementById('graph').cy.nodes().length")
    assert nodes >= 5 + 4 + 15
    page.evaluate("document.getElementById('graph').cy.getElementById('topic:open-source').emit('tap')")
    page.wait_for_url("**/topics/open-source/")
