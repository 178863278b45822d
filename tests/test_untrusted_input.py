"""What a file name, a scraped page or a contributor writes is data (issue 20): it never runs in a reader's
browser, never leads outside the project, and never stops the build with a traceback; every problem is a message
naming the file and the line, and `mkdocs build --strict` fails on it while the rest of the site builds.

One hostile project is built once with `mkdocs build --strict` (module fixture); the other tests read inputs in
this process.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import Project, SettingsProblem, build, write_tree
from generator.active_content import active_content
from generator.diff import Change, Report, to_markdown
from generator.knowledge import load_knowledge
from generator.model import Passage
from generator.read import read_article, read_sources

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Meta publie un nouveau modèle de langage, Llama, et le présente comme une alternative ouverte."
MARK = "pwned"  # every payload below calls alert("pwned"): the built HTML must never hold it where it runs


def _copy_project(folder: Path) -> Path:
    for name in ("docs", "sources", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def _source(title: str, extra: str = "", body: str = ARTICLE) -> str:
    return f"---\ntitle: {json.dumps(title)}\n{extra}---\n\n{body}\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A project whose inputs attack the site, built with `mkdocs build --strict`: (project, site, stderr, rc)."""
    project = _copy_project(tmp_path_factory.mktemp("hostile"))
    sources, topics = project / "sources", project / "docs" / "topics"
    (sources / f'y"><svg onload=alert("{MARK}")>.md').write_text(_source("Un nom de fichier hostile"), encoding="utf-8")
    (sources / f'x" onmouseover="alert(\'{MARK}\')" data-x=".md').write_text(_source("Un survol hostile"),
                                                                              encoding="utf-8")
    (sources / "index-title.md").write_text(_source("Index"), encoding="utf-8")
    (sources / "control.md").write_text(_source("Un titre\u0001 avec un caractère de contrôle",
                                                f"source_url: javascript:alert('{MARK}')\n"), encoding="utf-8")
    (topics / f"javascript:alert('{MARK}').md").write_text(
        "---\ntitle: Schéma\ndescription: un sujet\naliases: [Llama]\n---\n\nUn sujet.\n", encoding="utf-8")
    (topics / "open-source.md").write_text((topics / "open-source.md").read_text(encoding="utf-8")
                                           + f'\n<script>alert("{MARK}")</script>\n\n[ici](javascript:alert("{MARK}"))\n',
                                           encoding="utf-8")
    # a hand-written page: raw HTML is MkDocs's convention and stays, but the check names it and strict fails
    (project / "docs" / "notes.md").write_text(f'# Notes\n\nDu texte.\n\n<img src="x" onerror="alert(\'{MARK}\')">\n',
                                              encoding="utf-8")
    with (project / "knowledge/entities/organisations.yml").open("a", encoding="utf-8") as entities:
        entities.write('  - name: Évasion\n    id: "../../../../escaped"\n    description: une entité\n')
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return project, project / "site", done.stderr, done.returncode


