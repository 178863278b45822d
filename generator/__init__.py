"""Press articles in, a cross-linked knowledge site out.

The whole flow is `build`: read -> annotate -> resolve -> link -> render. Each stage is a module that takes and returns
the frozen values of `model.py`; nothing is shared between stages but those values. The command line
(`__main__.py`) calls `build`, the MkDocs plugin (`plugin.py`) `build_staged`, the same flow with each page written
to a file as soon as it is rendered; both only decide where the pages go.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .annotate import annotate_all, language_problems
from .cache import open_cache
from .knowledge import load_knowledge, topic_files
from .link import link
from . import paths
from .model import Corpus, Problem
from .read import MAX_SOURCE_MB, read_sources
from .render import render, render_each
from .resolve import resolve


@dataclass(frozen=True)
class Project:
    """Where a project keeps its inputs; every path is relative to `root` unless absolute."""

    root: Path
    sources: str = "sources"
    docs: str = "docs"
    topics: str = "docs/topics"
    entities: str = "knowledge/entities"
    templates: str = "templates"
    site_name: str = "Revue de presse"
    site_url: str = ""  # where the site is published; feeds need it for absolute addresses
    cache: bool = True  # reuse what unchanged articles gave last time (.cache/press-site, safe to delete)
    executor: str = "processes"  # where reading and annotating run: serial, processes[:N], dask://host:port
    max_source_mb: float = MAX_SOURCE_MB  # a larger source is skipped with a warning

    @classmethod
    def from_mkdocs_yml(cls, root: Path, **overrides) -> "Project":
        """The project as mkdocs.yml describes it (site name and address, the press-site plugin's paths), so that
        the command line builds what `mkdocs build` builds."""
        config = read_mkdocs_yml(root / "mkdocs.yml")
        plugin = next((p["press-site"] for p in config.get("plugins") or [] if isinstance(p, dict) and "press-site" in p), None) or {}
        settings: dict = {key: str(plugin[key]) for key in ("sources", "topics", "entities", "templates", "executor")
                          if plugin.get(key)}
        if "cache" in plugin:
            settings["cache"] = bool(plugin["cache"])
        if "max_source_mb" in plugin:
            settings["max_source_mb"] = float(plugin["max_source_mb"])
        settings.update({key: str(config[key]) for key in ("site_name", "site_url") if config.get(key)})
        if config.get("docs_dir"):
            settings["docs"] = str(config["docs_dir"])
        return cls(root=root, **{**settings, **overrides})

    def path(self, name: str) -> Path:
        return (self.root / getattr(self, name)).resolve()

    def watched(self) -> list[Path]:
        """What `mkdocs serve` watches besides docs/: a change in any of these rebuilds the site."""
        return [self.path(name) for name in ("sources", "entities", "templates")]


@dataclass(frozen=True)
class Site:
    corpus: Corpus
    pages: dict[str, str]  # generated pages: path in the docs tree -> Markdown
    replaced: tuple[str, ...]  # files of docs/ that generated pages stand for (topic definitions)
    edited_in: dict[str, str] = field(default_factory=dict)  # generated page -> the file to edit, from the root

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.corpus.problems


def build(project: Project) -> Site:
    corpus = build_corpus(project)
    pages = render(corpus, project.path("templates"), site_name=project.site_name, site_url=project.site_url)
    return Site(corpus=corpus, pages=pages, replaced=replaced_files(project), edited_in=edited_in(corpus))


@dataclass(frozen=True)
class StagedSite:
    """A site whose generated pages are files under a folder, rather than text in memory."""

    corpus: Corpus
    pages: tuple[str, ...]  # generated pages, by path in the docs tree (under the folder)
    written: int  # how many of them were new or changed, and so rewritten
    replaced: tuple[str, ...]
    edited_in: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.corpus.problems


def build_staged(project: Project, folder: Path) -> StagedSite:
    """`build`, each page written under `folder` as soon as it is rendered (`stage_pages`): a large site's pages are
    never all in memory at once. What the MkDocs plugin hands to MkDocs."""
    corpus = build_corpus(project)
    pages = render_each(corpus, project.path("templates"), site_name=project.site_name, site_url=project.site_url)
    staged, written = stage_pages(pages, folder)
    return StagedSite(corpus=corpus, pages=staged, written=written, replaced=replaced_files(project),
                      edited_in=edited_in(corpus))


def build_corpus(project: Project) -> Corpus:
    """read -> annotate -> resolve -> link: everything the site knows, before it is rendered into pages."""
    root = project.root.resolve()
    cache = open_cache(root, project.cache)
    try:
        knowledge = load_knowledge(project.path("topics"), project.path("entities"), root)
        read = read_sources(project.path("sources"), root, cache, project.executor, project.max_source_mb)
        articles = annotate_all(read.articles, knowledge, cache, project.executor)
        resolution = resolve(articles, knowledge)
        return link(resolution, problems=knowledge.problems + read.problems + language_problems(read.articles))
    finally:
        cache.close()


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags for MkDocs (!ENV, !!python/name:…); reading the plain settings ignores them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path) -> dict:
    if not path.exists():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def edited_in(corpus: Corpus) -> dict[str, str]:
    """The file behind each generated page, where its edit button leads: an article's source, the topic's file,
    the knowledge file that lists the entity."""
    files = {paths.page(paths.ARTICLES, a.id): a.article.source for a in corpus.articles}
    files.update({paths.page(paths.TOPICS, t.id): t.source for t in corpus.knowledge.topics})
    files.update({paths.page(paths.ENTITIES, e.id): e.source for e in corpus.knowledge.entities})
    return files


def replaced_files(project: Project) -> tuple[str, ...]:
    """Files of docs/ that generated pages stand for: a topic's file becomes its page."""
    docs = project.path("docs")
    return tuple(p.relative_to(docs).as_posix() for p in topic_files(project.path("topics")) if p.is_relative_to(docs))


def write_tree(project: Project, site: Site, out: Path) -> list[Path]:
    """The complete docs tree, hand-written and generated pages, as files any MkDocs-compatible tool builds."""
    docs = project.path("docs")
    if out.exists():
        shutil.rmtree(out)
    written = []
    for source in sorted(p for p in docs.rglob("*") if p.is_file()):
        relative = source.relative_to(docs).as_posix()
        if relative in site.replaced or relative in site.pages:
            continue
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    for relative, content in site.pages.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written


def stage_pages(pages: Iterable[tuple[str, str]], folder: Path) -> tuple[tuple[str, ...], int]:
    """The generated pages as files under `folder`, rewriting only those whose text changed (and removing those
    no longer generated), so that a file's time says when its page last changed: `mkdocs serve --dirty` then
    rebuilds only those. Returns the pages' paths, in order, and how many were written."""
    staged, written = [], 0
    for relative, content in pages:
        staged.append(relative)
        target = folder / relative
        data = content.encode("utf-8")
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    kept = set(staged)
    if folder.is_dir():
        for stale in [p for p in folder.rglob("*.md") if p.relative_to(folder).as_posix() not in kept]:
            stale.unlink()
    return tuple(sorted(staged)), written


__all__ = ["Project", "Site", "StagedSite", "build", "build_corpus", "build_staged", "stage_pages", "write_tree"]
