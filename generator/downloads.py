"""Quotes and figures to take away: CSV and JSON files for the whole site, each topic and each entity.

Two tables, not one with a `kind` column: a quote has a speaker, a figure a value and a unit, and an analyst who
opens a file in a spreadsheet wants every column filled and a value column to sum or sort, not half-empty
columns and a filter to set first. The JSON file holds the same rows as the CSV, as objects with the CSV's columns
for keys, so that one reading of either serves both.

    citations: article, article_url, outlet, date, speaker, role, text, passage_url
    chiffres:  article, article_url, outlet, date, kind, noun, value, unit, text, passage_url

What belongs to whom, as the pages show it:

    the site     every quote and every figure
    a topic      the quotes and figures of its passages
    an entity    the quotes it says (it is their speaker), and the figures of the passages that name it

Files sit in the item's folder ("topics/<id>/citations.csv"), which otherwise holds only its further pages
("….md"): a file name with a dot cannot be a page's, and an id is a slug, so no address is taken twice. The
site's files sit next to its feeds ("citations.csv").

Addresses are from the site's root ("articles/x/#p-3f9a2c"), or absolute when the site's address is known. Rows are
sorted (date, undated last, then article, then reading order), and nothing in the files depends on the order
articles were read in: the same corpus gives the same bytes.

The CSV is for spreadsheets and source text is untrusted: UTF-8 with a byte order mark (how Excel and LibreOffice
know it is UTF-8), quoting as RFC 4180 says (the csv module), line ends "\\n" (which every spreadsheet reads, and
which stay the same through a text file's reading and writing), every cell on one line, and a cell of text that
starts with "=", "+", "-", "@", a tab or a carriage return opens with an apostrophe, so that no spreadsheet takes it
for a formula. The value column is the generator's own number, never text from a source, and is left as it is.

Scale: the rows are made once, and filed once by passage (article, block) and by speaker; an item's files then
take its own passages' rows, never a scan of all quotes per item.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
from dataclasses import dataclass

from . import paths
from .model import AnnotatedArticle, Corpus, Passage

QUOTES, FIGURES = "citations", "chiffres"  # the tables, as the files and the pages name them
QUOTE_COLUMNS = ("article", "article_url", "outlet", "date", "speaker", "role", "text", "passage_url")
FIGURE_COLUMNS = ("article", "article_url", "outlet", "date", "kind", "noun", "value", "unit", "text", "passage_url")
COLUMNS = {QUOTES: QUOTE_COLUMNS, FIGURES: FIGURE_COLUMNS}
FORMATS = ("csv", "json")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]+")

Cell = str | int | float | None
SortKey = tuple[bool, str, str, int, int]  # undated, date, article, block position, place in the article


@dataclass(frozen=True)
class Row:
    """One quote or one figure, as a line of its table. Its text in each format is made once, however many files
    hold it (the site's, its topics', its entities')."""

    table: str  # QUOTES or FIGURES
    key: SortKey
    cells: tuple[Cell, ...]  # in the order of the table's columns

    @functools.cached_property
    def csv_line(self) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([_spreadsheet_cell(cell) for cell in self.cells])
        return out.getvalue()

    @functools.cached_property
    def json_item(self) -> str:
        """The row as an item of the JSON list, as `json.dumps(rows, ensure_ascii=False, indent=1)` writes it (a
        test compares them), with the json module's own encoder of strings: fifty thousand rows a build."""
        pairs = ",\n".join(f"  {_json_string(column)}: {_json_cell(cell)}"
                           for column, cell in zip(COLUMNS[self.table], self.cells))
        return f" {{\n{pairs}\n }}"


@dataclass(frozen=True)
class Table:
    """The rows of one table for one item (the site, a topic, an entity), sorted."""

    name: str  # QUOTES or FIGURES
    rows: tuple[Row, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return COLUMNS[self.name]

    def csv(self) -> str:  # QUOTE_MINIMAL: RFC 4180's quoting
        return BOM + ",".join(self.columns) + "\n" + "".join(row.csv_line for row in self.rows)

    def json(self) -> str:
        return "[\n" + ",\n".join(row.json_item for row in self.rows) + "\n]\n" if self.rows else "[]\n"

    def text(self, file_format: str) -> str:
        return self.csv() if file_format == "csv" else self.json()


@dataclass(frozen=True)
class Downloads:
    """Every quote and figure of a corpus as rows, filed once by passage and by speaker."""

    quotes: tuple[Row, ...]
    figures: tuple[Row, ...]
    quotes_at: dict[tuple[str, str], tuple[Row, ...]]  # (article, block) -> its quotes
    figures_at: dict[tuple[str, str], tuple[Row, ...]]  # (article, block) -> its figures
    quotes_by: dict[str, tuple[Row, ...]]  # speaker entity -> what it says, all of it (the page shows the first ones)

    @classmethod
    def of(cls, corpus: Corpus, site_url: str = "") -> "Downloads":
        base = site_url.rstrip("/") + "/" if site_url else ""
        quotes: list[Row] = []
        figures: list[Row] = []
        quotes_at: dict[tuple[str, str], list[Row]] = {}
        figures_at: dict[tuple[str, str], list[Row]] = {}
        quotes_by: dict[str, list[Row]] = {}
        names = {e.id: e.name for e in corpus.knowledge.entities}
        for annotated in corpus.articles:
            article = annotated.article
            position = {b.id: b.position for b in article.annotated_blocks}
            url = base + paths.item_url(paths.ARTICLES, annotated.id)
            about = (_text(article.title), url, _text(article.outlet), article.published or "")
            for n, quote in enumerate(annotated.quotes):
                speaker = quote.speaker or names.get(quote.speaker_entity or "", "")
                row = Row(QUOTES, _key(annotated, position, quote.block_id, n),
                          (*about, _text(speaker), _text(quote.role), _text(quote.text), f"{url}#{quote.block_id}"))
                quotes.append(row)
                quotes_at.setdefault((annotated.id, quote.block_id), []).append(row)
                if quote.speaker_entity:
                    quotes_by.setdefault(quote.speaker_entity, []).append(row)
            for n, figure in enumerate(annotated.figures):
                row = Row(FIGURES, _key(annotated, position, figure.block_id, n),
                          (*about, figure.kind, _text(figure.noun), _number(figure.value), _text(figure.unit),
                           _text(figure.text), f"{url}#{figure.block_id}"))
                figures.append(row)
                figures_at.setdefault((annotated.id, figure.block_id), []).append(row)
        return cls(quotes=tuple(sorted(quotes, key=_by_key)), figures=tuple(sorted(figures, key=_by_key)),
                   quotes_at={k: tuple(v) for k, v in quotes_at.items()},
                   figures_at={k: tuple(v) for k, v in figures_at.items()},
                   quotes_by={k: tuple(sorted(v, key=_by_key)) for k, v in quotes_by.items()})

    def site(self) -> tuple[Table, ...]:
        return _kept(Table(QUOTES, self.quotes), Table(FIGURES, self.figures))

    def topic(self, passages: tuple[Passage, ...]) -> tuple[Table, ...]:
        """A topic's tables: the quotes and figures of its passages."""
        blocks = _blocks(passages)
        return _kept(Table(QUOTES, _gathered(self.quotes_at, blocks)), Table(FIGURES, _gathered(self.figures_at, blocks)))

    def entity(self, entity_id: str, passages: tuple[Passage, ...]) -> tuple[Table, ...]:
        """An entity's tables: what it says, and the figures of the passages that name it."""
        return _kept(Table(QUOTES, self.quotes_by.get(entity_id, ())),
                     Table(FIGURES, _gathered(self.figures_at, _blocks(passages))))


def files(folder: str, tables: tuple[Table, ...]) -> dict[str, str]:
    """The tables' files, by path in the docs tree: "<folder>citations.csv", "<folder>citations.json", …"""
    return {f"{folder}{table.name}.{file_format}": table.text(file_format) for table in tables for file_format in FORMATS}


def links(folder: str, made: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """What a page links to, from the paths of the files `files` made (or the last build kept): {"citations":
    {"CSV": "<folder>citations.csv", "JSON": …}, "chiffres": …}, only the tables that have rows (and so files)."""
    return {name: {file_format.upper(): f"{folder}{name}.{file_format}" for file_format in FORMATS}
            for name in COLUMNS if f"{folder}{name}.{FORMATS[0]}" in made}


def item_folder(kind: str, item_id: str) -> str:
    """Where a topic's or an entity's files go: the folder of its further pages, "topics/<id>/"."""
    return f"{kind}/{item_id}/"


def _kept(*tables: Table) -> tuple[Table, ...]:
    return tuple(t for t in tables if t.rows)


def _blocks(passages: tuple[Passage, ...]) -> list[tuple[str, str]]:
    """The passages' blocks, each once (a block named twice is one passage)."""
    return list(dict.fromkeys((p.article_id, p.block_id) for p in passages))


def _gathered(filed: dict[tuple[str, str], tuple[Row, ...]], blocks: list[tuple[str, str]]) -> tuple[Row, ...]:
    return tuple(sorted((row for block in blocks for row in filed.get(block, ())), key=_by_key))


def _key(annotated: AnnotatedArticle, position: dict[str, int], block_id: str, n: int) -> SortKey:
    published = annotated.article.published
    return (published is None, published or "", annotated.id, position.get(block_id, 0), n)


def _by_key(row: Row) -> SortKey:
    return row.key


def _text(value: str | None) -> str:
    """Source text as one cell: on one line, without control characters."""
    return " ".join(_CONTROLS.sub(" ", value).split()) if value else ""


def _number(value: float | None) -> int | float | None:
    """A whole number as one ("1200", not "1200.0"), so that a spreadsheet reads what the text wrote."""
    if value is None or not math.isfinite(value):  # JSON has no NaN nor infinity
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


_json_string = json.encoder.encode_basestring  # ensure_ascii=False's: the C encoder, when there is one


def _json_cell(cell: Cell) -> str:
    if cell is None:
        return "null"
    if isinstance(cell, str):
        return _json_string(cell)
    return int.__repr__(cell) if isinstance(cell, int) else float.__repr__(cell)  # `_number`: finite


def _spreadsheet_cell(cell: Cell) -> str | int | float:
    """A cell no spreadsheet evaluates: text that would start a formula opens with an apostrophe."""
    if cell is None:
        return ""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell
