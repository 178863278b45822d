"""Figures: amounts of money, counts of anything, percentages; with a value in base units.

    "14,3 milliards de dollars" -> 14 300 000 000 USD      "$65bn", "80 Md$", "€10bn", "51,2 Md$"
    "soixante milliards de dollars" -> 60 000 000 000 USD  numbers written in words, French and English
    "deux cents chercheurs" -> 200 researchers             counts of any noun: "128 experts", "1,500 jobs"
    "17B active parameters" -> 17 000 000 000 parameters   shorthand
    "entre 66 et 72 milliards de dollars" -> 66e9 and 72e9  a bare number takes the unit of its sentence
    "12 %", "22 percent", "49 pour cent" -> percent

Numbers are parsed with babel in the article's language (a decimal comma in French, a thousands comma in
English), scale and number words come from `generator.lang`. What is not a figure: a year, a date ("29 avril",
"September 30"), a time, a duration ("quatre ans"), an ordinal, a version ("Llama 3", "GPT-4"), an age, a
score; and small numbers written in words ("deux autres", "one of them") unless a scale or a known unit
follows.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from ..lang import LANGUAGES, alternation, language, merged, month_numbers, union
from ..lang.lexicon import is_common_word
from ..model import Block, Figure

_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "chf": "CHF"}
_PERCENT = r"%|pour\s?cent|percent|per\s+cent"
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý«\"“])")
MIN_WORD_COUNT = 3  # "deux autres", "one of them": small numbers in words are not figures without a unit


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float
    scaled: bool  # carries a scale word ("milliards", "bn")
    in_words: bool


@functools.cache
def _vocabulary():
    words = merged("NUMBER_WORDS")
    approx = merged("APPROXIMATE_NUMBERS")
    scales_fr, scales_en = language("fr").SCALES, language("en").SCALES
    scale_words = set(scales_fr) | set(scales_en)
    currency = {w: code for lang in ("fr", "en") for code, ws in language(lang).CURRENCY_WORDS.items() for w in ws}
    units = merged("UNITS")
    time_units = set(union("TIME_UNITS")) | set(month_numbers())
    return words, approx, scales_fr, scales_en, scale_words, currency, units, time_units


@functools.cache
def _patterns(language_code: str) -> dict[str, re.Pattern[str]]:
    """The patterns for one language: "cent" is a hundred in French, not in "per cent"."""
    _w, _a, _fr, _en, scale_words, currency, units, _time = _vocabulary()
    lang = language(language_code)
    words, approx = lang.NUMBER_WORDS, lang.APPROXIMATE_NUMBERS
    number_word = alternation(tuple(w for w in words if w not in ("a", "an")))
    function_words = alternation(union("FUNCTION_WORDS"))
    scale = alternation(tuple(w for w in scale_words if len(w) > 1))
    long_short = r"Mds?|Mrds?|mds?|tn|bn|mn|mln"  # "80 Md$", "$65 bn"
    glued = r"[kKMB]"  # "17B", "$100M", "5k": a single letter only when glued to the number
    in_words = rf"(?:(?:{number_word})(?:[\s-]+(?:et[\s-]+)?(?:{number_word}))*)"
    return {
        # 14,3 milliards / 80 Md / 17B / $65bn / two million / soixante milliards / un milliard / a dozen
        "number": re.compile(
            rf"(?<![\w.,])(?P<digits>{_DIGITS})(?:\s?(?P<short>{long_short})(?![\w])|(?P<glued>{glued})(?![\w])"
            rf"|\s(?P<scale>{scale})(?![\w]))?"
            rf"|(?<![\w-])(?P<words>{in_words})(?:\s(?P<wscale>{scale}))?(?![\w-])"
            rf"|(?<![\w-])(?:une?|a|an)\s(?P<approx>{alternation(tuple(approx))})(?![\w])"
            rf"|(?<![\w-])(?:un|une|a|an|one)\s(?P<ascale>{scale})(?![\w])",
            re.IGNORECASE),
        "currency_after": re.compile(
            rf"^\s?(?:de\s|d['’]\s?|of\s)?(?P<cur>{alternation(tuple(currency))}|\$|€|£)(?![\w])", re.IGNORECASE),
        "currency_before": re.compile(r"(?P<cur>us\$|\$|€|£|¥|chf)\s?$", re.IGNORECASE),
        "percent": re.compile(rf"^\s?(?:{_PERCENT})(?![\w])", re.IGNORECASE),
        # the unit, after at most three words that qualify it ("100,000 NVIDIA H100 accelerators"), none of them a
        # function word or a number ("un milliard de fois dans onze pays": "pays" counts the eleven)
        "known_unit": re.compile(rf"^\s?(?:de\s|d['’]\s?|of\s)?(?:(?!(?:{function_words}|{number_word})\b)[\w-]+\s){{0,3}}?"
                                 rf"(?P<unit>{alternation(tuple(units))})(?![\w])",
                                 re.IGNORECASE),
        # what follows a number: a few capitalised words ("NVIDIA H100"), then the counted thing; or a unit in
        # capitals ("60 GB", "1,4 GW")
        "noun": re.compile(r"^\s?(?:de\s|d['’]\s?|of\s)?(?P<noun>(?:[A-Z0-9][\w-]*\s){0,2}(?:[a-zà-ÿ][\w’'-]{2,}\s?){1,3}"
                           r"|[A-Z]{2,4}\b)"),
    }


def find_figures(block: Block, language_code: str) -> list[Figure]:
    if block.kind == "heading":
        return []
    if language_code not in LANGUAGES:
        return _figures_in_any_language(block, language_code)
    figures: list[Figure] = []
    for sentence_start, sentence in _sentences(block.text):
        figures += _sentence_figures(sentence, sentence_start, block, language_code)
    return figures


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in _SENTENCE.finditer(text):
        out.append((start, text[start:match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return out


def _sentence_figures(sentence: str, offset: int, block: Block, language_code: str) -> list[Figure]:
    patterns = _patterns(language_code)
    _words, _approx, _fr, _en, _scales, currency, units, time_units = _vocabulary()
    matches = [(m, n) for m in patterns["number"].finditer(sentence)
               if (n := _number(m, language_code)) is not None and not _not_a_figure(sentence, m, n)]
    found: list[list] = []  # [number, unit, kind, start of the figure's text, end of it, unit is a known one]
    bare: list[tuple[_Number, _Number | None]] = []  # a number without a unit, and the number it is joined to
    for index, (match, number) in enumerate(matches):
        before, after = sentence[max(0, match.start() - 4):match.start()], sentence[match.end():match.end() + 60]
        if symbol := patterns["currency_before"].search(before):
            start = match.start() - (len(before) - symbol.start())
            found.append([number, _SYMBOLS[symbol.group("cur").casefold()], "money", start, match.end(), True, None])
            continue
        if cur := patterns["currency_after"].match(after):
            word = cur.group("cur").casefold()
            found.append([number, _SYMBOLS.get(word) or currency.get(word), "money", match.start(), match.end() + cur.end(),
                          True, None])
            continue
        if cur := patterns["percent"].match(after):
            found.append([number, "percent", "percent", match.start(), match.end() + cur.end(), True, None])
            continue
        following = matches[index + 1][1] if index + 1 < len(matches) else None
        if following is not None and _JOINED.match(sentence[match.end():following.start]) and not number.scaled:
            bare.append((number, following))  # "entre 66 et 72 milliards de dollars": 66 takes "milliards de dollars"
            continue
        next_word = re.match(r"\s?(?:de\s|d['’]\s?|of\s)?([\w-]+)", after)
        if next_word and next_word.group(1).casefold() in time_units:
            continue  # "quatre ans", "six years", "29 avril": a duration or a date
        if number.in_words and number.value < MIN_WORD_COUNT and not number.scaled:
            continue  # "deux anciens ingénieurs", "two ways": small numbers in words are prose
        if unit := patterns["known_unit"].match(after):
            found.append([number, units[_norm(unit.group("unit"))], "count", match.start(), match.end() + unit.end(), True,
                          unit.group("unit")])
            continue
        noun = patterns["noun"].match(after)
        head, head_end = _head_noun(noun.group("noun"), language_code) if noun else ("", 0)
        if head and head not in _function_words() and head not in time_units:
            counted = re.match(r"\s?(?:de\s|d['’]\s?|of\s)", after) is not None  # "2,5 millions de tonnes"
            found.append([number, head, "count", match.start(), match.end() + noun.start("noun") + head_end, counted,
                          noun.group("noun")[:head_end].split()[-1] if head_end else head])
        elif number.scaled:
            bare.append((number, None))  # "39 milliards": the unit is given elsewhere in the sentence
    # Figures are found in the order of the sentence: the one before a number, or nearest it, is found by bisection
    # (a sentence of thousands of amounts made looking through all of them for each quadratic).
    known = [f for f in found if f[5] and f[2] != "count" or (f[5] and f[6] and f[1] in units.values())]
    known_starts = [f[0].start for f in known]
    for figure in found:  # "288 milliards actifs" after "deux mille milliards de paramètres": an adjective, not a unit
        if not figure[5] and figure[0].scaled and (earlier := bisect_left(known_starts, figure[0].start)):
            lender = known[earlier - 1]
            figure[1], figure[2], figure[6] = lender[1], lender[2], lender[6]
    by_start = {f[0].start: f for f in found}  # a number joined to a bare one is found at its own start
    found_starts = [f[0].start for f in found]
    added: list[list] = []  # the bare numbers' figures, in the order of the sentence too
    added_starts: list[int] = []
    for number, joined in bare:
        partner = by_start.get(joined.start) if joined is not None else None
        if partner is not None:  # takes the scale and the unit of the figure it is joined to
            scale = partner[0].value / _unscaled(partner[0], sentence, language_code)
            added.append([_Number(number.start, number.end, number.value * scale, True, number.in_words),
                          partner[1], partner[2], number.start, number.end, partner[5], partner[6]])
        else:  # the nearest figure with a unit in the sentence lends it; of the figures found, else of those added
            nearest = [_nearest(known, known_starts, number.start)] if known else \
                [_nearest(found, found_starts, number.start), _nearest(added, added_starts, number.start)]
            lender = min((n for n in nearest if n is not None), key=lambda n: n[0], default=(0, None))[1]
            unit, kind, noun = (lender[1], lender[2], lender[6]) if lender else (None, "count", None)
            added.append([number, unit, kind, number.start, number.end, False, noun])
        added_starts.append(number.start)
    found += added
    return [Figure(text=sentence[start:end].strip(), value=number.value, unit=unit, block_id=block.id, kind=kind,
                   noun=noun, decimals=_decimals(sentence[number.start:number.end], language_code))
            for number, unit, kind, start, end, _known, noun in sorted(found, key=lambda f: f[3])]


def _nearest(figures: list[list], starts: list[int], at: int) -> tuple[int, list] | None:
    """(distance, figure) of the figure whose number is nearest `at`, the earlier of two as near; `starts` are where
    their numbers start, in order."""
    index = bisect_left(starts, at)
    near = [(abs(starts[i] - at), i) for i in (index - 1, index) if 0 <= i < len(starts)]
    if not near:
        return None
    distance, index = min(near)
    return distance, figures[index]


def _decimals(written: str, language_code: str) -> int:
    """The digits after the decimal separator, as written: "1,87 milliard" (fr) 2, "2.1bn" (en) 1, "1.200" (fr) 0."""
    digits = re.match(_DIGITS, written)
    if digits is None:
        return 0
    separator = "," if language_code in _DECIMAL_COMMA else "."
    number = digits.group(0)
    if separator == "," and _THOUSANDS_DOTS.fullmatch(number):
        return 0
    return len(number.rsplit(separator, 1)[1]) if separator in number and not _GROUPED.fullmatch(number) else 0


_JOINED = re.compile(r"^\s*(?:et|à|ou|and|to|or|-|–)\s*$", re.IGNORECASE)


def _unscaled(number: _Number, sentence: str, language_code: str) -> float:
    """A scaled number's value without its scale: 72e9 for "72 milliards" gives 72."""
    digits = re.match(_DIGITS, sentence[number.start:number.end])
    value = _parse(digits.group(0), language_code) if digits else None
    return value or number.value


