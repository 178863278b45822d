"""Starting a site on one's own corpus (issue 21): `generator init`, keys that no format has, an honest home page,
and link cards (OpenGraph) on every page."""
from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import Project, build

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _mkdocs(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=folder, capture_output=True, text=True,
                          env=ENV)


def _init(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "init", str(folder)], capture_output=True, text=True,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "mon-site"
    done = _init(folder)
    assert done.returncode == 0, done.stderr
    return folder


def test_init_makes_a_site_without_the_seeds_that_builds_strict(new_site):
    assert list((new_site / "sources").glob("*.*")) in ([], [new_site / "sources" / ".gitkeep"])
    assert not list((new_site / "docs" / "topics").glob("*.md"))
    assert not list((new_site / "knowledge" / "entities").glob("*.yml"))
    assert "Meta" not in (new_site / "mkdocs.yml").read_text(encoding="utf-8").split("\n", 2)[0]
    done = _mkdocs(new_site, "--strict")
    assert done.returncode == 0, done.stderr
    home = (new_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "aucun article" in home and "sources/" in home
    assert "0 article" not in home


def test_init_refuses_a_folder_that_holds_something(tmp_path):
    (tmp_path / "notes.md").write_text("à garder", encoding="utf-8")
    done = _init(tmp_path)
    assert done.returncode == 1 and "not an empty folder" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_a_new_site_with_articles_and_a_topic_builds(new_site, tmp_path):
    """The site init made, given two articles and a topic of another subject, shows them on its home page."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(new_site, site, ignore=shutil.ignore_patterns("site", ".cache"))
    for name in ("giga_fr_01_regional.txt", "giga_en_01_wire.txt"):
        shutil.copy(ROOT / "tests" / "subjects" / name, site / "sources" / name)
    (site / "docs" / "topics" / "batteries.md").write_text(
        "---\ntitle: Batteries\ndescription: Les usines de batteries.\nkeywords: [batterie, batteries, battery, "
        "gigafactory, gigafactories]\n---\n\nLes usines de batteries.\n", encoding="utf-8")
    (site / "docs" / "topics" / "unused.md").write_text(
        "---\ntitle: Sujet sans article\ndescription: Rien.\nkeywords: [zzyzx]\n---\n\nRien.\n", encoding="utf-8")
    done = _mkdocs(site, "--strict")
    assert done.returncode == 0, done.stderr
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "Batteries" in home and "2 articles" in home
    assert "Sujet sans article" not in home  # a topic no article is about is on the topics page only
    assert "Sujet sans article" in (site / "site" / "topics" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("file, old, new, message", [
    ("docs/topics/consortium.md", "keywords:", "keywrods:", "unknown key 'keywrods': did you mean 'keywords'?"),
    ("knowledge/entities/people.yml", "    aliases:", "    alias:", "unknown key 'alias': did you mean 'aliases'?"),
])
def test_a_misspelt_key_fails_strict_with_its_file_line_and_the_key_meant(project_copy, file, old, new, message):
    path = project_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = _mkdocs(project_copy, "--strict")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"{file}:{line}: error: {message}" in done.stderr


def test_a_misspelt_front_matter_key_is_named_and_other_tools_keys_are_not(project_copy):
    (project_copy / "sources" / "typo.md").write_text(
        "---\ntitle: Un article\ndat: 2025-06-01\ntags: [ia]\ncategories: [tech]\n---\n\n"
        "Meta publie Llama, un modèle ouvert, et le présente comme une alternative.\n", encoding="utf-8")
    site = build(Project(root=project_copy, cache=False, executor="serial"))
    said = [str(p) for p in site.problems if p.path == "sources/typo.md"]
    assert said == ["sources/typo.md:3: error: unknown key 'dat': did you mean 'date'? It is ignored"]


def test_the_home_page_counts_undated_articles_apart(seed_site):
    home = seed_site.pages["index.md"]
    dated = [a for a in seed_site.corpus.articles if a.article.published]
    undated = len(seed_site.corpus.articles) - len(dated)
    assert undated and dated  # the seeds: one dated article, four undated
    assert f"{undated} sans date" in home
    assert "en septembre 2025." not in home  # the period is that of the dated articles, said as such


class _Cards(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.handlers: list[str] = []  # event handler attributes on <meta> tags: a value that broke out

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.handlers += [name for name, _ in attrs if name.startswith("on")]
        attrs = dict(attrs)
        if tag == "meta" and (key := attrs.get("property") or attrs.get("name")):
            self.meta[key] = attrs.get("content") or ""


def _cards(page: Path) -> dict[str, str]:
    parser = _Cards()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.handlers == [], page
    return parser.meta


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The seeds and one article whose title and first passage try to break out of an attribute, built with a
    site_url."""
    import shutil

    project = tmp_path_factory.mktemp("cards")
    for name in ("docs", "sources", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "sources" / "quotes.md").write_text(
        '---\ntitle: \'Un "titre" <b>gras</b> onmouseover="x"\'\n---\n\n'
        'Le « premier » passage de Meta, avec des "guillemets" et <script>x</script> dedans, assez long.\n',
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True,
                          text=True, env={**ENV, "SITE_URL": "https://exemple.org/revue/"})
    assert done.returncode == 0, done.stderr
    return project / "site"


def test_every_page_has_a_link_card_of_its_own(hostile_site):
    pages = sorted(hostile_site.rglob("index.html"))
    assert len(pages) > 20
    site_description = _cards(hostile_site / "index.html")["description"]
    for page in pages:
        cards = _cards(page)
        where = page.relative_to(hostile_site).as_posix()
        assert cards["og:site_name"] == "Meta et l'IA — revue de presse", where
        assert cards["og:title"] and cards["twitter:title"] == cards["og:title"], where
        assert cards["twitter:card"] == "summary", where
        assert cards["og:url"].startswith("https://exemple.org/revue/"), where
        if where.startswith(("articles/", "entities/", "topics/")) and where.count("/") == 2:
            assert cards["og:description"] and cards["og:description"] != site_description, where
    article = hostile_site / "entities" / "mark-zuckerberg" / "index.html"
    assert _cards(article)["og:url"] == "https://exemple.org/revue/entities/mark-zuckerberg/"


def test_a_link_card_is_text_whatever_the_title(hostile_site):
    page = next(p for p in (hostile_site / "articles").glob("*/index.html") if "premier" in p.read_text("utf-8"))
    cards = _cards(page)
    assert cards["og:title"] == 'Un "titre" <b>gras</b> onmouseover="x"'  # the title as written, as text
    assert cards["og:type"] == "article"
    assert cards["og:description"].startswith("Le « premier » passage de Meta")


def test_a_speaker_named_only_in_an_attribution_has_the_page_its_quote_links_to(project_copy):
    """"l'ONG Transport & Environment juge « plausible »": the quote linked to an entity page that was never made,
    and `--strict` failed on someone's own corpus."""
    (project_copy / "sources" / "ong.md").write_text(
        "---\ntitle: Une usine de cellules\n---\n\nL'usine affirme éviter 2,5 millions de tonnes de CO2. Un chiffre "
        "que l'ONG Transport & Environment juge « plausible, si l'usine tourne réellement à plein ».\n",
        encoding="utf-8")
    done = _mkdocs(project_copy, "--strict")
    assert done.returncode == 0, done.stderr
    assert "is not found among documentation files" not in done.stderr
