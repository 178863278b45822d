"""The MkDocs plugin: glue only. It runs `generator.build` and hands MkDocs the generated pages as files.

    plugins:
      - press-site:            # all paths relative to mkdocs.yml
          sources: sources
          entities: knowledge/entities
          templates: templates
          cache: true          # .cache/press-site: unchanged articles are not read or annotated again
          executor: processes  # serial, processes[:N], dask://host:port
          max_source_mb: 8     # a larger source is skipped with a warning
          search_part_pages: 2500 # the search index in parts of that many pages (memory; 0: one index)

Problems with inputs are logged as warnings, so that `mkdocs build --strict` fails on them while every
readable article still builds. `mkdocs serve` also watches the sources, the knowledge files and the templates.
After the build, the built site is indexed for search (`search.index_site`: the pagefind/ folder); under
`mkdocs serve`, in the background, so that an edited page shows at once and its search follows seconds later.

Memory, which MkDocs spends per page (it keeps every page's Markdown and HTML until the build ends): the generated
pages are kept as files (`.cache/press-site/pages/`, rewritten only when their text changes; in memory when the
checkout cannot be written), so that MkDocs reads each page when it converts it, and so that `mkdocs serve --dirty`
re-renders only the pages an edit changed (and starts from what the last serve built), and `mkdocs build --dirty`
updates a published site page by page (`dirty.py`: a full build when settings or code changed, removed pages
deleted). A generated page's Markdown is released once converted, its HTML waits
compressed until its page is written and is released then (nothing reads them again), and the freed memory is handed
back before the search indexer, a process of its own, starts. The README's Scale section has the figures.

Speed: MkDocs converts the pages on one core; a copy of the build converts some of them meanwhile (`conversion.py`),
and the theme's templates are kept compiled in the cache (`cache.compiled_templates`).
"""
from __future__ import annotations

import concurrent.futures
import ctypes
import functools
import gc
import logging
import posixpath
import time
import zlib
from pathlib import Path
from urllib.parse import quote

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import Project, build, build_staged, prepare_stage, search
from . import dirty as dirty_build
from .beside import wait_written
from .cache import ProjectLock, cache_folder, collector_skips_alive, compiled_templates
from .conversion import WORTH_SHARING, SharedConversion, shareable
from .executor import ExecutorProblem, second_core, stop_ready
from .read import MAX_SOURCE_MB, dropped_summary
from .render import TemplateProblem
from .search import PART_PAGES

log = get_plugin_logger(__name__)


class PressSiteConfig(Config):
    sources = c.Type(str, default="sources")
    topics = c.Type(str, default="docs/topics")
    entities = c.Type(str, default="knowledge/entities")
    templates = c.Type(str, default="templates")
    cache = c.Type(bool, default=True)  # reuse what unchanged articles gave last time (.cache/press-site)
    search = c.Type(bool, default=True)  # index the built site for the search box (pagefind/)
    executor = c.Type(str, default="processes")  # serial, processes[:N], dask://host:port
    max_source_mb = c.Type((int, float), default=MAX_SOURCE_MB)  # a larger source is skipped with a warning
    search_part_pages = c.Type(int, default=PART_PAGES)  # search index in parts of N pages (0: one index)


def _theme_folder(config) -> Path | None:
    custom = config.theme.custom_dir
    return Path(custom) if custom else None


def _return_free_memory() -> None:
    """Collect, then ask the C allocator to give freed memory back to the system (glibc only; elsewhere a no-op):
    the pages' text is released in thousands of pieces that would otherwise keep the process large while the search
    indexer runs beside it."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class _ToMkDocs(logging.Handler):
    """The generator logs under "generator"; MkDocs shows what its own loggers say."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


