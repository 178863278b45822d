"""Reading and annotating are cached by content and run on every core, without ever changing the output."""
from __future__ import annotations

import shutil

from generator import Project, build
from generator import executor
from generator.cache import FOLDER
from generator.export import dumps


def test_a_warm_build_reads_the_cache_and_gives_the_same_site(project_copy):
    project = Project.from_mkdocs_yml(project_copy)
    cold = build(project)
    assert (project_copy / FOLDER / "cache.sqlite3").exists()
    warm = build(project)
    assert warm.pages == cold.pages and dumps(warm.corpus) == dumps(cold.corpus)
    shutil.rmtree(project_copy / ".cache")  # safe to delete: the next build computes it all again
    assert build(project).pages == cold.pages


def test_every_core_gives_what_one_gives(project_copy, monkeypatch):
    monkeypatch.setattr(executor, "SMALL_JOB", 0)  # the seeds are few: start the workers anyway
    serial = build(Project.from_mkdocs_yml(project_copy, executor="serial", cache=False))
    pooled = build(Project.from_mkdocs_yml(project_copy, executor="processes:2", cache=False))
    assert pooled.pages == serial.pages


def test_a_topic_edit_rematches_topics_without_reannotating(project_copy, monkeypatch):
    project = Project.from_mkdocs_yml(project_copy)
    before = build(project)
    topic = project_copy / "docs" / "topics" / "consortium.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("  fr: [collaboration,", "  fr: [données, collaboration,", 1),
                     encoding="utf-8")
    from generator import annotate

    calls = []
    original = annotate.Annotator.analyse
    monkeypatch.setattr(annotate.Annotator, "analyse", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    after = build(project)
    assert calls == []  # every article's annotation came from the cache
    assert after.corpus.topic_passages["consortium"] != before.corpus.topic_passages["consortium"]
