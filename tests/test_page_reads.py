"""A build renders only the pages that read something that changed (`generator/page_reads.py`, issue 22), and the
pages it keeps are those a build from nothing gives: after each change, the staged pages are compared with `build`."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import generator
from generator import Project, annotate, build, build_staged
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


def _markdown(site) -> int:
    return sum(1 for page in site.pages if page.endswith(".md"))


def test_a_build_renders_the_pages_that_read_what_changed_and_only_those(project_copy, monkeypatch):
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    sources = project_copy / "sources"
    first = _staged(project)
    assert first.rendered == _markdown(first)
    again = _staged(project)
    assert again.rendered == 0 and again.written == 0  # nothing changed: nothing rendered

    shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", sources)  # about football, not Meta
    added = _staged(project)
    assert 0 < added.rendered < _markdown(added) / 2

    # A sentence added to an article renders its page and those that read its text or all articles (the home page,
    # the listing), not the entity and related-article pages that show its title and date: reads of an article, a
    # topic, an entity are noted field by field.
    edited = sorted(sources.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne phrase de plus, écrite à la relecture.\n",
                      encoding="utf-8")
    assert 1 <= _staged(project).rendered <= 4

    # A topic's introduction is not what articles are matched on: its edit matches no article again (a
    # ten-thousand-article archive would match them all) and renders the pages that show it.
    matched = []
    original = annotate.Annotator.with_topics
    monkeypatch.setattr(annotate.Annotator, "with_topics", lambda self, a: matched.append(a.id) or original(self, a))
    topic = project_copy / "docs" / "topics" / "consortium.md"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("Cette page", "Ici, cette page", 1), encoding="utf-8")
    introduced = _staged(project)
    assert matched == [] and 0 < introduced.rendered < _markdown(introduced) / 2
    assert "Ici, cette page" in (project_copy / FOLDER / "pages" / "topics" / "consortium.md").read_text("utf-8")
    topic.write_text(text.replace("keywords:\n", "keywords:\n  - coentreprise\n", 1), encoding="utf-8")
    _staged(project)
    assert len(set(matched)) == 6  # its keywords are: every article is matched again

    (sources / "foot_fr_01_quotidien.txt").unlink()
    removed = _staged(project)
    assert 0 < removed.rendered < _markdown(removed) / 2

    # A build stopped halfway, or a hand edit, leaves a staged file that is not what the record says: rendered.
    page = project_copy / FOLDER / "pages" / next(p for p in removed.pages if p.startswith("entities/"))
    page.write_text("# Une page qui n’est plus la bonne\n", encoding="utf-8")
    mended = _staged(project)
    assert mended.rendered == 1 and mended.written == 1

    macros = project_copy / "templates" / "macros.md.j2"  # a template changed: every page is rendered
    macros.write_text(macros.read_text(encoding="utf-8") + "\n{# a comment #}\n", encoding="utf-8")
    assert _staged(project).rendered == _markdown(removed)


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


def test_new_articles_render_the_newest_further_page_not_the_archive(project_copy, monkeypatch):
    """An entity's further pages each show their own articles' passages, and are numbered from the oldest: a new
    article goes on the newest of them and renders that one; when the list grows by a page, one more is made, and
    the archive's older pages keep their address and text (they are not rendered again)."""
    import importlib

    from generator import page_reads

    render = importlib.import_module("generator.render")  # the module (the package exports its `render`)
    monkeypatch.setattr(render, "ENTITY_ARTICLES", 1)
    monkeypatch.setattr(render, "MENTIONS_PER_PAGE", 2)  # Meta's 4 further articles on 2 pages; a 5th starts a 3rd, a 6th fills it
    rendered: list[str] = []
    original = page_reads.PageReads.rendered
    monkeypatch.setattr(page_reads.PageReads, "rendered",
                        lambda self, template, path, context, reads: rendered.append(path)
                        or original(self, template, path, context, reads))
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    site = _staged(project)
    further = [page for page in site.pages if page.startswith("entities/meta/mentions-")]
    assert further == ["entities/meta/mentions-1.md", "entities/meta/mentions-2.md"]
    oldest = (project_copy / FOLDER / "pages" / further[0]).read_text(encoding="utf-8")
    # The 5th starts a page (the one before it gets a link to it), the 6th joins it: the others are not rendered.
    for day, newly in ((5, ["entities/meta/mentions-3.md", "entities/meta/mentions-2.md"]),
                       (6, ["entities/meta/mentions-3.md"])):
        rendered.clear()
        (project_copy / "sources" / f"nouveau-{day}.md").write_text(
            f"---\ntitle: Meta ouvre un centre de recherche à Lyon ({day})\ndate: 2031-01-0{day}\n---\n\n"
            "Meta a annoncé lundi l’ouverture d’un centre de recherche sur l’intelligence artificielle à Lyon.\n",
            encoding="utf-8")
        site = _staged(project)
        assert "entities/meta.md" in rendered
        assert sorted(p for p in rendered if p.startswith("entities/meta/")) == sorted(newly)
    assert [page for page in site.pages if page.startswith("entities/meta/mentions-")] == [
        "entities/meta/mentions-1.md", "entities/meta/mentions-2.md", "entities/meta/mentions-3.md"]
    assert (project_copy / FOLDER / "pages" / further[0]).read_text(encoding="utf-8") == oldest


