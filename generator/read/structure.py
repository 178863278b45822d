"""Structure recovery: from cleaned lines to a title and typed blocks.

Scraped text loses its markup, but not its shape. A heading is a short line that does not end like a sentence
and is followed by text; a bullet keeps its bullet; a quote is a paragraph followed by an attribution line
("– Mark Zuckerberg, PDG de Meta"). Lines that the format already typed (Markdown, HTML) keep their kind.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Block, anchors_for
from .lines import Line, word_count

BULLET = re.compile(r"^(?:[•·▪◦●■►‣*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
# An item's bullet is markup; its number ("1. Angelina Jolie") is part of what it says: a rank, a step.
BULLET_MARK = re.compile(r"^(?:[•·▪◦●■►‣*]|[-–—](?=\s))\s*")
ATTRIBUTION = re.compile(r"^[–—―-]\s*(?P<who>[A-ZÀ-Ý«\"“].{1,100})$")
# A sentence ends, and another starts, inside the line.
SENTENCE_BREAK = re.compile(r"[.!?…]\s+[«\"“(]?[A-ZÀ-Ý]")
QUOTE_MARKS = "«»“”\"„"
TITLE_MAX = 120


@dataclass(frozen=True)
class Structure:
    title: str | None  # None when the source has no title line
    blocks: tuple[Block, ...]


def recover_structure(lines: list[Line], title: str | None = None, first_line_title: bool = True) -> Structure:
    """`title` comes from metadata (front matter, HTML) or from the page analysis when there is one; then no line is
    taken as the title. Otherwise the first line is the title when it reads as one (and `first_line_title`)."""
    lines = list(lines)
    if title is None and first_line_title and lines and _is_title_line(lines[0], lines[1:]):
        title = lines.pop(0).text
    elif title is not None and lines and _same_text(lines[0].text, title):
        lines.pop(0)  # the title repeated as the first line of the body
    kinds = _kinds(lines)
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line, kind = lines[index], kinds[index]
        if kind == "attribution":
            index += 1  # an attribution with nothing to attribute stays a paragraph below
            blocks.append(_block(blocks, "paragraph", line.text))
            continue
        speaker = None
        if index + 1 < len(kinds) and kinds[index + 1] == "attribution" and kind in ("paragraph", "quote"):
            speaker = ATTRIBUTION.match(lines[index + 1].text).group("who").strip()
            kind = "quote"
        text = line.text
        if kind == "list_item":
            text = BULLET_MARK.sub("", text, count=1)
        if kind == "quote":
            text = _strip_quote_marks(text)
        blocks.append(_block(blocks, kind, text, speaker, line.cells))
        index += 2 if speaker else 1
    anchors = anchors_for([b.text for b in blocks])
    return Structure(title=title, blocks=tuple(replace(b, id=a) for b, a in zip(blocks, anchors)))


def derive_title(blocks: tuple[Block, ...]) -> str:
    """A title for an article that has none: its first sentence, cut at a word boundary."""
    first = next((b.text for b in blocks if b.kind in ("paragraph", "quote")), None) or (blocks[0].text if blocks else "")
    sentence = re.split(r"(?<=[.!?…])\s+", first, maxsplit=1)[0].rstrip(" .")
    return shorten(sentence or "Article sans titre", TITLE_MAX)


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _kinds(lines: list[Line]) -> list[str]:
    kinds: list[str] = []
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if line.kind:
            kinds.append(line.kind)
        elif _is_attribution(line, before, after, kinds):
            kinds.append("attribution")
        elif BULLET.match(line.text) and word_count(line.text) > 1:
            kinds.append("list_item")
        elif _is_heading(line, after):
            kinds.append("heading")
        else:
            kinds.append("paragraph")
    return kinds


def _is_attribution(line: Line, before: Line | None, after: Line | None, kinds: list[str]) -> bool:
    match = ATTRIBUTION.match(line.text)
    if not match or before is None or not kinds or kinds[-1] not in ("paragraph", "quote"):
        return False
    if word_count(match.group("who")) > 12 or match.group("who").rstrip().endswith((".", ":", ";")):
        return False
    # "– item" lines in a row are a dash list, not attributions
    return not (after is not None and ATTRIBUTION.match(after.text) and not after.blank_before)


def _is_heading(line: Line, after: Line | None) -> bool:
    text = line.text
    if after is None or len(text) > 100 or word_count(text) > 14:
        return False
    if text.endswith((".", ",", ";", ":", "…", "»", "\"", "”")) or SENTENCE_BREAK.search(text):
        return False
    if ATTRIBUTION.match(after.text):  # a short line before an attribution is a quote
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "«\"“"


def _is_title_line(line: Line, rest: list[Line]) -> bool:
    text = line.text
    if line.kind == "heading":
        return True
    if line.kind or not rest or BULLET.match(text) or len(text) > 200:
        return False
    if text.endswith((".", "…", ",", ";", ":")):
        return False
    # "Meta teams up with rivals? Not quite": a short line standing alone may hold two sentences
    return not SENTENCE_BREAK.search(text) or (len(text) <= TITLE_MAX and rest[0].blank_before)


def _block(previous: list[Block], kind: str, text: str, speaker: str | None = None, cells: tuple[str, ...] = ()) -> Block:
    return Block(id="", kind=kind, text=text, speaker=speaker, cells=cells, position=len(previous) + 1)


def _strip_quote_marks(text: str) -> str:
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in QUOTE_MARKS and stripped[-1] in QUOTE_MARKS + ".":
        stripped = stripped.strip(QUOTE_MARKS + " \u00a0").strip()
    return stripped


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).casefold() == re.sub(r"\W+", "", b).casefold()
