"""Press articles in, a cross-linked knowledge site out.

The whole flow is `build`: read -> annotate -> resolve -> link -> render. Each stage is a module that takes and returns
the frozen values of `model.py`; nothing is shared between stages but those values. The command line
(`__main__.py`) calls `build`, the MkDocs plugin (`plugin.py`) `build_staged`, the same flow with each page written
to a file as soon as it is rendered; both only decide where the pages go.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import multiprocessing
import os
import shutil
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from .active_content import page_problems
from .annotate import annotate_keyed, keep_loaded_in, language_problems, prepare_annotation
from .beside import Beside, write_beside, written_when_done
from .cache import cache_folder, collector_skips_alive, compiled_templates, no_collection, open_cache
from .executor import SMALL_JOB, start_ready, stop_ready, two_cores, validate_setting
from .knowledge import load_knowledge, relative_name, topic_files
from .link import link
from . import paths, snapshot
from .model import Corpus, Problem
from .page_reads import RECORD, PageReads, settings_key
from .read import MAX_SOURCE_MB, Seen, list_sources, read_sources, source_entries
from .render import Renderer, render, renderer
from .resolve import resolve
from .yaml_input import yaml_error


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
        the command line builds what `mkdocs build` builds. A setting of the wrong type is a `SettingsProblem`."""
        config = read_mkdocs_yml(root / "mkdocs.yml")
        plugins = config.get("plugins") or []
        plugin = next((p["press-site"] for p in plugins if isinstance(p, dict) and "press-site" in p), None) or {} \
            if isinstance(plugins, list) else {}
        if not isinstance(plugin, dict):
            raise SettingsProblem("mkdocs.yml: the press-site plugin's settings are key: value pairs")
        settings: dict = {}
        for key, kind in (("sources", str), ("topics", str), ("entities", str), ("templates", str), ("executor", str),
                          ("cache", bool), ("max_source_mb", float)):
            if plugin.get(key) is not None:
                settings[key] = _setting(plugin[key], kind, f"press-site option {key!r}")
        for key in ("site_name", "site_url", "docs_dir"):
            if config.get(key) is not None:
                settings["docs" if key == "docs_dir" else key] = _setting(config[key], str, key)
        return cls(root=root, **{**settings, **overrides})

    def problems(self) -> list[str]:
        """What is wrong with the settings, one line each: a folder that does not exist (a typo builds an empty
        site), an executor that is not one, a size limit that is not a size."""
        found = []
        defaults = {f.name: f.default for f in fields(self)}
        for name in ("sources", "topics", "entities", "templates"):
            # a project may have no topics or entities yet, where they are by default
            if not self.path(name).is_dir() and (name in ("sources", "templates") or getattr(self, name) != defaults[name]):
                found.append(f"{name}: no folder {getattr(self, name)!r} in {self.root}")
        if (executor_problem := validate_setting(self.executor)) is not None:
            found.append(f"executor: {executor_problem}")
        if not self.max_source_mb > 0:
            found.append(f"max_source_mb: {self.max_source_mb:g} is not a size in megabytes (a number above 0)")
        return found

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
    with collector_skips_alive():
        corpus = build_corpus(project)
        pages = render(corpus, project.path("templates"), site_name=project.site_name, site_url=project.site_url)
    return Site(corpus=corpus, pages=pages, replaced=replaced_files(project), edited_in=edited_in(corpus))


@dataclass(frozen=True)
class StagedSite:
    """A site whose generated pages are files under a folder, rather than text in memory."""

    corpus: Corpus
    pages: tuple[str, ...]  # generated pages, by path in the docs tree (under the folder)
    written: int  # how many of them were new or changed, and so rewritten
    rendered: int  # how many of its Markdown pages were rendered (the others read nothing that changed)
    replaced: tuple[str, ...]
    edited_in: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.corpus.problems


def build_staged(project: Project, folder: Path, wait: bool = True) -> StagedSite:
    """`build`, each page written under `folder` as soon as it is rendered (`stage_pages`): a large site's pages are
    never all in memory at once. What the MkDocs plugin hands to MkDocs. The corpus and the record of the pages are
    kept for the next build by copies of this process (`beside.write_beside`); `wait=False` returns without waiting
    for them (the plugin waits once MkDocs has converted the pages: `beside.wait_written`)."""
    with collector_skips_alive(), written_when_done() if wait else contextlib.nullcontext():
        corpus, corpus_key, to_keep = corpus_and_key(project)
        templates = project.path("templates")
        # The pages the last build staged, with what each read of the corpus: those whose reads answer as they did
        # are not rendered again (`page_reads.py`), so that publishing a few articles renders the pages they change.
        record = folder.parent / RECORD
        last = PageReads.load(record, corpus, settings_key(templates, project.site_name, project.site_url), folder,
                              corpus_key) if project.cache else None
        pages = renderer(corpus, templates, site_name=project.site_name, site_url=project.site_url, last=last,
                         compiled=compiled_templates(project.root.resolve()) if project.cache else None)
        if last is not None and two_cores(project.executor, len(corpus.articles)):
            staged, written = stage_in_two(pages, folder, last)
        else:
            staged, written = stage_pages(_each_page(pages.units()), folder)
        # The corpus and the record of the pages are kept for the next build by copies of this process, once the
        # pages are staged: pickling the corpus (some 3 s of a core at 10,000 articles) no longer competes with the
        # two processes that render them, and runs while MkDocs converts them on one core.
        if to_keep is not None:
            snapshot.save(*to_keep, beside=True)
        if last is not None:
            write_beside(record, functools.partial(last.save, record))
    rendered = sum(1 for page in staged if page.endswith(".md") and (last is None or page not in last.kept))
    return StagedSite(corpus=corpus, pages=staged, written=written, rendered=rendered, replaced=replaced_files(project),
                      edited_in=edited_in(corpus))


