"""The search box on a corpus it was not tuned on: the 32 articles of tests/subjects/ (a gigafactory near Dunkirk,
a Champions League final, a senator's trial; French, English, a German and a Spanish article), built once into a
site of their own. The queries and the pages expected for them were written from the articles before the site was
first built; only the pages' addresses (slugs) were filled in afterwards.

Also: a word absent from the corpus finds nothing (not a page holding a word it begins like), a misspelt name
offers the right one, an exact phrase, results beyond the first twenty, sorting by date, and the filters on a phone.
Needs Debian's chromium (see tests/test_browser.py: REQUIRE_BROWSER=1 makes a missing browser a failure).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from browser import chromium_page, require_chromium, search, serve

require_chromium()

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = ROOT / "tests" / "subjects"

# Source file -> the address of its article page (filled in after the first build; the expectations were not).
ARTICLE = {
    "giga_de_01_wirtschaft": "articles/batteriefabrik-in-dunkirchen-aubrac-energie-legt-den/",
    "giga_en_01_wire": "articles/french-battery-maker-aubrac-energie-breaks-ground-on-dunkirk/",
    "giga_en_02_trade": "articles/aubrac-energie-hires-300-engineers-as-it-readies-lfp-lines/",
    "giga_en_03_uk": "articles/france-s-battery-valley-can-dunkirk-take-on-china/",
    "giga_en_04_analysis": "articles/toyota-bets-on-french-cells-what-the-aubrac-deal-means/",
    "giga_en_05_newsletter": "articles/aubrac-s-softbank-money-explained/",
    "giga_es_01_diario": "articles/la-francesa-aubrac-energie-pone-la-primera-piedra-de-su-de/",
    "giga_fr_01_regional": "articles/gigafactory-aubrac-energie-pose-la-premiere-pierre-de-son-de/",
    "giga_fr_02_depeche": "articles/batteries-macron-salue-l-aventure-industrielle-d-aubrac-a/",
    "giga_fr_03_magazine": "articles/aubrac-energie-le-pari-du-lithium-fer-phosphate/",
    "giga_fr_04_economie": "articles/aubrac-energie-obtient-le-feu-vert-de-bruxelles-pour-450-d-d/",
    "giga_fr_05_emploi": "articles/aubrac-energie-recrute-1-200-salaries-attendus-a-loon-plage/",
    "foot_en_01_wire": "articles/doue-double-helps-psg-beat-real-madrid-3-1-to-retain-league/",
    "foot_en_02_uk": "articles/doue-double-sinks-mbappe-s-real-as-psg-rule-europe-again/",
    "foot_en_03_tactics": "articles/how-luis-enrique-s-pressing-trap-beat-real-madrid-in-munich/",
    "foot_en_04_news": "articles/uefa-hails-unforgettable-munich-final-as-psg-lift-trophy/",
    "foot_en_05_business": "articles/psg-s-second-champions-league-title-is-worth-at-least-say/",
    "foot_fr_01_quotidien": "articles/ligue-des-champions-le-psg-renverse-le-real-madrid-et-son-a/",
    "foot_fr_02_depeche": "articles/foot-le-psg-bat-le-real-madrid-et-garde-sa-couronne/",
    "foot_fr_03_live": "articles/en-direct-psg-real-madrid-3-1-paris-conserve-sa-ligue-des-la/",
    "foot_fr_04_portrait": "articles/desire-doue-l-enfant-de-rennes-devenu-roi-de-munich/",
    "foot_fr_05_paris": "articles/victoire-du-psg-45-000-spectateurs-au-parc-des-princes-une/",
    "trial_en_01_wire": "articles/french-far-right-senator-goes-on-trial-over-alleged-misuse/",
    "trial_en_02_anadolu": "articles/national-rally-leader-bardella-testifies-in-french-senator-s/",
    "trial_en_03_explainer": "articles/the-varenne-trial-what-is-at-stake-for-france-s-national/",
    "trial_en_04_news": "articles/prosecutors-seek-suspended-sentence-and-five-year-ban-for/",
    "trial_en_05_uk": "articles/french-far-right-senator-convicted-of-embezzling-senate/",
    "trial_fr_01_ouverture": "articles/assistants-du-senat-le-proces-du-senateur-rn-gerald-varenne/",
    "trial_fr_02_depeche": "articles/proces-varenne-jordan-bardella-dit-n-avoir-jamais-eu-d/",
    "trial_fr_03_live": "articles/direct-proces-varenne-le-pnf-requiert-deux-ans-de-prison-et/",
    "trial_fr_04_analyse": "articles/apres-l-affaire-le-pen-le-rn-rattrape-par-une-nouvelle-d/",
    "trial_fr_05_verdict": "articles/le-senateur-rn-gerald-varenne-condamne-a-18-mois-de-prison-d/",
}
# A person's or place's own page, where the site makes one (also filled in after the first build).
ENTITY = {
    "Hélène Marchetti": "entities/helene-marchetti/",
    "Kenji Watanabe": "entities/kenji-watanabe/",
    "Akira Mori": "entities/akira-mori/",
    "Désiré Doué": "entities/desire-doue/",
    "Isabelle Fromentin": "entities/isabelle-fromentin/",
}


def pages(*names: str) -> tuple[str, ...]:
    return tuple(ARTICLE.get(n) or ENTITY.get(n) or n for n in names)


QUERIES = [  # (what a reader types, pages of which one is expected among the first three results)
    # the gigafactory
    ("Smic", pages("giga_fr_05_emploi", "giga_fr_01_regional")),
    ("candidatures", pages("giga_fr_05_emploi")),
    ("Sophie Vandamme", pages("giga_fr_05_emploi")),
    ("lithium-fer-phosphate", pages("giga_fr_03_magazine")),
    ("kilowattheure", pages("giga_fr_03_magazine")),
    ("Bruxelles", pages("giga_fr_04_economie")),
    ("Versailles", pages("giga_fr_02_depeche")),
    ("Vision Fund", pages("giga_en_05_newsletter")),
    ("Akira Mori", pages("giga_en_05_newsletter", "Akira Mori")),
    ("pilot line yield", pages("giga_en_02_trade")),
    ("Kenji Watanabe", pages("giga_en_04_analysis", "giga_fr_03_magazine", "Kenji Watanabe")),
    ("Batteriefabrik", pages("giga_de_01_wirtschaft")),
    ("gigafactoria", pages("giga_es_01_diario")),  # "gigafactoría", typed without its accent
    ("Helene Marchetti", pages("Hélène Marchetti", "giga_fr_02_depeche", "giga_en_01_wire", "giga_fr_01_regional")),
    # the final
    ("Doue", pages("Désiré Doué", "foot_fr_04_portrait", "foot_en_01_wire")),  # "Doué" without its accent
    ("pressing trap", pages("foot_en_03_tactics")),
    ("prize money", pages("foot_en_05_business")),
    ("Qatar Sports Investments", pages("foot_en_05_business")),
    ("Parc des Princes", pages("foot_fr_05_paris", "foot_fr_02_depeche")),
    ("Champs-Elysees", pages("foot_fr_05_paris", "foot_fr_02_depeche")),
    ("Nyon", pages("foot_en_04_news")),
    ("television audience", pages("foot_en_04_news")),
    ("l’enfant de Rennes", pages("foot_fr_04_portrait")),
    ("Nasser Al-Khelaïfi", pages("foot_fr_02_depeche")),
    # the trial
    ("ineligibilite", pages("trial_fr_03_live", "trial_fr_05_verdict", "trial_fr_04_analyse")),
    ("réquisitions", pages("trial_fr_03_live", "trial_fr_02_depeche", "trial_fr_05_verdict")),
    ("embezzling", pages("trial_en_05_uk", "trial_en_02_anadolu", "trial_en_03_explainer")),
    ("Anadolu", pages("trial_en_02_anadolu", "trial_en_04_news")),
    ("suspended sentence", pages("trial_en_04_news", "trial_en_05_uk")),
    ("Gérard Larcher", pages("trial_fr_04_analyse")),
    ("Sciences Po", pages("trial_fr_04_analyse")),
    ("emplois fictifs", pages("trial_fr_02_depeche")),
    ("Hénin-Beaumont", pages("trial_en_03_explainer")),
    ("Isabelle Fromentin", pages("Isabelle Fromentin", "trial_fr_05_verdict", "trial_en_05_uk", "trial_fr_01_ouverture",
                                 "trial_fr_02_depeche", "trial_en_02_anadolu")),
]
# None is in the corpus; words beginning with "ser", "gren", "toyota" are (Pagefind would answer with those).
ABSENT = ["Serengeti", "Kubernetes", "Grenadine", "Toyotamobile"]


@pytest.fixture(scope="module")
def subjects_site(tmp_path_factory) -> Path:
    """The site of tests/subjects/ as `mkdocs build` makes it (once for this module)."""
    project = tmp_path_factory.mktemp("subjects")
    for name in ("docs", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "sources").mkdir()
    for source in sorted(SUBJECTS.iterdir()):
        if source.is_file() and source.name != "labels.yml":
            shutil.copy(source, project / "sources" / source.name)
    out = project / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(out)], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out


@pytest.fixture(scope="module")
def browser_page(subjects_site):
    """One Chromium page for the module (one site; each test starts from the home page)."""
    with serve(subjects_site) as base, chromium_page() as page:
        page.base = base
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page


@pytest.fixture
def site(browser_page):
    browser_page.goto(browser_page.base)
    yield browser_page
    assert not browser_page.errors


def addresses(results: list[dict]) -> list[str]:
    return [r["href"].lstrip("/").split("#")[0] for r in results]


def status(page) -> str:
    return page.locator("[data-search-status]").text_content()


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def test_queries_find_their_pages_in_the_top_three(site):
    missed = []
    for query, expected in QUERIES:
        assert all(expected), (query, expected)
        found = addresses(search(site, query))
        if not set(expected) & set(found[:3]):
            missed.append((query, found[:5]))
    assert not missed, missed


@pytest.mark.parametrize("word", ABSENT)
def test_a_word_absent_from_the_corpus_finds_nothing(site, word):
    assert search(site, word) == []
    assert status(site) == f"Aucun résultat pour « {word} »."


def test_the_vocabulary_is_loaded_at_the_first_search_and_only_the_files_of_its_words(browser_page):
    page = browser_page.context.new_page()
    try:
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(browser_page.base)
        page.click("[data-search-open]")
        page.wait_for_selector(".site-search__tools select")
        assert not [url for url in requests if "/vocabulary/" in url]
        search(page, "Serengeti")
        assert sorted(url.rsplit("/", 1)[1] for url in requests if "/vocabulary/" in url) == ["s.json"]
    finally:
        page.close()


def test_pages_that_only_hold_a_word_beginning_like_the_query_are_not_results(site):
    found = addresses(search(site, "Doue"))  # Pagefind's stem "dou" also finds Douai
    assert found and not [address for address in found if "douai" in address]
    assert ENTITY["Désiré Doué"] in found[:3]


def test_an_absent_word_beside_known_ones_is_said_and_left_out(site):
    found = addresses(search(site, "Serengeti Bardella"))
    assert found and "Serengeti" in site.locator("[data-search-hint]").text_content()
    assert found == addresses(search(site, "Bardella"))


def test_a_misspelt_name_offers_the_right_one_which_finds_their_page(site):
    assert search(site, "Marcheti") == []
    suggestion = site.locator("[data-search-hint] button").first
    assert suggestion.text_content() == "Marchetti"
    assert "Vouliez-vous dire" in site.locator("[data-search-hint]").text_content()
    done = site.locator("[data-search]").get_attribute("data-search-done")
    suggestion.click()
    site.wait_for_function("d => document.querySelector('[data-search]').dataset.searchDone !== d", arg=done)
    assert site.locator("[data-search-input]").input_value() == "Marchetti"
    found = site.eval_on_selector_all(".site-search__link", "links => links.map(a => a.getAttribute('href'))")
    assert ENTITY["Hélène Marchetti"] in [h.lstrip("/").split("#")[0] for h in found[:3]]


def test_an_exact_phrase_finds_only_the_pages_holding_it(site, subjects_site):
    phrase = "première pierre"
    found = addresses(search(site, f"« {phrase} »"))
    loose = addresses(search(site, "première pierre"))
    assert found and len(found) < len(loose)
    for address in found:
        html = (subjects_site / address / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", fold(re.sub(r"<[^>]+>", " ", html)))
        assert fold(phrase) in text, address
    assert set(addresses(search(site, f'"{phrase}"'))) == set(found)


def test_results_beyond_the_first_twenty_are_a_click_away(site):
    first = addresses(search(site, "Paris"))
    assert len(first) == 20
    total = int(re.match(r"(\d+) résultats, 1 à 20\.", status(site)).group(1))
    assert total > 20
    done = site.locator("[data-search]").get_attribute("data-search-done")
    site.click("[data-search-more]")
    site.wait_for_function("d => document.querySelector('[data-search]').dataset.searchDone !== d", arg=done)
    second = addresses(site.eval_on_selector_all(".site-search__link",
                                                 "ls => ls.map(a => ({href: a.getAttribute('href')}))"))
    assert second and not set(second) & set(first)
    assert status(site) == f"{total} résultats, 21 à {min(total, 40)}."


def _iso(kind: str) -> str | None:
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    found = re.search(r"(\d{1,2})(?:er)? (\w+) (\d{4})", kind)
    if not found or found.group(2) not in months:
        return None
    return f"{found.group(3)}-{months.index(found.group(2)) + 1:02d}-{int(found.group(1)):02d}"


def test_sorting_by_date_puts_the_newest_first_and_the_undated_last(site):
    relevance = search(site, "Marchetti")
    done = site.locator("[data-search]").get_attribute("data-search-done")
    site.click("[data-search-sort='date']")
    site.wait_for_function("d => document.querySelector('[data-search]').dataset.searchDone !== d", arg=done)
    by_date = site.eval_on_selector_all(".site-search__link", """links => links.map(a => ({
        href: a.getAttribute('href'), kind: a.querySelector('.site-search__kind').textContent}))""")
    assert sorted(addresses(by_date)) == sorted(addresses(relevance))
    dates = [_iso(r["kind"]) for r in by_date]
    dated = [d for d in dates if d]
    assert len(dated) >= 5 and dated == sorted(dated, reverse=True)
    assert dates == dated + [None] * (len(dates) - len(dated)), dates  # the undated last
    assert site.locator("[data-search-sort='date']").get_attribute("aria-pressed") == "true"


def test_on_a_phone_every_filter_and_the_sort_are_within_reach(browser_page):
    context = browser_page.context.browser.new_context(viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(browser_page.base)
        search(page, "Paris")
        controls = page.locator(".site-search__tools select, [data-search-sort]")
        page.wait_for_selector(".site-search__tools select")
        assert controls.count() >= 5
        for i in range(controls.count()):
            box = controls.nth(i).bounding_box()
            assert controls.nth(i).is_visible() and box and box["height"] > 0, (i, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (i, box)  # not cut off: the row wraps
        page.select_option("select[name='page']", "Article")
        page.click("[data-search-sort='date']")
        assert page.locator("[data-search-sort='date']").get_attribute("aria-pressed") == "true"
    finally:
        context.close()
