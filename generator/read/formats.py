"""One reader per source format: decoded text in, lines and metadata out.

    .txt   the text as scraped: every line is untyped, structure is recovered later
    .md    YAML front matter (python-frontmatter) + a Markdown body whose headings, lists and quotes are kept
    .html  the article body and metadata extracted by trafilatura
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import frontmatter
import yaml

from ..yaml_errors import yaml_error
from .lines import Line, clean_spaces, split_lines


class BrokenSource(Exception):
    """The file is text, but its format is broken; `line` points at the problem when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass
class Parsed:
    lines: list[Line]
    meta: dict[str, Any] = field(default_factory=dict)  # title, published, source_url, outlet, author, language, slug


def read_text(text: str) -> Parsed:
    return Parsed(lines=split_lines(text))


# --- Markdown ---------------------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_MD_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images: their alt text is a caption, not article text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)
FRONT_MATTER_KEYS = ("title", "date", "published", "source_url", "url", "outlet", "author", "language", "lang", "slug")


def read_markdown(text: str) -> Parsed:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        # python-frontmatter hands YAML the text from the end of the opening "---", newline included: the
        # parser's line 0 is the "---" line.
        what, line = yaml_error(error, first_line=1)
        raise BrokenSource(f"broken front matter: {what}", line) from error
    if not isinstance(post.metadata, dict):
        raise BrokenSource("broken front matter: expected key: value pairs", 2)
    body_offset = text[: len(text) - len(post.content)].count("\n") if post.content else 0
    meta = {
        "title": post.get("title"),
        "published": post.get("published", post.get("date")),
        "source_url": post.get("source_url", post.get("url")),
        "outlet": post.get("outlet"),
        "author": post.get("author"),
        "language": post.get("language", post.get("lang")),
        "slug": post.get("slug"),
    }
    return Parsed(lines=_markdown_lines(post.content, body_offset + 1), meta={k: v for k, v in meta.items() if v})


def _markdown_lines(body: str, first_number: int) -> list[Line]:
    lines: list[Line] = []
    paragraph: list[str] = []
    blank = True
    start = first_number

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            lines.append(Line(text=_strip_inline(" ".join(paragraph)), number=start, blank_before=True))
            paragraph = []

    for offset, raw in enumerate(body.split("\n")):
        number = first_number + offset
        if not raw.strip():
            flush()
            blank = True
            continue
        if heading := _MD_HEADING.match(raw):
            flush()
            lines.append(Line(_strip_inline(heading.group(2)), number, kind="heading", blank_before=True))
        elif item := _MD_LIST.match(raw):
            flush()
            lines.append(Line(_strip_inline(item.group(1)), number, kind="list_item", blank_before=blank))
        elif quote := _MD_QUOTE.match(raw):
            flush()
            content = _strip_inline(quote.group(1))
            if lines and lines[-1].kind == "quote" and not blank:
                lines[-1] = lines[-1].with_text(f"{lines[-1].text} {content}".strip())
            elif content:
                lines.append(Line(content, number, kind="quote", blank_before=blank))
        elif _MD_FENCE.match(raw):
            flush()  # a fence is markup, not text; the lines inside stay text
        else:
            if not paragraph:
                start = number
            paragraph.append(raw.strip())
        blank = False
    flush()
    return [line for line in lines if line.text]


def _strip_inline(text: str) -> str:
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return clean_spaces(text)


# --- HTML -------------------------------------------------------------------------------------------------------


def read_html(text: str) -> Parsed:
    import trafilatura  # imported here: it is slow to import, and most corpora are text
    from lxml import etree

    xml = trafilatura.extract(
        text, output_format="xml", include_comments=False, include_formatting=False, include_tables=False,
        include_images=False, with_metadata=True, favor_recall=True, deduplicate=False,
    )
    if not xml:
        raise BrokenSource("no article text found in the HTML")
    doc = etree.fromstring(xml.encode("utf-8"))
    lines: list[Line] = []
    kinds = {"head": "heading", "item": "list_item", "quote": "quote", "p": None}
    for element in doc.iter("head", "p", "item", "quote"):
        if element.tag == "p" and element.getparent() is not None and element.getparent().tag in ("quote", "item"):
            continue  # the enclosing quote or item carries the text
        content = clean_spaces(" ".join(element.itertext()))
        if content:
            lines.append(Line(content, number=len(lines) + 1, kind=kinds[element.tag], blank_before=True))
    meta = {
        "title": doc.get("title"),
        "published": doc.get("date"),
        "source_url": doc.get("url"),
        "outlet": doc.get("sitename"),
        "author": doc.get("author"),
        "language": _html_language(text),
    }
    return Parsed(lines=lines, meta={k: v for k, v in meta.items() if v})


def _html_language(html: str) -> str | None:
    match = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})\b", html[:4000])
    return match.group(1).lower() if match else None


READERS: dict[str, Callable[[str], Parsed]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}
