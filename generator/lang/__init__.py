"""Language data, one module per language (`fr.py`, `en.py`), as spaCy keeps `lang/fr/`, `lang/en/`.

The modules hold words only: function words, roles, speech verbs, number words, units, the vocabulary of page
furniture. Every rule of the reader and the annotators is built from them here or in its own module, so that a
word is added once and every rule sees it. To serve a new language, add a module with the same names and list
it in LANGUAGES.

    language("fr").SPEECH_FORMS     every form of every speech verb, conjugated
    union("ROLES")                  the roles of every language, for rules that run before the language is known
    alternation(words)              a regular expression that matches any of the words (longest first)
"""
from __future__ import annotations

import functools
import re
from types import ModuleType

from babel.dates import get_day_names, get_month_names

from . import en, fr

LANGUAGES: dict[str, ModuleType] = {"fr": fr, "en": en}
DEFAULT = "en"  # the data used for a language that has no module


class Language:
    """One language's data, with what is derived from it (conjugated verbs, calendar words)."""

    def __init__(self, module: ModuleType):
        self.module = module
        self.code: str = module.CODE

    def __getattr__(self, name: str):
        return getattr(self.module, name)

    @functools.cached_property
    def SPEECH_FORMS(self) -> tuple[str, ...]:  # noqa: N802 (named like the data it extends)
        return tuple(sorted(_french_speech_forms() if self.code == "fr" else _english_speech_forms(), key=len, reverse=True))

    @functools.cached_property
    def CALENDAR_WORDS(self) -> frozenset[str]:  # noqa: N802
        return calendar_words((self.code,))


@functools.cache
def language(code: str | None) -> Language:
    return Language(LANGUAGES.get((code or DEFAULT)[:2].lower(), LANGUAGES[DEFAULT]))


def all_languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in LANGUAGES)


@functools.cache
def union(name: str) -> tuple[str, ...]:
    """A list of every language, in a stable order, without repeats (dictionaries give their keys)."""
    found: dict[str, None] = {}
    for lang in all_languages():
        value = getattr(lang, name)
        found.update(dict.fromkeys(value))
    return tuple(found)


@functools.cache
def merged(name: str) -> dict:
    """A mapping of every language merged (the first language wins on a shared key)."""
    out: dict = {}
    for lang in reversed(all_languages()):
        out.update(getattr(lang, name))
    return out


def alternation(words: "tuple[str, ...] | list[str] | frozenset[str]") -> str:
    """A regular expression matching any of the words, longest first; spaces match any run of spaces and an
    apostrophe matches either apostrophe."""
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in parts) or r"(?!x)x"


@functools.cache
def calendar_words(codes: tuple[str, ...] = tuple(LANGUAGES)) -> frozenset[str]:
    """Month and day names, wide and abbreviated, from babel's locale data."""
    words = set()
    for code in codes:
        for width in ("wide", "abbreviated"):
            words |= {n.casefold().rstrip(".") for n in get_month_names(width, locale=code).values()}
            words |= {n.casefold().rstrip(".") for n in get_day_names(width, locale=code).values()}
    return frozenset(words)


@functools.cache
def day_names() -> frozenset[str]:
    """Day names, wide and abbreviated, in every language ("lundi", "wed")."""
    return frozenset(n.casefold().rstrip(".") for code in LANGUAGES for width in ("wide", "abbreviated")
                     for n in get_day_names(width, locale=code).values())


@functools.cache
def month_numbers() -> dict[str, int]:
    """"mars", "march", "mar", "sept", "oct" -> the month's number, in every language."""
    names: dict[str, int] = {}
    for code in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=code).items():
                names[name.casefold().rstrip(".")] = number
    names.update({"sept": 9, "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "aout": 8, "déc": 12})
    return names


# --- speech verbs, conjugated -----------------------------------------------------------------------------------


def _french_er_forms(infinitive: str) -> set[str]:
    """Reported-speech forms of a regular -er verb: présent, participe, imparfait, passé simple, futur, conditionnel."""
    stem = infinitive[:-2]
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem  # lança, jugea
    present = {stem + "e", stem + "ent"}
    if re.search(r"é[^aeiouyéè]+$", stem):  # répéter -> répète
        grave = re.sub(r"é([^aeiouyéè]+)$", r"è\1", stem)
        present |= {grave + "e", grave + "ent"}
    if stem.endswith(("el", "et")):  # rappeler -> rappelle, marteler -> martèle
        present |= {stem + stem[-1] + "e", stem[:-2] + "è" + stem[-1] + "e"}
    return present | {stem + "é", stem + "ée", soft + "ait", soft + "aient", soft + "a", stem + "èrent",
                      infinitive + "a", infinitive + "ait"}


@functools.cache
def _french_speech_forms() -> frozenset[str]:
    forms: set[str] = set()
    for verb in fr.SPEECH_VERBS_ER:
        forms |= _french_er_forms(verb) | {verb[:-2] + ("e" if verb[-3] == "g" else "") + "ant"}  # "en ajoutant"
    for verb in fr.SPEECH_VERBS_REFLEXIVE_ER:
        forms |= {f"s'{f}" if f[0] in "aeiouéèh" else f"se {f}" for f in _french_er_forms(verb)}
        forms |= {f"s'est {verb[:-2]}é", f"s'était {verb[:-2]}é"}
    for written in fr.SPEECH_VERBS_IRREGULAR.values():
        forms |= set(written.split())
    forms |= set(fr.SPEECH_PARTICIPLES)
    return frozenset(forms)


@functools.cache
def _english_speech_forms() -> frozenset[str]:
    forms: set[str] = set()
    for base, written in en.SPEECH_VERBS.items():
        forms |= set(written.split())  # "says", "said"; a base form is too often a noun ("a post", "a note")
    forms |= {"say", "tell", "write"}
    return frozenset(forms)


__all__ = ["Language", "language", "all_languages", "union", "merged", "alternation", "calendar_words",
           "day_names", "month_numbers", "LANGUAGES"]
