"""Figures: number words, units carried in the sentence, counts of any noun, shorthand (issue 10)."""
from __future__ import annotations

import pytest

from generator.annotate.figures import find_figures
from generator.model import Block


def figures(text: str, language: str = "fr") -> list[tuple[float, str | None]]:
    return [(f.value, f.unit) for f in find_figures(Block("p-1", "paragraph", text), language)]


@pytest.mark.parametrize("text,language,expected", [
    ("Le groupe y consacrera soixante milliards de dollars.", "fr", [(6e10, "USD")]),
    ("Il compte deux cents chercheurs et vingt-deux salariés.", "fr", [(200, "researchers"), (22, "employees")]),
    ("Près de deux mille milliards de paramètres, dont 288 milliards actifs.", "fr", [(2e12, "parameters"), (2.88e11, "parameters")]),
    ("Une fourchette comprise entre 66 et 72 milliards de dollars.", "fr", [(6.6e10, "USD"), (7.2e10, "USD")]),
    ("Un chiffre d’affaires de 51,2 Md$ et 78 450 salariés.", "fr", [(5.12e10, "USD"), (78450, "employees")]),
    ("Téléchargés plus d’un milliard de fois dans onze pays.", "fr", [(1e9, "fois"), (11, "countries")]),
    ("It has 17B active parameters out of roughly 400 billion in total.", "en", [(1.7e10, "parameters"), (4e11, "parameters")]),
    ("Clusters of more than 100,000 NVIDIA H100 accelerators and 128 experts.", "en", [(1e5, "chips"), (128, "experts")]),
    ("It will spend $65bn, or €63bn, and create 1,500 construction jobs.", "en", [(6.5e10, "USD"), (6.3e10, "EUR"), (1500, "jobs")]),
    ("A dozen investors and three natural gas plants.", "en", [(12, "investors"), (3, "plants")]),
    ("Shares rose 10% and 22 percent; 49 pour cent en France.", "en", [(10, "percent"), (22, "percent"), (49, "percent")]),
])
def test_figures_and_their_values(text, language, expected):
    assert figures(text, language) == expected


@pytest.mark.parametrize("text,language", [
    ("En 2025, Llama 3 et GPT-4 ont été publiés le 29 avril à 10h30.", "fr"),  # years, versions, dates, times
    ("Wang, 28, built Scale over six years; the vote was 7-2.", "en"),  # an age, a duration, a score
    ("Deux autres modèles et l’un des fondateurs ont quitté le groupe.", "fr"),  # small numbers in words
    ("1. Spending keeps rising", "en"),  # a list number
])
def test_what_is_not_a_figure(text, language):
    assert figures(text, language) == []
