"""Titles, dates and article text right on any site, without losing a sentence (issue 19).

Pages shaped like those that failed, written for the test: each test names the class of error it guards against.
"""
from __future__ import annotations

import pytest

from generator.read import read_article

PROSE = [
    "Le constructeur Verkor a inauguré mardi sa gigafactory de cellules de batteries à Dunkerque, après deux "
    "années de travaux et un investissement de près de deux milliards d'euros.",
    "Le site doit employer mille deux cents personnes à terme, selon la direction, qui vise une production de seize "
    "gigawattheures par an dès la fin de l'année prochaine.",
    "Les élus de la région ont salué un projet qui redonne du travail à un bassin industriel durement touché par la "
    "fermeture des aciéries au cours des vingt dernières années.",
]
ENGLISH = [
    "The carmaker confirmed on Tuesday that its battery cell plant in northern France had opened after two years "
    "of works and an investment of almost two billion euros.",
    "The site is due to employ about 1,200 people, according to the company, which is aiming for an output of "
    "sixteen gigawatt-hours a year by the end of next year.",
    "Local officials welcomed a project that brings jobs back to an industrial area hit hard by the closure of "
    "steelworks over the past two decades.",
]


def read(lines: list[str], name: str = "sources/page.txt"):
    return read_article("\n".join(lines).encode("utf-8"), ".txt", name)


INDUSTRY = PROSE[:1] + [
    "Le site doit employer 1 200 personnes dans l'industrie des batteries, selon la direction, qui vise seize "
    "gigawattheures d'énergie par an dès la fin de l'année prochaine."] + PROSE[2:]


@pytest.mark.parametrize("lines", [
    ["Menu", "Industrie & Énergie", "Verkor inaugure sa gigafactory de Dunkerque", *INDUSTRY],  # a section label
    ["Menu", "Industrie › Batteries", "Verkor inaugure sa gigafactory de Dunkerque", *INDUSTRY],  # a breadcrumb
    ["Nord Éco Emploi", "Accueil > Emploi > Industrie", "Verkor inaugure sa gigafactory de Dunkerque",
     "Par Jeanne Martin", *PROSE],  # a masthead over a menu
])
def test_section_labels_breadcrumbs_and_mastheads_are_never_the_title(lines):
    """"Politics & Economics", "Industrie › Batteries" were taken for headlines: they share more words with the
    article than its headline does."""
    assert read(lines).title == "Verkor inaugure sa gigafactory de Dunkerque"


@pytest.mark.parametrize("lines", [
    ["Sauvegarder l'article", *PROSE],
    ["Sauvegarder l'article", "Par Jeanne Martin", *PROSE],
])
def test_a_button_is_never_the_title(lines):
    """"Sauvegarder l'article" was the title of a French scrape."""
    assert read(lines).title != "Sauvegarder l'article"


def test_a_score_line_or_a_label_near_the_headline_is_not_the_headline():
    """"Paris Saint-Germain 3 Real Madrid 1" between the headline and the byline; "Champions League" above it."""
    lines = ["The Touchline", "Football | Premier League | Champions League | Transfers", "Sign in",
             "Champions League", "Doué double sinks Mbappé's Real as PSG rule Europe again",
             "Paris Saint-Germain 3 Real Madrid 1", "Doué 41, 88, Dembélé 67; Mbappé 23",
             "By Rory McAllister at the Allianz Arena", "Sat 30 May 2026 23.14 BST",
             "There was a moment, midway through the first half, when it felt as if the script had been written in "
             "Madrid, with Kylian Mbappé scoring for Real against Paris Saint-Germain in the Champions League final.",
             "Then Désiré Doué took over: the 20-year-old equalised with a curler four minutes before the break and "
             "scored again two minutes from time, as PSG won the trophy for the second year in a row."]
    assert read(lines).title == "Doué double sinks Mbappé's Real as PSG rule Europe again"


def test_a_photo_caption_is_never_the_title():
    """"Scale AI founder and CEO Alexandr Wang pictured at the startup's offices (Photo: Jeff Chiu/AP, File)"."""
    caption = ("Scale AI founder and CEO Alexandr Wang pictured at the startup's offices in San Francisco "
               "(Photo: Jeff Chiu/AP, File)")
    headline = "French battery maker opens its Dunkirk plant"
    for lines in ([caption, headline, *ENGLISH], ["Home", headline, "By Jane Smith", "Updated 3 hours ago", caption,
                                                  *ENGLISH]):
        article = read(lines)
        assert article.title == headline
        assert caption not in [b.text for b in article.blocks]


def test_a_date_prefix_is_read_and_left_out_of_the_title():
    """"date 2025-12-11 Le français Verkor inaugure…" was the whole title, and the article had no date."""
    article = read(["date 2025-12-11 Le français Verkor inaugure sa première gigafactory à Dunkerque", "", *PROSE])
    assert article.title == "Le français Verkor inaugure sa première gigafactory à Dunkerque"
    assert article.published == "2025-12-11"


def test_titles_are_one_line_of_plain_spaces():
    article = read_article(b"---\ntitle: \"Verkor inaugure\\nsa gigafactory\\u00a0de Dunkerque\"\n---\n\n"
                           + "\n\n".join(PROSE).encode("utf-8"), ".md", "sources/a.md")
    assert article.title == "Verkor inaugure sa gigafactory de Dunkerque"