def _number(match: re.Match[str], language_code: str) -> _Number | None:
    words, approx, scales_fr, scales_en, _s, _c, _u, _t = _vocabulary()
    scales = scales_fr if language_code == "fr" else scales_en
    start, end = match.span()
    if match.group("digits"):
        value = _parse(match.group("digits"), language_code)
        if value is None:
            return None
        scale_word = match.group("short") or match.group("glued") or match.group("scale")
        factor = _scale(scale_word, scales) if scale_word else 1.0
        return _Number(start, end, value * factor, bool(scale_word), False)
    if match.group("approx"):
        return _Number(start, end, float(approx[match.group("approx").casefold()]), False, True)
    if match.group("ascale"):
        return _Number(start, end, _scale(match.group("ascale"), scales), True, True)
    value = _in_words(match.group("words"), words)
    if value is None:
        return None
    scale_word = match.group("wscale")
    return _Number(start, end, value * (_scale(scale_word, scales) if scale_word else 1.0), bool(scale_word), True)


def _in_words(text: str, words: dict[str, int]) -> float | None:
    """"deux mille" -> 2000, "quatre cents" -> 400, "vingt-deux" -> 22, "one hundred" -> 100."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.casefold()):
        if word in ("et", "and"):
            continue
        value = words.get(word)
        if value is None:
            return None
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
    return float(total + current)


def _scale(word: str, scales: dict[str, float]) -> float:
    key = word.casefold()
    if key in scales:
        return scales[key]
    _w, _a, fr, en, _s, _c, _u, _t = _vocabulary()
    return en.get(key) or fr.get(key) or 1.0


_DECIMAL_COMMA = ("fr", "de", "es", "it", "pt", "nl")  # languages that write 1,87 for 1.87 and 1.200 for 1200
_THOUSANDS_DOTS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # "1.200 emplois", "250.000 Elektroautos"
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")


def _parse(digits: str, language_code: str) -> float | None:
    compact = re.sub(r"[ \u00a0\u202f]", "", digits)
    if language_code in _DECIMAL_COMMA and _THOUSANDS_DOTS.fullmatch(compact):
        compact = compact.replace(".", "")  # a dot before three digits groups thousands in French, never decimals
    locale = language_code if language_code in ("fr", "en", "de", "es", "it") else "en"
    try:
        return float(parse_decimal(compact, locale=locale, strict=False))
    except (NumberFormatError, InvalidOperation, ValueError):
        try:
            return float(Decimal(compact.replace(",", ".")))
        except InvalidOperation:
            return None


_VERSION_BEFORE = re.compile(r"(?:[A-Za-z][\w]*[\s-]|[A-Z]-?)$")  # "Llama 3", "GPT-4", "iPhone 17", "H100"


def _not_a_figure(sentence: str, match: re.Match[str], number: _Number) -> bool:
    """A year, a time, a version, an ordinal, a list number, a score, an age, a day of the month."""
    text = match.group(0)
    before = sentence[max(0, match.start() - 12):match.start()]
    after = sentence[match.end():match.end() + 12]
    if match.group("digits"):
        digits = match.group("digits")
        if re.fullmatch(r"(?:19|20)\d\d", digits) and not (match.group("short") or match.group("scale") or match.group("glued")) \
                and not re.match(r"\s?(?:%|€|\$|£)", after):
            return True  # a year
        if re.match(r"^[:h]\d", after) or re.search(r"\d[:h]$", before) or re.match(r"^(?:er|e|ème|st|nd|rd|th)\b", after):
            return True  # a time, an ordinal
        if re.search(r"[A-Za-z][\w]*[\s-]$", before) and _is_version(before) and not match.group("short") \
                and not match.group("scale") and not match.group("glued"):
            return True
        if re.match(r"^\s?[-–]\s?\d", after) or re.search(r"\d\s?[-–]\s?$", before):
            return True  # a score, a range of days ("6-0", "Jan. 14-27")
        if re.match(r"^\s*,", after) and re.search(r"[A-Za-zÀ-ÿ]\s*,\s*$", before) and number.value < 120:
            return True  # "Wang, 28, built Scale": an age
        if match.start() == 0 and re.match(r"^[.)]\s", after):
            return True  # "1. Spending keeps rising": a list number
    if number.in_words and re.match(r"^\s?(?:of|d['’]entre|des\s)", after, re.IGNORECASE) and not number.scaled:
        return True  # "one of them", "deux des modèles"
    return text.casefold() in ("une", "un", "one") and not number.scaled


def _is_version(before: str) -> bool:
    """The word before a number is a product's name ("Llama 3", "GPT-4", "H100"), not an article or a verb."""
    word = re.findall(r"[A-Za-z][\w]*", before)[-1] if re.findall(r"[A-Za-z][\w]*", before) else ""
    return bool(word) and (word[0].isupper() or word.isupper()) and word.casefold() not in _function_words() \
        and not any(is_common_word(word, code, ("adv", "adj")) for code in ("fr", "en"))  # "Around 3,000", "Environ 10"


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(union("FUNCTION_WORDS"))