def test_a_topic_introduction_edited_digests_no_article_and_makes_no_download_row(project_copy, monkeypatch):
    """When this build's corpus is the last build's (the same sources and knowledge: the kept corpus), what the last
    build found of its reads holds: a topic's introduction edited renders the pages that show it without a digest of
    each article, nor the rows of the quotes-and-figures files; a source added makes the rows of the articles whose
    files change (the new one's, not the archive's: the site's files take the others' shares as the last build made
    them), and the pages are a clean build's each time."""
    from generator import downloads, page_reads

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    folder = project_copy / FOLDER / "pages"
    build_staged(project, folder)
    made = {"article digests": 0, "download rows": 0}
    rows_made: list[str] = []
    article_digest, rows_of = page_reads.Digests._of_article, downloads._article_rows

    def counted_digest(self, article):
        made["article digests"] += 1
        return article_digest(self, article)

    def counted_rows(annotated, *args):
        made["download rows"] += 1
        rows_made.append(annotated.id)
        return rows_of(annotated, *args)

    monkeypatch.setattr(page_reads.Digests, "_of_article", counted_digest)
    monkeypatch.setattr(downloads, "_article_rows", counted_rows)
    topic = project_copy / "docs" / "topics" / "consortium.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Cette page", "Ici, cette page", 1), encoding="utf-8")
    site = build_staged(project, folder)
    assert made == {"article digests": 0, "download rows": 0} and 0 < site.rendered
    assert "Ici, cette page" in (folder / "topics" / "consortium.md").read_text(encoding="utf-8")
    _staged(project)  # the same pages as a clean build

    shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", project_copy / "sources")
    made.update({"article digests": 0, "download rows": 0})
    rows_made.clear()
    site = build_staged(project, folder)
    football = next(a.id for a in site.corpus.articles if a.article.source.endswith("foot_fr_01_quotidien.txt"))
    assert made["article digests"] > 0 and football in rows_made and len(rows_made) < len(site.corpus.articles)
    _staged(project)