def test_a_reactions_heading_keeps_the_paragraphs_after_it():
    """A heading "Réactions" was read as a comment counter, and every paragraph after it dropped as footer."""
    reactions = [
        "Le maire de Dunkerque, Patrice Vergriete, s'est félicité d'un projet qui crée des emplois durables dans "
        "l'agglomération et qui renforce la filière industrielle du territoire.",
        "« C'est une excellente nouvelle pour toute la région », a déclaré Xavier Bertrand, le président de la "
        "région, lors de l'inauguration du site mardi matin.",
    ]
    article = read(["Verkor inaugure sa gigafactory de Dunkerque", *PROSE, "Réactions", *reactions])
    texts = [b.text for b in article.blocks]
    assert texts[-2:] == reactions
    assert "Réactions" in texts


def test_a_press_release_keeps_its_about_section_and_a_footer_link_stays_out():
    """"About Logitech" then a paragraph ends a press release: the company's description, a sentence of the source,
    was dropped as "page footer" with the heading. A bare "About Us" link in the page's footer is still furniture."""
    about = ("Verkor is a French company founded in 2020 that designs and builds battery cells for electric vehicles, "
             "with a pilot line in Grenoble and a gigafactory in Dunkirk.")
    article = read(["Verkor opens its battery gigafactory in Dunkirk", *ENGLISH, "About Verkor", about,
                    "Home | News | Contact", "About Us", "Privacy Policy"])
    texts = [b.text for b in article.blocks]
    assert texts[-2:] == ["About Verkor", about]
    assert {d.text: d.reason for d in article.dropped}["About Us"] in ("publisher section", "page footer")


def test_the_last_sentence_of_a_short_article_is_kept():
    """The last sentence of a short article, with few function words, was dropped as "page footer"."""
    last = "Résultat : benchmarks MMLU, GPQA, HumanEval contaminés, modèles surévalués, classements faussés."
    article = read(["Une étude met en garde contre l'évaluation des modèles", PROSE[0], PROSE[1], last])
    assert [b.text for b in article.blocks][-1] == last


@pytest.mark.parametrize("masthead, outlet", [
    ("Le Quotidien de l'Industrie", "Le Quotidien de l'Industrie"),
    ("Global Auto News", "Global Auto News"),
])
def test_the_masthead_gives_the_outlet(masthead, outlet):
    """The outlet named in the page's masthead was removed as furniture, not used as the outlet."""
    lines = [masthead, "Accueil", "Industrie", "Verkor inaugure sa gigafactory de Dunkerque", "Par Jeanne Martin",
             *PROSE, f"© {masthead} 2025 – Tous droits réservés"]
    assert read(lines).outlet == outlet


def test_a_french_page_is_french():
    """A French page quoting English speakers at length was read as English: the language of a text is that of its
    own words, not of what it quotes."""
    quotes = [
        "« We are rewriting the history of the European battery industry today, and nobody will stop us from "
        "building the plant that our customers in Germany, Japan and the United States have been waiting for », "
        "a-t-il lancé.",
        "« This is only the beginning of a long story for the people of northern France, for our engineers and for "
        "every worker who believed in this project when nobody else did », a-t-il ajouté.",
    ]
    article = read(["Verkor inaugure sa gigafactory", *quotes, PROSE[0], PROSE[1]])
    assert article.language == "fr"


def test_html_takes_the_headline_from_the_metadata_not_a_site_heading():
    """A site-level <h1> ("Allergies Health Center") was the title where the page's <title> gives the headline."""
    html = ("<html><head><title>Seasonal allergies start earlier every year | Health Daily</title></head><body>"
            "<main><h1>Allergies Health Center</h1><article><h2>Seasonal allergies start earlier every year</h2>"
            + "".join(f"<p>{p}</p>" for p in ENGLISH) + "</article></main></body></html>")
    article = read_article(html.encode("utf-8"), ".html", "sources/page.html")
    assert article.title == "Seasonal allergies start earlier every year"


def test_a_build_says_what_it_left_out():
    from generator.read import dropped_summary

    article = read(["Menu", "Se connecter", "Verkor inaugure sa gigafactory de Dunkerque", *PROSE,
                    "Newsletter : recevez l'essentiel chaque matin"])
    summary = dropped_summary([article])
    assert summary.startswith("3 lines left out of 1 of 1 articles") and "login prompt" in summary


@pytest.mark.parametrize("furniture", [
    "meta glasses img",  # an image's alt text
    "Cover Image",
    "Read Fortune's full story here.",  # a link to the full story elsewhere
    "Take our new online course: Build your first AI agent in a weekend",  # a course advert
    "https://x.com/verkor/status/1867000000000000000",  # a social post's address
    "(Bild: Symbolbild erstellt von der iX-Redaktion mit KI)",  # a credit in German
])
def test_furniture_that_generalises(furniture):
    """Alt texts, adverts, "read the full story" links, post addresses and credits were kept as article text."""
    article = read(["French battery maker opens its Dunkirk plant", ENGLISH[0], furniture, *ENGLISH[1:]])
    assert furniture not in [b.text for b in article.blocks]
    assert [b.text for b in article.blocks] == ENGLISH


def test_a_wire_dateline_gives_the_outlet():
    """"MUNICH, 30 mai 2026 (AFP) - …": the agency wrote it, and the page names no other outlet."""
    lead = ("MUNICH, 30 mai 2026 (AFP) - Le Paris Saint-Germain a conservé samedi son titre en Ligue des champions en "
            "battant le Real Madrid 3 à 1 en finale, grâce à un doublé de Désiré Doué.")
    assert read(["Le PSG conserve son titre", lead, *PROSE[1:]]).outlet == "AFP"
