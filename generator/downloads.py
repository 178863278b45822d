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

Scale: every file is its articles' shares of rows one after the other (rows sort by date, then article: `Share`);
an article's rows are made once, when a file first needs them, and kept from one build to the next while the
article and the names of its speakers are the same (`render`, `PageReads.article_rows`): publishing a day's articles
makes their rows, not those of the archive that the site's files and the topics' hold. Where the files the last
build made hold the first of their articles as they are (a day's articles, newer than the archive, come last), the
new articles' rows are added at their end (`extended`): the archive's shares are not made again (Meta's files hold
ten thousand articles' rows, 17 MB). An item's files take its own passages' rows (and an entity's, those of the
articles that quote it), never a scan of all quotes per item.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
from collections.abc import Callable, Iterable
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


@dataclass(frozen=True)
class Row:
    """One quote or one figure, as its line in each format, with what a file's take of its article asks of it (its
    passage, its speaker). Made once per article (`Downloads.rows`), and kept from one build to the next while the
    article is the same (`render`): however many files hold it (the site's, its topics', its entities')."""

    table: str  # QUOTES or FIGURES
    block_id: str  # the passage it is in
    speaker_entity: str | None  # of a quote: the entity that says it, when known
    csv_line: str
    json_item: str  # as an item of the JSON list

    @classmethod
    def of(cls, table: str, cells: tuple[Cell, ...], block_id: str = "", speaker_entity: str | None = None) -> "Row":
        """The row of these cells, in the order of the table's columns. Its JSON item is what
        `json.dumps(rows, ensure_ascii=False, indent=1)` writes (a test compares them), with the json module's own
        encoder of strings."""
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([_spreadsheet_cell(cell) for cell in cells])
        pairs = ",\n".join(f"  {_json_string(column)}: {_json_cell(cell)}" for column, cell in zip(COLUMNS[table], cells))
        return cls(table, block_id, speaker_entity, out.getvalue(), f" {{\n{pairs}\n }}")


@dataclass(frozen=True)
class Share:
    """An article's rows of one table in one file, as text: a file is its articles' shares one after the other (rows
    sort by date, then article)."""

    csv: str  # its lines
    json: str  # its items, as the file's list joins them; "" when it has no rows

    @classmethod
    def of(cls, rows: Iterable[Row]) -> "Share":
        rows = tuple(rows)
        return cls("".join(row.csv_line for row in rows), ",\n".join(row.json_item for row in rows)) if rows else NONE


NONE = Share("", "")  # the share of an article with no row in a file: most of them, one object


@dataclass(frozen=True)
class Take:
    """What a file takes of an article's rows: all of them (the site's), those of some of its passages (a topic's),
    or what an entity says and the figures of the passages that name it (an entity's)."""

    blocks: tuple[str, ...] | None = None  # the article's passages in the file; None: all of it
    speaker: str | None = None  # the quotes this entity says, wherever they are, rather than those of `blocks`

    def keeps(self, row: Row) -> bool:
        if row.table == QUOTES and self.speaker is not None:
            return row.speaker_entity == self.speaker
        return self.blocks is None or row.block_id in self.blocks


EVERY_ROW = Take()


def topic_takes(passages: tuple[Passage, ...]) -> dict[str, Take]:
    """A topic's files: the quotes and figures of its passages, by article."""
    return {article_id: Take(blocks) for article_id, blocks in _blocks_by_article(passages).items()}


def entity_takes(entity_id: str, passages: tuple[Passage, ...], quoted_in: Iterable[str]) -> dict[str, Take]:
    """An entity's files: what it says (in the articles `quoted_in`, which quote it), and the figures of the
    passages that name it, by article."""
    blocks = _blocks_by_article(passages)
    return {article_id: Take(blocks.get(article_id, ()), entity_id) for article_id in sorted(set(blocks) | set(quoted_in))}


class Downloads:
    """The quotes and figures of a corpus as rows, made for an article when a file first needs them (a day's
    articles change the files of a few items), and its shares of each file. `kept(article_id, make)`: the rows of an
    article, which it may take from the last build rather than `make()` them."""

    def __init__(self, corpus: Corpus, site_url: str = "",
                 kept: Callable[[str, Callable[[], tuple[Row, ...]]], tuple[Row, ...]] | None = None):
        self.corpus = corpus
        self.base = site_url.rstrip("/") + "/" if site_url else ""
        self.names = {e.id: e.name for e in corpus.knowledge.entities}
        self.kept = kept
        self._rows: dict[str, tuple[Row, ...]] = {}

    def rows(self, article_id: str) -> tuple[Row, ...]:
        """An article's quotes and figures, as rows: its quotes first, each table's in its order."""
        made = self._rows.get(article_id)
        if made is None:
            make = functools.partial(_article_rows, self.corpus.article(article_id), self.base, self.names)
            made = self._rows[article_id] = self.kept(article_id, make) if self.kept is not None else make()
        return made

    def shares(self, article_id: str, take: Take = EVERY_ROW) -> tuple[Share, Share]:
        """An article's shares of a file of quotes and of a file of figures that take `take` of it."""
        rows = [row for row in self.rows(article_id) if take.keeps(row)]
        return Share.of(r for r in rows if r.table == QUOTES), Share.of(r for r in rows if r.table == FIGURES)


def in_site_order(articles: Iterable[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Articles in the order the files hold their rows: by date, undated last, then by id."""
    return sorted(articles, key=lambda a: (a.article.published is None, a.article.published or "", a.id))


def files(folder: str, shares: Iterable[tuple[Share, Share]]) -> dict[str, str]:
    """The files of quotes and figures, by path in the docs tree ("<folder>citations.csv", "<folder>citations.json",
    …), from the shares of their articles (quotes, figures), in the order of `in_site_order`: RFC 4180 CSV as the csv
    module writes it, and the JSON list `json.dumps(rows, ensure_ascii=False, indent=1)` writes (tests compare them).
    A table without rows has no file."""
    shares = list(shares)
    made = {}
    for index, name in enumerate((QUOTES, FIGURES)):
        held = [share[index] for share in shares if share[index].csv]
        if held:
            made[f"{folder}{name}.csv"] = _csv_header(name) + "".join(share.csv for share in held)
            made[f"{folder}{name}.json"] = _json_list([share.json for share in held])
    return made


def extended(folder: str, held: tuple[str, ...], text: Callable[[str], str],
             shares: Iterable[tuple[Share, Share]]) -> dict[str, str | None] | None:
    """The files `files` makes of some articles' shares, from the files it made of the first of those articles
    (`held`: their paths; `text` gives a path's text) and the shares of the others: their rows added at the end of
    each table. A file no row is added to is None: as it is. None when a held file is not one `files` made."""
    shares = list(shares)
    made: dict[str, str | None] = {}
    for index, name in enumerate((QUOTES, FIGURES)):
        csv_path, json_path = f"{folder}{name}.csv", f"{folder}{name}.json"
        added = [share[index] for share in shares if share[index].csv]
        if (csv_path in held) != (json_path in held):
            return None
        if csv_path not in held:  # the first articles have no row of this table: a file of the others' rows
            if added:
                made[csv_path] = _csv_header(name) + "".join(share.csv for share in added)
                made[json_path] = _json_list([share.json for share in added])
            continue
        if not added:
            made[csv_path] = made[json_path] = None
            continue
        old_csv, old_json = text(csv_path), text(json_path)
        if not old_csv.startswith(_csv_header(name)) or not old_json.startswith("[\n") or not old_json.endswith(_JSON_END):
            return None
        made[csv_path] = old_csv + "".join(share.csv for share in added)
        made[json_path] = old_json[:-len(_JSON_END)] + ",\n" + ",\n".join(share.json for share in added) + _JSON_END
    return made if set(held) <= set(made) else None


def _article_rows(annotated: AnnotatedArticle, base: str, names: dict[str, str]) -> tuple[Row, ...]:
    article = annotated.article
    position = {b.id: b.position for b in article.annotated_blocks}
    url = base + paths.item_url(paths.ARTICLES, annotated.id)
    about = (_text(article.title), url, _text(article.outlet), article.published or "")
    quotes = sorted((position.get(quote.block_id, 0), n, quote) for n, quote in enumerate(annotated.quotes))
    figures = sorted((position.get(figure.block_id, 0), n, figure) for n, figure in enumerate(annotated.figures))
    return (*(Row.of(QUOTES, (*about, _text(quote.speaker or names.get(quote.speaker_entity or "", "")),
                              _text(quote.role), _text(quote.text), f"{url}#{quote.block_id}"),
                     quote.block_id, quote.speaker_entity) for _position, _n, quote in quotes),
            *(Row.of(FIGURES, (*about, figure.kind, _text(figure.noun), _number(figure.value), _text(figure.unit),
                               _text(figure.text), f"{url}#{figure.block_id}"), figure.block_id)
              for _position, _n, figure in figures))


def _csv_header(table: str) -> str:
    return BOM + ",".join(COLUMNS[table]) + "\n"


_JSON_END = "\n]\n"  # of a list with items


def _json_list(items: list[str]) -> str:
    return "[\n" + ",\n".join(items) + _JSON_END if items else "[]\n"


def links(folder: str, made: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """What a page links to, from the paths of the files `files` made (or the last build kept): {"citations":
    {"CSV": "<folder>citations.csv", "JSON": …}, "chiffres": …}, only the tables that have rows (and so files)."""
    return {name: {file_format.upper(): f"{folder}{name}.{file_format}" for file_format in FORMATS}
            for name in COLUMNS if f"{folder}{name}.{FORMATS[0]}" in made}


def item_folder(kind: str, item_id: str) -> str:
    """Where a topic's or an entity's files go: the folder of its further pages, "topics/<id>/"."""
    return f"{kind}/{item_id}/"


def _blocks_by_article(passages: tuple[Passage, ...]) -> dict[str, tuple[str, ...]]:
    """The passages' blocks, by article, each once (a block named twice is one passage), sorted."""
    blocks: dict[str, set[str]] = {}
    for passage in passages:
        blocks.setdefault(passage.article_id, set()).add(passage.block_id)
    return {article_id: tuple(sorted(found)) for article_id, found in blocks.items()}


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