def test_a_topic_edited_makes_the_groups_of_pages_that_show_what_changed_not_every_articles(project_copy, monkeypatch):
    """With the corpus kept (a topic's presentation edited), the pages of an article or an entity are kept as a group,
    without making the values they are given, unless one of them reads what changed: an introduction edited makes no
    article's or entity's group; a title edited makes those of the articles that show it. The pages are a clean
    build's each time."""
    from generator.render import Renderer

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    folder = project_copy / FOLDER / "pages"
    build_staged(project, folder)
    made: list[str] = []
    for name in ("_article_pages", "_entity_pages"):
        real = getattr(Renderer, name)
        monkeypatch.setattr(Renderer, name, lambda self, item, real=real: made.append(item.id) or real(self, item))

    def staged_and_made() -> tuple[object, list[str]]:
        made.clear()
        site = build_staged(project, folder)
        by_this_build = list(made)
        assert {path: (folder / path).read_text(encoding="utf-8") for path in site.pages} == build(project).pages
        return site, by_this_build

    topic = project_copy / "docs" / "topics" / "consortium.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Cette page", "Ici, cette page", 1), encoding="utf-8")
    site, by_this_build = staged_and_made()
    assert by_this_build == []
    assert "Ici, cette page" in (folder / "topics" / "consortium.md").read_text(encoding="utf-8")
    assert site.corpus.articles and site.corpus.entities_with_pages
    text = topic.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    topic.write_text(text.replace(title, "title: Alliances et consortiums", 1), encoding="utf-8")
    site, by_this_build = staged_and_made()
    showing = {a.id for a in site.corpus.articles if dict(a.topics).get("consortium")}
    assert showing and showing <= set(by_this_build)
    assert len(by_this_build) < len(site.corpus.articles) + len(site.corpus.entities_with_pages)
    assert "Alliances et consortiums" in (folder / "articles" / f"{sorted(showing)[0]}.md").read_text(encoding="utf-8")


def test_a_new_article_makes_the_files_of_the_items_it_is_in_not_every_items(project_copy, monkeypatch):
    """An article about football added to the archive about Meta: the site's quotes-and-figures files take its rows
    and are made again, and the files of the entities it names are made; Meta's, each topic's and every other item's
    are kept as they were (they used to be made again each time any article changed), and they are a clean build's
    files."""
    import importlib

    render = importlib.import_module("generator.render")  # the module (the package exports its `render`)
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    first = build_staged(project, project_copy / FOLDER / "pages")
    made: list[str] = []
    files_of = render.downloads.files
    monkeypatch.setattr(render.downloads, "files", lambda folder, shares: made.append(folder) or files_of(folder, shares))
    shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", project_copy / "sources")
    site = build_staged(project, project_copy / FOLDER / "pages")
    monkeypatch.setattr(render.downloads, "files", files_of)
    _staged(project)  # the files kept are a clean build's
    def with_files(pages) -> set[str]:
        return {path.rsplit("/", 1)[0] + "/" for path in pages if path.endswith(("/citations.csv", "/chiffres.csv"))}

    before = with_files(first.pages)
    assert "" in made and {"entities/meta/", "topics/investments/"} <= before - set(made)
    football = next(a.id for a in site.corpus.articles if a.article.source.endswith("foot_fr_01_quotidien.txt"))
    named = {f"entities/{entity_id}/" for entity_id, _count in site.corpus.article_entities[football]}
    assert "entities/psg/" in made and {folder for folder in made if folder in before} <= {""} | named
    assert with_files(site.pages) - before <= set(made)


def test_known_digests_stand_for_the_corpus_own_articles_only(project_copy):
    """The last build's digest of an article stands for the corpus's own article, never for another value with its id
    (a copy with a field replaced), nor for a corpus whose key differs."""
    from dataclasses import replace

    from generator.page_reads import Digests, Known

    corpus = build(Project.from_mkdocs_yml(project_copy, executor="serial")).corpus
    article = corpus.articles[0]
    last = Digests(corpus)
    digest = last.of(article)
    known = last.known(b"key")
    assert known.articles[article.id] == digest and known.corpus_key == b"key"
    again = Digests(corpus, Known(b"key", {}, {article.id: b"x" * 16}))
    assert again.of(article) == b"x" * 16  # taken as known: not digested again
    copy = replace(article, topics=())
    assert again.of(copy) not in (b"x" * 16, digest)


