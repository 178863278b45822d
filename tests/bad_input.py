"""Sources shaped to hurt: what tests/test_bad_input.py reads and benchmarks/bench_bad_input.py times.

Each case is made from the repository's own articles (fixed seed), so its words are real French prose with the
names and figures the annotators look for, only arranged as no article should be.
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
