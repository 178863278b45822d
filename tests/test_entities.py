"""Names a newsroom can trust on any subject (issue 18): one entity per real-world name across the corpus, no
common word or nationality taken for a name, the model's names never lost, figures and speakers as written.

Each test names the class of error it guards against; the articles are short and written for the test.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from generator import Project, build_corpus
from generator.annotate import annotator
from generator.annotate.figures import find_figures
from generator.knowledge import load_knowledge
from generator.model import Article, Block
from generator.render import amount

KNOWLEDGE = load_knowledge(ROOT / "docs" / "topics", ROOT / "knowledge" / "entities", ROOT)
ANNOTATE = annotator(KNOWLEDGE)


def article(name: str, *paragraphs: str, language: str = "fr", title: str = "Titre") -> Article:
    blocks = tuple(Block(f"p-{i}", "paragraph", text, position=i) for i, text in enumerate(paragraphs, 1))
    return Article(id=name, source=f"sources/{name}.txt", title=title, language=language, blocks=blocks)


@pytest.fixture
def corpus(tmp_path):
    """The corpus that sources written for the test build: {name: text}, French unless the name says "en"/"es"."""
    def build(entities: str = "knowledge/entities", **texts: str):
        folder = tmp_path / "sources"
        folder.mkdir()
        for name, text in texts.items():
            language = name.split("_")[0] if name.split("_")[0] in ("en", "es") else "fr"
            (folder / f"{name}.md").write_text(f"---\ntitle: {name}\nlanguage: {language}\n---\n\n{text}\n",
                                              encoding="utf-8")
        return build_corpus(Project(root=ROOT, sources=str(folder), entities=entities, cache=False,
                                    executor="serial"))
    return build


def entity_named(corpus, name: str):
    return next(e for e in corpus.knowledge.entities if e.name == name or name in e.aliases)


def pages(corpus) -> dict[str, str]:
    """{name: id} of the entities the corpus adds to the knowledge files (a page each, marked as not reviewed)."""
    return {e.name: e.id for e in corpus.knowledge.entities if not e.reviewed}


def mentioned(corpus, name: str) -> set[str]:
    annotated = next(a for a in corpus.articles if a.article.title == name)
    return {corpus.knowledge.entity(m.entity_id).name for m in annotated.mentions}


# --- one entity per real-world name -------------------------------------------------------------------------------


def test_accent_and_case_variants_are_one_entity_with_one_address(corpus):
    """"Aubrac Énergie" and "Aubrac Energie" were two entities sharing the page address aubrac-energie."""
    found = corpus(a="La start-up Aubrac Énergie construit une usine de batteries à Dunkerque avec 300 salariés.",
                   b="Le fabricant Aubrac Energie a signé un contrat avec Toyota pour ses batteries.")
    entity = entity_named(found, "Aubrac Énergie")
    assert {"Aubrac Énergie", "Aubrac Energie"} <= set(entity.aliases)
    assert entity.name in mentioned(found, "a") and entity.name in mentioned(found, "b")
    ids = [e.id for e in found.knowledge.entities]
    assert len(ids) == len(set(ids))


def test_page_addresses_never_collide(corpus, tmp_path):
    """A name whose address a listed entity already has still gets a page, at an address of its own."""
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "organisations.yml").write_text(
        "type: organisation\nentities:\n  - id: apex\n    name: Apex Corporation\n"
        "    description: Un conglomérat de la défense.\n", encoding="utf-8")
    found = corpus(entities=str(knowledge), a="La start-up Apex a levé 12 millions d'euros auprès du fonds Eurazeo.")
    ids = [e.id for e in found.knowledge.entities]
    assert len(ids) == len(set(ids)), ids
    assert "Apex" in pages(found) and pages(found)["Apex"] != "apex"
    assert "Apex" in {found.knowledge.entity(m.entity_id).name for a in found.articles for m in a.mentions}


def test_a_surname_after_the_full_name_is_the_same_person_across_articles(corpus):
    """"Jordan Bardella" (person) and "Bardella" (organisation) were two entities."""
    found = corpus(a="Jordan Bardella, président du Rassemblement national, a été entendu comme témoin mardi.",
                   b="À la sortie de l'audience, Bardella a dénoncé un procès politique devant les journalistes.")
    person = entity_named(found, "Jordan Bardella")
    assert person.type == "person"
    assert "Jordan Bardella" in mentioned(found, "b")
    assert "Bardella" not in pages(found)


def test_an_abbreviation_defined_by_the_text_is_its_expansion(corpus):
    """RN / Rassemblement national were separate pages."""
    found = corpus(a="Le Rassemblement national (RN) conteste la décision du tribunal de Paris.",
                   b="Le RN a annoncé qu'il ferait appel de la décision rendue lundi par le tribunal.")
    party = entity_named(found, "Rassemblement national")
    assert "RN" in party.aliases
    assert "Rassemblement national" in mentioned(found, "b")


def test_the_same_city_in_french_and_english_is_one_place(corpus):
    """Dunkerque / Dunkirk were two places (GeoNames knows both names of the city)."""
    found = corpus(a="L'usine de Dunkerque produira ses premières cellules en 2027, à côté du port.",
                   en_b="The plant in Dunkirk will start production in 2027 next to the port.")
    place = entity_named(found, "Dunkerque")
    assert {"Dunkerque", "Dunkirk"} <= set(place.aliases)
    assert place.type == "place"


def test_a_name_found_once_with_a_confident_type_gets_a_page(corpus):
    """"Donald Trump", "SoftBank" had no page when named once."""
    found = corpus(a="Le fonds SoftBank a investi 600 millions d'euros, a précisé Donald Trump mardi.")
    assert {"SoftBank", "Donald Trump"} <= set(pages(found))


# --- what is not a name --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, not_names", [
    ("L'usine embauchera en CDI, au-dessus du Smic, et pèsera 0,1 point de PIB avec 16 GWh par an.",
     {"CDI", "Smic", "PIB", "GWh"}),
    ("Le Français Lionel Baud a devancé deux Espagnols et une Suissesse sur la ligne d'arrivée.",
     {"Français", "Espagnols", "Suissesse"}),
    ("La République a rendu hommage à la Nation, a souligné le président de la République Emmanuel Macron.",
     {"République", "Nation", "République Emmanuel Macron"}),
])
def test_common_abbreviations_nationalities_and_institutions_are_not_entities(text, not_names):
    annotated = ANNOTATE(article("a", text))
    names = {c.name for c in annotated.candidates} | {KNOWLEDGE.entity(m.entity_id).name for m in annotated.mentions}
    assert not names & not_names, names


def test_english_nationalities_and_roles_are_not_entities():
    annotated = ANNOTATE(article("a", "French President Emmanuel Macron met European officials and Defender "
                                      "Hassan Abbas on Tuesday.", language="en"))
    names = {c.name for c in annotated.candidates}
    assert {"Emmanuel Macron", "Hassan Abbas"} <= names, names
    assert not names & {"French", "European", "French President Emmanuel Macron", "Defender Hassan Abbas"}


def test_the_name_the_model_reads_is_not_lost_to_a_run_of_capitals():
    """"Président de la République Emmanuel Macron" gave "République Emmanuel Macron"; "l'Espagnole Caroline
    Routier" a place."""
    annotated = ANNOTATE(article("a", "L'Espagnole Caroline Routier a battu la Française Léa Fontaine en finale."))
    people = {c.name for c in annotated.candidates if c.type == "person"}
    assert {"Caroline Routier", "Léa Fontaine"} <= people, [(c.name, c.type) for c in annotated.candidates]


