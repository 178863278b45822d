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
