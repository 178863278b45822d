"""The last build's corpus, kept whole (`generator/snapshot.py`): used when sources and knowledge give the same corpus,
never when they do not, and a build from it gives the pages a build from nothing gives."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import generator
from generator import Project, build
from generator.cache import FOLDER
from generator.snapshot import FILE

SUBJECTS = Path(__file__).resolve().parent / "subjects"


@pytest.fixture
def stages(monkeypatch) -> list[str]:
    """The builds that ran the stages after loading the knowledge (read, annotate, resolve, link), by their reading."""
    ran: list[str] = []
    original = generator.read_sources
    monkeypatch.setattr(generator, "read_sources", lambda *args, **kwargs: ran.append("read") or original(*args, **kwargs))
    return ran


def _as_fresh(project: Project) -> generator.Site:
    site = build(project)
    fresh = build(Project.from_mkdocs_yml(project.root, executor="serial", cache=False))
    assert site.pages == fresh.pages and site.problems == fresh.problems
    return site


def test_a_build_whose_sources_and_knowledge_are_unchanged_reads_no_article_again(project_copy, stages):
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    _as_fresh(project)
    assert (project_copy / FOLDER / FILE).is_file() and stages == ["read", "read"]  # this build, then the fresh one
    stages.clear()
    _as_fresh(project)
    assert stages == ["read"]  # the fresh one only

    # A topic's introduction and title are not what the corpus is made from: the kept corpus, with the new topic.
    topic = project_copy / "docs" / "topics" / "consortium.md"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("Cette page", "Ici, cette page", 1), encoding="utf-8")
    stages.clear()
    site = _as_fresh(project)
    assert stages == ["read"] and "Ici, cette page" in site.pages["topics/consortium.md"]

    # What articles are matched on, an entity, a source: the stages run again.
    for change in (lambda: topic.write_text(text.replace("keywords:\n", "keywords:\n  - coentreprise\n", 1),
                                            encoding="utf-8"),
                   lambda: (project_copy / "knowledge" / "entities" / "people.yml").write_text(
                       (project_copy / "knowledge" / "entities" / "people.yml").read_text(encoding="utf-8")
                       + "  - name: Jeanne Test\n", encoding="utf-8"),
                   lambda: shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", project_copy / "sources"),
                   lambda: (project_copy / "sources" / "foot_fr_01_quotidien.txt").write_text(
                       "Le club a gagné dimanche.\n", encoding="utf-8"),
                   lambda: (project_copy / "sources" / "foot_fr_01_quotidien.txt").unlink()):
        change()
        stages.clear()
        _as_fresh(project)
        assert stages == ["read", "read"]


def test_a_damaged_or_foreign_kept_corpus_is_built_again(project_copy, stages):
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    build(project)
    kept = project_copy / FOLDER / FILE
    for damage in (b"not a pickle at all", kept.read_bytes()[:32] + b"\x80\x05garbage", b""):
        kept.write_bytes(damage)
        stages.clear()
        _as_fresh(project)
        assert stages == ["read", "read"] and kept.stat().st_size > 1000  # built again, and kept again


def test_without_the_cache_nothing_is_kept(project_copy):
    build(Project.from_mkdocs_yml(project_copy, executor="serial", cache=False))
    assert not (project_copy / FOLDER / FILE).exists()


def test_a_build_lists_the_dropped_lines_of_the_sources_it_read_not_of_the_archive(project_copy):
    """Each furniture line a reader left out is said once, by the build that read its source: a build from the cache
    or the kept corpus does not list ten thousand articles' lines again (its summary counts them)."""
    import logging

    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())
    logger = logging.getLogger("generator.read")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        project = Project.from_mkdocs_yml(project_copy, executor="serial")
        build(project)
        assert len([m for m in said if "furniture line" in m]) == 4  # the seeds: 4 of 5 articles lose lines
        said.clear()
        build(project)  # the kept corpus
        (project_copy / "docs" / "topics" / "consortium.md").unlink()  # a corpus made again, every article from the cache
        build(project)
        assert not [m for m in said if "furniture line" in m]
        shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", project_copy / "sources")  # a page with furniture
        build(project)
        assert [m.split(":")[0] for m in said if "furniture line" in m] == ["sources/foot_fr_01_quotidien.txt"]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="processes cannot fork here: the corpus is kept by the build itself")
def test_a_staged_build_keeps_its_corpus_from_a_copy_of_itself_written_by_the_time_it_ends(project_copy, stages, monkeypatch):
    """`mkdocs build` (build_staged) keeps the corpus for the next build from a copy of its process, once its pages
    are staged (pickling ten thousand articles takes seconds of a core, which the two processes that render the pages
    would share with it), while MkDocs converts them: the file is whole when the build returns, and serves."""
    from generator import build_staged, snapshot

    writers = project_copy / "writers.txt"
    original, original_save, write_pages = snapshot._write, snapshot.save, generator._write_pages
    events = []

    def noted(*args):
        with writers.open("a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
        original(*args)

    monkeypatch.setattr(snapshot, "_write", noted)
    monkeypatch.setattr(snapshot, "save", lambda *a, **k: events.append("corpus kept") or original_save(*a, **k))
    monkeypatch.setattr(generator, "_write_pages", lambda *a: events.append("pages") or write_pages(*a))
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    first = build_staged(project, project_copy / "staged")
    assert (project_copy / FOLDER / FILE).is_file()
    assert [int(pid) for pid in writers.read_text().split()] != [os.getpid()] and len(writers.read_text().split()) == 1
    assert events[-1] == "corpus kept" and events.count("corpus kept") == 1 and "pages" in events
    stages.clear()
    again = build_staged(project, project_copy / "staged")
    assert stages == [] and again.pages == first.pages and len(writers.read_text().split()) == 1  # read, not written


def test_a_build_reads_each_source_once(project_copy, monkeypatch):
    """Its bytes are hashed to know whether the kept corpus still holds (`snapshot.inputs_key`) and read as an
    article from the same read: ten thousand files are not read twice."""
    from collections import Counter

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    build(project)
    added = project_copy / "sources" / "ajout.md"
    added.write_text("---\ntitle: Un ajout\n---\n\nMeta ouvre un centre de données à Odense.\n", encoding="utf-8")
    opened: Counter[str] = Counter()
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: opened.update([path.name]) or read_bytes(path))
    build(project)
    sources = sorted(p.name for p in (project_copy / "sources").iterdir())
    assert {name: opened[name] for name in sources} == {name: 1 for name in sources}
