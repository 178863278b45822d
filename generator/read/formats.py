"""One reader per source format: decoded text in, lines and metadata out.

    .txt   the text as scraped: every line is untyped, structure is recovered later
    .md    YAML front matter (python-frontmatter) + a Markdown body whose headings, lists and quotes are kept
    .html  the article body and metadata extracted by trafilatura
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Callable

import frontmatter

from ..yaml_input import YamlProblem, key_lines, load as load_yaml, unknown_key
from .metadata import normalise_date
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
    problems: list[tuple[str, int | None]] = field(default_factory=list)  # (what is wrong, line): read all the same


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


def read_markdown(text: str) -> Parsed:
    handler = _FrontMatter(text) if frontmatter.YAMLHandler().detect(text) else None
    try:
        post = frontmatter.loads(text, handler=handler)
    except YamlProblem as problem:
        raise BrokenSource(f"broken front matter: {problem.message}", problem.line) from None
    if handler is not None and not isinstance(handler.data, (dict, type(None))):
        raise BrokenSource("broken front matter: expected key: value pairs", handler.first_line + 1)
    body_offset = text[: len(text) - len(post.content)].count("\n") if post.content else 0
    lines_of = handler.key_lines if handler is not None else {}
    problems: list[tuple[str, int | None]] = []
    meta = {}
    for name, keys in _FRONT_MATTER.items():
        key = next((k for k in keys if post.get(k) not in (None, "")), None)
        if key is None:
            continue
        value, line = post[key], lines_of.get(key)
        if not isinstance(value, (str, int, float, dt.date)) or isinstance(value, bool):
            problems.append((f"'{key}' must be {'a date' if name == 'published' else 'text'}, not "
                             f"{'a list' if isinstance(value, list) else 'a mapping' if isinstance(value, dict) else repr(value)}", line))
        elif name == "published" and normalise_date(value) is None:
            problems.append((f"'{key}' {value!r} is not a date (write it as 2025-06-30)", line))
        elif name == "source_url" and not re.match(r"https?://\S", str(value), re.IGNORECASE):
            problems.append((f"'{key}' {str(value)!r} is not a web address (http:// or https://)", line))
        else:
            meta[name] = value
    known = {key for keys in _FRONT_MATTER.values() for key in keys}
    for key in sorted(set(post.metadata) - known - OTHER_TOOLS_KEYS, key=str):
        problems.append((unknown_key(key, known), lines_of.get(str(key))))
    return Parsed(lines=_markdown_lines(post.content, body_offset + 1), meta=meta, problems=problems)


# Keys that other tools write in front matter (Jekyll, Hugo, Hexo, MkDocs, scrapers' exports): read as nothing, and
# not reported; any other key is, with the key it is nearest to ("dat" -> "date").
OTHER_TOOLS_KEYS = frozenset({
    "aliases", "authors", "canonical_url", "categories", "category", "comments", "cover", "description", "draft",
    "excerpt", "hide", "id", "image", "images", "keywords", "lastmod", "layout", "modified", "permalink", "section",
    "series", "status", "subtitle", "summary", "tags", "template", "thumbnail", "toc", "type", "updated", "weight",
})


# What the front matter may say, and the keys it may say it under, first wins.
_FRONT_MATTER = {"title": ("title",), "published": ("published", "date"), "source_url": ("source_url", "url"),
                 "outlet": ("outlet",), "author": ("author",), "language": ("language", "lang"), "slug": ("slug",)}


class _FrontMatter(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler, reading with the project's loader (`yaml_input`: no crash on a date that
    is not one, a key written twice, nested aliases), and remembering the file line of each key."""

    def __init__(self, text: str):
        super().__init__()
        self.text, self.first_line, self.key_lines, self.data = text, 1, {}, None

    def load(self, fm: str, **kwargs: object) -> Any:
        # python-frontmatter hands over the text from the end of the opening "---": its line 1 is that line.
        self.first_line = self.text[: max(self.text.find(fm), 0)].count("\n") + 1
        self.key_lines = key_lines(fm, self.first_line)
        self.data = load_yaml(fm, self.first_line)
        return self.data


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

