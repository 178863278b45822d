"""The render stage: source text is data, whatever characters it holds."""
from __future__ import annotations

import markdown
import pytest

from generator.paths import relative
from generator.render import escape_md

EXTENSIONS = ["attr_list", "tables", "toc"]


@pytest.mark.parametrize("text", [
    "# pas un titre", "| a | b |", "```", "<script>alert('x')</script>", "{{ config }} {% if x %}",
    "- pas une liste", "1. pas une liste", "> pas une citation", "*pas en italique* __ni gras__", "[lien](http://x)",
    "{: #injected }", "a & b &amp; c", "\\ backslash",
])
def test_escaped_text_renders_as_the_same_characters(text):
    html = markdown.markdown(escape_md(text), extensions=EXTENSIONS)
    assert html.startswith("<p>") and "<h1" not in html and "<table" not in html and "<script" not in html
    assert "<ul" not in html and "<ol" not in html and "<blockquote" not in html and "<a " not in html
    assert "<em>" not in html and "<strong>" not in html and "id=\"injected\"" not in html
    from html import unescape
    assert unescape(html[3:-4]) == text


def test_hostile_source_shows_as_text_on_the_page(project_copy):
    import subprocess, sys
    hostile = ("Un titre ordinaire\n\nUne phrase qui contient <script>alert(1)</script> et {{ config.site_name }}.\n\n"
               "# pas un titre, une ligne de texte qui continue\n\n| pas | un tableau |\n\n```\n"
               "La dernière phrase de l’article, après une clôture de code jamais refermée.\n")
    (project_copy / "sources" / "hostile.txt").write_text(hostile, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project_copy / "site")],
                            cwd=project_copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (project_copy / "site" / "articles" / "un-titre-ordinaire" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "{{ config.site_name }}" in page
    assert "# pas un titre" in page and "| pas | un tableau |" in page
    assert "La dernière phrase de l’article" in page and "<code>" not in page.split("</h1>")[1].split("</article>")[0]


def test_relative_links():
    assert relative("articles/a.md", "topics/b.md", "p-3") == "../topics/b.md#p-3"
    assert relative("index.md", "topics/b.md") == "topics/b.md"


def test_relative_links_are_those_of_posixpath_relpath():
    """Links are computed without posixpath.relpath (too slow for every link of ten thousand pages), to the same
    result on every path of the docs tree's shape."""
    import itertools
    import posixpath

    names = ["articles", "topics", "open-source", "index.md", "a.md", "page-2.md", "articles-2.md"]
    pages = ["/".join(p) for n in (1, 2, 3) for p in itertools.product(names, repeat=n)]
    for from_page, to_page in itertools.product(pages, pages):
        from_dir = posixpath.dirname(from_page) or "."
        assert relative(from_page, to_page) == posixpath.relpath(to_page, from_dir), (from_page, to_page)


@pytest.mark.parametrize("title", ["Meta 🚀 mise sur l’IA", "deux\u2028lignes\u0085et\ttab", "« cité » : 'oui' & \"non\"",
                                   "# - [x] {a} *b* | c", "é" * 1500])
def test_front_matter_reads_back_the_same_whichever_yaml_emitter_wrote_it(title, monkeypatch):
    """Pages must not depend on whether PyYAML was built with libyaml: both emitters write the same front matter,
    and it reads back as the title (escaped for the theme's HTML, on one line)."""
    import html
    import sys

    import yaml

    from generator.render import PageLinks

    assert yaml.__with_libyaml__, "PyYAML without libyaml: this test compares the two emitters"
    written = PageLinks.front_matter(title=title, description="d")
    monkeypatch.setattr(sys.modules["generator.render"], "_YAML_DUMPER", yaml.SafeDumper)
    assert PageLinks.front_matter(title=title, description="d") == written
    read = yaml.safe_load(written.removeprefix("---\n").removesuffix("---"))["title"]
    assert html.unescape(read) == " ".join(title.split())
