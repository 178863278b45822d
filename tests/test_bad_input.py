"""Sources shaped to hurt are read whole, or skipped by name, never hang the build.

Each case (tests/bad_input.py) goes through reading and annotation as the build runs them; these tests check what
comes out. How long each takes, beside the seeds alone, is measured by benchmarks/bench_bad_input.py: tests do not
time anything.
"""
from __future__ import annotations

import random

import pytest

from bad_input import (capitalised_run, deeply_nested_html, huge_article, hyphenated_name, long_words, made_up_word,
                       many_attributes_html, many_short_lines, many_speakers, one_long_line, quotes_fr,
                       repeated_amounts, speaker, split_quotes_en, title_case_headings, unbalanced_quotes)
from generator import Project, build
from generator.annotate import annotate_all
from generator.cache import NoCache
from generator.knowledge import load_knowledge
from generator.read import read_article, read_sources

from conftest import ROOT


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge(ROOT / "docs" / "topics", ROOT / "knowledge" / "entities", ROOT)


def annotated(data: bytes, suffix: str, knowledge):
    article = read_article(data, suffix, f"sources/odd{suffix}")
    return annotate_all((article,), knowledge, NoCache(), "serial")[0]


def words_read(article) -> int:
    """Words on the page (title included) and words listed as dropped furniture, each with its reason."""
    return sum(len(t.split()) for t in [article.title, *(b.text for b in article.blocks), *(d.text for d in article.dropped)])


def test_a_5_mb_article_is_read_to_its_last_paragraph(knowledge):
    data = huge_article()
    result = annotated(data, ".txt", knowledge)
    paragraphs = data.decode().split("\n\n")
    article = result.article
    assert article.title == paragraphs[0]
    assert words_read(article) >= 0.99 * len(data.decode().split())  # nothing lost without a reason
    assert sum(len(b.text) for b in article.blocks) > 4_500_000
    last = article.blocks[-1]
    assert paragraphs[-1][:60] in last.text or any(paragraphs[-1][:60] in d.text for d in article.dropped)
    # the annotators ran on all of it, not only on its beginning
    assert any(m.block_id == last.id for m in result.mentions) or any(f.block_id == last.id for f in result.figures)


def test_a_700_kb_line_is_read_and_annotated_to_its_end(knowledge):
    data = one_long_line()
    result = annotated(data, ".txt", knowledge)
    assert words_read(result.article) >= 0.99 * len(data.decode().split())
    assert max(m.start for m in result.mentions) > 600_000  # known names found far into the line


def test_100_000_short_lines_are_all_kept(knowledge):
    data = many_short_lines(100_000)  # 2 MB (the default's 200,000 lines take a minute here: kept for benchmarks)
    article = read_article(data, ".txt", "sources/lines.txt")
    assert words_read(article) >= 0.99 * len(data.decode().split())  # every line on the page or listed as dropped
    annotate_all((article,), knowledge, NoCache(), "serial")  # and annotation comes back


def test_html_nested_deeper_than_libxml2_reads_is_still_read(knowledge):
    result = annotated(deeply_nested_html(), ".html", knowledge)
    assert result.article.title == "Meta et l’IA ouverte"
    assert len([b for b in result.article.blocks if b.kind != "heading"]) == 3
    assert "meta" in {m.entity_id for m in result.mentions}


def test_a_source_over_the_size_limit_is_skipped_by_name_and_the_others_build(project_copy):
    (project_copy / "sources" / "dump.txt").write_bytes(huge_article(300_000))
    site = build(Project.from_mkdocs_yml(project_copy, max_source_mb=0.2, cache=False, executor="serial"))
    problem, = [p for p in site.problems if p.path == "sources/dump.txt"]
    assert problem.severity == "error"  # a warning in MkDocs: `mkdocs build --strict` fails on it
    assert "skipped" in problem.message and "0.3 MB" in problem.message and "limit of 0.2 MB" in problem.message
    assert len(site.corpus.articles) == len(read_sources(ROOT / "sources", ROOT).articles)


# --- shapes that once took quadratic time (issue 20, "Linear time"): read and annotated to their end ----------------
# At these sizes each runs in a few seconds; the code before took from half a minute to several minutes (the
# doubling series of benchmarks/bench_bad_input.py). Nothing is timed: each test checks that all that was written was
# read, to the last quotation, name or amount.

