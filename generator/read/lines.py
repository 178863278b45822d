"""The shape every format reader produces: a flat run of lines, some with a kind their format made explicit.

A plain-text scrape gives lines with no kind; Markdown and HTML say which lines are headings, list items and
quotes. Furniture removal and structure recovery then work the same way on all three.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u200b]+")


@dataclass(frozen=True)
class Line:
    text: str
    number: int  # 1-based line in the source, for messages
    kind: str | None = None  # "heading" | "list_item" | "quote" | "paragraph" when the format says so
    blank_before: bool = False  # a blank line separates it from the previous line
    cells: tuple[str, ...] = ()  # a table row's cells (HTML tables)

    def with_text(self, text: str) -> "Line":
        return replace(self, text=text)


def clean_spaces(text: str) -> str:
    """Non-breaking and repeated spaces become one space; the characters themselves are kept elsewhere."""
    return _SPACES.sub(" ", text).strip()


def split_lines(text: str, first_number: int = 1) -> list[Line]:
    lines: list[Line] = []
    blank = False
    for offset, raw in enumerate(text.split("\n")):
        stripped = clean_spaces(raw)
        if not stripped:
            blank = True
            continue
        lines.append(Line(text=stripped, number=first_number + offset, blank_before=blank or not lines))
        blank = False
    return lines


def word_count(text: str) -> int:
    return len(text.split())
