"""A build renders only the pages that read something that changed (`generator/page_reads.py`, issue 22), and the
pages it keeps are those a build from nothing gives: after each change, the staged pages are compared with `build`."""
from __future__ import annotations

import shutil
from pathlib import Path

from generator import Project, build, build_staged
from generator.cache import FOLDER

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = ROOT / "tests" / "subjects"


def _staged(project: Project):
    folder = project.root / FOLDER / "pages"
    site = build_staged(project, folder)
    fresh = build(project).pages
    on_disk = {path: (folder / path).read_text(encoding="utf-8") for path in site.pages}
    assert on_disk == fresh  # what was kept is what a build from nothing renders
    return site


def test_a_build_renders_the_pages_that_read_what_changed_and_only_those(project_copy):
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    first = _staged(project)
    markdown = [page for page in first.pages if page.endswith(".md")]
    assert first.rendered == len(markdown)
    again = _staged(project)
    assert again.rendered == 0 and again.written == 0  # nothing changed: nothing rendered

    shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", project_copy / "sources")  # about football, not Meta
    added = _staged(project)
    assert 0 < added.rendered < len(added.pages) / 2

    edited = sorted((project_copy / "sources").glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMeta investit aussi à Odense.\n", encoding="utf-8")
    assert 0 < _staged(project).rendered < len(added.pages) / 2

    topic = project_copy / "docs" / "topics" / "consortium.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Cette page", "Ici, cette page", 1), encoding="utf-8")
    _staged(project)

    (project_copy / "sources" / "foot_fr_01_quotidien.txt").unlink()
    removed = _staged(project)
    assert 0 < removed.rendered < len(removed.pages) / 2


def test_a_template_that_reads_the_whole_corpus_is_rendered_again_on_every_article_page(project_copy):
    """Reads are noted as the page renders, whatever the template asks: a contributor's article template that
    prints the number of articles depends on all of them, and every article page shows the new number."""
    template = project_copy / "templates" / "article.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nUn article parmi {{ corpus.articles | length }}.\n",
                        encoding="utf-8")
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    _staged(project)
    shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", project_copy / "sources")
    site = _staged(project)
    articles = [path for path in site.pages if path.startswith("articles/") and path.count("/") == 1
                and not path.endswith("index.md")]
    assert len(articles) == 6
    for path in articles:
        assert "Un article parmi 6." in (project_copy / FOLDER / "pages" / path).read_text(encoding="utf-8")


def test_a_staged_page_changed_since_the_last_build_is_rendered_again(project_copy):
    """A build stopped halfway, or a hand edit, leaves a staged file that is not what the record says: rendered."""
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    site = _staged(project)
    page = project_copy / FOLDER / "pages" / next(p for p in site.pages if p.startswith("entities/"))
    page.write_text("# Une page qui n’est plus la bonne\n", encoding="utf-8")
    again = _staged(project)
    assert again.rendered == 1 and again.written == 1


def test_a_change_of_template_renders_every_page(project_copy):
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    site = _staged(project)
    macros = project_copy / "templates" / "macros.md.j2"
    macros.write_text(macros.read_text(encoding="utf-8") + "\n{# a comment #}\n", encoding="utf-8")
    assert _staged(project).rendered == len([page for page in site.pages if page.endswith(".md")])


def test_a_page_that_shows_another_articles_title_is_not_rendered_when_its_text_changes(project_copy):
    """Reads of an article, a topic or an entity are noted field by field: a sentence added to an article renders
    its own page and the pages that read its text or everything (the home page, the listing), not the entity and
    related-article pages that show its title and date."""
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    _staged(project)
    edited = sorted((project_copy / "sources").glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne phrase de plus, écrite à la relecture.\n",
                      encoding="utf-8")
    assert 1 <= _staged(project).rendered <= 4
