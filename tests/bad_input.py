"""Sources shaped to hurt: what tests/test_bad_input.py reads and benchmarks/bench_bad_input.py times.

Each case of `CASES` is made from the repository's own articles (fixed seed), so its words are real French prose
with the names and figures the annotators look for, only arranged as no article should be. Each shape of `SHAPES`
repeats one pattern that once made a stage take quadratic time, to any size.
"""
from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "sources").glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="ignore")
        paragraphs += [line.strip() for line in text.splitlines() if len(line.split()) > 12]
    return paragraphs


def huge_article(size: int = 5_000_000) -> bytes:
    """A title, then paragraphs until `size` bytes: a book, or a site's dump saved as one article."""
    paragraphs, rng = _paragraphs(), random.Random(1)
    out, total = ["Un très long dossier sur Meta et l’intelligence artificielle"], 0
    while total < size:
        out.append(rng.choice(paragraphs))
        total += len(out[-1].encode()) + 2
    return "\n\n".join(out).encode()


def one_long_line(size: int = 700_000) -> bytes:
    """A whole article on a single line, no line break at all (a scrape that lost them)."""
    paragraphs, rng = _paragraphs(), random.Random(2)
    out, total = [], 0
    while total < size:
        out.append(rng.choice(paragraphs))
        total += len(out[-1].encode()) + 1
    return " ".join(out).encode()[:size].decode("utf-8", errors="ignore").encode()


def many_short_lines(count: int = 200_000) -> bytes:
    """A title, then `count` lines of three words (a table exported one cell per line, a log pasted in)."""
    words, rng = " ".join(_paragraphs()).split(), random.Random(3)
    lines = ["Chronologie des annonces de Meta", ""] + [" ".join(rng.sample(words, 3)) for _ in range(count)]
    return "\n".join(lines).encode()


def deeply_nested_html(depth: int = 5_000) -> bytes:
    """An article inside `depth` nested <div>s: deeper than libxml2 (and so trafilatura) reads."""
    body = "".join(f"<p>{p}</p>" for p in _paragraphs()[:3])
    return (f"<!doctype html><html lang=\"fr\"><head><title>Meta et l’IA ouverte</title></head><body>"
            f"{'<div>' * depth}<h1>Meta et l’IA ouverte</h1>{body}{'</div>' * depth}</body></html>").encode()


CASES = {  # file name in sources/ -> its bytes
    "huge-article.txt": huge_article,
    "one-long-line.txt": one_long_line,
    "many-short-lines.txt": many_short_lines,
    "deeply-nested.html": deeply_nested_html,
}


# --- shapes that made a reader or an annotator super-linear (issue 20, "Linear time") ---------------------------------
# Each takes the size of the source in bytes: benchmarks/bench_bad_input.py doubles it, and the time must no more than
# double. Their words are written here, not drawn from the articles: each shape is one pattern, repeated.

def _run(unit, size: int, separator: str = " ") -> str:
    """`unit(1)`, `unit(2)`, … joined by `separator`, until `size` bytes."""
    parts, total = [], 0
    while total < size:
        parts.append(unit(len(parts) + 1))
        total += len(parts[-1].encode()) + len(separator)
    return separator.join(parts)


def _article(title: str, paragraph: str) -> bytes:
    return f"{title}\n\n{paragraph}".encode()


def split_quotes_en(size: int = 200_000) -> bytes:
    """One paragraph of English quotations, each followed by its attribution and a comma: '"…," said Mark
    Zuckerberg, "…," said Mark Zuckerberg, …' (each joins the next as the second half of a split quote)."""
    return _article("Mark Zuckerberg on open models", _run(
        lambda i: f'"We will keep model {made_up_word(i)} open for everyone," said Mark Zuckerberg,', size))


def quotes_fr(size: int = 200_000) -> bytes:
    """One paragraph of French quotations, each attributed after it and followed by a comma: « … », a déclaré Yann
    LeCun, « … », a déclaré Yann LeCun, …"""
    return _article("Yann LeCun et l’IA ouverte", _run(
        lambda i: f"« Nous garderons le modèle {made_up_word(i)} ouvert à tous », a déclaré Yann LeCun,", size))


def many_speakers(size: int = 200_000) -> bytes:
    """One paragraph of quotations, each said by someone not named before: '"…," said Bazu Pazu. "…," said Luzu
    Zézu. …'."""
    return _article("Who said what about open models", _run(
        lambda i: f'"We will keep all of our models open for everyone who wants them," said {speaker(i)}, who leads '
                  f'the research team.', size))


def speaker(i: int) -> str:
    """Who says the `i`-th quotation of `many_speakers`."""
    return f"{made_up_word(i).capitalize()} {made_up_word(i + 7).capitalize()}"


