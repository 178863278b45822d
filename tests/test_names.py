"""Names nobody listed yet: recognised in the build, shown for review, turned into knowledge-file entries."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from generator import Project, build
from generator.annotate import annotator
from generator.evaluate import score_unlisted_names
from generator.knowledge import load_knowledge
from generator.model import Article, Block
from generator.read import read_sources

KNOWLEDGE = load_knowledge(ROOT / "docs" / "topics", ROOT / "knowledge" / "entities", ROOT)
ANNOTATE = annotator(KNOWLEDGE)


def unlisted(*texts: str, language: str = "fr") -> list[tuple[str, str]]:
    blocks = tuple(Block(f"p-{i}", "paragraph", t) for i, t in enumerate(texts, 1))
    annotated = ANNOTATE(Article(id="a", source="sources/a.txt", title="t", language=language, blocks=blocks))
    return list(dict.fromkeys((c.name, c.type) for c in annotated.candidates))


@pytest.mark.parametrize("text, expected", [
    ("Meta a recruté Jane Doe, directrice de la recherche, pour son laboratoire.", [("Jane Doe", "person")]),
    ("La start-up Kyutai Labs a levé des fonds auprès de plusieurs investisseurs.", [("Kyutai Labs", "organisation")]),
    ("Le groupe construit Prometheus, un centre de données géant, dans l’Ohio.", [("Prometheus", "place")]),
    ("Le modèle a été présenté par Google Research à Londres.", [("Google Research", "organisation"), ("Londres", "place")]),
    ("Meta, Amazon and Cerebras signed the deal, said Jane Roe.", [("Cerebras", "organisation"), ("Jane Roe", "person")]),
    ("L’équipe Meta a présenté Llama 3 et Orion 2 hier.", [("Orion 2", "product")]),
])
def test_unlisted_names_are_recognised_with_a_type(text, expected):
    assert unlisted(text, language="en" if " said " in text else "fr") == expected


@pytest.mark.parametrize("text", [
    "Lancée en 2023, la société a grandi. Selon Meta, rien ne change.",  # capitals of sentence starts
    "Le Consortium se réunit. Le consortium réunit des entreprises.",  # a common noun also written lower-case
    "Mark Zuckerberg et Meta Superintelligence Labs avancent.",  # listed names are entities, not candidates
    "Mardi 14 Juillet, la Commission a parlé d’IA avec le PDG.",  # calendar words and common capitalised words
    "Elle cite Bloomberg une fois.",  # one capitalised word, once, with no cue: too weak
])
def test_what_is_not_an_unlisted_name(text):
    assert unlisted(text) == []


def test_a_surname_alone_is_the_same_person():
    """"Doe" after "Jane Doe" is Jane Doe: one name, mentioned twice (issue 10: "Wang" and "Alexandr Wang")."""
    blocks = ("Jane Doe, directrice de la recherche, est arrivée.", "Doe a déclaré que tout allait bien.")
    assert unlisted(*blocks) == [("Jane Doe", "person")]
    annotated = ANNOTATE(Article(id="a", source="sources/a.txt", title="t", language="fr",
                                 blocks=tuple(Block(f"p-{i}", "paragraph", t) for i, t in enumerate(blocks, 1))))
    assert [(c.name, c.block_id) for c in annotated.candidates] == [("Jane Doe", "p-1"), ("Jane Doe", "p-2")]


def test_precision_with_listed_entities_hidden():
    """Hide half of the listed entities in turn: what is recognised must be those, or names labelled as real."""
    articles = [a for folder in ("sources", "tests/corpus") for a in read_sources(ROOT / folder, ROOT).articles]
    real = set(yaml.safe_load((ROOT / "tests" / "corpus" / "names.yml").read_text(encoding="utf-8"))["real"])
    scores = score_unlisted_names(articles, KNOWLEDGE, real)
    print(scores.line())
    assert scores.precision >= 0.95, scores.wrong
    assert scores.recall >= 0.6


def test_precision_on_articles_full_of_new_names():
    """Two articles written with many names no file lists, labelled before the recogniser ran on them."""
    real = {n.casefold() for n in yaml.safe_load((ROOT / "tests" / "names" / "real.yml").read_text(encoding="utf-8"))["real"]}
    found = [c.name for a in read_sources(ROOT / "tests" / "names", ROOT).articles for c in ANNOTATE(a).candidates]
    wrong = [n for n in found if n.casefold() not in real]
    print(f"fresh articles: precision {1 - len(wrong) / len(found):.2f} ({len(found) - len(wrong)}/{len(found)})")
    assert len(found) >= 15 and len(wrong) / len(found) <= 0.1, wrong


def test_review_page_lists_them_and_names_found_with_a_confident_type_get_a_page():
    """Issue 18: a name found with a confident type (a cue, or the model's vote for a person, an organisation, a
    place…) gets its own page, marked as not reviewed and linked from the text, even when the corpus names it once
    (issue 10 asked for two articles, and left "Donald Trump" or "SoftBank" without a link); every such name is also
    on the review page, with a link to its page."""
    site = build(Project(root=ROOT, sources="tests/names", cache=False, executor="serial"))
    review = site.pages["entities/review.md"]
    assert "| [Blue Owl Capital](#nom-blue-owl-capital) | Organisation |" in review
    assert "## Hyperion { #nom-hyperion }" in review
    article = next(p for path, p in site.pages.items() if path.startswith("articles/meta-lines-up"))
    assert "[Hyperion](../entities/hyperion.md)" in article  # linked in the text, like a listed entity
    assert "Nom repéré automatiquement, pas encore vérifié" in site.pages["entities/hyperion.md"]
    assert "Blue Owl Capital" in site.pages["entities/blue-owl-capital.md"]
    assert "[Jefferies](../entities/jefferies.md)" in article  # named once, as an organisation: a page too
    assert "[page](jefferies.md)" in review.split("| [Jefferies]")[1].split("\n")[0]


def test_suggest_entities_writes_entries_that_become_entities(project_copy):
    shutil.rmtree(project_copy / "sources")
    shutil.copytree(ROOT / "tests" / "names", project_copy / "sources")
    run = lambda *args: subprocess.run([sys.executable, "-m", "generator", "--root", str(project_copy), *args],
                                       capture_output=True, text=True)
    printed = run("suggest-entities")
    assert "# knowledge/entities/organisations.yml, under `entities:`" in printed.stdout
    assert "  - name: Blue Owl Capital\n" in printed.stdout
    assert run("suggest-entities", "--write").returncode == 0
    check = run("check")
    assert check.returncode == 0  # the new entries load; only their empty descriptions are warned about
    assert "Blue Owl Capital: missing 'description'" in check.stdout
    site = build(Project(root=project_copy))
    assert "entities/blue-owl-capital.md" in site.pages
    assert site.corpus.unreviewed == ()


def test_names_lose_the_titles_and_roles_before_them():
    found = unlisted("Governor Jeff Landry welcomed the project on Tuesday.",
                     "Juror Bobby Buckner voted against the agreement.", language="en")
    assert ("Jeff Landry", "person") in found and ("Bobby Buckner", "person") in found
    assert not any(name.startswith(("Governor", "Juror")) for name, _ in found)


def test_a_short_form_of_a_listed_name_is_that_entity():
    blocks = (Block("p-1", "paragraph", "Meta a investi dans Scale AI, dont le fondateur rejoint le groupe."),
              Block("p-2", "paragraph", "Pour Scale, l’accord change tout, estiment les analystes."))
    annotated = ANNOTATE(Article(id="a", source="sources/a.txt", title="t", language="fr", blocks=blocks))
    assert [(m.entity_id, m.block_id) for m in annotated.mentions if m.text == "Scale"] == [("scale-ai", "p-2")]


def test_an_abbreviation_defined_in_parentheses_is_not_a_name():
    assert unlisted("Les grands modèles de langage (LLM) et la réalité virtuelle (RV) progressent vite.") == []