# What trafilatura's XML calls each element; <p> and loose text stay untyped for structure recovery to judge
# (a kicker or a "– Name" attribution line arrives as a <p>).
_XML_KINDS = {"head": "heading", "item": "list_item", "quote": "quote", "p": None}
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
# An element's attributes past this many are left out before the page is parsed: libxml2 (lxml, and so trafilatura)
# compares each attribute of an element with those before it, so one element with 50,000 attributes (a template gone
# wrong) took minutes to read. The 375 pages of ../shared/external use 64 at most.
MAX_ATTRIBUTES = 128
_ATTRIBUTE = r"""\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_MANY_ATTRIBUTES = re.compile(rf"(?P<kept><[a-zA-Z][^\s/>]*(?:{_ATTRIBUTE}){{{MAX_ATTRIBUTES}}})(?:{_ATTRIBUTE})+")


def read_html(text: str) -> Parsed:
    import trafilatura  # imported here: it is slow to import, and most corpora are text
    from lxml import etree

    text = _MANY_ATTRIBUTES.sub(r"\g<kept>", text)
    # trafilatura's balanced setting: favor_recall lets comments, captions and related lists in. Tables are kept:
    # on many pages the table is the article (results, prices, a timeline).
    xml = trafilatura.extract(text, output_format="xml", include_comments=False, include_formatting=False,
                              include_tables=True, include_images=False, with_metadata=True, deduplicate=False)
    if not xml:
        return _read_html_blocks(text)
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    lines = _xml_lines(main if main is not None else doc)
    page = _page_tree(text)  # once: each parse of a page reads all of it
    meta = {
        "title": choose_title(_metadata_title(page) or doc.get("title"), _html_headlines(page), doc.get("sitename")),
        "published": doc.get("date"),
        "source_url": doc.get("url"),
        "outlet": doc.get("sitename"),
        "author": doc.get("author"),
        "language": _html_language(text),
    }
    return Parsed(lines=lines, meta={k: v for k, v in meta.items() if v})


def _read_html_blocks(html: str) -> Parsed:
    """What trafilatura cannot read (nested deeper than libxml2's 256 levels, or too little text for it to call an
    article): the page's paragraphs, headings, list items and quotes, by Python's own parser, which reads in one
    pass at any depth. Furniture and structure are then judged as for any HTML source."""
    blocks = _HtmlBlocks()
    blocks.feed(html)
    blocks.close()
    lines = [Line(text, number=number, kind=kind, blank_before=True)
             for number, (text, kind) in enumerate(blocks.found, start=1)]
    if not lines:
        raise BrokenSource("no article text found in the HTML")
    meta = {"title": choose_title(blocks.title or None, _html_headlines(_page_tree(html)), None),
            "language": _html_language(html)}
    return Parsed(lines=lines, meta={k: v for k, v in meta.items() if v})


class _HtmlBlocks(HTMLParser):
    KINDS = {"p": None, "li": "list_item", "blockquote": "quote", "h1": "heading", "h2": "heading", "h3": "heading",
             "h4": "heading", "h5": "heading", "h6": "heading"}
    SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str | None]] = []
        self.title = ""
        self._skipping = 0  # depth inside furniture elements
        self._in_title = False
        self._kind: str | None = None
        self._text: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1
        self._in_title = tag == "title"
        if tag in self.KINDS:
            self._flush()
            self._open, self._kind = True, self.KINDS[tag]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.KINDS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = clean_spaces(self.title + " " + data)
        elif self._open and not self._skipping:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = clean_spaces(" ".join(self._text))
        if self._open and text:
            self.found.append((text, self._kind))
        self._text, self._open = [], False


def _xml_lines(root) -> list[Line]:
    """trafilatura's XML body as lines, in reading order, with the text it leaves between elements (the tail of a
    heading: a paragraph that had no <p> of its own) and tables row by row."""
    lines: list[Line] = []

    def add(text: str | None, kind: str | None, cells: tuple[str, ...] = ()) -> None:
        content = clean_spaces(text or "")
        if content:
            lines.append(Line(content, number=len(lines) + 1, kind=kind, blank_before=True, cells=cells))

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag in ("list", "div", "main"):
                walk(child)
            elif tag == "table":
                table(child)
            elif tag in _XML_KINDS:
                add(" ".join(child.itertext()), _XML_KINDS[tag])
            elif tag not in ("graphic", "lb", "comments"):
                add(" ".join(child.itertext()), None)
            add(child.tail, None)

    def table(element) -> None:
        # A layout table holds the page (its cells hold paragraphs and more tables): read it as text, not as rows.
        for row in element.findall("row"):
            cells = row.findall("cell")
            if any(cell.find(tag) is not None for cell in cells for tag in ("table", "p", "head", "list", "quote")):
                for cell in cells:
                    add(cell.text, None)
                    walk(cell)
                continue
            texts = tuple(clean_spaces(" ".join(cell.itertext())) for cell in cells)
            if any(texts):
                add(" · ".join(t for t in texts if t), "paragraph", texts)

    add(root.text, None)
    walk(root)
    return lines


def _page_tree(html: str):
    """The page as lxml reads it, for its headlines and its metadata title; None when lxml cannot read it."""
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None


def _html_headlines(tree) -> list[str]:
    """The texts of the page's <h1> elements: the headline a reader sees, where the metadata title often carries
    the site's name or an editor's version for search engines."""
    if tree is None:
        return []
    found = [clean_spaces(" ".join(h.itertext())) for h in tree.iter("h1")]
    return [h for h in found if 0 < len(h) <= 300]


def _metadata_title(tree) -> str | None:
    """The headline the page's metadata gives, for sharing and search: og:title, twitter:title, a JSON-LD
    "headline", else <title>. A site's heading (its logo, a section's name) may be the page's <h1>; these name the
    article."""
    import json

    if tree is None:
        return None
    for name in ("og:title", "twitter:title"):
        for meta in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
            if clean_spaces(meta):
                return clean_spaces(meta)
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("headline"), str) and clean_spaces(item["headline"]):
                return clean_spaces(item["headline"])
    titles = tree.xpath("//head/title/text()") or tree.xpath("//title/text()")
    return clean_spaces(titles[0]) if titles and clean_spaces(titles[0]) else None


def choose_title(metadata_title: str | None, headlines: list[str], site_name: str | None) -> str | None:
    """The article's headline: the page's <h1> when it says the same as the metadata title (a site's logo can be an
    <h1> too), else the metadata title without the site's name ("Title | Site", "Title - Site")."""
    meta = clean_spaces(metadata_title or "")
    if _looks_like_code(meta):
        meta = ""
    for headline in headlines:
        if meta and _same_words(headline, meta) and not _looks_like_code(headline):
            return headline
    if meta:
        return _without_site_name(meta, site_name)
    return next((h for h in headlines if not _looks_like_code(h)), None)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _same_words(headline: str, title: str) -> bool:
    """One contains most of the other's words: "Title" and "Title | Site" say the same."""
    a, b = _words(headline), _words(title)
    return bool(a and b) and len(a & b) >= 0.6 * min(len(a), len(b)) and len(a & b) >= min(3, len(a), len(b))


def _without_site_name(title: str, site_name: str | None) -> str:
    """"Title | Site" and "Site - Title" without the site's name: the part that is short, and named so in the
    metadata when the site's name is known."""
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    site = _words(site_name or "")
    first, last = separators[0], separators[-1]
    for kept, dropped in ((title[:last.start()], title[last.end():]), (title[first.end():], title[:first.start()])):
        named = bool(site) and _words(dropped) <= site | {"com", "www", "fr", "org", "net"}
        if len(kept.split()) >= 3 and (named or len(dropped.split()) <= 4):
            return kept.strip()
    return title


def _looks_like_code(text: str) -> bool:
    """A script that a page left where its title should be: "window.x = function() {…}"."""
    return bool(re.search(r"[{};]\s*$|function\s*\(|=>|\bvar\s+\w+\s*=|document\.|window\.", text))


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
