"""A new site on one's own corpus: `python -m generator init DIR`.

DIR gets what a site needs and nothing of this one's subject: mkdocs.yml (with a neutral name), the hand-written
pages, the theme overrides and the templates, and empty folders for sources, topics and entities, each with a note
saying what goes in it. It builds at once (`mkdocs build --strict`): a home page that says the corpus is empty.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

# What a site is made of, copied from the site this generator comes with.
COPIED = ("docs", "overrides", "templates", "mkdocs.yml", ".gitignore")
SITE_NAME = "Revue de presse"
SITE_DESCRIPTION = "Articles de presse annotés et reliés par thèmes et entités."

# Notes in the empty folders: git keeps no empty folder, and the build needs them. None is read as an input (the
# readers take .txt/.md/.html in sources/, topics are docs/topics/*.md, entities knowledge/entities/*.yml).
NOTES = {
    "sources/.gitkeep": "",
    "docs/topics/.gitkeep": "",
    "knowledge/entities/.gitkeep": "",
}


class InitProblem(Exception):
    """The folder cannot receive a new site; said in one line."""


def init_site(folder: Path, model: Path) -> list[Path]:
    """A new site in `folder` (missing or empty), made from the site at `model` without its articles, topics and
    entities; the files written, in order."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitProblem(f"{folder}: not an empty folder; `init` makes a new site only where nothing is")
    folder.mkdir(parents=True, exist_ok=True)
    topics = (model / "docs" / "topics").resolve()
    for name in COPIED:
        source = model / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=lambda at, names: _not_copied(Path(at), names, topics))
        elif source.is_file():
            shutil.copy2(source, folder / name)
    config = folder / "mkdocs.yml"
    config.write_text(_neutral(config.read_text(encoding="utf-8")), encoding="utf-8")
    for name, text in NOTES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _not_copied(at: Path, names: list[str], topics: Path) -> set[str]:
    """The model's topics (its subject, not the new site's) and what a build leaves behind."""
    if at.resolve() == topics:
        return set(names)
    return {name for name in names if name in ("__pycache__", ".cache", "site")}


def _neutral(config: str) -> str:
    """mkdocs.yml with the new site's name and description; everything else, comments included, as it is."""
    config = re.sub(r"(?m)^site_name:.*$", f"site_name: {SITE_NAME}", config, count=1)
    return re.sub(r"(?m)^site_description:.*$", f"site_description: {SITE_DESCRIPTION}", config, count=1)
