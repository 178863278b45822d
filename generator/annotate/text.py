"""Text helpers shared by the annotators: matching forms, tokens and stems.

`fold` keeps every character at its offset (one character in, one out), so a match found in the folded text
points at the same span of the original.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

_SAME_WIDTH = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("\u00a0", " "), ("\u202f", " "), ("‑", "-"), ("–", "-"))
# A word, without a French elided article before it (l'IA, d'OpenAI, qu'Amazon, jusqu'à): one pass of one
# expression, because this runs on every paragraph of every article.
TOKEN = re.compile(r"(?:(?i:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)')?([^\W_]+(?:[-'][^\W_]+)*)", re.UNICODE)
STEMMERS = {"fr": "french", "en": "english", "de": "german", "es": "spanish", "it": "italian", "pt": "portuguese",
            "nl": "dutch"}


def fold(text: str) -> str:
    """Unify apostrophes, spaces and dashes, character for character."""
    for old, new in _SAME_WIDTH:  # a few str.replace calls beat str.translate with a dict by far
        if old in text:
            text = text.replace(old, new)
    return text


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """Words, lower-cased, without elided articles: "l’open-source" gives ["open-source"]."""
    return [word.casefold() for word in TOKEN.findall(fold(text))]


@functools.cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS.get(language, "english"))


@functools.cache
def stem(word: str, language: str) -> str:
    """Stem of one lower-cased word, without accents ("investissements" and "investi" both give "invest")."""
    parts = word.split("-")  # "open-source" stems part by part
    return "-".join(strip_accents(_stemmer(language).stemWord(part)) for part in parts)


def stems(text: str, language: str) -> list[str]:
    return [stem(word, language) for word in tokens(text)]
