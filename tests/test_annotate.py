"""The annotate stage: entities, figures, quotes, topics with evidence; and its measures on the test corpus."""
from __future__ import annotations


import pytest

from conftest import ROOT
from generator import Project, build
from generator.annotate import annotator
from generator.evaluate import evaluate, load_gold
from generator.knowledge import load_knowledge
from generator.model import Article, Block

KNOWLEDGE = load_knowledge(ROOT / "docs" / "topics", ROOT / "knowledge" / "entities", ROOT)
ANNOTATE = annotator(KNOWLEDGE)


def annotate(*texts: str, language: str = "fr", kinds=None):
    blocks = tuple(Block(f"p-{i}", (kinds or {}).get(i, "paragraph"), t) for i, t in enumerate(texts, 1))
    return ANNOTATE(Article(id="a", source="sources/a.txt", title="t", language=language, blocks=blocks))


def names(annotated) -> list[str]:
    return [KNOWLEDGE.entity(i).name for i, _ in annotated.entity_counts(KNOWLEDGE)]


def test_knowledge_files_are_valid():
    assert [p for p in KNOWLEDGE.problems if p.severity == "error"] == []
    # Warnings left on purpose: names of entities that are also evidence for a topic.
    assert all("its mentions count for both" in p.message for p in KNOWLEDGE.problems)
    assert {t.id for t in KNOWLEDGE.topics} == {"open-source", "superintelligence", "consortium", "investments"}


@pytest.mark.parametrize("text,expected", [
    ("La création de Meta Superintelligence Labs inquiète.", ["Meta Superintelligence Labs"]),  # longest wins
    ("Les métadonnées et la méta-analyse ne parlent pas de l’entreprise.", []),  # guarded short name
    ("OpenAI a publié GPT-4 après GPT-3.", ["OpenAI", "GPT-4"]),  # "GPT" is not found in GPT-4 or GPT-3
    ("Le modèle d’OpenAI et celui d'Anthropic.", ["OpenAI", "Anthropic"]),  # elision, both apostrophes
    ("Meta’s chief and Meta's investors", ["Meta"]),
    ("Meta a publié Llama 3.", ["Meta", "Llama 3", "Llama"]),  # a version counts for its family
])
def test_entity_matching(text, expected):
    assert names(annotate(text)) == expected


@pytest.mark.parametrize("text,language,value,unit", [
    ("Meta a déboursé 14,3 milliards de dollars.", "fr", 14.3e9, "USD"),
    ("Meta will spend $65 billion this year.", "en", 65e9, "USD"),
    ("Un budget de 80 Md$ cette année.", "fr", 80e9, "USD"),
    ("A €10bn plan.", "en", 10e9, "EUR"),
    ("un modèle de 400 milliards de paramètres", "fr", 400e9, "parameters"),
    ("trois de ses 17 centres de données", "fr", 17, "data centres"),
    ("une hausse de 12,5 %", "fr", 12.5, "percent"),
    ("1,300 researchers joined", "en", 1300, "researchers"),
])
def test_figures_are_normalised(text, language, value, unit):
    figures = annotate(text, language=language).figures
    assert [(f.value, f.unit) for f in figures] == [(pytest.approx(value), unit)]


def test_coordinated_figure_borrows_the_unit():
    figures = annotate("Ils comportent 8 milliards et 70 milliards de paramètres.").figures
    assert [(f.text, f.value, f.unit) for f in figures] == [
        ("8 milliards", 8e9, "parameters"), ("70 milliards de paramètres", 70e9, "parameters")]


def test_quotes_with_attribution_inline_and_description():
    annotated = annotate(
        "Nous croyons que les bénéfices doivent être partagés largement.",
        "« Le Meta AI, construit avec Meta Llama 3, est l’un des assistants les plus en pointe au monde. » a déclaré le géant de la technologie.",
        "\"We are going to build personal superintelligence for everyone,\" said Mark Zuckerberg in a memo.",
        "Meta reste attachée à une approche « ouverte » de l’IA.",
        kinds={1: "quote"})
    quotes = [(q.block_id, q.text[:20], q.speaker) for q in annotated.quotes]
    assert quotes == [("p-1", "Nous croyons que les", None),  # a block quote with no attribution line
                      ("p-2", "Le Meta AI, construi", "Meta"),  # "le géant de la technologie": the main organisation
                      ("p-3", "We are going to buil", "Mark Zuckerberg")]  # « ouverte »: scare quotes, not speech


def test_block_quote_speaker_is_linked_and_counted():
    blocks = (Block("p-1", "quote", "Les modèles ouverts gagneront.", speaker="Mark Zuckerberg, PDG de Meta"),)
    annotated = ANNOTATE(Article(id="a", source="s", title="t", language="fr", blocks=blocks))
    assert annotated.quotes[0].speaker == "Mark Zuckerberg"
    assert annotated.quotes[0].speaker_entity == "mark-zuckerberg"
    assert "Mark Zuckerberg" in names(annotated)


def test_topics_match_on_stems_with_evidence():
    annotated = annotate("Meta a investi des milliards de dollars dans ses centres de données.",
                         "Meta invested billions in new data centers and chips.", language="fr")
    first = annotated.hits_for("p-1")
    assert [h.topic_id for h in first] == ["investments"]
    assert "investi" in first[0].evidence


def test_headings_get_no_topic_and_give_none():
    annotated = annotate("Les investissements de Meta", "Le temps passe et rien ne change ici.", kinds={1: "heading"})
    assert annotated.topic_hits == ()


@pytest.fixture(scope="module")
def corpus_scores():
    site = build(Project(root=ROOT, sources="tests/corpus"))
    return evaluate(site.corpus, load_gold(ROOT / "tests" / "corpus" / "gold.yml"))


def test_reader_measures_on_the_test_corpus(corpus_scores):
    s = corpus_scores
    assert s.missing == [] and s.furniture_left == []
    assert s.headings.prf()[1] == 1.0 and s.headings.prf()[0] >= 0.95
    assert s.titles[0] == s.titles[1] == 11
    assert s.metadata[0] == s.metadata[1]


def test_annotation_measures_on_the_test_corpus(corpus_scores):
    s = corpus_scores
    assert s.article_topics.prf()[2] >= 0.90
    assert s.topics.prf()[2] >= 0.90
    assert s.entities.prf()[2] >= 0.95
    assert s.figures[0] == s.figures[1] and s.quotes[0] == s.quotes[1]
