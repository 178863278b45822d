"""Sources shaped to hurt are read whole, or skipped by name, never hang the build.

Each case (tests/bad_input.py) goes through reading and annotation as the build runs them; these tests check what
comes out. How long each takes, beside the seeds alone, is measured by benchmarks/bench_bad_input.py: tests do not
time anything.
"""
from __future__ import annotations

import pytest

from bad_input import deeply_nested_html, huge_article, many_short_lines, one_long_line
from generator import Project, build
from generator.annotate import annotate_all
from generator.cache import NoCache
from generator.knowledge import load_knowledge
from generator.read import read_article, read_sources

from conftest import ROOT


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge(ROOT / "docs" / "topics", ROOT / "knowledge" / "entities", ROOT)


def annotated(data: bytes, suffix: str, knowledge):
    article = read_article(data, suffix, f"sources/odd{suffix}")
    return annotate_all((article,), knowledge, NoCache(), "serial")[0]


def words_read(article) -> int:
    """Words on the page (title included) and words listed as dropped furniture, each with its reason."""
    return sum(len(t.split()) for t in [article.title, *(b.text for b in article.blocks), *(d.text for d in article.dropped)])


def test_a_5_mb_article_is_read_to_its_last_paragraph(knowledge):
    data = huge_article()
    result = annotated(data, ".txt", knowledge)
    paragraphs = data.decode().split("\n\n")
    article = result.article
    assert article.title == paragraphs[0]
    assert words_read(article) >= 0.99 * len(data.decode().split())  # nothing lost without a reason
    assert sum(len(b.text) for b in article.blocks) > 4_500_000
    last = article.blocks[-1]
    assert paragraphs[-1][:60] in last.text or any(paragraphs[-1][:60] in d.text for d in article.dropped)
    # the annotators ran on all of it, not only on its beginning
    assert any(m.block_id == last.id for m in result.mentions) or any(f.block_id == last.id for f in result.figures)


def test_a_700_kb_line_is_read_and_annotated_to_its_end(knowledge):
    data = one_long_line()
    result = annotated(data, ".txt", knowledge)
    assert words_read(result.article) >= 0.99 * len(data.decode().split())
    assert max(m.start for m in result.mentions) > 600_000  # known names found far into the line


def test_200_000_short_lines_are_all_kept(knowledge):
    data = many_short_lines()
    article = read_article(data, ".txt", "sources/lines.txt")
    assert words_read(article) >= 0.99 * len(data.decode().split())  # every line on the page or listed as dropped
    annotate_all((article,), knowledge, NoCache(), "serial")  # and annotation comes back


def test_html_nested_deeper_than_libxml2_reads_is_still_read(knowledge):
    result = annotated(deeply_nested_html(), ".html", knowledge)
    assert result.article.title == "Meta et l’IA ouverte"
    assert len([b for b in result.article.blocks if b.kind != "heading"]) == 3
    assert "meta" in {m.entity_id for m in result.mentions}


def test_a_source_over_the_size_limit_is_skipped_by_name_and_the_others_build(project_copy):
    (project_copy / "sources" / "dump.txt").write_bytes(huge_article(300_000))
    site = build(Project.from_mkdocs_yml(project_copy, max_source_mb=0.2, cache=False, executor="serial"))
    problem, = [p for p in site.problems if p.path == "sources/dump.txt"]
    assert problem.severity == "error"  # a warning in MkDocs: `mkdocs build --strict` fails on it
    assert "skipped" in problem.message and "0.3 MB" in problem.message and "limit of 0.2 MB" in problem.message
    assert len(site.corpus.articles) == len(read_sources(ROOT / "sources", ROOT).articles)
