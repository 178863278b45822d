"""Links of the built site: a third-party link checker finds none broken, every page is reachable from the home
page, and every page has at least two incoming links from other pages' content."""
from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from browser import serve

# LinkChecker's command line, minus one step: run as root, it switches to the user `nobody`, who cannot read a
# clone in a private folder (root's home, mode 700) nor the virtualenv inside it. It only ever checks the local
# server of the built site here, so it keeps the user that runs the tests, wherever the repository lives.
LINKCHECKER = [sys.executable, "-c", "import linkcheck.command.linkchecker as command; "
               "command.drop_privileges = lambda: None; command.linkchecker()"]
# Anchors too: a passage link (#p-3) that points nowhere is a broken link. The site is a local server of the test's
# own, which says so (tests/browser.py): no need for LinkChecker's politeness of a few requests a second.
LINKCHECKER_CONFIG = "[checking]\nmaxrequestspersecond=1000\n[filtering]\ncheckextern=0\n[AnchorCheck]\n"


def linkcheck(site: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    with serve(site) as base:
        return subprocess.run([*LINKCHECKER, "--config", str(config), "--no-status", "--recursion-level=-1", base],
                              capture_output=True, text=True, timeout=600)


def test_linkchecker_finds_no_broken_link(built_site, tmp_path):
    result = linkcheck(built_site, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 errors found" in result.stdout


@pytest.mark.parametrize("link", ["missing/", "other/#p-99"])
def test_linkchecker_does_see_a_broken_link(tmp_path, link):
    """The check above can fail: the same checker, on a two-page site with a missing page or a missing passage."""
    site = tmp_path / "site"
    (site / "other").mkdir(parents=True)
    (site / "index.html").write_text(f'<html><body><a href="other/">ok</a> <a href="{link}">broken</a></body></html>')
    (site / "other" / "index.html").write_text('<html><body><p id="p-1">passage</p></body></html>')
    assert linkcheck(site, tmp_path).returncode != 0


class _Links(HTMLParser):
    """The links of a page, and those of its content (Material's <article class="md-content__inner">) apart."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.all: list[str] = []
        self.content: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1 if self.depth or "md-content__inner" in (attributes.get("class") or "") else 0
        if tag == "a" and attributes.get("href"):
            self.all.append(attributes["href"])
            if self.depth:
                self.content.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


@pytest.fixture(scope="module")
def link_graph(built_site):
    """{page URL: parsed links}, URLs as paths from the site root ("/articles/x/")."""
    pages = {}
    for html in built_site.rglob("index.html"):
        folder = html.parent.relative_to(built_site).as_posix()
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        pages["/" if folder == "." else f"/{folder}/"] = parser
    return pages


def _targets(page: str, hrefs: list[str], known) -> set[str]:
    return {path for href in hrefs if (path := urlparse(urljoin("http://site" + page, href)).path) in known} - {page}


def test_every_page_is_reachable_from_the_home_page(link_graph):
    seen, todo = {"/"}, ["/"]
    while todo:
        page = todo.pop()
        for target in _targets(page, link_graph[page].all, link_graph) - seen:
            seen.add(target)
            todo.append(target)
    kinds = ("/articles/", "/topics/", "/entities/")
    unreachable = sorted(p for p in link_graph if p not in seen)
    assert unreachable == []
    assert all(sum(p.startswith(k) for p in seen) > 1 for k in kinds)


def test_every_page_has_two_incoming_links_from_content(link_graph):
    incoming: dict[str, set[str]] = {page: set() for page in link_graph}
    for page, links in link_graph.items():
        for target in _targets(page, links.content, link_graph):
            incoming[target].add(page)
    lonely = {page: sorted(sources) for page, sources in incoming.items() if len(sources) < 2}
    assert lonely == {}