class _Running(HTMLParser):
    """What in a page would run MARK: a script's text, an event handler, a javascript: address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script = False

    def handle_starttag(self, tag, attrs):
        self.script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value[:40]}>")

    def handle_data(self, data):
        if self.script and MARK in data:
            self.found.append("<script>")

    def handle_endtag(self, tag):
        self.script = False


def running_markup(site: Path) -> dict[str, list[str]]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Running()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[page.relative_to(site).as_posix()] = parser.found
    return found


def test_nothing_a_file_name_or_a_topic_writes_runs_in_the_built_site(hostile):
    project, site, _, _ = hostile
    assert (site / "articles").is_dir()
    assert running_markup(site) == {"notes/index.html": ["<img onerror>"]}  # the contributor's page, as written
    # the file names still lead to their files, percent-encoded
    page = next(p for p in (site / "articles").glob("*/index.html") if "hostile" in p.read_text(encoding="utf-8")
                and "survol" not in p.read_text(encoding="utf-8"))
    assert "sources/y%22%3E%3Csvg%20onload%3Dalert%28%22pwned%22%29%3E.md" in page.read_text(encoding="utf-8")


def test_the_build_fails_in_strict_mode_and_names_each_problem_with_its_file(hostile):
    _, site, stderr, returncode = hostile
    assert returncode != 0
    assert "docs/topics/open-source.md:" in stderr and "<script>" in stderr
    assert "file name \"javascript:alert('pwned')\" is not a slug" in stderr
    assert "knowledge/entities/organisations.yml:" in stderr and "'../../../../escaped' is not a slug" in stderr
    assert "docs/notes.md:5: error: this page runs code in readers' browsers: an event handler (onerror=)" in stderr
    assert "Traceback" not in stderr


def test_a_topic_file_name_never_becomes_a_link_scheme(hostile):
    _, site, _, _ = hostile
    assert (site / "topics" / "javascript-alert-pwned" / "index.html").is_file()
    listing = (site / "topics" / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in listing


def test_an_entity_id_never_writes_outside_the_site(hostile):
    project, site, _, _ = hostile
    assert not any(project.parent.rglob("escaped.md")) and not any(project.parent.rglob("escaped*"))
    assert (site / "entities").is_dir()


def test_an_entity_id_is_a_slug_named_with_its_line(tmp_path):
    project = _copy_project(tmp_path / "a" / "b" / "project")
    entities = project / "knowledge" / "entities" / "organisations.yml"
    line = entities.read_text(encoding="utf-8").count("\n") + 1  # the line of the entry below
    with entities.open("a", encoding="utf-8") as file:
        file.write('  - name: Évasion Corp\n    id: "../../../escaped"\n    description: une entité\n')
    (project / "sources" / "evasion.md").write_text(_source("Évasion Corp publie un modèle", body=(
        "La société Évasion Corp publie un modèle de langage. Évasion Corp le dit ouvert.")), encoding="utf-8")
    site = build(Project(root=project, cache=False, executor="serial"))
    write_tree(Project(root=project), site, tmp_path / "a" / "b" / "tree")
    tree = tmp_path / "a" / "b" / "tree"
    assert [p for p in tmp_path.rglob("escaped*") if not p.is_relative_to(tree)] == []
    assert (tree / "entities" / "escaped.md").is_file()  # the entity has its page, in the site
    assert [str(p) for p in site.problems if "escaped" in p.message] == [
        f"knowledge/entities/organisations.yml:{line}: error: entity id '../../../escaped' is not a slug "
        "(lower-case letters, digits and hyphens): taken as 'escaped'"]


def test_an_article_titled_index_keeps_the_listing(hostile):
    _, site, _, _ = hostile
    listing = (site / "articles" / "index.html").read_text(encoding="utf-8")
    assert "Un nom de fichier hostile" in listing and "Un survol hostile" in listing
    assert (site / "articles" / "index-article" / "index.html").is_file()


def test_feeds_take_only_web_addresses_and_stay_well_formed(hostile):
    _, site, _, _ = hostile
    ET.parse(site / "feed.xml")  # one control character makes it unreadable
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert not [item["external_url"] for item in feed["items"] if not item.get("external_url", "http").startswith("http")]
    assert any("caractère de contrôle" in item["title"] for item in feed["items"])


def test_the_diff_report_shows_titles_as_text():
    passage = Passage(article_id="a", block_id="p-1", text=f'<img src="https://t.example/{MARK}.gif"> suite', score=1.0)
    report = Report(ref="main", changes=(Change("topic", "t", "<b>gras</b>", "changed", (passage,), (), ("a",), ()),),
                    articles_added=("a",), articles_removed=(), titles={"a": "<script>alert(1)</script>"})
    markdown = to_markdown(report)
    assert "<img" not in markdown and "<script>" not in markdown and "<b>" not in markdown
    assert "&lt;img" in markdown and "&lt;script&gt;" in markdown


def test_active_content_is_named_with_its_line():
    found = active_content('Un texte.\n\n<p onclick="x()">a</p>\n<a href=" java\tscript:alert(1)">b</a>\n'
                           '<img src="data:image/png;base64,AAAA">\n[c](vbscript:msgbox)\n<table><tr><td>ok</td></tr></table>\n')
    assert [line for _, line in found] == [3, 4, 6]


# --- reading outside the project --------------------------------------------------------------------------------


def test_a_link_out_of_sources_is_not_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(_source("Secret", body="Le mot de passe du serveur est hunter2."), encoding="utf-8")
    sources = tmp_path / "project" / "sources"
    sources.mkdir(parents=True)
    (sources / "ok.md").write_text(_source("Un article"), encoding="utf-8")
    (sources / "linked.md").symlink_to(secret)
    read = read_sources(sources, tmp_path / "project")
    assert [a.title for a in read.articles] == ["Un article"]
    assert [(p.path, p.severity) for p in read.problems] == [("sources/linked.md", "error")]
    assert "outside" in read.problems[0].message


def test_build_out_refuses_a_folder_it_did_not_make(tmp_path):
    project = _copy_project(tmp_path)
    about = (project / "docs" / "about.md").read_bytes()
    site = build(Project(root=project, cache=False, executor="serial"))
    with pytest.raises(SettingsProblem):
        write_tree(Project(root=project), site, project / "docs")
    assert (project / "docs" / "about.md").read_bytes() == about
    out = tmp_path / "tree"
    write_tree(Project(root=project), site, out)
    (out / "stale.md").write_text("from the last build", encoding="utf-8")
    write_tree(Project(root=project), site, out)  # a folder it made is replaced
    assert not (out / "stale.md").exists() and (out / "about.md").is_file()


# --- messages, not tracebacks -----------------------------------------------------------------------------------


@pytest.mark.parametrize("front, line, expected", [
    ("date: 2025-02-30\n", 3, "'date' '2025-02-30' is not a date"),
    ("source_url: https://a.example/x\nsource_url: https://b.example/y\n", 4, "key 'source_url' written twice"),
    ("author: [Ann, Bob]\n", 3, "'author' must be text, not a list"),
    ("outlet: {name: Le Monde}\n", 3, "'outlet' must be text, not a mapping"),
])
def test_a_bad_front_matter_value_is_a_message_with_its_line(front, line, expected, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "bad.md").write_text(f"---\ntitle: Un article\n{front}---\n\n{ARTICLE}\n", encoding="utf-8")
    read = read_sources(sources, tmp_path)
    assert [(p.path, p.line) for p in read.problems] == [("sources/bad.md", line)], read.problems
    assert expected in read.problems[0].message
    if "twice" not in expected:  # the article is still read, without the bad value
        assert [a.title for a in read.articles] == ["Un article"]


def test_nested_aliases_are_refused_at_once():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]\n" for n in range(8)) + "title: *i\n---\n\nTexte.\n"
    from generator.read.formats import BrokenSource

    with pytest.raises(BrokenSource, match="aliases expand to more than"):
        read_article(bomb.encode(), ".md", "sources/bomb.md")


def test_knowledge_files_in_another_encoding_and_bad_references_are_messages(tmp_path):
    project = _copy_project(tmp_path)
    entities = project / "knowledge" / "entities"
    (entities / "latin1.yml").write_bytes("type: person\nentities:\n  - name: Zoé\n    description: é\n".encode("latin-1"))
    with (entities / "organisations.yml").open("a", encoding="utf-8") as f:
        f.write("  - name: Filiale A\n    parent: [meta]\n    description: x\n"
                "  - name: Filiale B\n    parent: personne\n    description: x\n"
                "  - name: '!!!'\n    description: x\n")
    knowledge = load_knowledge(project / "docs/topics", entities, project)
    messages = {(p.path, p.line): p.message for p in knowledge.problems if p.severity == "error"}
    assert messages[("knowledge/entities/latin1.yml", 3)].startswith("not UTF-8 text")
    assert any("'parent' must be the id of one entity" in m for m in messages.values())
    assert any("parent 'personne' is not a known entity id" in m for m in messages.values())
    assert any("no letter or digit" in m for m in messages.values())
    assert all(e.parent is None or e.parent in {x.id for x in knowledge.entities} for e in knowledge.entities)
    site = build(Project(root=project, cache=False, executor="serial"))  # and the site builds
    assert "entities/filiale-b.md" in site.pages or "entities/index.md" in site.pages


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), *args], capture_output=True,
                          text=True)


def test_check_names_code_in_a_hand_written_page_with_its_line(tmp_path):
    project = _copy_project(tmp_path)
    with (project / "docs" / "about.md").open("a", encoding="utf-8") as page:
        page.write('\n<a href="java\tscript:alert(1)">ici</a>\n\n<table><tr><td>permis</td></tr></table>\n')
    lines = (project / "docs" / "about.md").read_text(encoding="utf-8").count("\n")
    done = _cli(project, "check")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith("docs/about.md")]
    assert problems == [f"docs/about.md:{lines - 2}: error: this page runs code in readers' browsers: "
                        "href='java\\tscript:alert(1)' on <a>"]


def test_a_template_that_fails_at_run_time_is_one_line_with_its_file_and_line(tmp_path):
    project = _copy_project(tmp_path)
    with (project / "templates" / "home.md.j2").open("a", encoding="utf-8") as template:
        template.write("\n{{ 1 / 0 }}\n")
    done = _cli(project, "--no-cache", "--executor", "serial", "build", "--out", str(tmp_path / "tree"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "templates/home.md.j2:" in done.stderr and "ZeroDivisionError" in done.stderr


@pytest.mark.parametrize("change, expected", [
    (("site_name: ", "site_name: [broken\n"), "mkdocs.yml:"),
    (("  - press-site:\n", "  - press-site:\n      max_source_mb: beaucoup\n"), "max_source_mb"),
    (("      executor: processes ", "      executor: proceses "), "executor: 'proceses' is not an executor"),
    (("      sources: sources\n", "      sources: sourcse\n"), "sources: no folder 'sourcse'"),
])
def test_settings_that_cannot_work_are_one_line_errors(tmp_path, change, expected):
    project = _copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert change[0] in text
    config.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    done = _cli(project, "check")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert expected in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("old, new, expected", [
    ("      sources: sources\n", "      sources: sourcse\n", "sources: no folder 'sourcse'"),
    ("      executor: processes ", "      executor: proceses ", "'proceses' is not an executor"),
    ("      executor: processes ", "      search_part_pages: -1\n      executor: processes ", "search_part_pages: -1"),
])
def test_mkdocs_stops_on_a_setting_that_cannot_work(tmp_path, old, new, expected):
    project = _copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert expected in done.stderr
    assert not (project / "site").exists()  # nothing built from an empty or wrong setting


@pytest.mark.parametrize("linked", [".cache", ".cache/press-site/pages"])
def test_a_cache_folder_linked_out_of_the_project_is_not_written(tmp_path, linked):
    project = _copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.md").write_text("mine", encoding="utf-8")
    (project / linked).parent.mkdir(parents=True, exist_ok=True)
    (project / linked).symlink_to(elsewhere)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "outside the project" in done.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["notes.md"]
    assert (project / "site" / "articles" / "index.html").is_file()
