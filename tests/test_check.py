"""`python -m generator check`: one test per problem it reports. Messages name the file and the line; errors
exit non-zero, warnings do not."""
from __future__ import annotations

import subprocess
import sys

import pytest


def check(project):
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check"],
                            capture_output=True, text=True)
    return result.returncode, result.stdout


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_project_itself_passes(project_copy):
    code, out = check(project_copy)
    assert code == 0 and "0 errors" in out


def test_unknown_related_topic(project_copy):
    edit(project_copy / "docs/topics/consortium.md", "related: [", "related: [nowhere, ")
    code, out = check(project_copy)
    assert code == 1
    assert "docs/topics/consortium.md:11: error: related topic 'nowhere' does not exist" in out


def test_alias_shared_by_two_entities(project_copy):
    edit(project_copy / "knowledge/entities/people.yml", "aliases: [LeCun, Le Cun]", "aliases: [LeCun, Le Cun, Zuckerberg]")
    code, out = check(project_copy)
    assert code == 1
    assert "knowledge/entities/people.yml:" in out and "alias 'Zuckerberg' of Yann LeCun is also an alias of Mark Zuckerberg" in out


def test_alias_that_collides_with_a_topic_keyword_is_a_warning(project_copy):
    edit(project_copy / "knowledge/entities/people.yml", "aliases: [LeCun, Le Cun]", "aliases: [LeCun, Le Cun, infrastructure]")
    code, out = check(project_copy)
    assert code == 0
    assert "warning: alias 'infrastructure' of Yann LeCun is also in the keywords of topic 'investments' (docs/topics/investments.md:" in out


def test_missing_description_is_a_warning(project_copy):
    (project_copy / "knowledge/entities/extra.yml").write_text("type: organisation\nentities:\n  - name: Kyutai\n",
                                                               encoding="utf-8")
    code, out = check(project_copy)
    assert code == 0
    assert "knowledge/entities/extra.yml:3: warning: Kyutai: missing 'description'" in out


@pytest.mark.parametrize("where, text, expected", [
    ("docs/topics/broken.md", "---\ntitle: Broken\naliases: [a, b\n---\nIntro\n", "docs/topics/broken.md:3: error: broken front matter"),
    ("sources/broken.md", "---\ntitle: [unclosed\n---\nBody text of the article.\n", "sources/broken.md:2: error:"),
])
def test_broken_front_matter(project_copy, where, text, expected):
    (project_copy / where).write_text(text, encoding="utf-8")
    code, out = check(project_copy)
    assert code == 1 and expected in out


@pytest.mark.parametrize("content, reason", [(b"", "empty file"), (b"  \n\t\n", "only whitespace"),
                                             (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary")])
def test_source_that_no_longer_builds(project_copy, content, reason):
    (project_copy / "sources/gone.txt").write_bytes(content)
    code, out = check(project_copy)
    assert code == 1
    assert "sources/gone.txt: error:" in out and reason in out
