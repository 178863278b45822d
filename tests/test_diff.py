"""`python -m generator diff REF`: what a change to the knowledge does to the whole corpus, for a reviewer."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator import Project, build_corpus


def git(project, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=project,
                   check=True, capture_output=True)


def generator(project, *args):
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), *args],
                          capture_output=True, text=True)


PASSAGE_LINE = r"^- {sign} `([\w-]+#p-[0-9a-f]{{6}}(?:-\d+)?)`: (.*)$"  # "- + `article#p-3fa2c1`: text"


@pytest.fixture
def repository(project_copy):
    """A temporary clone of the project: a git repository with one commit."""
    git(project_copy, "init", "-q", "-b", "main")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-q", "-m", "start")
    return project_copy


def test_a_change_to_a_topics_aliases_names_the_passages_gained_and_lost(repository):
    topic = repository / "docs/topics/open-source.md"
    text = topic.read_text(encoding="utf-8")
    # One alias more ("gratuité", strong evidence on its own), one less ("IA ouverte").
    text = text.replace("modèles ouverts, IA ouverte, poids ouverts]", "modèles ouverts, poids ouverts, gratuité]")
    topic.write_text(text, encoding="utf-8")
    git(repository, "commit", "-q", "-am", "open source: gratuité is an alias, IA ouverte is not")
    result = generator(repository, "diff", "HEAD~1")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert "### Topic Open source (`open-source`)" in report
    gained = re.findall(PASSAGE_LINE.format(sign=r"\+"), report, re.M)
    lost = re.findall(PASSAGE_LINE.format(sign="−"), report, re.M)
    assert gained and lost
    assert all("gratuit" in text.casefold() for _, text in gained)  # what the new alias brings in
    assert [anchor.split("#")[0] for anchor, _ in lost] == ["meta-est-elle-sur-le-point-de-redefinir-le-paysage-de-l-ia"]
    assert "evidence: ia ouvertes" in lost[0][1]  # the passage only "IA ouverte" filed there
    assert "### Entity" not in report  # entities do not move when a topic changes


def test_removing_a_topic_file_is_reported_and_fails_check(repository):
    git(repository, "rm", "-q", "docs/topics/consortium.md")
    git(repository, "commit", "-q", "-m", "remove the consortium topic")
    report = generator(repository, "diff", "HEAD~1").stdout
    assert "### Topic Consortium et alliances (`consortium`) (removed)" in report
    section = report.split("(`consortium`) (removed)")[1].split("###")[0]
    assert "+0 / −11 passages; articles +0 / −3" in section
    check = generator(repository, "check")
    assert check.returncode == 1
    assert re.search(r"docs/topics/(investments|open-source)\.md:\d+: error: related topic 'consortium' does not exist",
                     check.stdout)


def test_no_change_says_so(repository):
    assert "No topic, entity or article changes" in generator(repository, "diff", "HEAD").stdout


SOURCE = "sources/002_d22fc0e83397598a.txt"  # a title line, a blank line, the paragraphs
NEW_PARAGRAPH = "Une phrase ajoutée en tête : Meta veut que l’open source reste gratuit pour tous les développeurs."


def anchors(project) -> dict[str, str]:
    """Passage text -> anchor, for the article of SOURCE."""
    corpus = build_corpus(Project(root=project, cache=False, executor="serial"))
    article = next(a.article for a in corpus.articles if a.article.source == SOURCE)
    return {block.text: block.id for block in article.blocks}


def test_a_paragraph_added_at_the_top_keeps_the_anchors_of_the_others(project_copy):
    before = anchors(project_copy)
    path = project_copy / SOURCE
    title, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{title}\n\n{NEW_PARAGRAPH}\n{rest}", encoding="utf-8")
    after = anchors(project_copy)
    assert NEW_PARAGRAPH in after and len(after) == len(before) + 1
    assert {text: after[text] for text in before} == before  # every other passage keeps its anchor
    # Editing the title changes no passage's anchor either.
    path.write_text(path.read_text(encoding="utf-8").replace("Vers une Superintelligence Fermée", "Vers une superintelligence fermée", 1), encoding="utf-8")
    assert {text: anchor for text, anchor in anchors(project_copy).items() if text in before} == before


def test_diff_reports_only_the_added_paragraph(repository):
    path = repository / SOURCE
    title, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{title}\n\n{NEW_PARAGRAPH}\n{rest}", encoding="utf-8")
    git(repository, "commit", "-q", "-am", "a paragraph at the top of an article")
    report = generator(repository, "diff", "HEAD~1").stdout
    gained = re.findall(PASSAGE_LINE.format(sign=r"\+"), report, re.M)
    assert gained and all(text.startswith("Une phrase ajoutée en tête") for _, text in gained), report
    assert not re.findall(PASSAGE_LINE.format(sign="−"), report, re.M), report  # nothing renumbered, nothing lost