def test_names_in_the_title_are_names_of_the_article():
    """"France : attaque à Valence (Drôme)" lost France, Valence and Drôme: titles were not annotated."""
    annotated = ANNOTATE(article("a", "Un homme a été interpellé vendredi après l'attaque d'un militaire.",
                                 title="France : attaque à Valence (Drôme)"))
    names = {c.name for c in annotated.candidates} | {KNOWLEDGE.entity(m.entity_id).name for m in annotated.mentions}
    assert {"France", "Valence", "Drôme"} <= names, names


# --- quotes ----------------------------------------------------------------------------------------------------------


def test_a_speaker_is_never_a_place():
    annotated = ANNOTATE(article("a", 'Speaking in San Diego, the chief executive Jane Doe was upbeat. "We are '
                                      'rewriting history with this factory," San Diego officials were told.',
                                 language="en"))
    assert annotated.quotes and all(q.speaker != "San Diego" for q in annotated.quotes), annotated.quotes


@pytest.mark.parametrize("paragraphs, speaker", [
    (("CNN anchor Jake Tapper spoke on Sunday.", "“It’s horrifying to see it happen again,” Tapper said of the attack."),
     "Jake Tapper"),
    (("Désiré Doué scored twice in the final.", "“We're rewriting history tonight with this team,” said Doué."),
     "Désiré Doué"),
    (("The New York Times published the memo on Friday.",
      "“The company had known about the risks for years,” the influential US daily wrote."), "New York Times"),
])
def test_english_speakers_given_by_surname_or_description(paragraphs, speaker):
    """PolNeAR: a quote whose speaker is given by surname or by a description was dropped."""
    annotated = ANNOTATE(article("a", *paragraphs, language="en"))
    assert [q.speaker for q in annotated.quotes] == [speaker], annotated.quotes


def test_the_speaker_is_who_speaks_not_the_nearest_name():
    """«…», a-t-il lancé gave the last name before (Kylian Mbappé), not the one who speaks (Luis Enrique)."""
    annotated = ANNOTATE(article("a", "Luis Enrique a salué la performance de Kylian Mbappé, pourtant adversaire.",
                                 "« Nous avons gagné ensemble, avec du cœur et de la patience », a-t-il lancé."))
    assert [q.speaker for q in annotated.quotes] == ["Luis Enrique"]


def test_the_incise_is_outside_the_quote():
    annotated = ANNOTATE(article("a", "Le syndicaliste Karim Benali reste prudent.",
                                 "« Nous allons, a-t-il dit, surveiller chaque contrat de près. »"))
    assert [(q.text, q.speaker) for q in annotated.quotes] == [
        ("Nous allons surveiller chaque contrat de près.", "Karim Benali")]