def test_an_article_is_digested_as_what_it_was_made_from_and_what_resolving_rewrote(project_copy):
    """An article's digest is that of what its annotation was made from (`Corpus.made_from`) and of the fields
    `resolve` rewrites: it changes with them, and `resolve` rewrites no other field (else a page that shows what it
    rewrote would be kept as it was)."""
    from dataclasses import fields, replace

    from generator import knowledge as knowledge_files, read
    from generator.annotate import annotate_keyed
    from generator.cache import NoCache
    from generator.page_reads import Digests
    from generator.resolve import resolve

    for name in ("foot_fr_01_quotidien.txt", "foot_en_01_wire.txt", "foot_fr_05_paris.txt"):  # names no file lists
        shutil.copy(SUBJECTS / name, project_copy / "sources" / name)
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    knowledge = knowledge_files.load_knowledge(project.path("topics"), project.path("entities"), project_copy)
    articles, made_from = annotate_keyed(read.read_sources(project.path("sources"), project_copy, None, "serial").articles,
                                         knowledge, NoCache(), "serial")
    assert len(set(made_from)) == len(articles)
    resolved = resolve(articles, knowledge).articles
    rewritten = {"mentions", "quotes", "candidates"}
    assert any(before != after for before, after in zip(articles, resolved))  # resolving rewrote some
    for before, after in zip(articles, resolved):
        assert all(getattr(before, f.name) is getattr(after, f.name) for f in fields(after) if f.name not in rewritten)

    corpus = build(project).corpus
    article = corpus.articles[0]
    digest = Digests(corpus).of(article)
    assert Digests(replace(corpus, made_from={})).of(article) != digest  # digested from its repr, then
    other = replace(corpus, made_from={**corpus.made_from, article.id: "another annotation"})
    assert Digests(other).of(other.article(article.id)) != digest
    for name in rewritten:  # a field resolving rewrote
        changed = replace(article, **{name: getattr(article, name)[1:]})
        swapped = replace(corpus, articles=tuple(changed if a is article else a for a in corpus.articles))
        assert getattr(article, name) and Digests(swapped).of(changed) != digest


def test_a_passage_is_digested_whole_its_text_once_for_the_passages_that_share_it(project_copy, monkeypatch):
    """A passage's digest is that of its text and of the rest of it: it changes with any field. The corpus's passages
    of one block share its text, which is digested once for all of them."""
    from dataclasses import replace

    from generator import page_reads
    from generator.page_reads import Digests

    corpus = build(Project.from_mkdocs_yml(project_copy, executor="serial")).corpus
    passages = [p for found in (*corpus.entity_passages.values(), *corpus.topic_passages.values()) for p in found]
    texts = {id(p.text) for p in passages}
    assert len(passages) > 50 and len(texts) < len(passages)  # blocks that name several entities, or a topic
    hashed = []
    real_hash = page_reads._hash
    monkeypatch.setattr(page_reads, "_hash", lambda *parts: hashed.extend(parts) or real_hash(*parts))
    digests = Digests(corpus)
    for passage in passages:
        digests.of(passage)
    assert sum(1 for part in hashed if id(part) in texts) == len(texts)  # each text once
    passage = passages[0]
    digest = Digests(corpus).of(passage)
    assert Digests(corpus).of(replace(passage)) == digest  # an equal passage, another text object: the same digest
    for change in ({"text": passage.text + " !"}, {"evidence": ("autre",)}, {"score": passage.score + 1},
                   {"position": passage.position + 1}, {"block_id": passage.block_id + "x"},
                   {"article_id": passage.article_id + "x"}):
        assert Digests(corpus).of(replace(passage, **change)) != digest


