"""Golden test: the generated files for the seed articles (Markdown pages, graph data, feeds), one by one.

Regenerate after an intended change with `python -m pytest tests/test_golden.py --update-goldens`,
then review `git diff tests/golden/` like any other change.
"""
from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def test_generated_pages_match_golden(seed_site, update_goldens):
    pages = seed_site.pages
    if update_goldens:
        for old in (p for p in GOLDEN.rglob("*") if p.is_file()):
            old.unlink()
        for path, content in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(expected), "pages added or removed: run pytest --update-goldens and review"
    for path, content in pages.items():
        assert content == expected[path], f"{path} differs from tests/golden/{path}: run pytest --update-goldens and review"