def build_corpus(project: Project) -> Corpus:
    """read -> annotate -> resolve -> link: everything the site knows, before it is rendered into pages."""
    corpus, _key, to_keep = corpus_and_key(project)
    if to_keep is not None:
        snapshot.save(*to_keep)
    return corpus


def corpus_and_key(project: Project) -> tuple[Corpus, bytes, tuple[Path, bytes, snapshot.Snapshot] | None]:
    """`build_corpus`, the hash of the inputs it is made from (`snapshot.inputs_key`; empty without a cache: two
    builds with the same hash have the same corpus but for this build's topics and problems), and what to keep for
    the next build (`snapshot.save`'s arguments; None when the corpus is the kept one, or there is no cache), which
    the caller saves when it will."""
    root = project.root.resolve()
    kept = cache_folder(root) if project.cache else None
    entries = source_entries(project.path("sources"))
    # An archive built before, most of it unchanged: the named entity models load in a worker of their own (some
    # 10 s) from now on, while this process reads the sources and the archive back, and the new articles are
    # annotated there. Where the whole corpus is kept (a topic's introduction edited), the worker is let go.
    # The expressions the models compile as they load (5 s of the French one's) are kept compiled in the cache, and
    # the lexicons read (1.4 s of the French one's).
    keep_loaded_in(kept)
    ahead = (kept is not None and len(entries) >= SMALL_JOB and snapshot.kept(kept)
             and start_ready(project.executor, functools.partial(prepare_annotation, kept)))
    knowledge = load_knowledge(project.path("topics"), project.path("entities"), root)
    page_problems = handwritten_page_problems(project)
    # The last build's corpus, when it was made from the same sources and knowledge (`snapshot.py`): a topic's
    # introduction edited, or a template, need not read ten thousand articles back from the cache.
    sources = list_sources(project.path("sources"), root, project.max_source_mb, entries, Seen.load(kept))
    key = snapshot.inputs_key(sources, project.max_source_mb, knowledge) if kept else b""
    if kept is not None and (last := snapshot.load(kept, key)) is not None:
        if ahead:
            stop_ready(now=True)
        return snapshot.corpus_for(last, knowledge, page_problems), key, None
    cache = open_cache(root, kept is not None)  # None: no cache, or a link out of the project (said once)
    try:
        read = read_sources(project.path("sources"), root, cache, project.executor, project.max_source_mb, sources)
        articles, made_from = annotate_keyed(read.articles, knowledge, cache, project.executor, read.keys)
        # Resolving and linking make millions of objects that live as long as the corpus, and no garbage: the
        # collector's rounds their number sets off found nothing (2.6 s at 10,000 articles).
        with no_collection():
            resolution = resolve(articles, knowledge)
            source_problems = read.problems + language_problems(read.articles)
            corpus = link(resolution, problems=knowledge.problems + source_problems + page_problems,
                          beside=two_cores(project.executor, len(articles)))
            corpus = dataclasses.replace(corpus, made_from={a.id: key for a, key in zip(articles, made_from)})
    finally:
        cache.close()
    return corpus, key, (kept, key, snapshot.Snapshot(corpus, source_problems)) if kept is not None else None


def handwritten_page_problems(project: Project) -> tuple[Problem, ...]:
    """Script, event handlers and javascript: addresses in the pages of docs/ that contributors write by hand (topic
    files are read, and checked, as knowledge)."""
    docs, replaced = project.path("docs"), set(replaced_files(project))
    problems: list[Problem] = []
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        if page.relative_to(docs).as_posix() not in replaced and page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
            problems += page_problems(text, relative_name(page, project.root.resolve()))
    return tuple(problems)


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags for MkDocs (!ENV, !!python/name:…); reading the plain settings ignores them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class SettingsProblem(Exception):
    """mkdocs.yml or a setting that the generator cannot work with, said in one line."""


def _setting(value: object, kind: type, name: str) -> object:
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind is str and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, kind):
        return value
    raise SettingsProblem(f"mkdocs.yml: {name} is {value!r}; expected {'a number' if kind is float else kind.__name__}")


