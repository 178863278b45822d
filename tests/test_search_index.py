"""The search index in parts that publishing leaves as they are (generator/search.py, issue 22): new articles land in
the last part, and indexing the site again makes anew only the parts whose pages changed; the index is the one a
whole indexing gives (but for Pagefind's filter files, which differ from run to run)."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from generator.search import OUTPUT, IndexedPage, index_parts, index_site


def _pages(count: int, first: int = 0) -> list[IndexedPage]:
    return [IndexedPage(f"articles/{n:04d}/index.html", f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}", str(n))
            for n in range(first, first + count)]


def _changed(before: list[list[IndexedPage]], after: list[list[IndexedPage]]) -> list[list[IndexedPage]]:
    """The parts of `after` that `before` does not hold as they are: those indexing makes anew."""
    return [part for part in after if part not in before]


def test_new_articles_land_in_the_newest_part_the_smallest_and_the_others_stay_as_they_were():
    hubs = [IndexedPage(f"entities/{n:03d}/index.html", "", str(n)) for n in range(25)]
    before = index_parts(hubs + _pages(300), part_pages=20)
    # The undated pages in a part of their own (5 more would make a part of under half: they join the first); the
    # dated ones in parts of 5 to 30 pages, the newest after the last cut in parts of 5 (a quarter of a part).
    assert [len(part) for part in before][0] == 25 and all(not page.date for page in before[0])
    dated = [page for part in before[1:] for page in part]
    assert dated == sorted(dated, key=lambda page: page.date)
    assert all(5 <= len(part) <= 30 for part in before[1:]) and any(len(part) < 20 for part in before[1:])
    for count in range(1, 40):
        after = index_parts(hubs + _pages(300 + count), part_pages=20)
        changed = _changed(before, after)
        # The new pages, and the newest ones they join: never an older part.
        assert sum(len(part) for part in changed) <= 30 + count
        assert all(page in changed[0] or page.date >= changed[0][0].date for part in changed for page in part)
        assert after[:after.index(changed[0])] == before[:after.index(changed[0])]
    # An article published, as a rule, changes one part, of at most 5 pages; now and then it closes the newest ones
    # into one part.
    one_by_one = [_changed(index_parts(hubs + _pages(300 + n - 1), part_pages=20),
                           index_parts(hubs + _pages(300 + n), part_pages=20)) for n in range(1, 40)]
    assert sum(len(changed) == 1 and len(changed[0]) <= 5 for changed in one_by_one) > 30


def test_a_removed_or_back_dated_article_changes_its_part_not_every_newer_one():
    """Parts cut by count from the oldest would all shift by a page after the removed one: an article of last year
    removed, two thirds of the index made again."""
    hubs = [IndexedPage(f"entities/{n:03d}/index.html", "", str(n)) for n in range(25)]
    pages = _pages(300)
    before = index_parts(hubs + pages, part_pages=20)
    made_again = []
    for removed in range(0, 300, 7):
        changed = _changed(before, index_parts(hubs + pages[:removed] + pages[removed + 1:], part_pages=20))
        made_again.append(sum(len(part) for part in changed))
        assert made_again[-1] <= 60  # its part and, when a cut of the next was forced, that one
    assert sum(made_again) / len(made_again) <= 30
    back_dated = IndexedPage("articles/9999/index.html", "2025-02-03", "old")
    changed = _changed(before, index_parts(hubs + pages + [back_dated], part_pages=20))
    assert back_dated in changed[0] and sum(len(part) for part in changed) <= 60


def test_a_small_site_has_one_index():
    pages = _pages(30)
    assert index_parts(pages, part_pages=2500) == [sorted(pages, key=lambda p: p.path)]
    assert len(index_parts(pages, part_pages=0)) == 1


def _index_files(site: Path) -> set[str]:
    """The index's pages and words (its filter files and the entry that names them differ from run to run)."""
    return {f"{p.relative_to(site / OUTPUT).as_posix()} {hashlib.sha256(p.read_bytes()).hexdigest()}"
            for p in (site / OUTPUT).rglob("*") if p.is_file() and "filter" not in p.parts
            and not p.name.endswith((".pf_meta", "pagefind-entry.json"))}