def test_an_entity_passages_are_digested_as_one_run_that_changes_with_any_of_them(project_copy, monkeypatch):
    """An entity's passages, read whole (by its files) or by article (on its pages), are digested as one run: one
    hash for the run, not one per passage and per text (an archive's entity has forty thousand of them). The digest
    still changes with any field of any passage, and with the article a passage is shown under, and not with the
    passages' objects."""
    from dataclasses import replace

    from generator import page_reads
    from generator.page_reads import Digests

    corpus = build(Project.from_mkdocs_yml(project_copy, executor="serial")).corpus
    passages = corpus.entity_passages["meta"]
    assert len(passages) > 20
    hashed = []
    real_hash = page_reads._hash
    monkeypatch.setattr(page_reads, "_hash", lambda *parts: hashed.append(parts) or real_hash(*parts))
    digest = Digests(corpus).of_read(("item", ("entity_passages",), "meta"))
    assert len(hashed) == 1
    articles = tuple(dict.fromkeys(p.article_id for p in passages))
    hashed.clear()
    by_article = Digests(corpus).of_read(("call", ("entity_passages_in",), ("meta", articles)))
    assert len(hashed) == 2  # the run, and which article each passage is in
    monkeypatch.setattr(page_reads, "_hash", real_hash)
    in_one = corpus.entity_passages_in("meta", articles)
    moved = {**in_one, articles[0]: in_one[articles[0]][:-1], articles[1]: (in_one[articles[0]][-1], *in_one[articles[1]])}
    assert Digests(corpus).of(moved) != by_article  # a passage shown under another article
    assert Digests(corpus).of(tuple(replace(p) for p in passages)) == digest
    last = len(passages) - 1
    for change in ({"text": passages[last].text + " !"}, {"evidence": ("autre",)}, {"score": passages[last].score + 1},
                   {"position": passages[last].position + 1}, {"block_id": passages[last].block_id + "x"},
                   {"article_id": passages[last].article_id + "x"}):
        assert Digests(corpus).of((*passages[:last], replace(passages[last], **change))) != digest
    # a text's end moved to the next one: the same characters, other passages
    moved = (replace(passages[0], text=passages[0].text + passages[1].text[:1]),
             replace(passages[1], text=passages[1].text[1:]), *passages[2:])
    assert Digests(corpus).of(moved) != digest


def test_a_read_is_answered_once_however_many_pages_hold_it(project_copy, monkeypatch):
    """The record's reads are asked again of the new corpus once each, by the tuple every page shares or by an equal
    one, and give the digest of their answer."""
    from generator import page_reads
    from generator.page_reads import Digests

    corpus = build(Project.from_mkdocs_yml(project_copy, executor="serial")).corpus
    article_id = corpus.articles[0].id
    read = ("field", ("article",), ((article_id,), ("article", "title")))
    asked = []
    real_answer = page_reads.answer
    monkeypatch.setattr(page_reads, "answer", lambda c, r: asked.append(r) or real_answer(c, r))
    digests = Digests(corpus)
    first = digests.of_read(read)
    assert all(digests.of_read(read) == first for _ in range(3))
    assert digests.of_read(tuple(read)) == digests.of_read(("field", ("article",), ((article_id,), ("article", "title"))))
    assert first == digests.of(corpus.article(article_id).article.title) and asked == [read]
    other = ("field", ("article",), ((corpus.articles[1].id,), ("article", "title")))
    assert digests.of_read(other) == digests.of(corpus.articles[1].article.title) and len(asked) == 2

    # Nor is a read hashed again (its tuples, nested) at each page that holds it: looked up as the record's one tuple.
    class Key(str):
        hashed = 0

        def __hash__(self):
            Key.hashed += 1
            return str.__hash__(self)

    shared = ("item", ("entity_articles",), Key(next(iter(corpus.entity_articles))))
    answers = {digests.of_read(shared) for _page in range(100)}
    assert len(answers) == 1 and Key.hashed <= 3  # the answer looked up, the digest noted: not a hundred times


