"""The MkDocs plugin: glue only. It runs `generator.build` and hands MkDocs the generated pages in memory.

    plugins:
      - press-site:            # all paths relative to mkdocs.yml
          sources: sources
          entities: knowledge/entities
          templates: templates
          cache: true          # .cache/press-site: unchanged articles are not read or annotated again
          executor: processes  # serial, processes[:N], dask://host:port
          max_source_mb: 8     # a larger source is skipped with a warning

Problems with inputs are logged as warnings, so that `mkdocs build --strict` fails on them while every
readable article still builds. `mkdocs serve` also watches the sources, the knowledge files and the templates.
After the build, the built site is indexed for search (`search.index_site`: the pagefind/ folder).

Under `mkdocs serve`, the generated pages are also kept as files (`.cache/press-site/pages/`, rewritten only when
their text changes), so that `mkdocs serve --dirty` re-renders only the pages an edit changed; `mkdocs build`
hands them over in memory.
"""
from __future__ import annotations

import logging
import posixpath
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import Project, build, search, stage_pages
from .cache import FOLDER
from .read import MAX_SOURCE_MB
from .render import TemplateProblem

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


class _ToMkDocs(logging.Handler):
    """The generator logs under "generator"; MkDocs shows what its own loggers say."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


class PressSitePlugin(BasePlugin[PressSiteConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.serving = False
        handler = _ToMkDocs()
        generator_log = logging.getLogger("generator")
        if not any(isinstance(h, _ToMkDocs) for h in generator_log.handlers):
            generator_log.addHandler(handler)
            generator_log.setLevel(logging.INFO)
            generator_log.propagate = False

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        root = Path(config.config_file_path).parent.resolve()
        docs = Path(config.docs_dir).resolve()
        self.project = Project(root=root, sources=self.config.sources, docs=str(docs.relative_to(root) if docs.is_relative_to(root) else docs),
                               topics=self.config.topics, entities=self.config.entities, templates=self.config.templates,
                               site_name=config.site_name, site_url=config.site_url or "", cache=self.config.cache,
                               executor=self.config.executor, max_source_mb=float(self.config.max_source_mb))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        start = time.perf_counter()
        try:
            site = build(self.project)
        except TemplateProblem as problem:  # MkDocs prints it as "Error: …" and stops, without a traceback
            raise PluginError(str(problem)) from None
        log.info("%d pages generated from %d articles in %.1f s", len(site.pages), len(site.corpus.articles),
                 time.perf_counter() - start)
        staged = self.project.root / FOLDER / "pages" if self.serving else None
        if staged is not None:
            log.info("%d generated pages changed since the last build", stage_pages(site.pages, staged))
        for problem in site.problems:
            (log.warning if problem.severity == "error" else log.info)(str(problem))
        for src_uri in (*site.replaced, *site.pages):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
        docs = self.project.docs
        for src_uri, content in site.pages.items():
            generated = (File.generated(config, src_uri, abs_src_path=str(staged / src_uri)) if staged is not None
                         else File.generated(config, src_uri, content=content))
            # The edit button leads to the file behind the page (`edit_uri` points at docs/); listings have none.
            source = site.edited_in.get(src_uri)
            generated.edit_uri = posixpath.relpath(source, docs) if source else None
            files.append(generated)
        return files

    def on_post_build(self, *, config) -> None:
        if self.config.search:
            start = time.perf_counter()
            search.index_site(Path(config.site_dir))
            log.info("search index written in %.1f s", time.perf_counter() - start)

    def on_serve(self, server, *, config, builder):
        for path in self.project.watched():
            if path.exists():
                server.watch(str(path))
        return server
