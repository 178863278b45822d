"""The whole product, as a user runs it: mkdocs build --strict, the command line, determinism."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]
GENERATOR = [sys.executable, "-m", "generator"]


def run(command, cwd, **kwargs):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                          "PATH": "/usr/bin:/bin", "HOME": str(cwd)}, **kwargs)


def test_mkdocs_strict_build_has_every_page_and_cross_links(tmp_path):
    site = tmp_path / "site"
    result = run([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    articles = [p for p in (site / "articles").glob("*/index.html")]
    topics = [p for p in (site / "topics").glob("*/index.html")]
    entities = [p for p in (site / "entities").glob("*/index.html")]
    assert len(articles) == 5
    assert len(topics) == 4
    assert len(entities) >= 15
    export = json.loads(run([*GENERATOR, "export", "--out", str(tmp_path / "e.json")], cwd=ROOT).returncode == 0
                        and (tmp_path / "e.json").read_text(encoding="utf-8"))
    for article in export["articles"]:
        html = (site / article["url"] / "index.html").read_text(encoding="utf-8")
        for topic in article["topics"]:
            assert f'href="../../topics/{topic["id"]}/"' in html, (article["id"], topic["id"])
    for topic in export["topics"]:
        html = (site / topic["url"] / "index.html").read_text(encoding="utf-8")
        assert topic["articles"], topic["id"]
        for article_id in topic["articles"]:
            assert f'href="../../articles/{article_id}/"' in html, (topic["id"], article_id)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in home
    navigation = "".join(re.findall(r"<nav\b.*?</nav>", home, re.S))
    assert 'href="articles/"' in navigation  # the article list is in the navigation …
    for article in export["articles"]:  # … article pages are not: each page would render them all
        assert f'articles/{article["id"]}/' not in navigation
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    entity_pages = [p for p in entities if p.parent.name != "review"]  # the review list is a listing: not searched
    assert entry["languages"]["fr"]["page_count"] == len(articles) + len(topics) + len(entity_pages)


def test_generator_build_is_deterministic(tmp_path):
    for name in ("A", "B"):
        result = run([*GENERATOR, "build", "--out", str(tmp_path / name)], cwd=ROOT)
        assert result.returncode == 0, result.stderr
    diff = subprocess.run(["diff", "-r", str(tmp_path / "A"), str(tmp_path / "B")], capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout
    written = {p.relative_to(tmp_path / "A").as_posix() for p in (tmp_path / "A").rglob("*.md")}
    assert {"index.md", "about.md", "topics/open-source.md", "articles/index.md"} <= written


def test_generated_tree_builds_with_plain_mkdocs(tmp_path):
    """The tree from `generator build` is a complete docs folder: MkDocs builds it with no plugin of ours."""
    tree = tmp_path / "docs"
    assert run([*GENERATOR, "build", "--out", str(tree)], cwd=ROOT).returncode == 0
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - press-site:\n(?:      .*\n)+", "", config).replace("docs_dir: docs", f"docs_dir: {tree}")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    result = run([*MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "site" / "articles").glob("*/index.html"))) == 5


def test_bad_source_is_named_skipped_and_fails_strict(project_copy):
    (project_copy / "sources" / "empty.txt").write_bytes(b"")
    (project_copy / "sources" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run([*MKDOCS, "build", "--strict", "--site-dir", str(project_copy / "site")], cwd=project_copy)
    assert result.returncode != 0
    assert "sources/empty.txt" in result.stderr and "empty file" in result.stderr
    assert "sources/image.txt" in result.stderr and "binary" in result.stderr
    relaxed = run([*MKDOCS, "build", "--site-dir", str(project_copy / "site")], cwd=project_copy)
    assert relaxed.returncode == 0, relaxed.stderr
    assert len(list((project_copy / "site" / "articles").glob("*/index.html"))) == 5


def test_check_names_file_and_line_and_exits_non_zero(project_copy):
    assert run([*GENERATOR, "check"], cwd=project_copy).returncode == 0
    topic = project_copy / "docs" / "topics" / "consortium.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("related: [open-source, investments]",
                                                               "related: [open-source, nowhere]"), encoding="utf-8")
    result = run([*GENERATOR, "check"], cwd=project_copy)
    assert result.returncode == 1
    assert "docs/topics/consortium.md" in result.stdout and "'nowhere'" in result.stdout
    (project_copy / "knowledge" / "entities" / "places.yml").write_text("type: place\nentities:\n  - name: [oops\n")
    result = run([*GENERATOR, "check"], cwd=project_copy)
    assert "knowledge/entities/places.yml:3" in result.stdout or "knowledge/entities/places.yml:4" in result.stdout


@pytest.mark.parametrize("template, old, new, expected", [
    ("article.md.j2", "{% set known = [] %}", "{% set known = [] %}{% if %}",
     "templates/article.md.j2:9: Jinja syntax: Expected an expression"),
    ("topic.md.j2", '{% import "macros.md.j2" as m with context %}', '{% import "macros.md.j2" as m with context %}{{ nope }}',
     "templates/topic.md.j2:3: 'nope' is undefined (no value of that name on this page"),
])
def test_a_broken_template_stops_the_build_at_its_file_and_line(project_copy, template, old, new, expected):
    path = project_copy / "templates" / template
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project_copy)
    assert result.returncode == 1
    assert expected in result.stderr and "while making " in result.stderr
    assert "Traceback" not in result.stderr  # the contributor's file and line, not the generator's insides


def test_a_checkout_where_nothing_can_be_cached_still_builds(project_copy):
    """`.cache/` cannot be made (here a file stands in its way; a read-only checkout is the same to the build): no
    cache, generated pages handed to MkDocs in memory, and every page still built."""
    (project_copy / ".cache").write_text("not a folder")
    result = run([*MKDOCS, "build", "--site-dir", str(project_copy / "site")], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "no cache" in result.stderr and "kept in memory" in result.stderr and "in memory)" in result.stderr
    assert len(list((project_copy / "site" / "articles").glob("*/index.html"))) == 5
    assert (project_copy / "site" / "pagefind" / "pagefind-entry.json").is_file()
