"""Screenshots of the built site in headless Chromium: home, an article (its top and its local graph), a topic, an
entity, the graph and a search, in the light and dark schemes, at desktop and phone widths.

    .venv/bin/mkdocs build && .venv/bin/python scripts/screenshots.py [--site site] [--out screenshots]

Needs Debian's chromium (`apt-get install chromium`) and the `playwright` package (`pip install -e ".[test]"`).
Look at the pictures before calling a change to the pages done.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import chromium_page, search, serve  # noqa: E402

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def pages_to_shoot(site: Path) -> dict[str, str]:
    """One page of each kind: the first article, topic and entity the listings link to."""
    def first_link(listing: str) -> str:
        html = (site / listing / "index.html").read_text(encoding="utf-8")
        content = html[html.index('class="md-content"'):]
        found = re.search(r'href="(?!\.\.|#|\./)([^"]+/)"', content)
        return f"{listing}/{found.group(1)}"
    return {
        "home": "",
        "article": first_link("articles"),
        "topic": first_link("topics"),
        "entity": first_link("entities"),
        "graph": "graph/",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    targets = pages_to_shoot(args.site)
    with serve(args.site) as base:
        for scheme in ("light", "dark"):
            for width_name, (width, height) in WIDTHS.items():
                with chromium_page(width=width, height=height, color_scheme=scheme) as page:
                    for name, path in targets.items():
                        page.goto(base + path)
                        if name == "graph":
                            page.wait_for_selector("#graph[data-ready='true']", timeout=30000)
                        shoot(page, args.out / f"{name}-{scheme}-{width_name}.png")
                        if name == "article":
                            page.wait_for_selector(".local-graph[data-ready='true']", timeout=30000)
                            page.locator(".local-graph").scroll_into_view_if_needed()
                            shoot(page, args.out / f"article-graph-{scheme}-{width_name}.png")
                    page.goto(base)
                    search(page, "centres de données")
                    shoot(page, args.out / f"search-{scheme}-{width_name}.png")


def shoot(page, target: Path) -> None:
    page.screenshot(path=str(target), full_page=False)
    print(target)


if __name__ == "__main__":
    main()