def read_mkdocs_yml(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_bytes().decode("utf-8"), Loader=_TolerantLoader)
    except UnicodeDecodeError as error:
        raise SettingsProblem(f"{path.name}: not UTF-8 text (byte {error.start})") from None
    except yaml.YAMLError as error:
        what, line = yaml_error(error, first_line=1)
        raise SettingsProblem(f"{path.name}:{line}: {what}") from None
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


TREE_MARK = ".press-site-tree"  # in a folder `write_tree` made: the one kind of folder it may empty


def write_tree(project: Project, site: Site, out: Path) -> list[Path]:
    """The complete docs tree, hand-written and generated pages, as files any MkDocs-compatible tool builds.

    `out` is replaced, but only when this function made it (it holds TREE_MARK) or it is empty: "--out docs" or
    "--out ." must not delete what people wrote."""
    docs = project.path("docs")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SettingsProblem(f"--out {out}: not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / TREE_MARK).is_file():
            raise SettingsProblem(f"--out {out}: a folder this command did not make, and not empty; "
                                  "give a new or an empty folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / TREE_MARK).write_text("made by `python -m generator build`: replaced by the next build\n", encoding="utf-8")
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


def prepare_stage(folder: Path) -> None:
    """`folder` made ready for `stage_pages`, or an OSError that says why it cannot be: a read-only checkout or file
    system, the folder or its files made read-only (`chmod -R a-w .cache`). Checked before the build, so that the
    pages can go to memory instead (the plugin), rather than stopping the build halfway through writing them."""
    folder.mkdir(parents=True, exist_ok=True)
    for here, _folders, files in os.walk(folder):  # not pathlib's rglob: some thirty thousand files
        for path in (here, *(os.path.join(here, name) for name in files)):
            if not os.access(path, os.W_OK):
                raise PermissionError(f"{path} cannot be written")


def stage_pages(pages: Iterable[tuple[str, str | None]], folder: Path) -> tuple[tuple[str, ...], int]:
    """The generated pages as files under `folder`, rewriting only those whose text changed (and removing those
    no longer generated), so that a file's time says when its page last changed: `mkdocs serve --dirty` then
    rebuilds only those. A page given as None is one whose staged file is already its text. Returns the pages'
    paths, in order, and how many were written."""
    staged, written = _write_pages(pages, folder)
    _remove_unstaged(folder, staged)
    return tuple(sorted(staged)), written


def stage_in_two(pages: Renderer, folder: Path, last: PageReads) -> tuple[tuple[str, ...], int]:
    """`stage_pages` on two cores: this process and a copy of it (`beside.py`) take the site's groups of pages (its
    own first: home, listings; then each article, topic and entity with its further pages) one after the other,
    whichever is free taking the next, so that neither waits for the other (the site's own pages read every article:
    made first by one process while the other began, they kept the other core idle for seconds). The copy's record of
    its pages joins this one's (`PageReads.add_part`). If the copy gives nothing back, the groups it took are made
    here."""
    units = pages.units()
    try:
        taken = multiprocessing.Value("q", 0)  # in memory both processes share: the next group to take
    except OSError:  # no shared memory here (a system without /dev/shm): one process makes them all
        return stage_pages(_each_page(units), folder)

    def take() -> Iterator[int]:
        while True:
            with taken.get_lock():
                index = taken.value
                taken.value += 1
            if index >= len(units):
                return
            yield index

    def share(indices: Iterable[int]) -> tuple[list[int], list[str], int]:
        done: list[int] = []

        def each() -> Iterator[tuple[str, str | None]]:
            for index in indices:
                done.append(index)
                yield from units[index]().items()

        return done, *_write_pages(each(), folder)

    with Beside(lambda: (share(take()), last.part())) as other:
        mine, staged, written = share(take())
        done, result = other.result()
    if done:
        (_theirs, their_staged, their_written), part = result
        last.add_part(part)
    else:
        _theirs, their_staged, their_written = share(sorted(set(range(len(units))) - set(mine)))
    staged += their_staged
    _remove_unstaged(folder, staged)
    return tuple(sorted(staged)), written + their_written


def _each_page(units: Iterable[Callable[[], dict[str, str | None]]]) -> Iterator[tuple[str, str | None]]:
    for unit in units:
        yield from unit().items()


def _write_pages(pages: Iterable[tuple[str, str | None]], folder: Path) -> tuple[list[str], int]:
    """The pages written under `folder` where their text changed: their paths, and how many were written."""
    staged, written = [], 0
    for relative, content in pages:
        staged.append(relative)
        if content is None:
            continue
        target = folder / relative
        data = content.encode("utf-8")
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    return staged, written


def _remove_unstaged(folder: Path, staged: list[str]) -> None:
    """The Markdown pages under `folder` that are not among `staged`: pages no longer generated."""
    kept = set(staged)
    for here, _folders, files in os.walk(folder):  # not pathlib's rglob: ten thousand pages
        base = Path(here).relative_to(folder).as_posix()
        for name in files:
            if name.endswith(".md") and (name if base == "." else f"{base}/{name}") not in kept:
                os.unlink(os.path.join(here, name))


__all__ = ["Project", "Site", "StagedSite", "build", "build_corpus", "build_staged", "stage_pages", "write_tree"]