def _head_noun(phrase: str, language_code: str) -> tuple[str, int]:
    """The counted thing, and where it ends in the phrase: "experts"; "construction jobs", "games overall" -> "jobs",
    "games" (English: the plural, else the last word); "salles de nouvelles", "emplois directs" -> the first word
    (French); a unit in capitals as written ("GB")."""
    if phrase.strip().isupper() and len(phrase.split()) == 1:
        return phrase.strip(), len(phrase.rstrip())
    run: list[re.Match[str]] = []
    for word in re.finditer(r"[^\s,.;:]+", phrase):
        text = word.group(0)
        if text[:1].isupper() or text[:1].isdigit():
            if run:
                break
            continue  # "100,000 NVIDIA H100 accelerators": a name before the counted thing
        if text.casefold() in _function_words():
            break  # the counted thing stops at the first function word: "3,600 people, as it…"
        run.append(word)
    if not run:
        return "", 0
    if language_code == "fr":
        head = run[0]
    else:
        head = next((w for w in reversed(run) if re.search(r"[^s]s$", w.group(0))), run[-1])
    return head.group(0).casefold(), head.end()


def _norm(unit: str) -> str:
    return re.sub(r"\s+", " ", unit.casefold())


# --- a language without word lists ---------------------------------------------------------------------------------