def test_a_large_site_is_rendered_by_two_processes_into_the_pages_of_one(project_copy, monkeypatch):
    """On two cores (`generator.stage_in_two`, an archive's build), a copy of the build renders every other article,
    topic and entity: the pages are those of one process, and the copy's record of what they read joins the build's,
    so that the next build keeps every page of both shares."""
    from generator.render import Renderer

    monkeypatch.setattr(generator, "two_cores", lambda setting, items: True)  # the seeds are no archive
    renderers = project_copy / "renderers.txt"
    original = Renderer._render

    def noted(self, template, path, **context):
        with renderers.open("a", encoding="utf-8") as out:  # the copy writes here too
            out.write(f"{os.getpid()}\n")
        return original(self, template, path, **context)

    monkeypatch.setattr(Renderer, "_render", noted)
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    first = _staged(project)
    assert first.rendered == _markdown(first)
    assert len(set(renderers.read_text().split())) == 2  # this process and its copy
    again = _staged(project)
    assert again.rendered == 0 and again.written == 0  # the copy's pages were recorded as well as this one's
    shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", project_copy / "sources")
    added = _staged(project)
    assert 0 < added.rendered < _markdown(added) / 2


def test_the_two_processes_take_the_next_pages_to_make_whichever_is_free(project_copy, monkeypatch):
    """The site's own pages (home, listings) read every article: while one process makes them, the other renders
    the articles', topics' and entities' pages, rather than waiting for them and then taking every other one.

    Decided by order, not by time: the first group (the home page) is held, in whichever process takes it, until the
    other process has begun every other group. Taking groups whichever is free, that happens at once; dealing them
    out in halves, it never does, and the hold gives up after a minute."""
    from generator.render import Renderer

    monkeypatch.setattr(generator, "two_cores", lambda setting, items: True)
    begun = project_copy / "begun.txt"
    original_units = Renderer.units

    def held_units(self):
        units = original_units(self)

        def noted(index, unit):
            def run():
                with begun.open("a", encoding="utf-8") as out:
                    out.write(f"{os.getpid()} {index}\n")
                if index == 0:
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline and len(_begun(begun)) < len(units):
                        time.sleep(0.05)
                return unit()
            return run

        return [noted(index, unit) for index, unit in enumerate(units)]

    monkeypatch.setattr(Renderer, "units", held_units)
    site = build_staged(Project.from_mkdocs_yml(project_copy, executor="serial"), project_copy / FOLDER / "pages")
    by_group = _begun(begun)
    holder = by_group[0]
    assert len(by_group) > 2 and site.rendered > 0
    assert [group for group, process in by_group.items() if process == holder] == [0]


def _begun(path: Path) -> dict[int, str]:
    """Which process began each group of pages, as noted in `path`."""
    if not path.exists():
        return {}
    noted = (line.split() for line in path.read_text().splitlines())
    return {int(fields[1]): fields[0] for fields in noted if len(fields) == 2}  # a line being written is skipped


