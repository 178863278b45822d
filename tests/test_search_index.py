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


def test_new_articles_land_in_the_last_part_and_the_others_stay_as_they_were():
    hubs = [IndexedPage(f"entities/{n:03d}/index.html", "", str(n)) for n in range(25)]
    before = index_parts(hubs + _pages(95), part_pages=20)
    after = index_parts(hubs + _pages(105), part_pages=20)
    # The undated pages in a part of their own (5 more would make a part of under half: they join the first).
    assert [len(part) for part in before] == [25, 20, 20, 20, 20, 15]
    assert all(not page.date for page in before[0]) and all(page.date for page in before[1])
    assert [len(part) for part in after] == [25, 20, 20, 20, 20, 25]
    assert after[:-1] == before[:-1] and after[-1][:len(before[-1])] == before[-1]


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