class PressSitePlugin(BasePlugin[PressSiteConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.generated: frozenset[str] = frozenset()  # the pages this plugin made, by src_uri
        self.waiting: dict[str, bytes] = {}  # a generated page's HTML, compressed, from conversion to writing
        self.serving = False
        self.indexer: concurrent.futures.ThreadPoolExecutor | None = None  # under serve: one indexing at a time
        self.lock: ProjectLock | None = None  # held from on_pre_build to the end of the build
        self.dirty = False  # `--dirty` (build or serve): only the pages whose text changed are converted (dirty.py)
        self.serve_link: Path | None = None  # under `serve --dirty`: MkDocs's folder, made a link to the kept one
        self.built_with: str | None = None  # under --dirty, what every page shows besides its text (a hash)
        self.written: set[str] = set()  # the files this build writes into the site, by address in it
        self.last_written: set[str] | None = None  # under --dirty, what the last build wrote in generated sections
        self.conversion: SharedConversion | None = None  # pages converted by a copy of the build (conversion.py)
        self.adopted: set[str] = set()  # pages the copy converted, by src_uri, until their page_content event
        handler = _ToMkDocs()
        generator_log = logging.getLogger("generator")
        if not any(isinstance(h, _ToMkDocs) for h in generator_log.handlers):
            generator_log.addHandler(handler)
            generator_log.setLevel(logging.INFO)
            generator_log.propagate = False

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        if self.dirty:  # MkDocs warns that a dirty build is inaccurate; dirty.py makes it accurate
            dirty_build.install_warning_filter()

    def on_shutdown(self) -> None:
        # The worker kept for the next build of this process (`executor.start_ready`), ended while Python is whole:
        # a pool left to the interpreter's exit is collected once its modules are gone, and prints a traceback.
        stop_ready(now=True)
        if self.indexer is not None:
            self.indexer.shutdown(wait=True, cancel_futures=True)
        if self.serve_link is not None and self.serve_link.is_symlink():
            self.serve_link.unlink()  # the kept folder stays for the next start; MkDocs finds nothing to delete

    def on_config(self, config):
        root = Path(config.config_file_path).parent.resolve()
        docs = Path(config.docs_dir).resolve()
        self.project = Project(root=root, sources=self.config.sources, docs=str(docs.relative_to(root) if docs.is_relative_to(root) else docs),
                               topics=self.config.topics, entities=self.config.entities, templates=self.config.templates,
                               site_name=config.site_name, site_url=config.site_url or "", cache=self.config.cache,
                               executor=self.config.executor, max_source_mb=float(self.config.max_source_mb))
        problems = self.project.problems()
        if self.config.search_part_pages < 0:
            problems.append(f"search_part_pages: {self.config.search_part_pages} is not a number of pages (0: one index)")
        if problems:  # MkDocs prints "Error: …" and stops: a typo must not build an empty site
            raise PluginError("press-site plugin: " + "; ".join(problems))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        # The corpus is released when `_add_pages` returns, before the cyclic collector walks what is alive again
        # (`collector_skips_alive`): walked, its millions of objects cost some 1.6 s at 10,000 articles, for no garbage.
        with collector_skips_alive():
            return self._add_pages(files, config)

    def _add_pages(self, files: Files, config) -> Files:
        """The generator's pages built, and handed to MkDocs as files."""
        start = time.perf_counter()
        staged = cache_folder(self.project.root, "pages")
        try:
            if staged is not None:
                prepare_stage(staged)
        except OSError as error:  # a read-only checkout, cache or folder: MkDocs gets the pages in memory
            log.info("generated pages kept in memory (%s)", error)
            staged = None
        try:
            site = build_staged(self.project, staged, wait=False) if staged is not None else build(self.project)
        except (TemplateProblem, ExecutorProblem) as problem:  # MkDocs prints "Error: …" and stops, no traceback
            raise PluginError(str(problem)) from None
        log.info("%d pages generated from %d articles in %.1f s (%s)", len(site.pages), len(site.corpus.articles),
                 time.perf_counter() - start,
                 f"{site.rendered} rendered, {site.written} changed since the last build" if staged is not None
                 else "in memory")
        log.info(dropped_summary(a.article for a in site.corpus.articles))
        for problem in site.problems:
            (log.warning if problem.severity == "error" else log.info)(str(problem))
        for src_uri in (*site.replaced, *site.pages):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
        # From docs/ to a folder of the files behind the pages, found once per folder: sixteen thousand pages.
        from_docs = functools.cache(lambda folder: posixpath.relpath(folder or ".", self.project.docs))
        self.generated, self.waiting = frozenset(site.pages), {}
        for src_uri in site.pages:
            generated = (File.generated(config, src_uri, abs_src_path=str(staged / src_uri)) if staged is not None
                         else File.generated(config, src_uri, content=site.pages[src_uri]))
            # The edit button leads to the file behind the page (`edit_uri` points at docs/); listings have none.
            source = site.edited_in.get(src_uri)
            # A file name is data: percent-encoded, it cannot close the button's href or add an attribute to it.
            if source:
                folder, name = posixpath.split(source)
                generated.edit_uri = quote(posixpath.normpath(posixpath.join(from_docs(folder), name)), safe="/")
            else:
                generated.edit_uri = None
            files.append(generated)
        return files

    @event_priority(-100)  # last: the navigation is made
    def on_nav(self, nav, *, config, files):
        # MkDocs converts the pages next, one after the other: a copy of the build converts some of them, from the
        # last one backwards (conversion.py), where no other plugin takes part in converting a page.
        pages = [file for file in files.documentation_pages() if not self.dirty or file.is_modified()]
        if len(pages) >= WORTH_SHARING and second_core(self.project.executor) and shareable(config, self):
            # What the plugin keeps of a page the copy converts (its HTML, compressed) comes back with it.
            self.conversion = SharedConversion(pages, config, files,
                                               lambda page: self.waiting.pop(page.file.src_uri, None))
        return nav

    def on_pre_page(self, page, *, config, files):
        if self.conversion is not None and (converted := self.conversion.take(page)) is not None:
            converted.apply(page, files)
            self.adopted.add(page.file.src_uri)
            if converted.kept is not None:
                self.waiting[page.file.src_uri] = converted.kept
        return page

    @event_priority(-100)  # last: every other plugin has seen the HTML
    def on_page_content(self, html, *, page, config, files):
        if page.file.src_uri not in self.generated or page.file.src_uri in self.adopted:
            self.adopted.discard(page.file.src_uri)
            return html
        # Between conversion and writing, the HTML waits compressed (under a third of its UTF-8 size on article
        # pages); anchors are checked from page.present_anchor_ids, found during conversion. The Markdown is read by
        # nothing after this.
        page.markdown = None
        self.waiting[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    @event_priority(100)  # first: every other plugin sees the HTML
    def on_page_context(self, context, *, page, config, nav):
        if (waiting := self.waiting.pop(page.file.src_uri, None)) is not None:
            page.content = zlib.decompress(waiting).decode("utf-8")
        return context

    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in self.generated:
            page.content = None  # written; anchors are checked from page.present_anchor_ids
        return output

    def on_pre_build(self, *, config) -> None:
        # MkDocs empties site/ right after this event: another build of the project must have ended by then.
        self.lock = ProjectLock(self.project.root)
        cache, site = cache_folder(self.project.root), Path(config.site_dir)
        if self.dirty:
            docs = Path(config.docs_dir)
            if self.serving and self.serve_link is None:
                kept = cache_folder(self.project.root, "serve", dirty_build.serve_folder_name(config.site_url or ""))
                self.serve_link = dirty_build.keep_serve_site(site, kept)
            topics = self.project.path("topics")
            navigation = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if not p.is_relative_to(topics)]
            settings = {key: config.get(key) for key in ("site_name", "site_url", "repo_url", "edit_uri")}
            settings["site_dir"] = str(site.resolve())  # under serve, the kept folder, not MkDocs's new one
            self.built_with = dirty_build.fingerprint(Path(config.config_file_path), settings, _theme_folder(config),
                                                navigation)
            if reason := dirty_build.needs_full_build(cache, site, self.built_with):
                log.info("full build: %s", reason)
                dirty_build.empty_folder(site)
        # Taken by every build into the folder: after a clean one, the last dirty build's list no longer says what
        # is in it.
        last_written = dirty_build.take_written(cache, site)
        self.last_written = last_written if self.dirty else None

    def on_env(self, env, *, config, files):
        self.written = {file.dest_uri for file in files}
        # The theme's templates, compiled at each build before any page is written (some 3 s), kept compiled.
        if self.project.cache and (compiled := compiled_templates(self.project.root)) is not None:
            env.bytecode_cache = compiled
        self._end_conversion()
        return env

    def _end_conversion(self) -> None:
        if self.conversion is not None:
            if shared := self.conversion.shared:
                log.info("%d pages converted by a second process", shared)
            self.conversion.close()
            self.conversion = None

    def on_build_error(self, *, error) -> None:
        self._end_conversion()
        wait_written()
        if self.lock is not None:
            self.lock.release()

    def on_post_build(self, *, config) -> None:
        _return_free_memory()
        try:
            if self.dirty:  # a removed article's page is not left behind, nor indexed
                cache, site = cache_folder(self.project.root), Path(config.site_dir)
                removed = dirty_build.remove_stale(site, self.written, self.last_written)
                log.info("dirty build: %d files of pages no longer made removed", len(removed))
                dirty_build.remember(cache, site, self.built_with, self.written)
            if not self.config.search:
                return
            if not self.serving:
                self._index(Path(config.site_dir), frozenset(self.written))
                return
            if self.indexer is None:
                self.indexer = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index")
            # serve's own site folder, and the files this build wrote (the next build has its own)
            self.indexer.submit(self._index, Path(config.site_dir), frozenset(self.written), background=True)
        finally:
            # The corpus and the record of the pages, written beside while MkDocs converted the pages and the
            # search index was made (`build_staged`), are whole before the next build of the project may start.
            wait_written()
            self.lock.release()

    def _index(self, site: Path, built: frozenset[str], background: bool = False) -> None:
        start = time.perf_counter()
        try:
            # The parts of the last index of this site folder are remembered in the cache, and under --dirty those
            # whose pages did not change are kept (search.py). A clean build empties the folder: its index is whole,
            # and remembered, so that the next --dirty build does not index the site anew (as `mkdocs serve` without
            # --dirty, whose folder is a new one each time, does not need).
            kept = cache_folder(self.project.root, "search", dirty_build.site_key(site)) \
                if self.dirty or not self.serving else None
            search.index_site(site, part_pages=self.config.search_part_pages, kept=kept, built=built,
                              whole=not self.dirty)
        except Exception as error:  # noqa: BLE001 (a thread's error would otherwise vanish)
            if not background:
                raise
            log.warning("search index not rebuilt: %s", error)
            return
        log.info("search index written in %.1f s%s", time.perf_counter() - start, " (in the background)" * background)

    def on_serve(self, server, *, config, builder):
        for path in self.project.watched():
            if path.exists():
                server.watch(str(path))
        return server