# --- figures ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, language, value, unit, shown", [
    ("La gigafactory de 16 GWh emploiera du monde.", "fr", 16.0, "GWh", "16 GWh"),
    ("The plant will store 16 gigawatt-hours a year.", "en", 16.0, "GWh", "16 gigawatt-hours"),
    ("Le site créera 1.200 emplois d'ici 2028.", "fr", 1200.0, "jobs", "1 200 emplois"),
    ("The company will hire 300 engineers in Grenoble.", "en", 300.0, "engineers", "300 engineers"),
    ("Le tour de table atteint 1,87 milliard d'euros.", "fr", 1.87e9, "EUR", "1,87 Md €"),
])
def test_figures_as_written(text, language, value, unit, shown):
    """"16 GWh" got the unit "gigafactory", "16 gigawatt-hours" became 16 GW, "1.200 emplois" 1.2, "300
    engineers" "300 chercheurs", "1,87 milliard" "1,9 Md €"."""
    figures = find_figures(Block("p-1", "paragraph", text), language)
    assert [(f.value, f.unit) for f in figures] == [(value, unit)], figures
    assert amount(figures[0]).replace("\u00a0", " ").replace("\u202f", " ") == shown


# --- languages --------------------------------------------------------------------------------------------------------


def test_an_article_in_a_language_without_a_model_is_warned_and_not_read_as_french(corpus):
    """A Spanish article was annotated with the French model: "Francia" became a person."""
    text = ("La empresa Aubrac Énergie invertirá 2.100 millones de euros en Francia, según el Gobierno, que espera "
            "1.200 empleos directos en la región de Dunkerque.")
    annotated = ANNOTATE(article("es", text, language="es"))
    assert annotated.candidates == () and annotated.quotes == ()
    assert [(f.value, f.unit) for f in annotated.figures] == [(2.1e9, "EUR")]
    problems = [p for p in corpus(es_a=text).problems if p.path.endswith("es_a.md")]
    assert len(problems) == 1 and problems[0].severity == "warning" and "espagnol" in problems[0].message


# --- pages ------------------------------------------------------------------------------------------------------------


def test_unreviewed_entity_pages_render_their_warning_and_french_permalinks(project_copy):
    """The page of a name no file lists showed "!!! warning" as text (no admonition extension), and the heading
    links said "Permanent link"."""
    shutil.rmtree(project_copy / "sources")
    shutil.copytree(ROOT / "tests" / "names", project_copy / "sources")
    site = project_copy / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=project_copy,
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    html = (site / "entities" / "hyperion" / "index.html").read_text(encoding="utf-8")
    assert "Nom repéré automatiquement" in html
    assert "!!! warning" not in html and 'class="admonition warning"' in html
    assert "Permanent link" not in html and "Lien vers ce passage" in html
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert "Hyperion" in description  # its own text, not the site's description


def test_suggest_entities_proposes_the_merges_it_is_unsure_of(corpus):
    """"Dupont" alone may be Jean Dupont or Marie Dupont: not merged, proposed to the reviewer with the evidence."""
    from generator.suggest import suggestions

    found = corpus(a="Le ministre Jean Dupont a présenté le budget mardi devant les députés.",
                   b="La cheffe d'entreprise Marie Dupont a racheté une usine à Lyon.",
                   c="Dupont a refusé de commenter la décision, a indiqué son entourage.")
    assert "Dupont" not in {a for e in found.knowledge.entities if e.name in ("Jean Dupont", "Marie Dupont")
                            for a in e.aliases}
    entries = "".join(suggestions(found, "knowledge/entities").values())
    assert "unsure, not merged: Dupont: may be a short form of Jean Dupont or Marie Dupont" in entries


def test_the_votes_on_a_names_type_are_counted_once_however_often_resolving_asks(monkeypatch):
    """Resolving asks each name's votes three times (places, groups, entities); a name of ten thousand articles
    (Meta in an archive about Meta) is counted once, and the result is the same as counting each time."""
    import dataclasses
    import importlib

    from generator.model import AnnotatedArticle, Candidate

    resolving = importlib.import_module("generator.resolve")
    passes: list[str] = []

    class Counted(list):
        def __iter__(self):
            passes.append("pass")
            return super().__iter__()

    articles = [AnnotatedArticle(article=Article(id=f"a{n}", source=f"sources/a{n}.txt", title="", language="fr",
                                                 blocks=(Block("b1", "paragraph", "Odense et Porto"),)),
                                 candidates=(Candidate("Odense", "place", "b1", 0, 6, cue="à" if n == 0 else "",
                                                       model_type="LOC" if n else ""),))
                for n in range(50)]
    found = resolving._Found.of(articles)
    counted = dataclasses.replace(found, occurrences={f: Counted(o) for f, o in found.occurrences.items()})
    first = counted.votes("Odense")
    assert [counted.votes("Odense") for _ in range(3)] == [first] * 3 and passes == ["pass"]
    assert first == found.votes("Odense") and first["place"] == 3  # the cue's three; the model's LOC is no type
