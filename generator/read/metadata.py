"""Metadata inference: outlet, publication date, language, slug.

Front matter and HTML metadata win; otherwise the source address and the furniture speak. Month names come
from babel's locale data rather than a hand-kept table, so any language babel knows parses.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from urllib.parse import urlsplit

from babel.dates import get_month_names
from slugify import slugify

_URL_DATE = (
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"),
)
SLUG_MAX = 60


def outlet_from_url(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    return host or None


def date_from_url(url: str) -> str | None:
    path = urlsplit(url).path
    for pattern in _URL_DATE:
        for match in pattern.finditer(path):
            found = _date(*match.groups())
            if found:
                return found
    return None


def date_from_text(text: str) -> str | None:
    """A dateline such as "Publié le 3 mars 2025", "March 3, 2025", "03/04/2025" (day first) or "2025-03-04"."""
    if match := re.search(r"(\d{4})-(\d{2})-(\d{2})", text):
        return _date(*match.groups())
    if match := re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return _date(match.group(3), match.group(2), match.group(1))
    months = _month_numbers()
    if match := re.search(r"(\d{1,2})(?:er)?\s+([^\W\d_]+)\.?\s+(\d{4})", text):
        month = months.get(match.group(2).casefold())
        return _date(match.group(3), str(month), match.group(1)) if month else None
    if match := re.search(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text):
        month = months.get(match.group(1).casefold())
        return _date(match.group(3), str(month), match.group(2)) if month else None
    return None


def normalise_date(value: object) -> str | None:
    """Front matter dates arrive as date objects or strings in many shapes."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return date_from_text(value.strip())
    return None


@functools.cache
def _month_numbers() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("fr", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.casefold().rstrip(".")] = number
    return names


def _date(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


@functools.cache
def _identifier():
    # py3langid loads its model on first use (about a second); one shared instance does it once.
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str, default: str = "fr") -> str:
    sample = text[:600]  # a paragraph tells the language; the model's cost grows with the text
    if len(sample.split()) < 3:
        return default
    language, _probability = _identifier().classify(sample)
    return language


def slug_for(title: str) -> str:
    # An apostrophe separates words ("l’IA" is "l-ia", not "lia").
    return slugify(title, max_length=SLUG_MAX, word_boundary=True, replacements=[["’", " "], ["'", " "]]) or "article"


def allocate_slugs(wanted: list[tuple[str, str, str]]) -> dict[str, str]:
    """Give each article a unique slug, stable as the corpus grows.

    `wanted` is (source path, wanted slug, published date or ""). When several articles want the same slug,
    the earliest published (then the first by path) keeps it and the others get a suffix derived from their
    own source path, never from a counter: adding an article never changes an older article's URL.
    """
    by_slug: dict[str, list[tuple[str, str]]] = {}
    for source, slug, published in wanted:
        by_slug.setdefault(slug, []).append((published or "9999", source))
    slugs: dict[str, str] = {}
    for slug, claimants in by_slug.items():
        claimants.sort()
        for rank, (_published, source) in enumerate(claimants):
            slugs[source] = slug if rank == 0 else f"{slug}-{hashlib.sha1(source.encode()).hexdigest()[:6]}"
    return slugs
