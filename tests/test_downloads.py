"""Taking the data away (issue 21): quotes and figures as CSV and JSON files per entity, per topic and for the
site, and a feed per topic and per entity, read as a spreadsheet and a feed reader read them."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from urllib.parse import urljoin

import feedparser
import pytest

from conftest import ROOT
from generator import Project, build
from generator import paths

QUOTE_HEADER = ["article", "article_url", "outlet", "date", "speaker", "role", "text", "passage_url"]
FIGURE_HEADER = ["article", "article_url", "outlet", "date", "kind", "noun", "value", "unit", "text", "passage_url"]
BOM = "\ufeff"
HOSTILE = "=HYPERLINK(\"http://x.example\";\"clic\") et rien d’autre"


def spreadsheet_rows(text: str) -> list[list[str]]:
    """The CSV as a spreadsheet reads it: UTF-8 marked by its BOM, then RFC 4180."""
    assert text.startswith(BOM), "no byte order mark: a spreadsheet would not know the file is UTF-8"
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


def anchors(page: str) -> set[str]:
    """The anchors an article page declares: "{ #p-3f9a2c }" (attribute lists) and id="…" (table rows)."""
    return set(re.findall(r"\{ #([\w-]+) \}", page)) | set(re.findall(r'\bid="([\w-]+)"', page))


def article_page(address: str) -> tuple[str, str]:
    """"articles/x/#p-1" -> ("articles/x.md", "p-1")."""
    url, _, anchor = address.partition("#")
    match = re.fullmatch(r"articles/([\w-]+)/", url)
    assert match, address
    return paths.page(paths.ARTICLES, match.group(1)), anchor


def test_an_entitys_quotes_are_one_row_per_quote_it_says_each_pointing_to_its_passage(seed_site):
    said = [q.text for a in seed_site.corpus.articles for q in a.quotes if q.speaker_entity == "mark-zuckerberg"]
    assert said, "the seed corpus quotes Mark Zuckerberg"
    rows = spreadsheet_rows(seed_site.pages["entities/mark-zuckerberg/citations.csv"])
    assert rows[0] == QUOTE_HEADER
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert Counter(r["text"] for r in records) == Counter(said)
    assert {r["speaker"] for r in records} == {"Mark Zuckerberg"}
    for record in records:
        page, anchor = article_page(record["passage_url"])
        assert record["article_url"] == paths.url(page) and record["passage_url"].startswith(record["article_url"])
        assert anchor in anchors(seed_site.pages[page]), f"{record['passage_url']}: no such passage"
    # the JSON file holds the same rows, the CSV's columns for keys
    assert json.loads(seed_site.pages["entities/mark-zuckerberg/citations.json"]) == records


def test_figures_of_a_topic_point_to_its_passages_and_keep_their_numbers(seed_site):
    corpus = seed_site.corpus
    blocks = {(p.article_id, p.block_id) for p in corpus.topic_passages["investments"]}
    expected = [f for a in corpus.articles for f in a.figures if (a.id, f.block_id) in blocks]
    rows = spreadsheet_rows(seed_site.pages["topics/investments/chiffres.csv"])
    assert rows[0] == FIGURE_HEADER and len(rows) - 1 == len(expected) > 0
    records = json.loads(seed_site.pages["topics/investments/chiffres.json"])
    assert sorted((r["text"], r["value"]) for r in records) == sorted((f.text, f.value) for f in expected)
    for record in records:
        page, anchor = article_page(record["passage_url"])
        assert anchor in anchors(seed_site.pages[page])


def test_pages_link_their_downloads_and_feeds_only_when_there_is_something(seed_site):
    pages = seed_site.pages
    entity = pages["entities/mark-zuckerberg.md"]
    assert "Télécharger : citations ([CSV](mark-zuckerberg/citations.csv), [JSON](mark-zuckerberg/citations.json))" in entity
    assert "[RSS](mark-zuckerberg/feed.xml) · [JSON Feed](mark-zuckerberg/feed.json)" in entity
    assert "chiffres" not in entity.split("## Données et flux")[1] and "entities/mark-zuckerberg/chiffres.csv" not in pages
    assert "[CSV](investments/chiffres.csv)" in pages["topics/investments.md"]
    assert "[RSS](investments/feed.xml)" in pages["topics/investments.md"]
    assert "[CSV](../citations.csv)" in pages["articles/index.md"] and "[CSV](../chiffres.csv)" in pages["articles/index.md"]
    # every file a page links to is one the build writes
    for path, page in pages.items():
        if path.endswith(".md"):
            for target in re.findall(r"\]\(([^)#]+\.(?:csv|json|xml))\)", page):
                folder = path.rpartition("/")[0]
                resolved = re.sub(r"[^/]+/\.\./", "", f"{folder}/{target}" if folder else target)
                assert resolved in pages, f"{path} links to {target}, which the build does not write"


def test_a_hostile_cell_is_neutralised_in_the_csv_and_kept_as_written_in_the_json(project_copy):
    (project_copy / "sources" / "hostile.md").write_text(
        "---\ntitle: \"=1+1\"\noutlet: \"@SUM(A1)\"\npublished: 2025-10-01\n---\n\n"
        f"« {HOSTILE} », a déclaré Mark Zuckerberg, PDG de Meta.\n\n"
        "-2+3 : Meta investit 600 milliards de dollars dans ses centres de données.\n", encoding="utf-8")
    site = build(Project(root=project_copy, cache=False, executor="serial"))
    rows = spreadsheet_rows(site.pages["entities/mark-zuckerberg/citations.csv"])
    hostile = [dict(zip(rows[0], row)) for row in rows[1:] if HOSTILE in row[rows[0].index("text")]]
    assert len(hostile) == 1, rows
    assert hostile[0]["text"] == "'" + HOSTILE and hostile[0]["article"] == "'=1+1" and hostile[0]["outlet"] == "'@SUM(A1)"
    # no cell of any CSV the site offers starts a formula
    for path, text in site.pages.items():
        if path.endswith(".csv"):
            for row in spreadsheet_rows(text)[1:]:  # a negative number is a number, not a formula
                assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
                            and not re.fullmatch(r"-\d+(\.\d+)?(e[+-]?\d+)?", cell)], (path, row)
    records = json.loads(site.pages["entities/mark-zuckerberg/citations.json"])
    assert any(r["text"] == HOSTILE for r in records), "the JSON is data, not a spreadsheet: the text as written"


def test_topic_and_entity_feeds_parse_as_rss_2_and_json_feed_1_1(seed_site):
    corpus, pages = seed_site.corpus, seed_site.pages
    channels = {"feed": corpus.articles}
    channels.update({f"topics/{t.id}/feed": corpus.topic_articles.get(t.id, ()) for t in corpus.knowledge.topics})
    channels.update({f"entities/{e}/feed": articles for e, articles in corpus.entity_articles.items()
                     if f"entities/{e}.md" in pages})
    assert len(channels) > 10
    for name, articles in channels.items():
        expected = min(len(articles), 50)
        parsed = feedparser.parse(pages[name + ".xml"])
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.version == "rss20" and len(parsed.entries) == expected, name
        feed = json.loads(pages[name + ".json"])
        assert feed["version"] == "https://jsonfeed.org/version/1.1" and len(feed["items"]) == expected, name
        assert all(item["id"] and item["url"] and item["title"] for item in feed["items"]), name
        # relative addresses, as a reader resolves them against the feed's own address, lead to article pages
        for entry, item in zip(parsed.entries, feed["items"]):
            for link in (entry.link, item["url"]):
                page = urljoin(f"https://site.example/{name}.xml", link).removeprefix("https://site.example/")
                assert page.startswith("articles/") and page[:-1] + ".md" in pages, (name, link)


def test_absolute_addresses_when_the_site_address_is_known(project_copy):
    site = build(Project(root=project_copy, site_url="https://presse.example/site/"))
    records = json.loads(site.pages["entities/mark-zuckerberg/citations.json"])
    assert records and all(r["passage_url"].startswith("https://presse.example/site/articles/") for r in records)
    parsed = feedparser.parse(site.pages["topics/investments/feed.xml"])
    assert not parsed.bozo and parsed.feed.link == "https://presse.example/site/topics/investments/"
    assert all(e.link.startswith("https://presse.example/site/articles/") for e in parsed.entries)


def test_the_same_inputs_give_the_same_bytes(seed_site):
    """Another build, without the cache and in one process: every download and feed byte for byte the same."""
    again = build(Project(root=ROOT, cache=False, executor="serial"))
    taken_away = [p for p in seed_site.pages if p.endswith((".csv", ".json", ".xml")) and not p.startswith("assets/")]
    assert len(taken_away) > 20 and sorted(taken_away) == sorted(p for p in again.pages if p in taken_away)
    for path in taken_away:
        assert again.pages[path].encode("utf-8") == seed_site.pages[path].encode("utf-8"), path


@pytest.mark.parametrize("path", ["citations.csv", "chiffres.csv"])
def test_the_site_files_hold_every_quote_and_every_figure(seed_site, path):
    corpus = seed_site.corpus
    rows = spreadsheet_rows(seed_site.pages[path])
    expected = sum(len(a.quotes if path.startswith("citations") else a.figures) for a in corpus.articles)
    assert len(rows) - 1 == expected > 0
    dates = [row[rows[0].index("date")] for row in rows[1:]]
    assert dates == sorted(dates, key=lambda d: (d == "", d)), "rows in order of date, undated last"


def test_each_rows_text_is_what_the_csv_and_json_modules_write():
    """Rows are written once and joined into every file that holds them, article by article (`Share`): the text of
    the whole file is the modules' own."""
    from generator.downloads import COLUMNS, FIGURES, QUOTES, Row, Share, _spreadsheet_cell, files

    quote = ("Titre « guillemets » \"doubles\", virgule", "https://x.org/articles/a/", "Le Monde", "2025-09-01",
             "=Speaker\\nom", None, "Texte\u2028avec \u00e9 et \U0001F600, ; \\ / \t", "https://x.org/a/#p-1")
    figure = ("Titre", "articles/b/", "", "", "money", "milliards", 14.3, "USD", "14,3 milliards", "articles/b/#p-2")
    for name, cells in ((QUOTES, quote), (FIGURES, figure), (FIGURES, figure[:6] + (1200,) + figure[7:]),
                        (FIGURES, figure[:6] + (None,) + figure[7:])):
        rows = [Row.of(name, cells) for _article in ("a", "a", "c")]
        by_article = [Share.of(rows[:2]), Share.of(()), Share.of(rows[2:])]  # "b" has none of them
        shares = [(share, Share.of(())) if name == QUOTES else (Share.of(()), share) for share in by_article]
        made = files("x/", shares)
        assert sorted(made) == sorted(f"x/{name}.{extension}" for extension in ("csv", "json"))
        records = [dict(zip(COLUMNS[name], cells)) for _row in rows]
        assert made[f"x/{name}.json"] == json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS[name])
        writer.writerows([_spreadsheet_cell(cell) for cell in cells] for _row in rows)
        assert made[f"x/{name}.csv"] == "\ufeff" + out.getvalue()
    assert files("x/", [(Share.of(()), Share.of(()))]) == {}  # no rows, no file


