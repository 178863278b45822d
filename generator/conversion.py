"""MkDocs's conversion of pages from Markdown to HTML, on two cores: a copy of the build converts some of the pages
while MkDocs converts the others.

MkDocs converts the pages one after the other, on one core (`_populate_page`: some 25 ms an article's page, most of
a publish's MkDocs time once the generator has made only the pages that changed, and most of a full build's). A copy
of the build (`beside.Beside`, a fork made once the navigation is known: the configuration, the files and the
navigation come with it) converts the pages to convert from the last one backwards, with MkDocs's own function,
while MkDocs goes from the first one forwards; each takes its next page from a counter both see, so that they meet
in the middle whatever the pages cost. When MkDocs reaches a page the copy took, it waits for the copy (a page at
most) and the page comes in converted (`Converted.apply`): its HTML, table of contents, title, anchors and links,
and what MkDocs logged while converting it, logged again here, so that a broken link still fails `--strict` and is
said once.

The same code converts each page in either process, from the same inputs: the HTML is the one a single process
gives. A page the copy gave nothing for (it failed, or was ended) is converted here, and its error, if any, is said
as MkDocs says it. Shared only where no other plugin takes part in the conversion (`SHARED_EVENTS`): what such a
plugin learnt in the copy would be lost.
"""
from __future__ import annotations

import logging
import multiprocessing
from dataclasses import dataclass
from typing import Any, Callable

from mkdocs.commands.build import _populate_page
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .beside import Beside

# The events MkDocs runs while it converts a page: a plugin's handler of one runs in the copy for the copy's pages.
SHARED_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
WORTH_SHARING = 8  # pages to convert: fewer are converted here (a copy of the build costs some 0.1 s)


@dataclass(frozen=True)
class Converted:
    """What converting a page left on it (`Page.render`, the page_content events), and what MkDocs logged meanwhile."""

    meta: dict
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]
    kept: Any  # what the plugin kept of the page beside it (`keep`)

    def apply(self, page: Page, files: Files) -> None:
        """`page` as the copy converted it: MkDocs's reading and rendering of it, which come next, do nothing but
        hand it over (they are the page's own methods for this once)."""
        for record in self.records:
            logging.getLogger(record.name).handle(record)

        def read_source(config: Any) -> None:
            del page.read_source
            page.markdown, page.meta = "", self.meta

        def render(config: Any, files_: Files) -> None:
            del page.render
            page.content, page.toc, page._title_from_render = self.content, self.toc, self.title
            page.present_anchor_ids = self.anchors
            if self.links_to_anchors is not None:
                page.links_to_anchors = {linked: anchors for src_uri, anchors in self.links_to_anchors.items()
                                         if (linked := files.get_file_from_path(src_uri)) is not None}

        page.read_source, page.render = read_source, render


class SharedConversion:
    """The pages MkDocs is about to convert (in its order), shared with a copy of the build. `take(page)` before
    MkDocs converts a page (the pre_page event): None, it converts it; else the page as the copy converted it."""

    def __init__(self, pages: list[File], config: Any, files: Files, keep: Callable[[Page], Any]):
        self._index = {file.src_uri: n for n, file in enumerate(pages)}
        # [the first page left to this process, the first page the copy took]: each takes its next under the lock
        self._bounds = multiprocessing.Array("q", [0, len(pages)])
        self._copy = Beside(lambda: _convert_from_the_end(pages, config, files, self._bounds, keep))
        self._converted: dict[str, Converted] | None = None  # once the copy has given them, those not yet taken
        self.shared = 0  # how many pages the copy converted, once it has given them

    def take(self, page: Page) -> Converted | None:
        index = self._index.get(page.file.src_uri)
        if index is None or (not self._copy.started and self._converted is None):
            return None
        with self._bounds.get_lock():
            if index < self._bounds[1]:
                self._bounds[0] = max(self._bounds[0], index + 1)
                return None
        if self._converted is None:
            given, converted = self._copy.result()
            self._converted = converted if given else {}
            self.shared = len(self._converted)
        return self._converted.pop(page.file.src_uri, None)

    def close(self) -> None:
        """The copy ended, if it is still converting pages MkDocs no longer asks for (a build stopped on an error)."""
        self._copy.__exit__(None, None, None)


def shareable(config: Any, plugin: Any) -> bool:
    """Whether the conversion may be shared: no plugin but `plugin` handles an event of the conversion."""
    return all(getattr(handler, "__self__", None) is plugin
               for event in SHARED_EVENTS for handler in config.plugins.events.get(event, ()))


def _convert_from_the_end(pages: list[File], config: Any, files: Files, bounds: Any,
                          keep: Callable[[Page], Any]) -> dict[str, Converted]:
    """In the copy: pages taken from the end until this process's and the copy's meet; an error stops it (the pages
    it took and did not give are converted by the build, which says the error)."""
    records = _Records()
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):  # said by the build, once, with the page's conversion
        mkdocs_log.removeHandler(handler)
    mkdocs_log.addHandler(records)
    converted: dict[str, Converted] = {}
    while True:
        with bounds.get_lock():
            if bounds[1] - 1 < bounds[0]:
                return converted
            bounds[1] -= 1
            file = pages[bounds[1]]
        page = file.page if file.page is not None else Page(None, file, config)
        records.taken.clear()
        try:
            _populate_page(page, config, files)
        except Exception:  # noqa: BLE001 (converted again by the build, which says why it fails)
            return converted
        links = page.links_to_anchors
        converted[file.src_uri] = Converted(
            page.meta, page.content, page.toc, page._title_from_render, page.present_anchor_ids,
            {linked.src_uri: anchors for linked, anchors in links.items()} if links is not None else None,
            tuple(records.taken), keep(page))


class _Records(logging.Handler):
    """What MkDocs logs while the copy converts a page, to be logged by the build."""

    def __init__(self) -> None:
        super().__init__()
        self.taken: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.taken.append(record)


__all__ = ["Converted", "SharedConversion", "shareable", "WORTH_SHARING"]