def test_a_paragraph_of_split_quotations_is_read_to_its_last_one(knowledge):
    data = split_quotes_en(400_000)
    written = data.decode().count('," said Mark Zuckerberg,')
    quotes = annotated(data, ".txt", knowledge).quotes
    said = " ".join(q.text for q in quotes)
    assert [said.count(f"model {made_up_word(i)} open") for i in (1, written // 2, written)] == [1, 1, 1]
    assert said.count("We will keep model") == written  # each quotation once, joined to the next as a split quote
    assert {(q.speaker, q.speaker_entity) for q in quotes} == {("Mark Zuckerberg", "mark-zuckerberg")}


def test_a_paragraph_of_french_quotations_is_read_to_its_last_one(knowledge):
    data = quotes_fr(400_000)
    written = data.decode().count("», a déclaré Yann LeCun,")
    quotes = annotated(data, ".txt", knowledge).quotes
    said = " ".join(q.text for q in quotes)
    assert said.count("Nous garderons le modèle") == written
    assert f"le modèle {made_up_word(written)} ouvert à tous" in quotes[-1].text
    assert {q.speaker_entity for q in quotes} == {"yann-lecun"}


def test_each_of_thousands_of_speakers_is_found(knowledge):
    data = many_speakers(300_000)
    written = data.decode().count('," said ')
    quotes = annotated(data, ".txt", knowledge).quotes
    assert [q.speaker for q in quotes] == [speaker(i) for i in range(1, written + 1)]


def test_a_name_of_thousands_of_hyphenated_words_is_read_to_its_end(knowledge):
    data = hyphenated_name(400_000)
    result = annotated(data, ".txt", knowledge)
    last = data.decode().rsplit("-", 1)[1]
    assert [q.text for q in result.quotes] == ["Le modèle restera ouvert à tous"]
    assert result.article.blocks[-1].text.endswith(f"-{last}")


def test_a_run_of_thousands_of_capitalised_words_is_read_to_its_end(knowledge):
    data = capitalised_run(400_000)
    result = annotated(data, ".md", knowledge)
    assert [q.text for q in result.quotes] == ["Le modèle restera ouvert à tous"]
    assert result.article.blocks[-1].text.endswith(data.decode().rsplit(" ", 1)[1])
    assert result.candidates  # names found in the run (the model's, in its first 100,000 characters)


def test_a_sentence_of_thousands_of_amounts_has_them_all(knowledge):
    data = repeated_amounts(400_000)
    written = data.decode().count("millions de dollars")
    figures = annotated(data, ".txt", knowledge).figures
    by_unit = {unit: [f for f in figures if f.unit == unit] for unit in ("EUR", "USD", "percent")}
    assert {unit: len(found) for unit, found in by_unit.items()} == {"EUR": written, "USD": written, "percent": written}
    assert len(figures) == 3 * written
    assert [by_unit["EUR"][-1].text, by_unit["USD"][-1].value, by_unit["percent"][-1].value] == [
        f"{written},2 milliards d’euros", written * 1e6, written]


def test_thousands_of_unclosed_quotation_marks_are_read_to_the_end(knowledge):
    data = unbalanced_quotes(400_000)
    written = data.decode().count("Yann LeCun a dit")
    result = annotated(data, ".txt", knowledge)
    assert len([m for m in result.mentions if m.entity_id == "yann-lecun"]) == written
    assert made_up_word(written) in result.article.blocks[-1].text
    assert max(len(q.text) for q in result.quotes) < 200  # a mark without its pair quotes nothing up to the end


def test_words_of_thousands_of_letters_are_read_with_their_quotations(knowledge):
    data = long_words(400_000)
    written = data.decode().count("», a déclaré")
    quotes = annotated(data, ".txt", knowledge).quotes
    assert [q.text for q in quotes] == [f"Le modèle {made_up_word(i)} restera ouvert" for i in range(1, written + 1)]


def test_an_html_element_with_100_000_attributes_is_read(knowledge):
    result = annotated(many_attributes_html(1_600_000), ".html", knowledge)
    article = result.article
    assert article.title == "Meta et l’IA ouverte"
    assert [b.text for b in article.blocks][:1] == ["Un paragraphe aux mille attributs."]
    assert len(article.blocks) == 4  # that paragraph and the article's three
    assert "meta" in {m.entity_id for m in result.mentions}


# --- what makes them linear finds what the plain searches did -------------------------------------------------------
# Each shortcut of the annotators (one pass instead of one search per quotation or name) against the plain search it
# replaces, on random texts made of the pieces that matter to it.

def _random_texts(pieces: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_names_in_a_phrase_are_those_the_plain_search_finds():
    from generator.annotate.quotes import _NAME, _names

    pieces = ["Jean", "Pierre", " ", " ", "  ", "de ", "la ", "-", "’", "'", ".", ",", "L’Ab.c", "eBay", "X", "Mc",
              "é", "É", "\n", "×", "van ", "Ab.cAb.c", "1"]
    for phrase in _random_texts(pieces, 3_000, seed=1):
        assert list(_names(phrase)) == [m.group(0) for m in _NAME.finditer(phrase)], phrase


def test_sentence_ends_found_once_are_those_a_search_finds_from_anywhere():
    from generator.annotate.quotes import _SENTENCE_END, _SentenceEnds

    pieces = ["Il dit", ". ", ".  ", "! ", "? ", "… ", "M. ", "Dr. ", "D.A. ", "Mme. ", "« ", "» ", '"', "(", "Le ",
              "le ", " ", "\n"]
    for text in _random_texts(pieces, 300, seed=2):
        ends = _SentenceEnds.of(text)
        for at in range(len(text) + 1):
            found = _SENTENCE_END.search(text, at)
            assert ends.next_stop(at) == (found.start() if found else None)
            # the sentence of a name at `at` (`_Reader.pronoun`): ends read up to it, none at it
            read_up_to = _SENTENCE_END.finditer(text, 0, at)
            assert ends.sentence_start(0, at - 1) == max((m.end() for m in read_up_to), default=0)
            for floor in range(0, at + 1, 5):
                begin = floor
                for match in _SENTENCE_END.finditer(text, floor):
                    if match.end() > at:
                        break
                    begin = match.end()
                assert ends.sentence_start(floor, at) == begin


def test_the_names_a_phrase_holds_are_found_in_one_pass():
    from generator.annotate.quotes import _Substrings

    rng = random.Random(3)
    for _ in range(500):
        strings = {"".join(rng.choice("ab ") for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(0, 12))}
        text = "".join(rng.choice("abc ") for _ in range(rng.randint(0, 40)))
        assert _Substrings(strings).found_in(text) == {s for s in strings if s in text}


def test_overlapping_names_are_found_by_bisection():
    from generator.annotate.names import _Spans, _Found, _longest
    from generator.model import Block

    rng = random.Random(4)
    block = Block(id="p1", kind="paragraph", text="x" * 200)
    for _ in range(500):
        starts = [rng.randint(0, 150) for _ in range(rng.randint(0, 30))]
        spans = [(start, start + rng.randint(0, 12)) for start in starts]
        index = _Spans(spans)
        for start in range(0, 170, 7):
            end = start + rng.randint(0, 15)
            plain = [(s, e) for s, e in spans if s < end and start < e]
            assert sorted(index.overlapping(start, end)) == sorted(plain)
            assert index.overlaps(start, end) == bool(plain)
        found = [_Found(block, s, e, "", False) for s, e in spans]
        assert _longest(found) == [f for f in found if not any(o is not f and o.start <= f.start and f.end <= o.end
                                                               and o.end - o.start > f.end - f.start for o in found)]


def test_a_name_written_capitalised_is_found_where_its_first_words_are():
    from generator.annotate.names import _CapitalisedWords, _written_capitalised

    pieces = ["Aa", "aa", "AA", " ", " ", "-", "'", "İstanbul", "Istanbul", "istanbul", "ıstanbul", "Straße",
              "STRASSE", "ſa", "Sa", "\n", "Le", "le", "Retour", "retour", "De ", "K", "k", "é", "É", ".", "\u0345"]
    rng = random.Random(5)
    for text in _random_texts(pieces, 400, seed=6):
        body = _CapitalisedWords(text)
        for name in {"".join(rng.choice(pieces[:-1]) for _ in range(rng.randint(1, 6))) for _ in range(20)} | \
                {"Aa Aa", "Le Retour De Aa", "İstanbul", "Istanbul Aa"}:
            assert body.writes_capitalised(name) == _written_capitalised(name, text), (name, text)