def test_a_copy_that_gives_nothing_back_leaves_its_share_to_the_build(project_copy, monkeypatch):
    """A copy that fails (killed, out of memory) costs time, not pages: the build makes its share. A template that
    fails in the copy's share stops the build with its file and line, as without a copy."""
    from generator.beside import Beside
    from generator.render import TemplateProblem

    class Killed(Beside):
        def __init__(self, work):
            super().__init__(lambda: os._exit(9))

    monkeypatch.setattr(generator, "two_cores", lambda setting, items: True)
    monkeypatch.setattr(generator, "Beside", Killed)
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    site = _staged(project)
    assert site.rendered == _markdown(site)
    assert _staged(project).rendered == 0

    monkeypatch.setattr(generator, "Beside", Beside)
    entity = project_copy / "templates" / "entity.md.j2"
    entity.write_text(entity.read_text(encoding="utf-8") + "\n{{ 1 / 0 }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"templates/entity\.md\.j2:\d+: ZeroDivisionError"):
        build_staged(project, project_copy / FOLDER / "pages")


def test_work_beside_comes_back_or_says_it_did_not():
    from generator.beside import Beside

    assert Beside(lambda: {"pages": [os.getpid()]}).result()[1]["pages"] != [os.getpid()]
    assert Beside(lambda: 1 / 0).result() == (False, None)
    assert Beside(lambda: os._exit(3)).result() == (False, None)
    with Beside(lambda: time.sleep(60)) as stopped:  # not asked for its result: ended with the block
        pass
    assert not stopped.started


def test_only_an_archive_built_with_processes_takes_a_second_core():
    from generator.executor import SMALL_JOB, two_cores

    assert not two_cores("serial", 10_000) and not two_cores("processes:1", 10_000)
    assert not two_cores("processes", SMALL_JOB - 1) and not two_cores("dask://scheduler:8786", 10_000)
    assert two_cores("processes:2", 10_000) == ((os.cpu_count() or 1) >= 2)


def test_the_record_written_beside_is_whole_before_the_next_build_reads_it(project_copy, monkeypatch):
    """The plugin's build leaves the corpus and the record of the pages to copies of the process, written while
    MkDocs converts the pages (`beside.write_beside`); a build that reads them waits for them first (`mkdocs serve`
    builds again in the same process)."""
    from generator import snapshot
    from generator.page_reads import PageReads

    save, go = PageReads.save, project_copy / "go"

    def held_save(self, record):  # held until the test has looked: decided by order, not by time
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        save(self, record)

    monkeypatch.setattr(PageReads, "save", held_save)
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    folder = project_copy / FOLDER / "pages"
    first = build_staged(project, folder, wait=False)
    assert not (folder.parent / "page-reads.pickle").exists()  # still being written, beside
    go.touch()
    read_again = []
    monkeypatch.setattr(generator, "read_sources", lambda *a, **k: read_again.append(1))
    again = build_staged(project, folder)
    assert again.rendered == 0 and first.rendered == _markdown(first)  # the record was read whole
    assert read_again == []  # and the corpus
    assert (folder.parent / snapshot.FILE).exists()


def test_an_older_article_added_leaves_the_feeds_it_does_not_reach_as_they_were(project_copy, monkeypatch):
    """A feed shows an item's newest articles: an article dated before them, added to the archive, names Meta and
    lands on its pages, not in its feeds, which are kept, not made again (nor its articles digested for them: an
    entity of ten thousand articles). A newer one is in them: they are made again. The files are a clean build's."""
    import importlib

    from generator import feeds

    render = importlib.import_module("generator.render")  # the module (the package exports its `render`)
    monkeypatch.setattr(feeds, "FEED_SIZE", 1)  # Meta's newest article (most of the others have no date)
    made: list[str] = []
    channel_feeds = render.channel_feeds
    monkeypatch.setattr(render, "channel_feeds",
                        lambda channel, articles, site_url: made.append(channel.files["xml"])
                        or channel_feeds(channel, articles, site_url))
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    folder = project_copy / FOLDER / "pages"
    build_staged(project, folder)
    assert "entities/meta/feed.xml" in made
    for name, date, made_again in (("archive-1999.md", "1999-01-04", False), ("nouveau-2031.md", "2031-01-04", True)):
        (project_copy / "sources" / name).write_text(
            f"---\ntitle: Meta ouvre un laboratoire ({date})\ndate: {date}\n---\n\n"
            "Meta a annoncé lundi l’ouverture d’un laboratoire de recherche à Paris.\n", encoding="utf-8")
        made.clear()
        site = build_staged(project, folder)
        added = next(a.id for a in site.corpus.articles if a.article.source.endswith(name))
        assert added in site.corpus.entity_articles["meta"]  # on Meta's pages
        assert ("entities/meta/feed.xml" in made) is made_again
        _staged(project)


def _dated_article(folder: Path, name: str, date: str) -> None:
    (folder / name).write_text(
        f"---\ntitle: Meta ouvre un laboratoire ({date})\ndate: {date}\n---\n\n"
        "« Nous ouvrons un laboratoire », a déclaré Mark Zuckerberg. Meta y investira 3 millions d’euros.\n",
        encoding="utf-8")


def _dated_archive(project_copy: Path) -> Path:
    """The project with an archive of three articles, each dated, each naming Meta and quoting Mark Zuckerberg."""
    sources = project_copy / "sources"
    shutil.rmtree(sources)
    sources.mkdir()
    for day in ("2024-03-04", "2024-05-06", "2024-07-08"):
        _dated_article(sources, f"archive-{day}.md", day)
    return sources


@pytest.mark.parametrize("two_processes", [False, True])
def test_a_newer_article_adds_its_rows_at_the_end_of_the_files_an_older_one_makes_them_again(
        project_copy, monkeypatch, two_processes):
    """The quotes-and-figures files hold their articles' rows by date: a day's articles, newer than the archive,
    add their rows at the end of the site's files and Meta's, without the archive's shares of them made again (ten
    thousand articles' for Meta's); an article older than the others makes the files again. Either way the files are
    a clean build's, whichever of two processes made them."""
    from generator import downloads

    asked = project_copy / "asked.txt"  # the copy rendering half of the pages writes here too
    shares = downloads.Downloads.shares

    def noted(self, article_id, take=downloads.EVERY_ROW):
        with asked.open("a", encoding="utf-8") as out:
            out.write(f"{article_id}\n")
        return shares(self, article_id, take)

    monkeypatch.setattr(downloads.Downloads, "shares", noted)
    if two_processes:
        monkeypatch.setattr(generator, "two_cores", lambda setting, items: True)  # three articles are no archive
    sources = _dated_archive(project_copy)
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    folder = project_copy / FOLDER / "pages"
    build_staged(project, folder)
    files = ("chiffres.csv", "citations.json", "entities/meta/chiffres.json", "entities/mark-zuckerberg/citations.csv")
    for date, archive_asked in (("2031-01-04", False), ("1999-01-04", True)):
        _dated_article(sources, f"{date}.md", date)
        before = {path: (folder / path).read_text(encoding="utf-8") for path in files}
        asked.unlink(missing_ok=True)
        site = build_staged(project, folder)
        added = next(a.id for a in site.corpus.articles if a.article.source.endswith(f"{date}.md"))
        archive = {a.id for a in site.corpus.articles} - {added}
        made_for = set(asked.read_text(encoding="utf-8").split())
        assert added in made_for and archive <= set(site.corpus.entity_articles["meta"])
        assert bool(archive & made_for) is archive_asked
        for path, text in before.items():  # each file holds the new article's row, once
            assert f"articles/{added}/#" not in text
            assert (folder / path).read_text(encoding="utf-8").count(f"articles/{added}/#") == 1
        _staged(project)


def test_files_of_quotes_and_figures_are_made_whole_when_what_the_archive_gives_them_changed(project_copy):
    """What the files hold of the archive changed (an article's quote edited, the speaker's name in the knowledge
    files), or a file changed on disk since the last build: the files are made whole, a clean build's."""
    sources = _dated_archive(project_copy)
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    folder = project_copy / FOLDER / "pages"
    build_staged(project, folder)
    quotes = folder / "entities" / "mark-zuckerberg" / "citations.csv"
    edited = sources / "archive-2024-05-06.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Nous ouvrons", "Nous fermons"), encoding="utf-8")
    _staged(project)
    assert "Nous fermons" in quotes.read_text(encoding="utf-8")
    people = project_copy / "knowledge" / "entities" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "aliases: [Zuckerberg]", "aliases: [Zuckerberg, Mark Zuckerberg]").replace(
        "- name: Mark Zuckerberg", "- name: Mark Elliot Zuckerberg"), encoding="utf-8")
    site = _staged(project)
    assert any("Mark Elliot Zuckerberg" in (folder / path).read_text(encoding="utf-8")
               for path in site.pages if path.startswith("entities/") and path.endswith(".md"))
    with (folder / "chiffres.csv").open("a", encoding="utf-8") as out:
        out.write("changed on disk\n")
    _dated_article(sources, "2031-01-04.md", "2031-01-04")
    _staged(project)
    assert "changed on disk" not in (folder / "chiffres.csv").read_text(encoding="utf-8")
