"""Measure the reader and the annotators against labels of what each page holds (`generator measure LABELS`).

The labels (tests/wild/labels.yml is the example) say, per source file: the title, date and author; every line of
page furniture; the headings; every quotation with its speaker; every proper name with its type; every figure
with its value. From them this computes what a user of the site notices:

    furniture removed   labelled furniture lines that are neither in the body nor the title
    content kept        for .txt sources, every line that is neither furniture nor the title must be in the body
                        (for other formats, the `content` snippets)
    titles, dates       exact (after folding spaces, apostrophes and case)
    quotes              precision and recall; a quotation counts when its text starts like the label and its
                        speaker is the labelled one
    names               precision and recall of the names the article page shows (listed entities, names with an
                        unreviewed page, names for review), and how many got the labelled type
    figures             precision and recall by value (and unit, for money and percentages)

It reads the export (`export.export`), the public shape of what the generator knows, so that it scores what the
site shows and nothing internal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import load_gold, norm
from .export import export
from .model import Corpus

_WORD = re.compile(r"\w+")
_LIST_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")


def words(text: object) -> str:
    """The words of a text, case-folded, one space apart: punctuation, quote marks, bullets and list numbers ("1.")
    do not count."""
    return " ".join(_WORD.findall(norm(_LIST_NUMBER.sub("", str(text or "")))))


@dataclass
class Tally:
    found: int = 0
    wanted: int = 0

    def share(self) -> float:
        return self.found / self.wanted if self.wanted else 1.0

    def __str__(self) -> str:
        return f"{self.share():.2f} ({self.found}/{self.wanted})"


@dataclass
class PR:
    tp_predicted: int = 0  # predicted items that are right
    predicted: int = 0
    tp_wanted: int = 0  # wanted items that were found
    wanted: int = 0

    @property
    def precision(self) -> float:
        return self.tp_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp_wanted / self.wanted if self.wanted else 1.0

    def __str__(self) -> str:
        return (f"P {self.precision:.2f} ({self.tp_predicted}/{self.predicted}) "
                f"R {self.recall:.2f} ({self.tp_wanted}/{self.wanted})")


@dataclass
class Measures:
    furniture: Tally = field(default_factory=Tally)
    content: Tally = field(default_factory=Tally)
    titles: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    authors: Tally = field(default_factory=Tally)
    headings: PR = field(default_factory=PR)
    quotes: PR = field(default_factory=PR)
    names: PR = field(default_factory=PR)
    name_types: Tally = field(default_factory=Tally)
    figures: PR = field(default_factory=PR)
    missing: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)  # one line per error, for --verbose

    def lines(self) -> list[str]:
        return [
            f"furniture removed {self.furniture}; content kept {self.content}",
            f"titles {self.titles}; dates {self.dates}; authors {self.authors}; headings {self.headings}",
            f"quotes {self.quotes}",
            f"names {self.names}; types right {self.name_types}",
            f"figures {self.figures}",
            f"missing articles: {len(self.missing)}",
        ]


def measure(corpus: Corpus, labels: dict, root: Path) -> Measures:
    exported = export(corpus)
    aliases = {e.id: {words(a) for a in e.aliases} for e in corpus.knowledge.entities}
    by_file = {Path(a["source"]).name: a for a in exported["articles"]}
    result = Measures()
    for label in labels.get("articles", []):
        article = by_file.get(label["file"])
        if article is None:
            result.missing.append(label["file"])
            continue
        _measure_article(article, label, root, aliases, result)
    return result


def load_labels(path: Path) -> dict:
    return load_gold(path)


def _measure_article(a: dict, g: dict, root: Path, aliases: dict[str, set[str]], m: Measures) -> None:
    name = g["file"]
    blocks = a["blocks"]
    block_keys = [words(b["text"]) for b in blocks] + [words(b["speaker"]) for b in blocks if b.get("speaker")]
    body = "\n".join(block_keys)
    title = words(a["title"])

    def say(what: str) -> None:
        m.mistakes.append(f"{name}: {what}")

    for key, tally in (("title", m.titles), ("published", m.dates), ("author", m.authors)):
        if g.get(key):
            tally.wanted += 1
            got = a.get(key)
            if norm(got) == norm(g[key]):
                tally.found += 1
            else:
                say(f"{key} {got!r}, expected {g[key]!r}")

    is_text = name.endswith((".txt", ".text"))
    for line in g.get("furniture", []):
        key = words(line)
        m.furniture.wanted += 1
        left = key == title or (key in block_keys if is_text and len(key.split()) < 6 else key in body)
        if left:
            say(f"furniture left: {line!r}")
        else:
            m.furniture.found += 1
    for line in _content_lines(g, root / a["source"], is_text):
        key = words(line)
        m.content.wanted += 1
        if key and (key in body or key == title):
            m.content.found += 1
        else:
            say(f"content lost: {line!r}")

    if "headings" in g:
        got = {words(b["text"]) for b in blocks if b["kind"] == "heading"}
        want = {words(h) for h in g["headings"]}
        _pr(m.headings, got, want, want, lambda x: say(f"heading wrongly: {x!r}"), lambda x: say(f"heading missed: {x!r}"))

    _measure_quotes(a, g, m, say)
    _measure_names(a, g, aliases, m, say)
    _measure_figures(a, g, m, say)


def _content_lines(g: dict, source: Path, is_text: bool) -> list[str]:
    if not is_text:
        return list(g.get("content", []))
    skipped = {words(x) for x in (*g.get("furniture", []), *g.get("optional_lines", []), g.get("title", ""))}
    lines = source.read_text(encoding="utf-8-sig").splitlines() if source.exists() else []
    return [line for line in lines if line.strip() and words(line) not in skipped]


def _pr(pr: PR, got: set, want: set, allowed: set, on_wrong, on_missed) -> None:
    pr.predicted += len(got)
    pr.tp_predicted += len(got & allowed)
    pr.wanted += len(want)
    pr.tp_wanted += len(got & want)
    for item in sorted(got - allowed):
        on_wrong(item)
    for item in sorted(want - got):
        on_missed(item)


def _measure_quotes(a: dict, g: dict, m: Measures, say) -> None:
    labels = [(words(q["starts"]), words(q["speaker"]), bool(q.get("optional"))) for q in g.get("quotes", [])]
    matched: set[int] = set()
    for quote in a["quotes"]:
        text, speaker = words(quote["text"]), words(quote.get("speaker") or "")
        m.quotes.predicted += 1
        index = next((i for i, (start, _who, _opt) in enumerate(labels) if _starts_like(text, start)), None)
        if index is None:
            say(f"quote not in the labels: {quote['text'][:60]!r} ({quote.get('speaker')})")
        elif labels[index][1] and labels[index][1] in speaker:
            m.quotes.tp_predicted += 1
            matched.add(index)
        else:
            say(f"quote with the wrong speaker: {quote['text'][:50]!r}: {quote.get('speaker')!r}, expected {labels[index][1]!r}")
    for index, (start, who, optional) in enumerate(labels):
        if optional:
            continue
        m.quotes.wanted += 1
        if index in matched:
            m.quotes.tp_wanted += 1
        else:
            say(f"quote missed: {start[:50]!r} ({who})")


def _starts_like(text: str, start: str) -> bool:
    """The quotation starts as labelled, or holds the labelled start near its beginning (a reader may keep or
    drop a leading word such as "et")."""
    return text.startswith(start) or start in text[: len(start) + 40]


def _measure_names(a: dict, g: dict, aliases: dict[str, set[str]], m: Measures, say) -> None:
    wanted = {}
    for item in g.get("names", []):
        forms = {words(item["name"]), *(words(x) for x in item.get("aliases", []))}
        wanted[words(item["name"])] = (forms, item.get("type"))
    optional = {words(x) for x in g.get("names_optional", [])}
    shown = [(e["name"], e["type"], aliases.get(e.get("id", ""), set()) | {words(e["name"])}) for e in a["entities"]]
    shown += [(c["name"], c["type"], {words(c["name"])}) for c in a.get("unreviewed", [])]
    seen_names: set[str] = set()
    found: set[str] = set()
    for shown_name, shown_type, forms in shown:
        if words(shown_name) in seen_names:
            continue
        seen_names.add(words(shown_name))
        m.names.predicted += 1
        match = next((key for key, (label_forms, _t) in wanted.items() if forms & label_forms), None)
        if match is not None:
            m.names.tp_predicted += 1
            if match not in found:
                found.add(match)
                m.name_types.wanted += 1
                if shown_type == wanted[match][1]:
                    m.name_types.found += 1
                else:
                    say(f"name {shown_name!r} typed {shown_type}, expected {wanted[match][1]}")
        elif forms & optional:
            m.names.tp_predicted += 1
        else:
            say(f"name not in the labels: {shown_name!r} ({shown_type})")
    m.names.wanted += len(wanted)
    m.names.tp_wanted += len(found)
    for key in sorted(wanted.keys() - found):
        say(f"name missed: {key!r}")


def _measure_figures(a: dict, g: dict, m: Measures, say) -> None:
    labels = g.get("figures", [])
    optional = [float(v) for v in g.get("figures_optional", [])]

    def same(figure: dict, value: float, unit: str | None) -> bool:
        got = figure.get("value")
        return got is not None and abs(got - value) <= 0.01 * abs(value) and (unit is None or figure.get("unit") == unit)

    for figure in a["figures"]:
        m.figures.predicted += 1
        if any(same(figure, float(f["value"]), f.get("unit")) for f in labels) or any(same(figure, v, None) for v in optional):
            m.figures.tp_predicted += 1
        else:
            say(f"figure not in the labels: {figure['text']!r} = {figure.get('value')} {figure.get('unit')}")
    for f in labels:
        m.figures.wanted += 1
        if any(same(figure, float(f["value"]), f.get("unit")) for figure in a["figures"]):
            m.figures.tp_wanted += 1
        else:
            say(f"figure missed: {f['text']!r} = {f['value']} {f.get('unit') or ''}")
