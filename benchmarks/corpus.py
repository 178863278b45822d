"""Synthetic corpora for the benchmarks: N plain-text articles made from the repository's own articles.

Each article has a unique title, a date (four a day, in number order) and eight paragraphs drawn (with a fixed
seed) from the sources, the test articles and the wild pages, so that the corpus reads like the real one, mentions
the same entities and topics, and no two articles are the same. Nothing here is a test.
"""
from __future__ import annotations

import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from generator.render import french_date

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = date(2019, 1, 1)


def make_corpus(target: Path, count: int, first: int = 0, seed: int = 7) -> None:
    """`count` articles numbered from `first` (a later batch: `first` past the corpus, another `seed`)."""
    paragraphs = []
    for folder in ("sources", "tests/corpus", "tests/wild"):
        for path in sorted((ROOT / folder).glob("*.txt")):
            text = path.read_bytes().decode("utf-8", errors="ignore")
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n|\n", text) if len(p.split()) > 12]
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    for number in range(first, first + count):
        body = "\n\n".join(rng.sample(paragraphs, k=min(8, len(paragraphs))))
        title = f"Article {number} : Meta et l’intelligence artificielle, épisode {number}"
        # Dated as a newsroom's archive is: four articles a day, a later batch later than the archive.
        day = FIRST_DAY + timedelta(days=number // 4)
        dated = f"Publié le {french_date(day.isoformat())}"
        (target / f"{number:05d}.txt").write_text(f"{title}\n\n{dated}\n\n{body}\n\nComment (0)\n", encoding="utf-8")


def make_project(work: Path, count: int) -> Path:
    """A copy of the project (docs, knowledge, templates, overrides, mkdocs.yml) with a synthetic corpus."""
    for name in ("docs", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, work / name)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    make_corpus(work / "sources", count)
    return work


def without_plugin(config: str, docs_dir: Path) -> str:
    """The project's mkdocs.yml without the press-site plugin, building a generated docs tree."""
    config = re.sub(r"  - press-site:\n(?:      .*\n)+", "", config)
    return re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {docs_dir}", config)