def test_rows_added_at_the_end_of_files_give_the_files_made_of_every_share():
    """`downloads.extended`: the files made of the first articles' shares, with the others' rows added at their end,
    are the files made of every share, wherever the first ones stop: a table the first had no row of gets its files,
    a file that gains no row is left as it is (None)."""
    from generator.downloads import FIGURES, QUOTES, Row, Share, extended, files

    def share(quotes: int, figures: int, n: int) -> tuple[Share, Share]:
        return (Share.of(Row.of(QUOTES, (f"a{n}", "u", "o", "2024", f"s{q}", "", "« dit »", "u#p")) for q in range(quotes)),
                Share.of(Row.of(FIGURES, (f"a{n}", "u", "o", "2024", "money", "", 3 + f, "EUR", "3 €", "u#p"))
                         for f in range(figures)))

    shares = [share(q, f, n) for n, (q, f) in enumerate([(0, 1), (0, 0), (2, 0), (1, 3), (0, 0), (0, 2)])]
    whole = files("e/", shares)
    for first in range(len(shares) + 1):
        held = files("e/", shares[:first])
        made = extended("e/", tuple(held), held.__getitem__, shares[first:])
        assert made is not None and set(made) == set(whole)
        assert {path: held[path] if text is None else text for path, text in made.items()} == whole
        assert all((text is None) == (held.get(path) == whole[path]) for path, text in made.items())
        json.loads(whole["e/chiffres.json"])
