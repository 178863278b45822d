"""Markup that runs code in a reader's browser, found in Markdown that contributors write (a topic's introduction).

Raw HTML in Markdown is MkDocs's convention and stays allowed: a table, a <figure>, a <span class>. What runs
code is not: a <script> (or <iframe>, <object>, <embed>, <base>, a refreshing <meta>), an event handler
attribute ("onload", "onmouseover"), or a "javascript:", "vbscript:" or "data:" address, in HTML or as a Markdown
link. `active_content` names each with its line, for `generator check` and the build's problems.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .model import Problem

_RUNNING_TAGS = frozenset({"script", "iframe", "frame", "object", "embed", "applet", "base"})
_ADDRESS_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                                 "srcset", "lowsrc", "dynsrc"})
# A scheme as browsers read it: they ignore spaces and control characters inside it ("java\tscript:").
_SCHEME = re.compile(r"^[\x00-\x20]*([a-z][a-z0-9+.\-\x00-\x20]*):", re.IGNORECASE)
_CODE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
_SAFE_DATA = re.compile(r"^\s*data:image/(?:png|gif|jpe?g|webp|avif);", re.IGNORECASE)
# Markdown links and images: [text](address "title"), ![alt](address), <address> autolinks, [id]: address
_MD_ADDRESS = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([a-z][a-z0-9+.-]*:[^>\s]*)>",
                         re.IGNORECASE | re.MULTILINE)


def runs_code(address: str) -> bool:
    """Whether following or loading this address runs code: a javascript:, vbscript: or (not image) data: one."""
    match = _SCHEME.match(address)
    if not match:
        return False
    scheme = re.sub(r"[\x00-\x20]", "", match.group(1)).casefold()
    return scheme in _CODE_SCHEMES and not _SAFE_DATA.match(address)


def active_content(markdown: str) -> list[tuple[str, int]]:
    """(what runs code, line in the text, from 1) for each piece of markup in `markdown` that would."""
    found = _Scanner().scan(markdown)
    for match in _MD_ADDRESS.finditer(markdown):
        address = next(group for group in match.groups() if group is not None)
        if runs_code(address):
            found.append((f"a link to {address[:40]!r}", markdown.count("\n", 0, match.start()) + 1))
    return sorted(set(found), key=lambda item: (item[1], item[0]))


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def scan(self, text: str) -> list[tuple[str, int]]:
        self.feed(text)
        self.close()
        return self.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _RUNNING_TAGS:
            self.found.append((f"a <{tag}> element", line))
        if tag == "meta" and any(name == "http-equiv" and (value or "").casefold() == "refresh" for name, value in attrs):
            self.found.append(("a <meta http-equiv=\"refresh\">", line))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"an event handler ({name}=) on <{tag}>", line))
            elif name in _ADDRESS_ATTRIBUTES and value and any(runs_code(part) for part in value.split(",")):
                self.found.append((f"{name}={value[:40]!r} on <{tag}>", line))

    handle_startendtag = handle_starttag


def as_code_block(markdown: str) -> str:
    """Markdown shown as it is written: escaped inside <pre><code> (raw HTML, which Markdown passes through as it
    is, whatever extensions the site enables: a fence needs one)."""
    return f'<pre class="unsafe-markup"><code>{html.escape(markdown)}</code></pre>'


def page_problems(text: str, path: str) -> list[Problem]:
    """Each piece of markup that runs code in a hand-written page of docs/ (about.md, a section's index): the page is
    the contributor's and stays as written, but `generator check` names it and `mkdocs build --strict` fails."""
    return [Problem(path, f"this page runs code in readers' browsers: {what}", line)
            for what, line in active_content(text)]
