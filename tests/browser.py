"""Headless Chromium for the browser tests and the screenshots script: a static server for a built site, and
a Playwright page in Debian's chromium (/usr/bin/chromium, installed by .ci/run)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's services, which a closed network refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    """At the top of a browser-test module: skip it without Chromium, unless REQUIRE_BROWSER is set (.ci/run sets
    it), when a missing browser is a failure."""
    import pytest

    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            raise RuntimeError(f"REQUIRE_BROWSER is set but there is no browser at {CHROMIUM}")
        pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        # LinkChecker (tests/test_links.py) waits 0.1 s or more between requests to a host, unless the host answers
        # with this header: three minutes of waiting on the seed site, for a local server of the test's own.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


@contextlib.contextmanager
def serve(site: Path):
    """The built site over HTTP on a free local port (search and the graph fetch files: file:// is not enough)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium_page(width: int = 1280, height: int = 900, color_scheme: str = "light"):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme)
            yield context.new_page()
        finally:
            browser.close()


def search(page, query: str) -> list[dict]:
    """Type a query into the site's search box, as a reader would, and return the results shown (title, link)."""
    if not page.locator("[data-search]").evaluate("d => d.open"):
        page.click("[data-search-open]")
    field = page.locator("[data-search-input]")
    done = page.locator("[data-search]").get_attribute("data-search-done")
    field.fill(query)
    page.wait_for_function("([done]) => (document.querySelector('[data-search]').dataset.searchDone || '') !== done",
                           arg=[done or ""], timeout=30_000)
    return page.eval_on_selector_all(".site-search__link", """links => links.map(a => ({
        title: a.querySelector('.site-search__title').textContent, href: a.getAttribute('href'),
        kind: a.querySelector('.site-search__kind').textContent}))""")