def hyphenated_name(size: int = 200_000) -> bytes:
    """A quotation whose speaker's name is one word of capitalised words joined by hyphens, as long as the source:
    « … », a déclaré Bazu-Luzu-Dizu-…"""
    name = _run(lambda i: made_up_word(i).capitalize(), size, separator="-")
    return _article("Un nom sans fin", f"« Le modèle restera ouvert à tous », a déclaré {name}.")


def capitalised_run(size: int = 200_000) -> bytes:
    """A quotation whose speaker is a run of capitalised words as long as the source, without a full stop or a
    lower-case word: « … », a déclaré Bazu Luzu Dizu … (in Markdown, its language given: the words are no
    language's)."""
    name = _run(lambda i: made_up_word(i).capitalize(), size)
    front_matter = "---\ntitle: Une liste sans fin\nlanguage: fr\n---\n\n"
    return f"{front_matter}« Le modèle restera ouvert à tous », a déclaré {name}.".encode()


def repeated_amounts(size: int = 200_000) -> bytes:
    """One sentence of amounts joined by commas: "1,2 milliards d’euros, 1 millions de dollars, 1 % des parts, 2,2
    milliards d’euros, …"."""
    return _article("Les montants de l’année", _run(
        lambda i: f"{i},2 milliards d’euros, {i} millions de dollars, {i} % des parts,", size))


def unbalanced_quotes(size: int = 200_000) -> bytes:
    """A paragraph where every few words opens a quotation that nothing closes: «, “ and " without their pair."""
    marks = ("«", "“", '"')
    return _article("Des guillemets ouverts", _run(
        lambda i: f"{marks[i % 3]} Yann LeCun a dit {made_up_word(i)} ouvert", size))


def long_words(size: int = 200_000) -> bytes:
    """Capitalised words of 5,000 characters, dots and apostrophes inside (a scrape of base64 or of an address), in a
    French paragraph of quotations: « … », a déclaré L’Ab.cAb.c…"""
    return _article("Des mots sans fin", _run(
        lambda i: f"« Le modèle {made_up_word(i)} restera ouvert », a déclaré L’{'Ab.c' * 1_250},", size))


def title_case_headings(size: int = 200_000) -> bytes:
    """A Markdown article, half of it headings in Title Case that name someone ("## Le Retour De Bazu Pazu"), each
    over a short paragraph, then paragraphs that name nobody until `size` bytes."""
    headings = _run(lambda i: f"## Le Retour De {speaker(i)}\n\nUn court paragraphe sur ce retour.\n\n", size // 2, "")
    body = _run(lambda i: f"Le modèle {made_up_word(i)} restera ouvert à tous les chercheurs.", size // 2)
    return f"---\ntitle: Des titres sans fin\n---\n\n{headings}{body}\n".encode()


def many_attributes_html(size: int = 900_000) -> bytes:
    """An HTML article whose <p> carries attributes until `size` bytes: a template gone wrong."""
    paragraphs = "".join(f"<p>{p}</p>" for p in _paragraphs()[:3])
    attributes, total, i = [], 0, 0
    while total < size:
        i += 1
        attributes.append(f'data-a{i}="{i}"')
        total += len(attributes[-1]) + 1
    return (f"<!doctype html><html lang=\"fr\"><head><title>Meta et l’IA ouverte</title></head><body><article>"
            f"<h1>Meta et l’IA ouverte</h1><p {' '.join(attributes)}>Un paragraphe aux mille attributs.</p>"
            f"{paragraphs}</article></body></html>").encode()


def made_up_word(i: int) -> str:
    """A word for each number, different for each, and no word of French or English: "bazu", "kobazu"."""
    syllables = ("ko", "ba", "lu", "di", "fa", "mé", "ri", "to", "pa", "zé", "nu", "gi")
    word = ""
    while True:
        i, rest = divmod(i, len(syllables))
        word += syllables[rest]
        if i == 0:
            return word + "zu"


SHAPES = {  # name -> (the source for a size in bytes, its suffix): benchmarks/bench_bad_input.py doubles the size
    "split-quotes-en": (split_quotes_en, ".txt"),
    "quotes-fr": (quotes_fr, ".txt"),
    "many-speakers": (many_speakers, ".txt"),
    "hyphenated-name": (hyphenated_name, ".txt"),
    "capitalised-run": (capitalised_run, ".md"),
    "repeated-amounts": (repeated_amounts, ".txt"),
    "unbalanced-quotes": (unbalanced_quotes, ".txt"),
    "long-words": (long_words, ".txt"),
    "title-case-headings": (title_case_headings, ".md"),
    "many-attributes": (many_attributes_html, ".html"),
}
