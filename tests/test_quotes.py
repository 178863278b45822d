"""Quotes and who said them, in French and English, every tense and order (issue 10)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from generator.annotate import annotator
from generator.knowledge import load_knowledge
from generator.model import Article, Block

ANNOTATE = annotator(load_knowledge(ROOT / "docs" / "topics", ROOT / "knowledge" / "entities", ROOT))


def quotes(*texts: str, language: str = "fr") -> list[tuple[str, str | None, str | None]]:
    blocks = tuple(Block(f"p-{i}", "paragraph", t) for i, t in enumerate(texts, 1))
    annotated = ANNOTATE(Article(id="a", source="sources/a.txt", title="t", language=language, blocks=blocks))
    return [(q.text, q.speaker, q.role) for q in annotated.quotes]


@pytest.mark.parametrize("text,speaker,role", [
    # after the quotation, the verb before the speaker, in any tense
    ("« Le marché accepte ces dépenses tant que la publicité paie », observe Thomas Girard, analyste chez Kepler Cheuvreux.",
     "Thomas Girard", "analyste chez Kepler Cheuvreux"),
    ("« Nous construisons la plus grande capacité de calcul au monde », a répété Mark Zuckerberg devant ses équipes.",
     "Mark Zuckerberg", None),
    ("« Nous avons été clairs depuis le tout début de cette affaire », a réitéré Rachel Curran, responsable chez Meta.",
     "Rachel Curran", "responsable chez Meta"),
    # introduced by a colon
    ("La vice-présidente de la Commission, Henna Virkkunen, a prévenu : « Aucune entreprise n’est au-dessus des règles européennes. »",
     "Henna Virkkunen", "vice-présidente de la Commission"),
    # a phrase that attributes
    ("Pour l’économiste Anne Lefèvre, professeure à Sciences Po, rien d’étonnant : « Dans ce marché, leur salaire ressemble à celui des footballeurs. »",
     "Anne Lefèvre", "économiste, professeure à Sciences Po"),
])
def test_french_attributions(text, speaker, role):
    found = quotes(text)
    assert len(found) == 1 and found[0][1:] == (speaker, role), found


def test_a_split_quote_is_one_quote_and_a_pronoun_is_the_last_person_named():
    found = quotes("Le chercheur Yann LeCun doute des modèles de langage depuis longtemps.",
                   "« Les modèles de langage sont utiles, mais ils ne comprennent pas le monde », explique-t-il, "
                   "« et ils ne nous mèneront pas à une intelligence humaine ».")
    assert found == [("Les modèles de langage sont utiles, mais ils ne comprennent pas le monde et ils ne nous "
                      "mèneront pas à une intelligence humaine", "Yann LeCun", None)]


def test_selon_lui_and_a_described_speaker():
    found = quotes("Ahmad Al-Dahle dirige l’équipe d’IA générative de Meta depuis deux ans.",
                   "Selon lui, « ces modèles montrent qu’une architecture ouverte peut rivaliser avec les meilleurs ».",
                   "Un porte-parole de Meta a assuré que l’entreprise respectait le droit européen. "
                   "« Nous avons informé nos utilisateurs de manière claire et simple », a-t-il ajouté.")
    assert [(q[1]) for q in found] == ["Ahmad Al-Dahle", "porte-parole de Meta"]


@pytest.mark.parametrize("text,speaker", [
    ('"This will be a defining year for artificial intelligence," Zuckerberg told analysts on Wednesday.', "Mark Zuckerberg"),
    ('"It is the most advanced input device we have ever shipped," said Andrew Bosworth, the company\'s technology chief.',
     "Andrew Bosworth"),
    ('According to Nathan Lambert, "giving the best models away looks very different now".', "Nathan Lambert"),
    ('In the memo, Mark Zuckerberg said he had "decided to raise the bar on performance management".', "Mark Zuckerberg"),
])
def test_english_attributions(text, speaker):
    found = quotes(text, language="en")
    assert len(found) == 1 and found[0][1] == speaker, found


def test_split_english_quote_and_a_quote_that_goes_on():
    found = quotes('Mark Zuckerberg wrote a letter. "This is a different vision," he wrote, "than others in the industry '
                   'who want to automate all work." "We will keep investing in open models for years to come."',
                   language="en")
    assert [q[:2] for q in found] == [
        ("This is a different vision than others in the industry who want to automate all work.", "Mark Zuckerberg"),
        ("We will keep investing in open models for years to come.", "Mark Zuckerberg")]


@pytest.mark.parametrize("text", [
    "Meta défend une IA « ouverte » et une « arme ultime » contre la concurrence.",  # scare quotes
    "Le film « Les communs numériques de demain » sort en salles la semaine prochaine en France.",  # a title
    'The report, titled "Open models and the future of research", was published on Monday by the lab.',
])
def test_words_in_quotation_marks_that_nobody_says_are_not_quotes(text):
    assert quotes(text, language="en" if "The report" in text else "fr") == []