def test_indexing_again_makes_anew_only_the_parts_whose_pages_changed(built_site, tmp_path):
    site, kept = tmp_path / "site", tmp_path / "kept"
    shutil.copytree(built_site, site)
    first = index_site(site, part_pages=20, kept=kept)
    assert first.indexed_again == first.pages
    again = index_site(site, part_pages=20, kept=kept)
    assert again.indexed_again == 0

    page = next(p for p in sorted((site / "articles").glob("*/index.html")))
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " Zanzibar</h1>", 1), encoding="utf-8")
    edited = index_site(site, part_pages=20, kept=kept)
    assert 0 < edited.indexed_again < edited.pages / 2
    whole = tmp_path / "whole"
    shutil.copytree(site, whole)
    index_site(whole, part_pages=20)
    assert _index_files(site) == _index_files(whole)
    assert "zanzibar" in (site / OUTPUT / "vocabulary" / "z.json").read_text(encoding="utf-8").lower()

    shutil.rmtree(site / OUTPUT)  # the index gone (a clean build): made whole again, not from what is remembered
    assert index_site(site, part_pages=20, kept=kept).indexed_again == first.pages


def test_the_index_holds_the_pages_the_build_wrote_found_without_walking_the_site(built_site, tmp_path, monkeypatch):
    """The plugin hands the index the files MkDocs wrote: a page left in the folder by hand (or by an older build)
    is not indexed, and the site's folders, one per page, are not walked to find the pages (seconds at ten thousand
    articles). Given every page, the index is the one a walk gives."""
    import generator.search as search

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    built = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    stray = site / "ancien" / "index.html"
    stray.parent.mkdir()
    stray.write_text('<html><body><article data-pagefind-body><h1>Quokkarium</h1><p>Une page oubliée.</p>'
                     "</article></body></html>", encoding="utf-8")
    walked = []
    real_walk = search.files_under
    monkeypatch.setattr(search, "files_under", lambda folder, *args: walked.append(folder) or real_walk(folder, *args))
    given = index_site(site, part_pages=20, built=built)
    assert site not in walked
    assert "quokkarium" not in (site / OUTPUT / "vocabulary" / "q.json").read_text(encoding="utf-8").lower()
    stray.unlink()
    whole = tmp_path / "whole"
    shutil.copytree(site, whole)
    found = index_site(whole, part_pages=20)
    assert whole in walked
    assert (given.pages, _index_files(site)) == (found.pages, _index_files(whole))


def _page(title: str, day: int | None = None) -> str:
    dated = f'<span data-pagefind-meta="date">{day} mars 2025</span>' if day else ""
    return (f"<html><body><article data-pagefind-body><h1>{title}</h1>{dated}<p>Un texte sur {title}, "
            f"page de démonstration.</p></article></body></html>")


def test_parts_are_indexed_two_at_a_time_only_when_together_they_are_no_larger_than_a_part(tmp_path, monkeypatch):
    """The indexer holds the pages it indexes in memory: a whole index is made one part at a time, and the small
    parts that a publish changes (the newest articles', the undated pages') are made on two cores at once."""
    import threading
    import time

    import generator.search as search

    site, kept = tmp_path / "site", tmp_path / "kept"
    for n in range(6):  # undated: one part
        (site / "entities" / f"e{n}").mkdir(parents=True)
        (site / "entities" / f"e{n}" / "index.html").write_text(_page(f"Entité {n}"), encoding="utf-8")
    for n in range(1, 27):  # dated: parts of 3, 14 and 6 cut where their pages say, the newest 3 in a part of their own
        (site / "articles" / f"a{n:02d}").mkdir(parents=True)
        (site / "articles" / f"a{n:02d}" / "index.html").write_text(_page(f"Article {n}", n), encoding="utf-8")
    running, most, wait_for_two = [], [], []
    lock = threading.Lock()
    real = search._pagefind

    def watched(*args):
        with lock:
            running.append(args)
            most.append(len(running))
        # Decided by order, not by time: where two may run at once, an indexer waits for the other to start (for a
        # minute at most: one let run alone never sees it).
        deadline = time.monotonic() + 60
        while wait_for_two and len(running) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        with lock:
            most.append(len(running))
        try:
            real(*args)
        finally:
            with lock:
                running.remove(args)

    monkeypatch.setattr(search, "_pagefind", watched)
    first = index_site(site, part_pages=12, kept=kept)
    assert (first.pages, first.indexed_again, len(most), max(most)) == (32, 32, 10, 1)
    for page in (site / "entities" / "e0" / "index.html", site / "articles" / "a26" / "index.html"):
        page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " Zanzibar</h1>", 1), encoding="utf-8")
    most.clear()
    wait_for_two.append(True)
    again = index_site(site, part_pages=12, kept=kept)
    wait_for_two.clear()
    assert (again.indexed_again, len(most), max(most)) == (9, 4, 2)
    whole = tmp_path / "whole"
    shutil.copytree(site, whole)
    index_site(whole, part_pages=12)
    assert _index_files(site) == _index_files(whole)