_UNIT_SYMBOLS = {"GWh": "GWh", "MWh": "MWh", "kWh": "kWh", "TWh": "TWh", "GW": "GW", "MW": "MW", "kW": "kW",
                 "km": "km", "kg": "kg", "t": "t", "ha": "ha", "m²": "m²", "%": "percent"}


@functools.cache
def _any_language_pattern(language_code: str) -> tuple[re.Pattern[str], dict[str, float], dict[str, str]]:
    """Figures any language writes the same way, with the words Babel (CLDR) knows for that language: the scale
    words of its long compact numbers ("Milliarden", "millones") and its currency names ("Euro", "dólares")."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_currency_name

    scales: dict[str, float] = {}
    currencies: dict[str, str] = {symbol: code for symbol, code in _SYMBOLS.items()}
    try:
        locale = Locale.parse(language_code)
        for patterns in locale.compact_decimal_formats.get("long", {}).values():
            for magnitude, pattern in patterns.items():
                zeros = re.search(r"0+", pattern.pattern)
                word = re.sub(r"[0#.,\s]+", " ", pattern.pattern).strip()
                if zeros and word:
                    scales[word.casefold()] = int(magnitude) / 10 ** (len(zeros.group(0)) - 1)
        for code in ("EUR", "USD", "GBP", "CHF", "CNY", "JPY"):
            for count in (1, 2):
                currencies[get_currency_name(code, count=count, locale=locale).casefold()] = code
            currencies[code.casefold()] = code
    except (UnknownLocaleError, ValueError):
        pass
    symbols = alternation(tuple(_UNIT_SYMBOLS))
    pattern = re.compile(
        rf"(?:(?P<before>[$€£¥])\s?)?(?<![\w.,])(?P<digits>{_DIGITS})(?:\s(?P<scale>{alternation(tuple(scales))}))?"
        rf"(?:\s?(?:[^\W\d_]{{1,3}}\s)?(?:(?P<after>{alternation(tuple(currencies))})|(?P<unit>{symbols}))(?![\w]))?",
        re.IGNORECASE)  # "2.100 millones de euros": a short word may come between
    return pattern, scales, currencies


def _figures_in_any_language(block: Block, language_code: str) -> list[Figure]:
    """Amounts, percentages and measures written with digits and a symbol, a currency or a unit: what can be read
    in a language the project has no word lists for. A bare number (a year, a count of something unnamed) is not
    one."""
    pattern, scales, currencies = _any_language_pattern(language_code)
    figures = []
    for match in pattern.finditer(block.text):
        currency = match.group("before") or match.group("after")
        unit = match.group("unit")
        if not (currency or unit):
            continue
        value = _parse(match.group("digits"), language_code)
        if value is None:
            continue
        if match.group("scale"):
            value *= scales.get(match.group("scale").casefold(), 1.0)
        if currency:
            kind, unit_code = "money", currencies.get(currency.casefold(), _SYMBOLS.get(currency))
        else:
            kind, unit_code = ("percent", "percent") if unit == "%" else ("count", _UNIT_SYMBOLS[unit])
        figures.append(Figure(text=match.group(0).strip(), value=value, unit=unit_code, block_id=block.id, kind=kind,
                              noun=unit if kind == "count" else None,
                              decimals=_decimals(match.group("digits"), language_code)))
    return figures


__all__ = ["find_figures"]
