"""Figures: amounts of money, counts with a unit, percentages; with a value in base units.

"14,3 milliards de dollars" -> 14 300 000 000 USD; "$65 billion" -> 65e9 USD; "80 Md$" -> 80e9 USD;
"€10bn" -> 1e10 EUR; "400 milliards de paramètres" -> 4e11 parameters; "17 centres de données" -> 17.
Numbers are parsed with babel in the article's language (a decimal comma in French, a thousands comma in
English). In "8 milliards et 70 milliards de paramètres" the first figure borrows the unit of the second.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from ..model import Block, Figure

_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = (r"milliards?|mds?|md|millions?|mn|mio|billions?|bn|trillions?|tn|mille|thousand|[kmb](?![\w])")
_CURRENCY_WORDS = {
    "USD": r"dollars?(?:\s+américains)?|usd|us\$|\$",
    "EUR": r"euros?|eur|€",
    "GBP": r"livres?\s+sterling|pounds?(?:\s+sterling)?|gbp|£",
    "CNY": r"yuans?|cny|rmb",
}
_CURRENCY = "|".join(f"(?P<{code}>{words})" for code, words in _CURRENCY_WORDS.items())
# Units of counts, as written -> the normalised unit.
UNITS = {
    r"paramètres|parameters|params": "parameters",
    r"centres?\s+de\s+données|data\s*cent(?:er|re)s?|datacenters?": "data centres",
    r"gpus?|processeurs\s+graphiques|graphics\s+process(?:ors|ing\s+units)|puces|chips|accélérateurs|accelerators": "chips",
    r"employés|salariés|employees|staff|collaborateurs": "employees",
    r"chercheurs|ingénieurs|researchers|engineers": "researchers",
    r"utilisateurs|users|abonnés|subscribers": "users",
    r"téléchargements|downloads": "downloads",
    r"pays|countries": "countries",
    r"tokens|jetons": "tokens",
    r"mégawatts|megawatts|mw": "MW",
    r"gigawatts|gw": "GW",
}
_UNIT = "|".join(f"(?:{u})" for u in UNITS)

_MONEY_BEFORE = re.compile(rf"(?P<cur>us\$|\$|€|£)\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?(?![\w])", re.I)
_MONEY_AFTER = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?\s?(?:de\s+|d['’]\s?|of\s+)?(?:{_CURRENCY})(?![\w])", re.I)
_COUNT = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?\s(?:de\s+|d['’]\s?)?(?P<unit>{_UNIT})(?![\w])", re.I)
_PERCENT = re.compile(rf"(?<![\w.,])(?P<num>{_NUM})\s?(?:%|pour\s?cent|percent|per\s+cent)(?![\w])", re.I)
# "8 milliards et 70 milliards de paramètres": a bare scaled number joined to the next figure
_BARE = re.compile(rf"(?<![\w.,])(?P<figure>(?P<num>{_NUM})\s?(?P<scale>{_SCALE}))\s*(?:et|and|ou|or|à|to|,)\s+$", re.I)

_SCALES = {"k": 1e3, "mille": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6,
           "millions": 1e6, "md": 1e9, "mds": 1e9, "milliard": 1e9, "milliards": 1e9, "b": 1e9, "bn": 1e9,
           "tn": 1e12, "trillion": 1e12, "trillions": 1e12}


def find_figures(block: Block, language: str) -> list[Figure]:
    found: list[tuple[int, int, Figure]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], unit: str, kind: str) -> None:
        start, end = match.span("figure" if "figure" in match.groupdict() else 0)
        if any(start < e and s < end for s, e in taken):
            return
        value = _value(match.group("num"), match.groupdict().get("scale"), language)
        text = block.text[start:end].strip()
        taken.append((start, end))
        found.append((start, end, Figure(text=text, value=value, unit=unit, block_id=block.id, kind=kind)))

    for match in _MONEY_BEFORE.finditer(block.text):
        add(match, _currency_of_symbol(match.group("cur")), "money")
    for match in _MONEY_AFTER.finditer(block.text):
        add(match, next(code for code in _CURRENCY_WORDS if match.group(code)), "money")
    for match in _COUNT.finditer(block.text):
        add(match, _unit_of(match.group("unit")), "count")
    for match in _PERCENT.finditer(block.text):
        add(match, "percent", "percent")
    # bare scaled numbers coordinated with a figure that has a unit
    for start, _end, figure in list(found):
        bare = _BARE.search(block.text[:start])
        if bare and not any(bare.start() < e and s < bare.end() for s, e in taken):
            add(bare, figure.unit, figure.kind)
    return [figure for _s, _e, figure in sorted(found, key=lambda item: item[0])]


def _value(number: str, scale: str | None, language: str) -> float | None:
    compact = re.sub(r"[ \u00a0\u202f]", "", number)
    try:
        value = parse_decimal(compact, locale=language if language in ("fr", "en", "de", "es", "it") else "en",
                              strict=False)
    except (NumberFormatError, InvalidOperation, ValueError):
        try:
            value = Decimal(compact.replace(",", "."))
        except InvalidOperation:
            return None
    return float(value) * _scale(scale, language)


def _scale(scale: str | None, language: str) -> float:
    if not scale:
        return 1.0
    word = scale.casefold()
    if word in ("billion", "billions"):
        return 1e12 if language == "fr" else 1e9  # a French "billion" is a million millions
    return _SCALES.get(word, 1.0)


def _currency_of_symbol(symbol: str) -> str:
    return {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}[symbol.casefold()]


def _unit_of(written: str) -> str:
    return next(unit for pattern, unit in UNITS.items() if re.fullmatch(pattern, written, re.I))