def test_the_vocabulary_counts_each_word_as_written_and_each_page_once():
    """The words the search box checks a query against: folded words by the pages that hold them, each written as
    most often (the lower-case form between equals), the words of most pages first."""
    from generator.search import Vocabulary

    words = Vocabulary()
    words.add("Élysée élysée ÉLYSÉE Élysée, le palais de l’Élysée. Données données")
    words.add("Le palais. Un mot: a.")
    assert words.pages_with == {"elysee": 1, "le": 2, "palais": 2, "de": 1, "donnees": 1, "un": 1, "mot": 1}
    assert words.forms[("elysee", "Élysée")] == 3 and words.forms[("elysee", "élysée")] == 1
    assert words.words() == ["le", "palais", "de", "données", "Élysée", "mot", "Un"]


def test_what_the_index_reads_of_a_page_is_what_pagefind_indexes(built_site, tmp_path):
    """A page's part of the index is kept when what Pagefind reads of it is the same (`as_indexed`): its blocks marked
    data-pagefind-ignore (an article's quotes, entities, related articles, its local graph) can change, or lose a
    heading, and Pagefind, run on both pages, indexes the same words, anchors and metadata; what it reads (the text,
    a date, a filter) changes the digest."""
    import gzip
    import re

    from generator.search import _pagefind, as_indexed, for_index

    page = next(p for p in sorted((built_site / "articles").glob("*/index.html"))
                if 'id="articles-lies"' in (text := p.read_text(encoding="utf-8")) and "data-pagefind-meta=\"date\"" in text)
    original = for_index(page.read_text(encoding="utf-8"))
    related = re.search(r'<h2 id="articles-lies">.*?</ul>', original, re.S).group()
    variants = {
        "original": original,
        "related": original.replace(related, re.sub(r">[^<]+</a>", ">Un autre article lié</a>",
                                                      re.sub(r'href="[^"]*"', 'href="../autre/"', related))),
        "no related": original.replace(related, ""),
        "graph": re.sub(r'data-graph-local="[^"]*"', 'data-graph-local="{}"', original),
    }
    assert len(set(variants.values())) == 4 and len({as_indexed(v) for v in variants.values()}) == 1

    def indexed(text: str) -> set[str]:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        (folder / "pages" / "x").mkdir(parents=True)
        (folder / "pages" / "x" / "index.html").write_text(text, encoding="utf-8")
        _pagefind(folder / "pages", folder / "out", "fr", folder)
        return {f"{p.name} {gzip.decompress(p.read_bytes())!r}" for p in (folder / "out").rglob("*.pf_*")
                if p.parent.name in ("fragment", "index")}

    assert len({frozenset(indexed(text)) for text in variants.values()}) == 1
    date = re.search(r'data-pagefind-sort="date">([\d-]+)<', original).group(1)
    for read in (original.replace("</h1>", " Zanzibar</h1>", 1), original.replace(date, "1999-01-01"),
                 re.sub(r'(data-pagefind-filter="[^"]+">)', r"\1Autre ", original, count=1)):
        assert as_indexed(read) != as_indexed(original)
