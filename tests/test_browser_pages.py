"""Pages in headless Chromium (issue 21): a link preview shows the page's own text, and the corpus graph labels its
most important nodes without overlap, legibly on a phone. Skipped without Chromium, as tests/test_browser.py."""
from __future__ import annotations


import pytest

from browser import chromium_page, require_chromium, serve

require_chromium()

OPEN_SOURCE_ARTICLE = "articles/l-ia-selon-meta-l-open-source-est-une-strategie-pour-devenir/"


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as base:
        yield base


def _preview(page, base: str, link: str) -> str:
    page.goto(base + OPEN_SOURCE_ARTICLE)
    page.hover(f".md-content a[href$='{link}']")
    card = page.locator(".link-preview")
    card.wait_for(state="visible", timeout=5000)
    return card.inner_text()


@pytest.mark.parametrize("link", ["entities/odense/", "entities/meta/", "topics/investments/"])
def test_a_preview_shows_the_start_of_the_pages_own_text(server, built_site, link):
    site_description = "Articles de presse sur la stratégie de Meta"
    with chromium_page() as page:
        text = _preview(page, server, link)
        own = page.evaluate("""async url => {
            const html = await fetch(url).then(r => r.text())
            return new DOMParser().parseFromString(html, "text/html")
                .querySelector('meta[property="og:description"]').getAttribute("content") }""", server + link)
    assert own and own in text
    assert site_description not in text


GRAPH_LABELS = """() => {
    const cy = document.getElementById('graph').cy
    const shown = cy.nodes().filter(n => !n.hasClass('quiet'))
    const boxes = shown.map(n => n.boundingBox({includeNodes: false, includeLabels: true, includeEdges: false}))
    let clashes = 0
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) clashes += 1 }))
    const ranked = cy.nodes().filter(n => n.data('type') !== 'article').sort((a, b) => b.degree() - a.degree())
    return {
        clashes,
        topics: cy.nodes("[type = 'topic']").map(n => [n.id(), !n.hasClass('quiet')]),
        largest: ranked.slice(0, 3).map(n => [n.id(), !n.hasClass('quiet')]),
        screenFont: Math.min(...shown.map(n => parseFloat(n.style('font-size')) * cy.zoom())),
    } }"""


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_graph_labels_topics_and_the_largest_nodes_legibly(server, width, height):
    with chromium_page(width, height) as page:
        page.goto(server + "graph/")
        page.wait_for_selector("#graph[data-ready='true']", timeout=30000)
        labels = page.evaluate(GRAPH_LABELS)
    assert labels["clashes"] == 0
    assert all(shown for _, shown in labels["topics"]), labels["topics"]
    assert all(shown for _, shown in labels["largest"]), labels["largest"]
    assert labels["screenFont"] >= 9  # pixels on the screen, on a phone too
